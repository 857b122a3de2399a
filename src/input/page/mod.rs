//! Whole saved pages: the post found in the page with WordPress's own markers, its
//! metadata and comments read from the page, and its body handed to the same passes as a
//! REST post's `content.rendered`.
//!
//! The stages, in the order they run: the body classes ([`markers`]) give the page kind,
//! the post id and the theme; the page is measured with its furniture left out
//! ([`measure`]); the post is located ([`locate`]): the `post-N` scope, the theme's content
//! container ([`containers`]), or the scorer; the metadata ([`meta`]) and the comments
//! ([`comments`]) are read; what only pages hold inside the post (the comment thread, post
//! navigation, share and related boxes) is cut, and the rest is written out as the body.

mod comments;
mod containers;
mod dates;
mod ld;
mod locate;
mod markers;
mod measure;
mod meta;

use crate::article::{Author, Image, PageInfo, PageKind, Term};
use crate::dom::Tag;
use crate::dom::fragment::Fragment;
use crate::dom::sink::{Attrs, parse_document_within};
use crate::dom::tree::{Data, Document, NodeId};
use crate::input::rest::Post;
use crate::limits::Limits;

/// Whether `bytes` start like a whole HTML document (a doctype, or an `<html>`, `<head>`
/// or `<body>` tag, after white space, a byte-order mark and comments), not a fragment.
pub(crate) fn is_document(bytes: &[u8]) -> bool {
    let mut rest = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    loop {
        rest = rest.trim_ascii_start();
        if rest.starts_with(b"<!--") {
            match memchr::memmem::find(rest, b"-->") {
                Some(end) => rest = &rest[end + 3..],
                None => return false,
            }
            continue;
        }
        break;
    }
    let head: Vec<u8> = rest.iter().take(14).map(u8::to_ascii_lowercase).collect();
    let tag = |t: &[u8]| {
        head.starts_with(t)
            && head
                .get(t.len())
                .is_none_or(|&b| b == b'>' || b.is_ascii_whitespace() || b == b'/')
    };
    if head.starts_with(b"<!doctype html") || tag(b"<html") || tag(b"<head") || tag(b"<body") {
        return true;
    }
    // Something injected before the doctype (a script a proxy or plugin adds): the
    // document's own start comes soon after.
    let window = &rest[..rest.len().min(4 << 10)];
    let lower = window.to_ascii_lowercase();
    memchr::memmem::find(&lower, b"<!doctype html").is_some()
        || memchr::memmem::find_iter(&lower, b"<html").any(|i| {
            lower
                .get(i + 5)
                .is_none_or(|&b| b == b'>' || b.is_ascii_whitespace())
        })
}

/// A page's post body as parsed with the page (a [`Fragment`], which may go to another
/// worker), with a fingerprint of the HTML written from it: a caller who edits a post's
/// `content_html` gets that parsed anew.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ParsedBody {
    fragment: Fragment,
    len: usize,
    hash: u64,
}

impl ParsedBody {
    fn of(fragment: Fragment, content: &str) -> ParsedBody {
        ParsedBody {
            fragment,
            len: content.len(),
            hash: fingerprint(content),
        }
    }

    /// The parsed body, if `content` is still the HTML it was written as.
    pub(crate) fn into_fragment_for(self, content: &str) -> Option<Fragment> {
        (content.len() == self.len && fingerprint(content) == self.hash).then_some(self.fragment)
    }
}

fn fingerprint(content: &str) -> u64 {
    use std::hash::{BuildHasher, BuildHasherDefault};
    BuildHasherDefault::<rustc_hash::FxHasher>::default().hash_one(content)
}

/// A saved page as a reader found it, to be read on a worker ([`UnreadPage::read`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct UnreadPage {
    /// The page as it was served.
    pub bytes: Vec<u8>,
    /// Its address.
    pub url: Option<String>,
    /// The HTTP `Content-Type` it was served with (a WARC record's).
    pub content_type: Option<String>,
    /// The file it came from, for the slug of a page that names no address.
    pub file: Option<String>,
    /// The WARC record it came from.
    pub warc: Option<crate::article::WarcSource>,
    /// What the reader noticed (a truncated record, a header that lied).
    pub warnings: Vec<String>,
}

