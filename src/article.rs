//! The clean article and its parts. Everything is owned data with serde support, so an
//! `Article` can be written as JSON and read back.

use serde::{Deserialize, Serialize};

/// A cleaned WordPress post: metadata, structure, and the text in three renderings.
///
/// The JSON field names are a stable contract (see the README's schema).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default)]
#[non_exhaustive]
pub struct Article {
    /// The post's WordPress id.
    pub id: Option<u64>,
    /// The post type: `post`, `page`, or a custom type.
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// `publish`, `draft`, …
    pub status: Option<String>,
    /// The URL slug.
    pub slug: Option<String>,
    /// The post's permalink (`link`); the base for resolving relative links.
    pub url: Option<String>,
    /// The title as plain text, entities decoded.
    pub title: String,
    /// Publication date in the site's time zone, ISO 8601 to the second
    /// (`2025-02-01T08:37:27`), whether the export wrote a `T` (REST) or a space (WXR).
    pub date: Option<String>,
    /// Publication date in UTC (`2025-02-01T07:37:27Z`); `None` for drafts (WordPress's
    /// `0000-00-00 00:00:00`).
    pub date_gmt: Option<String>,
    /// Last modification date in the site's time zone (`2025-02-03T10:00:00`).
    pub modified: Option<String>,
    /// Last modification date in UTC (`2025-02-03T09:00:00Z`).
    pub modified_gmt: Option<String>,
    /// The excerpt as plain text, without the `[…]` marker and "read more" links.
    pub excerpt: String,
    /// The author, when known.
    pub author: Option<Author>,
    /// Categories (id, and slug or name where the export tells them).
    pub categories: Vec<Term>,
    /// Tags (id, and slug or name where the export tells them).
    pub tags: Vec<Term>,
    /// The featured image, when the export embeds it.
    pub featured_image: Option<Image>,
    /// Headings in document order.
    pub headings: Vec<Heading>,
    /// Question and answer pairs found in FAQ markup or FAQPage JSON-LD.
    pub faq: Vec<FaqEntry>,
    /// Tables with spans expanded.
    pub tables: Vec<Table>,
    /// Content links (no in-page or table-of-contents links).
    pub links: Vec<Link>,
    /// Content images, with the real source behind lazy-loading attributes.
    pub images: Vec<Image>,
    /// Lists (top-level `ul`/`ol`; nested items are flattened into their own entries).
    pub lists: Vec<List>,
    /// The article split at its headings, one record per section.
    pub sections: Vec<Section>,
    /// Block-aware plain text.
    pub text: String,
    /// GitHub-flavoured Markdown.
    pub markdown: String,
    /// The cleaned HTML.
    pub html: String,
    /// How many elements each cleaning rule removed (only rules that removed something).
    pub removed: Vec<Removal>,
    /// Non-fatal oddities met while cleaning this post.
    pub warnings: Vec<String>,
    /// The post's comments, for an article read from a saved page (never in `text`,
    /// `markdown` or the search records).
    pub comments: Vec<Comment>,
    /// Where and how the article was found, for one read from a saved page or a WARC
    /// record; `None` for REST and WXR posts.
    pub page: Option<PageInfo>,
}

/// A comment on the post, read from the page's comment thread.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default)]
#[non_exhaustive]
pub struct Comment {
    /// The comment's id (`comment-N`).
    pub id: u64,
    /// The id of the comment it replies to.
    pub parent: Option<u64>,
    /// The commenter's display name.
    pub author: Option<String>,
    /// When it was written, in the site's time zone (`2025-02-01T08:37:27`).
    pub date: Option<String>,
    /// Its text (paragraphs separated by blank lines).
    pub text: String,
}

/// The kind of a saved page, from WordPress's body classes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum PageKind {
    /// A single post of any type (`single`, `postid-N`).
    #[serde(rename = "single post")]
    Single,
    /// A static page (`page`, `page-id-N`).
    #[serde(rename = "page")]
    Page,
    /// An attachment's page.
    #[serde(rename = "attachment page")]
    Attachment,
    /// A category archive.
    #[serde(rename = "category archive")]
    Category,
    /// A tag archive.
    #[serde(rename = "tag archive")]
    Tag,
    /// An author's archive.
    #[serde(rename = "author archive")]
    Author,
    /// A date archive.
    #[serde(rename = "date archive")]
    Date,
    /// Another archive (a custom taxonomy, a post type's archive).
    #[serde(rename = "archive")]
    Archive,
    /// Search results.
    #[serde(rename = "search results")]
    Search,
    /// The blog index, or a front page listing posts.
    #[serde(rename = "blog index")]
    Home,
    /// "Not found" (`error404`).
    #[serde(rename = "not found")]
    NotFound,
    /// No WordPress body classes.
    #[default]
    #[serde(rename = "unknown")]
    Unknown,
}

