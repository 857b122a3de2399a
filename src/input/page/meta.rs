//! A saved page's metadata: the `<head>` (canonical, shortlink, REST link, Open Graph and
//! `article:` properties), its JSON-LD (Yoast's and Rank Math's `@graph`, with nodes
//! referenced by `@id`), and the theme's entry markup inside the post's scope (`entry-title`,
//! `time.entry-date`, the byline, `rel="category tag"` links); where these give no published
//! date, the other places of `dates.rs`.

use serde_json::Value;

use super::text_of;
use crate::dom::Tag;
use crate::dom::tree::{Data, Document, NodeId};
use crate::jsonld::is_type;

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
    let mut meta = PageMeta::default();
    let mut other_published = None;
    let mut og_title = None;
    let mut title_tag = None;
    let mut meta_author = None;
    let mut twitter_author = None;
    let mut written_by = false;
    let mut section = Vec::new();
    let mut article_tags = Vec::new();
    for n in doc.descendants(NodeId::ROOT) {
        let Some(el) = doc.element(n) else { continue };
        match el.tag {
            Tag::Html => {
                meta.language = el
                    .attr("lang")
                    .map(|l| l.trim().to_string())
                    .filter(|l| !l.is_empty());
            }
            Tag::Link => {
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
            Tag::Meta => {
                let key = el
                    .attr("property")
                    .or_else(|| el.attr("name"))
                    .unwrap_or("");
                let value = el.attr("content").map(str::trim).filter(|v| !v.is_empty());
                let Some(value) = value else { continue };
                match key.to_ascii_lowercase().as_str() {
                    "og:title" => og_title = Some(value.to_string()),
                    "og:site_name" => meta.site_name = Some(value.to_string()),
                    "og:image" if meta.image.is_none() => meta.image = Some(value.to_string()),
                    "article:published_time" => meta.published = Some(value.to_string()),
                    "article:modified_time" => meta.modified = Some(value.to_string()),
                    "article:section" => section.push(value.to_string()),
                    "article:tag" => article_tags.push(value.to_string()),
                    "author" => meta_author = Some(value.to_string()),
                    "twitter:data1" if written_by => twitter_author = Some(value.to_string()),
                    "twitter:label1" => written_by = value.eq_ignore_ascii_case("written by"),
                    other if other_published.is_none() => {
                        other_published = super::dates::from_meta(other, value);
                    }
                    _ => {}
                }
            }
            Tag::Title if title_tag.is_none() => title_tag = Some(text_of(doc, n)),
            Tag::Script
                if el
                    .attr("type")
                    .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json")) =>
            {
                let text: String = doc
                    .children(n)
                    .filter_map(|c| match &doc.node(c).data {
                        Data::Text(t) => Some(&**t),
                        _ => None,
                    })
                    .collect();
                match serde_json::from_str::<Value>(text.trim()) {
                    Ok(v) => meta.json_ld.push(v),
                    Err(e) => meta
                        .warnings
                        .push(format!("unreadable JSON-LD in the page: {e}")),
                }
            }
            _ => {}
        }
    }
    let ld = LdArticle::read(&meta.json_ld);
    // A listing's entry titles are its posts': its own title is the page's.
    let entry = if listing {
        Entry::default()
    } else {
        Entry::read(doc, scope)
    };
    meta.title = entry
        .title
        .or(ld.headline)
        .or_else(|| og_title.map(|t| strip_site(&t, meta.site_name.as_deref())))
        .or_else(|| title_tag.map(|t| strip_site(&t, meta.site_name.as_deref())))
        .filter(|t| !t.is_empty());
    meta.published = meta
        .published
        .or(ld.published)
        .or(entry.published)
        .or(other_published);
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
        .or(twitter_author)
        .or(meta_author);
    meta.categories = first_nonempty([entry.categories, ld.sections, section]);
    meta.tags = first_nonempty([entry.tags, article_tags, ld.keywords]);
    meta.image = ld.image.or(meta.image);
    meta.site_name = meta.site_name.or(ld.site_name);
    meta
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
        let mut e = Entry::default();
        let root = scope.unwrap_or(NodeId::ROOT);
        let mut h1 = Vec::new();
        let mut text_date = None;
        let mut text_modified = None;
        // The class words of the element at hand, split once for the many checks below.
        let mut words: Vec<&str> = Vec::new();
        for n in doc.descendants(root) {
            let Some(el) = doc.element(n) else { continue };
            let class = el.attr("class").unwrap_or("");
            words.clear();
            words.extend(class.split_ascii_whitespace());
            let has = |c: &str| words.contains(&c);
            if e.title.is_none()
                && (has("entry-title") || has("wp-block-post-title") || has("post-title"))
                && (scope.is_some() || heading(&el.tag))
            {
                e.title = Some(text_of(doc, n)).filter(|t| !t.is_empty());
            }
            if el.tag == Tag::H1 {
                h1.push(n);
            }
            if el.tag == Tag::Time
                && let Some(dt) = el.attr("datetime").map(str::trim).filter(|d| !d.is_empty())
            {
                if has("updated") || has("modified") || super::dates::says_updated(doc, n) {
                    e.modified.get_or_insert_with(|| dt.to_string());
                } else if e.published.is_none()
                    && (has("published") || has("entry-date") || scope.is_some())
                {
                    e.published = Some(dt.to_string());
                }
            }
            if text_date.is_none()
                && (el.tag == Tag::Time
                    || words.iter().any(|c| {
                        c.contains("date") || c.contains("posted-on") || c.contains("meta")
                    })
                    || starts_byline(doc, n))
            {
                let text = text_of(doc, n);
                if text.split_whitespace().count() <= 16 {
                    // "Updated March 5, 2025" is the modified date, not the published one.
                    if super::dates::says_updated(doc, n) {
                        if text_modified.is_none() {
                            text_modified = crate::date::from_text(&text);
                        }
                    } else {
                        text_date = crate::date::from_text(&text);
                    }
                }
            }
            if e.author.is_none()
                && ((has("author") && has("vcard")) || AUTHOR_CLASSES.iter().any(|c| has(c)))
            {
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
                    e.author = Some(name);
                }
            }
            if el.tag == Tag::A
                && e.author.is_none()
                && (el
                    .attr("rel")
                    .is_some_and(|r| r.split_ascii_whitespace().any(|r| r == "author"))
                    || el.attr("href").is_some_and(is_author_page))
            {
                let name = text_of(doc, n);
                if !name.is_empty() && name.split_whitespace().count() <= 6 {
                    e.author = Some(name);
                }
            }
            if el.tag == Tag::A && scope.is_some() {
                let rel = el.attr("rel").unwrap_or("");
                let rels: Vec<&str> = rel.split_ascii_whitespace().collect();
                let name = || text_of(doc, n);
                if rels.contains(&"category") {
                    push_unique(&mut e.categories, name());
                } else if rels.contains(&"tag") {
                    push_unique(&mut e.tags, name());
                }
            }
        }
        e.published = e.published.or(text_date);
        e.modified = e.modified.or(text_modified);
        if e.title.is_none() && h1.len() == 1 {
            e.title = Some(text_of(doc, h1[0])).filter(|t| !t.is_empty());
        }
        e
    }
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

