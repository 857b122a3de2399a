//! A saved page's metadata: the `<head>` (canonical, shortlink, REST link, Open Graph and
//! `article:` properties), its JSON-LD (the article node, read in [`super::ld`]), and the
//! theme's entry markup inside the post's scope (`entry-title`, `time.entry-date`, the
//! byline, `rel="category tag"` links); where these give no published date, the other places
//! of `dates.rs`.

use serde_json::Value;

use super::ld::LdArticle;
use super::text_of;
use crate::dom::Tag;
use crate::dom::tree::{Data, Document, Element, NodeId};

/// What the page says about its post, each field from the most reliable place that has it.
#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) struct PageMeta {
    /// `html[lang]`.
    pub language: Option<String>,
    /// `link rel=canonical`.
    pub canonical: Option<String>,
    /// The REST link (`link rel=alternate type=application/json href=…/wp/v2/posts/N`).
    pub rest_url: Option<String>,
    /// The post id the REST link names.
    pub rest_id: Option<u64>,
    /// The post id of the shortlink (`?p=N`).
    pub shortlink_id: Option<u64>,
    /// The title, from the entry markup, JSON-LD, Open Graph or `<title>`.
    pub title: Option<String>,
    /// Published and modified, as written (ISO 8601).
    pub published: Option<String>,
    /// Last modified, as written.
    pub modified: Option<String>,
    /// The author's display name.
    pub author: Option<String>,
    /// Category names.
    pub categories: Vec<String>,
    /// Tag names.
    pub tags: Vec<String>,
    /// The featured image's URL.
    pub image: Option<String>,
    /// `og:site_name`, else JSON-LD's `WebSite` name.
    pub site_name: Option<String>,
    /// The JSON-LD blocks, parsed (FAQ entries are read from them later).
    pub json_ld: Vec<Value>,
    /// JSON-LD that did not parse.
    pub warnings: Vec<String>,
}

/// Reads the metadata of the page `doc`, the post's scope being `scope` (or the located
/// body when there is no `post-N` element).
pub(crate) fn read(
    doc: &Document,
    scope: Option<NodeId>,
    id: Option<u64>,
    listing: bool,
) -> PageMeta {
    let head = Head::read(doc);
    let ld = LdArticle::read(&head.meta.json_ld);
    // A listing's entry titles are its posts': its own title is the page's.
    let entry = if listing {
        Entry::default()
    } else {
        Entry::read(doc, scope)
    };
    let mut meta = head.meta;
    meta.title = entry
        .title
        .or(ld.headline)
        .or_else(|| {
            head.og_title
                .map(|t| strip_site(&t, meta.site_name.as_deref()))
        })
        .or_else(|| {
            head.title_tag
                .map(|t| strip_site(&t, meta.site_name.as_deref()))
        })
        .filter(|t| !t.is_empty());
    meta.published = meta
        .published
        .or(ld.published)
        .or(entry.published)
        .or(head.other_published);
    if meta.published.is_none() && !listing {
        meta.published = super::dates::published_anywhere(doc, id).or_else(|| {
            let title = meta.title.as_deref()?;
            super::dates::near_title(doc, title)
        });
    }
    meta.modified = meta.modified.or(ld.modified).or(entry.modified);
    meta.author = ld
        .author
        .or(entry.author)
        .or(head.twitter_author)
        .or(head.meta_author);
    meta.categories = first_nonempty([entry.categories, ld.sections, head.section]);
    meta.tags = first_nonempty([entry.tags, head.article_tags, ld.keywords]);
    meta.image = ld.image.or(meta.image);
    meta.site_name = meta.site_name.or(ld.site_name);
    meta
}

/// What the page's `<html>`, `<link>`, `<meta>`, `<title>` and JSON-LD scripts say: the
/// fields they alone give are set in `meta`, the others kept aside to be weighed against
/// the JSON-LD and the entry markup.
#[derive(Default)]
struct Head {
    meta: PageMeta,
    other_published: Option<String>,
    og_title: Option<String>,
    title_tag: Option<String>,
    meta_author: Option<String>,
    twitter_author: Option<String>,
    /// Whether the last `twitter:label1` was "Written by" (its `twitter:data1` is the author).
    written_by: bool,
    section: Vec<String>,
    article_tags: Vec<String>,
}

impl Head {
    fn read(doc: &Document) -> Head {
        let mut head = Head::default();
        for n in doc.descendants(NodeId::ROOT) {
            let Some(el) = doc.element(n) else { continue };
            match el.tag {
                Tag::Html => {
                    head.meta.language = el
                        .attr("lang")
                        .map(|l| l.trim().to_string())
                        .filter(|l| !l.is_empty());
                }
                Tag::Link => head.link(el),
                Tag::Meta => head.meta_tag(el),
                Tag::Title if head.title_tag.is_none() => head.title_tag = Some(text_of(doc, n)),
                Tag::Script
                    if el
                        .attr("type")
                        .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json")) =>
                {
                    head.json_ld(doc, n);
                }
                _ => {}
            }
        }
        head
    }