impl UnreadPage {
    /// A post holding this page, unread.
    pub(crate) fn into_post(self) -> Post {
        Post {
            link: self.url.clone(),
            unread: Some(Box::new(self)),
            ..Post::default()
        }
    }

    /// Reads the page into its post, parsing it within `limits`.
    pub(crate) fn read(self, limits: &Limits) -> Post {
        let mut post = read_page_bytes(
            &self.bytes,
            self.url.as_deref(),
            self.content_type.as_deref(),
            limits,
        );
        post.warnings.extend(self.warnings);
        if let Some(info) = post.page.as_mut() {
            info.warc = self.warc;
        }
        if self.file.is_some() || post.link.is_some() {
            post.slug = super::html::slug_of(post.link.as_deref())
                .or_else(|| self.file.as_deref().and_then(super::html::file_stem));
        }
        post
    }
}

/// Reads a saved page given as bytes (decoded first: see [`Post::from_page_bytes`]).
pub(crate) fn read_page_bytes(
    bytes: &[u8],
    url: Option<&str>,
    content_type: Option<&str>,
    limits: &Limits,
) -> Post {
    let decoded = super::charset::decode_html_from(bytes, content_type, url);
    let mut post = read_page(&decoded.text, url, Some(decoded.encoding.name()), limits);
    if let Some(w) = decoded.warning {
        post.warnings.push(w);
    }
    if decoded.had_errors {
        post.warnings.push(format!(
            "bytes that are not {} were replaced (U+FFFD)",
            decoded.encoding.name()
        ));
    }
    post
}

/// Reads a saved page as one post. `url` is the page's address (resolving relative links,
/// and the article's `url` when the page names no canonical URL of the same site);
/// `encoding` is the name of the encoding it was decoded from, for the article.
pub(crate) fn read_page(
    html: &str,
    url: Option<&str>,
    encoding: Option<&str>,
    limits: &Limits,
) -> Post {
    let mut warnings = Vec::new();
    let (mut doc, cut) = parse_document_within(html, Attrs::All, crate::limits::bounds(limits));
    let whole = cut.is_none();
    if let Some(cut) = cut {
        warnings.push(crate::limits::cut_warning(&cut, limits));
    }
    reveal_streamed(&mut doc);
    let body = doc
        .descendants(NodeId::ROOT)
        .find(|&n| doc.element(n).is_some_and(|e| e.tag == Tag::Body))
        .unwrap_or(NodeId::ROOT);
    let marks = markers::read(
        doc.element(body)
            .and_then(|e| e.attr("class"))
            .unwrap_or(""),
    );
    let measured = measure::PageMeasure::of(&doc);
    let located = locate::locate(&doc, &measured, body, marks.id);
    let meta = meta::read(&doc, located.scope, marks.id, !marks.kind.is_article());
    warnings.extend(meta.warnings.iter().cloned());
    if located.by == crate::article::FoundBy::Scorer && marks.kind.is_article() {
        warnings.push(format!(
            "no WordPress content container found: the article was chosen by the scorer ({})",
            located.container
        ));
    }
    let id = one_id(&marks, &meta, &mut warnings);

    let comments = comments::read(&doc);
    cut_page_parts(&mut doc, located.body, meta.title.as_deref());
    let mut content = String::with_capacity(html.len() / 4);
    crate::dom::write::write_html(&doc, located.body, &mut content);

    let link = choose_link(url, meta.canonical.as_deref());
    // A page cut by a limit is handed on as HTML only: its body's own parse says where.
    let parsed = whole.then(|| {
        Box::new(ParsedBody::of(
            Fragment::of(&doc, located.body, content.len()),
            &content,
        ))
    });
    let mut post = Post::from_html(content, link.as_deref());
    post.parsed = parsed;
    post.id = id;
    post.kind = marks.post_type.clone();
    post.status = None;
    post.comments = comments;
    post.warnings = warnings;
    fill_from_meta(&mut post, &meta);
    post.page = Some(Box::new(PageInfo {
        kind: marks.kind,
        found_by: located.by,
        container: located.container,
        theme: marks.theme,
        canonical: meta.canonical,
        rest_url: meta.rest_url,
        language: meta.language,
        site_name: meta.site_name,
        encoding: encoding.map(str::to_string),
        warc: None,
    }));
    post
}