impl PageKind {
    /// The kind in words, as the JSON writes it (`category archive`).
    pub fn name(self) -> &'static str {
        match self {
            PageKind::Single => "single post",
            PageKind::Page => "page",
            PageKind::Attachment => "attachment page",
            PageKind::Category => "category archive",
            PageKind::Tag => "tag archive",
            PageKind::Author => "author archive",
            PageKind::Date => "date archive",
            PageKind::Archive => "archive",
            PageKind::Search => "search results",
            PageKind::Home => "blog index",
            PageKind::NotFound => "not found",
            PageKind::Unknown => "unknown",
        }
    }

    /// Whether a page of this kind shows one article (a post or a page), not a list of
    /// them, an attachment or an error. A page without WordPress's body classes is given
    /// the benefit of the doubt.
    pub fn is_article(self) -> bool {
        matches!(self, PageKind::Single | PageKind::Page | PageKind::Unknown)
    }
}

/// How the post was found in a saved page.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum FoundBy {
    /// A content container inside the element marked with the post's `post-N` class.
    Marker,
    /// A theme's or page builder's content container, without a post marker around it.
    Container,
    /// The scorer: no marker or known container held the article (a custom theme).
    #[default]
    Scorer,
}

impl FoundBy {
    /// The method in words, as the JSON writes it.
    pub fn name(self) -> &'static str {
        match self {
            FoundBy::Marker => "marker",
            FoundBy::Container => "container",
            FoundBy::Scorer => "scorer",
        }
    }
}

/// Where and how an article read from a saved page was found.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default)]
#[non_exhaustive]
pub struct PageInfo {
    /// The kind of page (`single post`, `page`, `category archive`…).
    pub kind: PageKind,
    /// How the post was found: `marker`, `container` or `scorer`.
    pub found_by: FoundBy,
    /// The content container (`entry-content`, `elementor-widget-theme-post-content`…), or
    /// the element the scorer chose (`main#content`).
    pub container: String,
    /// The theme, from the body's `wp-theme-{slug}` class.
    pub theme: Option<String>,
    /// The page's canonical URL (`link rel=canonical`).
    pub canonical: Option<String>,
    /// The post's REST API URL (`link rel=alternate type=application/json`).
    pub rest_url: Option<String>,
    /// The page's language (`html[lang]`).
    pub language: Option<String>,
    /// The site's name (`og:site_name`, JSON-LD `WebSite`).
    pub site_name: Option<String>,
    /// The character encoding the page was decoded from (`UTF-8`, `Shift_JIS`…).
    pub encoding: Option<String>,
    /// The WARC record the page came from, for a page read from a crawl.
    pub warc: Option<WarcSource>,
}

/// The WARC record a page came from: enough to fetch it again.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default)]
#[non_exhaustive]
pub struct WarcSource {
    /// The WARC file.
    pub file: Option<String>,
    /// `WARC-Record-ID`.
    pub record_id: Option<String>,
    /// The record's byte offset in the file (of its gzip member in a `.warc.gz`).
    pub offset: u64,
    /// The record's length in the file (compressed, in a `.warc.gz`).
    pub length: u64,
    /// The HTTP status of the response.
    pub status: u16,
    /// When it was fetched (`WARC-Date`).
    pub fetched: Option<String>,
}

/// A post's author.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default)]
#[non_exhaustive]
pub struct Author {
    /// The user id.
    pub id: Option<u64>,
    /// Display name, when embedded in the export.
    pub name: Option<String>,
    /// The user's slug (nicename), when known.
    pub slug: Option<String>,
}

/// A category or tag.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default)]
#[non_exhaustive]
pub struct Term {
    /// The term id.
    pub id: Option<u64>,
    /// The slug (nicename).
    pub slug: Option<String>,
    /// The display name, entities decoded.
    pub name: Option<String>,
}