    /// `link rel=canonical`, `rel=shortlink` and the REST link.
    fn link(&mut self, el: &Element) {
        let meta = &mut self.meta;
        let rel = el.attr("rel").unwrap_or("").to_ascii_lowercase();
        let href = el.attr("href").map(str::trim).filter(|h| !h.is_empty());
        let rels: Vec<&str> = rel.split_ascii_whitespace().collect();
        if rels.contains(&"canonical") && meta.canonical.is_none() {
            meta.canonical = href.map(str::to_string);
        } else if rels.contains(&"shortlink") {
            meta.shortlink_id = href.and_then(shortlink_id);
        } else if rels.contains(&"alternate")
            && el.attr("type").is_some_and(|t| t.contains("json"))
            && let Some(h) = href
            && let Some(id) = rest_id(h)
        {
            meta.rest_url = Some(h.to_string());
            meta.rest_id = Some(id);
        }
    }

    /// A `<meta>` with a `property` or `name` and a non-empty `content`.
    fn meta_tag(&mut self, el: &Element) {
        let key = el
            .attr("property")
            .or_else(|| el.attr("name"))
            .unwrap_or("");
        let value = el.attr("content").map(str::trim).filter(|v| !v.is_empty());
        let Some(value) = value else { return };
        let meta = &mut self.meta;
        match key.to_ascii_lowercase().as_str() {
            "og:title" => self.og_title = Some(value.to_string()),
            "og:site_name" => meta.site_name = Some(value.to_string()),
            "og:image" if meta.image.is_none() => meta.image = Some(value.to_string()),
            "article:published_time" => meta.published = Some(value.to_string()),
            "article:modified_time" => meta.modified = Some(value.to_string()),
            "article:section" => self.section.push(value.to_string()),
            "article:tag" => self.article_tags.push(value.to_string()),
            "author" => self.meta_author = Some(value.to_string()),
            "twitter:data1" if self.written_by => self.twitter_author = Some(value.to_string()),
            "twitter:label1" => self.written_by = value.eq_ignore_ascii_case("written by"),
            other if self.other_published.is_none() => {
                self.other_published = super::dates::from_meta(other, value);
            }
            _ => {}
        }
    }

    /// A `<script type="application/ld+json">`, parsed, or a warning when it does not parse.
    fn json_ld(&mut self, doc: &Document, n: NodeId) {
        let text: String = doc
            .children(n)
            .filter_map(|c| match &doc.node(c).data {
                Data::Text(t) => Some(&**t),
                _ => None,
            })
            .collect();
        match serde_json::from_str::<Value>(text.trim()) {
            Ok(v) => self.meta.json_ld.push(v),
            Err(e) => self
                .meta
                .warnings
                .push(format!("unreadable JSON-LD in the page: {e}")),
        }
    }
}

fn first_nonempty<const N: usize>(lists: [Vec<String>; N]) -> Vec<String> {
    lists
        .into_iter()
        .find(|l| !l.is_empty())
        .unwrap_or_default()
}

/// `https://example.com/?p=123` → 123.
fn shortlink_id(href: &str) -> Option<u64> {
    let (_, query) = href.split_once('?')?;
    query
        .split('&')
        .find_map(|kv| {
            kv.strip_prefix("p=")
                .or_else(|| kv.strip_prefix("page_id="))
        })
        .and_then(|n| n.parse().ok())
}

/// `…/wp-json/wp/v2/posts/123` (or `?rest_route=/wp/v2/pages/123`) → 123.
fn rest_id(href: &str) -> Option<u64> {
    let at = href.find("/wp/v2/")?;
    let rest = &href[at + "/wp/v2/".len()..];
    let (_, tail) = rest.split_once('/')?;
    let digits: String = tail.chars().take_while(char::is_ascii_digit).collect();
    let after = tail[digits.len()..].chars().next();
    if digits.is_empty() || after.is_some_and(|c| !matches!(c, '/' | '?' | '&' | '#')) {
        return None;
    }
    digits.parse().ok()
}

/// A title without the site's name that `<title>` and `og:title` often append.
fn strip_site(title: &str, site: Option<&str>) -> String {
    let title = crate::text::collapse(title);
    for sep in [" | ", " - ", " – ", " — ", " :: ", " · ", " » "] {
        if let Some((head, tail)) = title.rsplit_once(sep)
            && (site.is_some_and(|s| tail.trim().eq_ignore_ascii_case(s.trim()))
                || (site.is_none() && tail.split_whitespace().count() <= 4))
            && !head.trim().is_empty()
        {
            return head.trim().to_string();
        }
    }
    title
}