/// One id, from the body classes, the REST link and the shortlink, which must agree (a
/// warning says when they do not). A listing's REST link names its term or author, not a
/// post.
fn one_id(
    marks: &markers::Markers,
    meta: &meta::PageMeta,
    warnings: &mut Vec<String>,
) -> Option<u64> {
    let rest_id = meta
        .rest_id
        .filter(|_| marks.kind.is_article() || marks.kind == PageKind::Attachment);
    let ids = [marks.id, rest_id, meta.shortlink_id];
    let id = ids.iter().flatten().copied().next();
    if let Some(first) = id
        && let Some(other) = ids.iter().flatten().find(|&&i| i != first)
    {
        warnings.push(format!(
            "the page names two post ids: {first} (used) and {other}"
        ));
    }
    id
}

/// The post's title, dates, author, terms, featured image and JSON-LD FAQ, from the page's
/// metadata.
fn fill_from_meta(post: &mut Post, meta: &meta::PageMeta) {
    let (date, date_gmt) = split_date(meta.published.as_deref());
    let (modified, modified_gmt) = split_date(meta.modified.as_deref());
    let mut schema_faq = Vec::new();
    for block in &meta.json_ld {
        crate::jsonld::faq(block, &mut schema_faq);
    }
    let term = |name: String| Term {
        name: Some(name),
        ..Term::default()
    };
    crate::dom::write::escape_html_text(meta.title.as_deref().unwrap_or(""), &mut post.title_html);
    post.date = date;
    post.date_gmt = date_gmt;
    post.modified = modified;
    post.modified_gmt = modified_gmt;
    post.author = meta.author.clone().map(|name| Author {
        name: Some(name),
        ..Author::default()
    });
    post.categories = meta.categories.iter().cloned().map(term).collect();
    post.tags = meta.tags.iter().cloned().map(term).collect();
    post.featured_image = meta.image.clone().map(|src| Image {
        src,
        ..Image::default()
    });
    post.schema_faq = schema_faq;
}

/// The article's URL: the canonical URL when it is on the same site as the address the
/// page was fetched from (it is the permalink, as REST's `link` is), else that address.
fn choose_link(url: Option<&str>, canonical: Option<&str>) -> Option<String> {
    let parse = |s: &str| url::Url::parse(s.trim()).ok();
    let given = url.and_then(parse);
    let canon = canonical
        .and_then(parse)
        .filter(|c| matches!(c.scheme(), "http" | "https"));
    match (given, canon) {
        (Some(g), Some(c)) if g.host_str() == c.host_str() => Some(c.to_string()),
        (None, Some(c)) => Some(c.to_string()),
        _ => url.map(str::to_string),
    }
}

/// A date as pages write it (`2025-02-01T08:37:27+01:00`) as the post's local date and,
/// when it carries an offset, its UTC date.
fn split_date(raw: Option<&str>) -> (Option<String>, Option<String>) {
    let Some(raw) = raw.map(str::trim) else {
        return (None, None);
    };
    let local = crate::date::local(raw).or_else(|| Some(raw.to_string()));
    // The offset comes after the day (`2025-02-01`, ten bytes): read from there only when that
    // is a character boundary (a date of a broken page may hold anything).
    let zoned = raw
        .get(10..)
        .is_some_and(|tail| !tail.is_empty() && (raw.ends_with('Z') || tail.contains(['+', '-'])));
    (local, zoned.then(|| crate::date::gmt(raw)).flatten())
}

/// Un-hides the parts a React server streamed (`<div hidden id="S:2">`, a Next.js front end
/// on a headless WordPress): a script of the page moves each into its placeholder at once,
/// so a reader sees them, and the post is often one of them.
fn reveal_streamed(doc: &mut Document) {
    let streamed: Vec<NodeId> = doc
        .descendants(NodeId::ROOT)
        .filter(|&n| {
            doc.element(n).is_some_and(|e| {
                e.tag == Tag::Div
                    && e.attr("hidden").is_some()
                    && e.attr("id").is_some_and(|id| {
                        id.strip_prefix("S:")
                            .is_some_and(|k| !k.is_empty() && k.bytes().all(|b| b.is_ascii_digit()))
                    })
            })
        })
        .collect();
    for n in streamed {
        if let Some(el) = doc.element_mut(n) {
            el.remove_attr("hidden");
        }
    }
}

