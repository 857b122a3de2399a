//! Why a record is not cleaned.

use std::fmt;

use crate::article::PageKind;

/// Why a record is not cleaned: what a reader met that is not a post or a page, or a post
/// the options do not publish ([`Extractor::skip_reason`](crate::Extractor::skip_reason)).
/// Its text (`Display`) is what the command line counts and lists.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SkipReason {
    /// A record of a type that holds no page (`warcinfo`, `request`, `metadata`, `revisit`,
    /// `resource`, `conversion`, `continuation`), lower case.
    RecordType(String),
    /// A response record without an HTTP response in it (`dns:` lookups, for example).
    NotHttp,
    /// An HTTP status other than 200.
    Status(u16),
    /// A payload that is not HTML: its media type, or `unknown` when it names none and does
    /// not look like HTML.
    NotHtml(String),
    /// A payload in a content coding there is no decoder for (`zstd`, `compress`).
    Encoding(String),
    /// An HTML response with an empty payload.
    Empty,
    /// JSON that is valid but not a WordPress post (a user, a term…): what it is.
    NotAPost(String),
    /// A WXR item of a post type that is not cleaned (`attachment`, `nav_menu_item`…).
    PostType(String),
    /// A WXR item without a `wp:post_type`.
    NoPostType,
    /// A post whose status the options do not publish: the status, trimmed and lower case
    /// (empty when the post gives none).
    PostStatus(String),
    /// A saved page that is not an article (a category archive, the home page…), while the
    /// options publish articles only.
    PageKind(PageKind),
}

impl fmt::Display for SkipReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SkipReason::RecordType(t) => write!(f, "WARC {t} record"),
            SkipReason::NotHttp => f.write_str("WARC response record without an HTTP response"),
            SkipReason::Status(s) => write!(f, "HTTP status {s}"),
            SkipReason::NotHtml(t) => write!(f, "non-HTML payload ({t})"),
            SkipReason::Encoding(c) => write!(f, "payload in an unsupported encoding ({c})"),
            SkipReason::Empty => f.write_str("empty HTML payload"),
            SkipReason::NotAPost(what) => f.write_str(what),
            SkipReason::PostType(t) => write!(f, "post type {t:?}"),
            SkipReason::NoPostType => f.write_str("item without a wp:post_type"),
            SkipReason::PostStatus(s) => write!(f, "status {s}"),
            SkipReason::PageKind(k) => write!(f, "page kind: {}", k.name()),
        }
    }
}