/// The theme's entry markup inside the post's scope.
#[derive(Default)]
struct Entry {
    title: Option<String>,
    published: Option<String>,
    modified: Option<String>,
    author: Option<String>,
    categories: Vec<String>,
    tags: Vec<String>,
}

impl Entry {
    fn read(doc: &Document, scope: Option<NodeId>) -> Entry {
        let mut scan = EntryScan {
            doc,
            scope,
            entry: Entry::default(),
            h1: Vec::new(),
            text_date: None,
            text_modified: None,
        };
        for n in doc.descendants(scope.unwrap_or(NodeId::ROOT)) {
            let Some(el) = doc.element(n) else { continue };
            let class = el.attr("class").unwrap_or("");
            scan.element(n, el, class, ClassSays::of(class));
        }
        let mut e = scan.entry;
        e.published = e.published.or(scan.text_date);
        e.modified = e.modified.or(scan.text_modified);
        if e.title.is_none() && scan.h1.len() == 1 {
            e.title = Some(text_of(doc, scan.h1[0])).filter(|t| !t.is_empty());
        }
        e
    }
}

/// The walk of [`Entry::read`]: what each element of the scope says, in document order.
struct EntryScan<'d> {
    doc: &'d Document,
    scope: Option<NodeId>,
    entry: Entry,
    /// Every `<h1>`: the title when there is one and no entry title.
    h1: Vec<NodeId>,
    /// Dates written as text, used when no `<time datetime>` gives them.
    text_date: Option<String>,
    text_modified: Option<String>,
}

impl EntryScan<'_> {
    /// Every check on the element `n` with the class attribute `class`, which says
    /// `says`, in the order they were always made (the first of each field found wins).
    fn element(&mut self, n: NodeId, el: &Element, class: &str, says: ClassSays) {
        if self.entry.title.is_none() && says.title && (self.scope.is_some() || heading(&el.tag)) {
            self.entry.title = Some(text_of(self.doc, n)).filter(|t| !t.is_empty());
        }
        if el.tag == Tag::H1 {
            self.h1.push(n);
        }
        if el.tag == Tag::Time
            && let Some(dt) = el.attr("datetime").map(str::trim).filter(|d| !d.is_empty())
        {
            self.time(n, dt, says);
        }
        if self.text_date.is_none()
            && (el.tag == Tag::Time
                || class.split_ascii_whitespace().any(dated_class)
                || starts_byline(self.doc, n))
        {
            self.text_dates(n);
        }
        if self.entry.author.is_none() && ((says.author && says.vcard) || says.author_class) {
            self.byline_author(n);
        }
        if el.tag == Tag::A
            && self.entry.author.is_none()
            && (el
                .attr("rel")
                .is_some_and(|r| r.split_ascii_whitespace().any(|r| r == "author"))
                || el.attr("href").is_some_and(is_author_page))
        {
            let name = text_of(self.doc, n);
            if !name.is_empty() && name.split_whitespace().count() <= 6 {
                self.entry.author = Some(name);
            }
        }
        if el.tag == Tag::A && self.scope.is_some() {
            self.term_link(n, el);
        }
    }

    /// A `<time datetime>`: the modified date when it says so, else the published one.
    fn time(&mut self, n: NodeId, datetime: &str, says: ClassSays) {
        let e = &mut self.entry;
        if says.updated || super::dates::says_updated(self.doc, n) {
            e.modified.get_or_insert_with(|| datetime.to_string());
        } else if e.published.is_none() && (says.published || self.scope.is_some()) {
            e.published = Some(datetime.to_string());
        }
    }

    /// A short date line's text, read as a date.
    fn text_dates(&mut self, n: NodeId) {
        let text = text_of(self.doc, n);
        if text.split_whitespace().count() <= 16 {
            // "Updated March 5, 2025" is the modified date, not the published one.
            if super::dates::says_updated(self.doc, n) {
                if self.text_modified.is_none() {
                    self.text_modified = crate::date::from_text(&text);
                }
            } else {
                self.text_date = crate::date::from_text(&text);
            }
        }
    }

    /// A byline element: the name in its `.fn` or first link, else its whole text.
    fn byline_author(&mut self, n: NodeId) {
        let doc = self.doc;
        let name = doc
            .descendants(n)
            .find(|&c| {
                doc.element(c)
                    .is_some_and(|c| c.has_class("fn") || c.tag == Tag::A)
            })
            .map(|c| text_of(doc, c))
            .unwrap_or_else(|| text_of(doc, n));
        let name = name
            .trim_start_matches("by ")
            .trim_start_matches("By ")
            .trim()
            .to_string();
        if !name.is_empty() && name.split_whitespace().count() <= 6 {
            self.entry.author = Some(name);
        }
    }

    /// A `rel="category"` or `rel="tag"` link of the post's scope.
    fn term_link(&mut self, n: NodeId, el: &Element) {
        let rel = el.attr("rel").unwrap_or("");
        let rels: Vec<&str> = rel.split_ascii_whitespace().collect();
        let name = || text_of(self.doc, n);
        if rels.contains(&"category") {
            push_unique(&mut self.entry.categories, name());
        } else if rels.contains(&"tag") {
            push_unique(&mut self.entry.tags, name());
        }
    }
}