/// A heading of the article.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default)]
#[non_exhaustive]
pub struct Heading {
    /// 1 to 6.
    pub level: u8,
    /// Plain text.
    pub text: String,
    /// The id to link to (`link#anchor`): the heading's own id, or the one a table-of-contents
    /// plugin put inside it. Unique within the article.
    pub anchor: Option<String>,
}

/// One question of an FAQ with its answer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default)]
#[non_exhaustive]
pub struct FaqEntry {
    /// The question, plain text.
    pub question: String,
    /// The answer, plain text (paragraphs separated by blank lines).
    pub answer: String,
    /// The anchor of the question's heading, when it has one.
    pub anchor: Option<String>,
}

/// A table, with row and column spans expanded.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default)]
#[non_exhaustive]
pub struct Table {
    /// The `caption` (or the `figcaption` of a table block).
    pub caption: Option<String>,
    /// Header cells, from `thead` or a first row made only of `th` cells. Empty if none.
    pub header: Vec<String>,
    /// Body rows, each a list of cell texts.
    pub rows: Vec<Vec<String>>,
}

/// A link in the article body.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default)]
#[non_exhaustive]
pub struct Link {
    /// Absolute `http(s)`, `mailto` or `tel` URL, resolved against the post's `link` as a
    /// browser resolves it (WHATWG URL parsing) and written in that parser's canonical form:
    /// scheme and host in lower case, IDN hosts in punycode, non-ASCII characters of the path
    /// percent-encoded, credentials (`user:pass@`) left out.
    pub href: String,
    /// The link text.
    pub text: String,
    /// The `rel` tokens, lower-cased (`nofollow`, `noopener`, `sponsored`, `ugc`, …).
    pub rel: Vec<String>,
    /// The `target` attribute, when given.
    pub target: Option<String>,
    /// Whether the link points to the post's own site: the host a browser would connect to
    /// is the post's, a leading `www.` and a trailing dot aside (scheme and port do not count).
    pub internal: bool,
}

/// An image in the article body (or the featured image).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default)]
#[non_exhaustive]
pub struct Image {
    /// Absolute URL of the real image (lazy-loading placeholders resolved), written as
    /// [`Link::href`] is; relative only in a post without a `link` to resolve it against.
    pub src: String,
    /// Alternative text.
    pub alt: String,
    /// The `figcaption` (or `[caption]`), plain text.
    pub caption: Option<String>,
    /// Width in pixels, when given.
    pub width: Option<u32>,
    /// Height in pixels, when given.
    pub height: Option<u32>,
}

/// A list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default)]
#[non_exhaustive]
pub struct List {
    /// `ol` (true) or `ul` (false).
    pub ordered: bool,
    /// Item texts, in order; items of nested lists follow their parent item.
    pub items: Vec<String>,
}

/// A piece of the article between two headings, ready to be indexed as one record.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default)]
#[non_exhaustive]
pub struct Section {
    /// The headings above and including this section's heading, outermost first
    /// (empty for the text before the first heading).
    pub path: Vec<String>,
    /// This section's heading level (0 for the text before the first heading).
    pub level: u8,
    /// The anchor of this section's heading.
    pub anchor: Option<String>,
    /// `link#anchor`, or the post's link when the section has no anchor.
    pub url: Option<String>,
    /// The section's plain text, without its heading.
    pub text: String,
}

/// How many elements one cleaning rule removed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default)]
#[non_exhaustive]
pub struct Removal {
    /// The rule group (`ads`, `toc`, `social`, `related`, `forms`, `hidden`, `boilerplate`,
    /// `scripts`, `custom`).
    pub group: String,
    /// The rule's name (`adsense`, `easy-toc`, …).
    pub rule: String,
    /// Elements removed (each a whole subtree; unwrapped elements count too).
    pub count: u32,
}

/// Adds an FAQ entry unless it has no question or no answer, or its question (case and
/// spacing aside) is already there.
pub(crate) fn push_faq_entry(entries: &mut Vec<FaqEntry>, e: FaqEntry) {
    if e.question.is_empty() || e.answer.trim().is_empty() {
        return;
    }
    let key = normalise(&e.question);
    if !entries.iter().any(|x| normalise(&x.question) == key) {
        entries.push(e);
    }
}

fn normalise(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}