/// Removes what only pages hold inside a post's content: the comment thread and its form,
/// post navigation, share and related-post boxes, "skip to content" links, and the title's
/// own heading (the article has it as its `title`).
fn cut_page_parts(doc: &mut Document, within: NodeId, title: Option<&str>) {
    let mut cut = Vec::new();
    let mut title_seen = false;
    let mut walk = doc.descendants(within);
    while let Some(n) = walk.next() {
        let Some(el) = doc.element(n) else { continue };
        if measure::is_page_part(el) {
            cut.push(n);
            walk.skip_children(n);
        } else if el.tag == Tag::H1 && !title_seen {
            title_seen = true;
            if title.is_some_and(|t| text_of(doc, n) == t) {
                cut.push(n);
                walk.skip_children(n);
                // A byline right under it ("By Jun Ito · 9 January 2025").
                if let Some(next) = doc.next_siblings(n).find(|&s| doc.element(s).is_some())
                    && is_byline(&text_of(doc, next))
                {
                    cut.push(next);
                }
            }
        }
    }
    for n in cut {
        doc.detach(n);
    }
}

/// A short line that names who wrote the post.
fn is_byline(text: &str) -> bool {
    let lower = text.to_lowercase();
    text.split_whitespace().count() <= 15
        && ["by ", "posted by", "written by", "von ", "par ", "por "]
            .iter()
            .any(|p| lower.starts_with(p))
}

/// The text of a subtree, white space collapsed (scripts and styles left out).
pub(crate) fn text_of(doc: &Document, root: NodeId) -> String {
    let mut out = String::new();
    let mut walk = doc.descendants(root);
    while let Some(n) = walk.next() {
        match &doc.node(n).data {
            Data::Text(t) => out.push_str(t),
            Data::Element(el) => {
                if matches!(
                    el.tag,
                    Tag::Script | Tag::Style | Tag::Template | Tag::Noscript
                ) {
                    walk.skip_children(n);
                } else if el.tag.is_block() || el.tag == Tag::Br {
                    out.push(' ');
                }
            }
            _ => {}
        }
    }
    crate::text::collapse(&out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_is_told_from_a_fragment_by_its_first_tag() {
        assert!(is_document(b"<!DOCTYPE html><html>"));
        assert!(is_document(b"\xEF\xBB\xBF  <!-- saved --> <html lang=en>"));
        assert!(is_document(b"<HEAD><title>x</title>"));
        assert!(is_document(b"<body class=\"single\">"));
        assert!(!is_document(b"<p>Hello</p>"));
        assert!(!is_document(b"<header>x</header>"));
        assert!(is_document(
            b"\n<script>var x = 1;</script>\n<!DOCTYPE html><html>"
        ));
        assert!(!is_document(
            b"<p>Write <code>&lt;html&gt;</code> first.</p>"
        ));
        assert!(!is_document(b"<?xml version=\"1.0\"?><rss>"));
        assert!(!is_document(b"{\"id\": 1}"));
    }

    #[test]
    fn a_date_cut_inside_a_character_is_read_without_a_panic() {
        // Byte 10 falls inside the second U+FFFD (three bytes, from 9 to 11).
        let raw = "2024-0\u{FFFD}\u{FFFD}3-02T08:00:00+00:00";
        let (local, utc) = split_date(Some(raw));
        assert_eq!(local.as_deref(), Some(raw));
        assert_eq!(utc, None);
    }

    #[test]
    fn a_date_with_an_offset_gives_both_local_and_utc() {
        assert_eq!(
            split_date(Some("2025-02-01T08:37:27+01:00")),
            (
                Some("2025-02-01T08:37:27".into()),
                Some("2025-02-01T07:37:27Z".into())
            )
        );
        assert_eq!(split_date(Some("2025-02-01")).1, None);
    }
}