/// What an element's class words say to [`EntryScan`], read in one pass over them.
#[derive(Debug, Default, Clone, Copy)]
struct ClassSays {
    /// `entry-title`, `wp-block-post-title` or `post-title`.
    title: bool,
    /// `updated` or `modified` (on a `<time>`: the modified date).
    updated: bool,
    /// `published` or `entry-date` (on a `<time>`: the published date).
    published: bool,
    author: bool,
    vcard: bool,
    /// One of [`AUTHOR_CLASSES`].
    author_class: bool,
}

impl ClassSays {
    fn of(class: &str) -> ClassSays {
        let mut says = ClassSays::default();
        for word in class.split_ascii_whitespace() {
            match word {
                "entry-title" | "wp-block-post-title" | "post-title" => says.title = true,
                "updated" | "modified" => says.updated = true,
                "published" | "entry-date" => says.published = true,
                "author" => says.author = true,
                "vcard" => says.vcard = true,
                _ if AUTHOR_CLASSES.contains(&word) => says.author_class = true,
                _ => {}
            }
        }
        says
    }
}

/// Whether the class word `word` holds `date`, `meta` or `posted-on` (found from their
/// first letters: class words are too short for a substring searcher to pay for its set-up).
fn dated_class(word: &str) -> bool {
    let bytes = word.as_bytes();
    (0..bytes.len()).any(|i| {
        let rest = &bytes[i..];
        match rest[0] {
            b'd' => rest.starts_with(b"date"),
            b'm' => rest.starts_with(b"meta"),
            b'p' => rest.starts_with(b"posted-on"),
            _ => false,
        }
    })
}

/// Whether an element's first text is a byline's "By".
fn starts_byline(doc: &Document, n: NodeId) -> bool {
    doc.descendants(n)
        .find_map(|c| doc.node(c).text().filter(|t| !t.trim().is_empty()))
        .is_some_and(|t| {
            let t = t.trim_start();
            t.starts_with("By ") || t.starts_with("by ") || t == "By" || t == "by"
        })
}

/// Classes themes and builders put around the author's name.
const AUTHOR_CLASSES: &[&str] = &[
    "wp-block-post-author-name",
    "byline",
    "author-name",
    "post-author",
    "post-author-name",
    "entry-author",
    "author__name",
    "td-post-author-name",
    "tdb-author-name",
    "elementor-post-info__item--type-author",
    "meta-author",
];

/// A WordPress author archive link (`/author/jane/`), or a team page's (`/authors/jane`).
fn is_author_page(href: &str) -> bool {
    href.contains("/author/") || href.contains("/authors/")
}

fn heading(tag: &Tag) -> bool {
    matches!(tag, Tag::H1 | Tag::H2)
}

fn push_unique(list: &mut Vec<String>, s: String) {
    if !s.is_empty() && !list.contains(&s) {
        list.push(s);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_read_from_the_shortlink_and_the_rest_link() {
        assert_eq!(shortlink_id("https://example.com/?p=4122"), Some(4122));
        assert_eq!(shortlink_id("https://example.com/?page_id=12"), Some(12));
        assert_eq!(shortlink_id("https://example.com/about/"), None);
        assert_eq!(
            rest_id("https://example.com/wp-json/wp/v2/posts/4122"),
            Some(4122)
        );
        assert_eq!(
            rest_id("https://example.com/?rest_route=/wp/v2/pages/12"),
            Some(12)
        );
        assert_eq!(
            rest_id("https://example.com/wp-json/wp/v2/posts/12abc"),
            None
        );
        assert_eq!(
            rest_id("https://example.com/wp-json/wp/v2/categories"),
            None
        );
    }

    #[test]
    fn the_site_name_is_taken_off_a_title() {
        assert_eq!(
            strip_site("Best Espresso | Coffee Site", Some("Coffee Site")),
            "Best Espresso"
        );
        assert_eq!(strip_site("Best Espresso - Home", None), "Best Espresso");
        assert_eq!(
            strip_site(
                "A - B: the long road to a very long subtitle here",
                Some("X")
            ),
            "A - B: the long road to a very long subtitle here"
        );
    }
}