/// The article node of the page's JSON-LD, and what it references.
#[derive(Default)]
struct LdArticle {
    headline: Option<String>,
    published: Option<String>,
    modified: Option<String>,
    author: Option<String>,
    sections: Vec<String>,
    keywords: Vec<String>,
    image: Option<String>,
    site_name: Option<String>,
}

const ARTICLE_TYPES: &[&str] = &[
    "Article",
    "BlogPosting",
    "NewsArticle",
    "TechArticle",
    "Report",
    "ScholarlyArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "ReviewNewsArticle",
    "Recipe",
    "HowTo",
    "MedicalWebPage",
];

impl LdArticle {
    fn read(blocks: &[Value]) -> LdArticle {
        let mut nodes: Vec<&Value> = Vec::new();
        for b in blocks {
            collect_nodes(b, &mut nodes, 0);
        }
        let by_id = |id: &str| {
            nodes
                .iter()
                .copied()
                .find(|n| n.get("@id").and_then(Value::as_str) == Some(id))
        };
        let resolve = |v: &'_ Value| -> Option<Value> {
            match v.get("@id").and_then(Value::as_str) {
                Some(id) if v.as_object().is_some_and(|o| o.len() == 1) => by_id(id).cloned(),
                _ => Some(v.clone()),
            }
        };
        let mut a = LdArticle::default();
        let article = nodes
            .iter()
            .copied()
            .find(|n| ARTICLE_TYPES.iter().any(|t| is_type(n, t)))
            .or_else(|| nodes.iter().copied().find(|n| is_type(n, "WebPage")));
        if let Some(art) = article {
            a.headline = str_field(art, "headline").or_else(|| {
                (!is_type(art, "WebPage"))
                    .then(|| str_field(art, "name"))
                    .flatten()
            });
            a.published = str_field(art, "datePublished");
            a.modified = str_field(art, "dateModified");
            a.author = art.get("author").and_then(|au| {
                let first = match au {
                    Value::Array(x) => x.first()?,
                    v => v,
                };
                match first {
                    Value::String(s) => Some(s.trim().to_string()),
                    v => str_field(&resolve(v)?, "name"),
                }
            });
            a.sections = strings(art.get("articleSection"));
            a.keywords = strings(art.get("keywords"));
            a.image = art.get("image").and_then(|i| {
                let i = match i {
                    Value::Array(x) => x.first()?,
                    v => v,
                };
                match i {
                    Value::String(s) => Some(s.clone()),
                    v => {
                        let v = resolve(v)?;
                        str_field(&v, "url").or_else(|| str_field(&v, "contentUrl"))
                    }
                }
            });
            if a.published.is_none()
                && let Some(page) = art.get("isPartOf").and_then(resolve)
            {
                a.published = str_field(&page, "datePublished");
                a.modified = a.modified.or_else(|| str_field(&page, "dateModified"));
            }
        }
        a.site_name = nodes
            .iter()
            .find(|n| is_type(n, "WebSite"))
            .and_then(|n| str_field(n, "name"));
        a
    }
}

/// Every object node of a JSON-LD block (`@graph` members, arrays), bounded in depth.
fn collect_nodes<'a>(v: &'a Value, out: &mut Vec<&'a Value>, depth: usize) {
    if depth > 8 || out.len() > 10_000 {
        return;
    }
    match v {
        Value::Array(a) => a.iter().for_each(|x| collect_nodes(x, out, depth + 1)),
        Value::Object(o) => {
            out.push(v);
            if let Some(g) = o.get("@graph") {
                collect_nodes(g, out, depth + 1);
            }
        }
        _ => {}
    }
}

fn str_field(v: &Value, key: &str) -> Option<String> {
    v.get(key)
        .and_then(Value::as_str)
        .map(crate::text::html_to_text)
        .filter(|s| !s.is_empty())
}

/// A string or a list of strings (`keywords` may also be one comma-separated string).
fn strings(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::String(s)) => s
            .split(',')
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect(),
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(Value::as_str)
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect(),
        _ => Vec::new(),
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
