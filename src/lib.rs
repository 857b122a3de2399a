//! # wpclean
//!
//! Turns WordPress posts into clean, structured articles: ad containers, table-of-contents
//! widgets, share bars, related-post boxes, forms and hidden elements are removed, and the
//! article comes back as data: metadata, headings with anchors, FAQ entries, tables, links,
//! images, lists, sections, plain text, Markdown and cleaned HTML.
//!
//! ```
//! let json = r#"{
//!   "id": 1, "type": "post", "link": "https://example.com/hello/",
//!   "title": {"rendered": "Hello &amp; welcome"},
//!   "content": {"rendered": "<ins class=\"adsbygoogle\"></ins><h2 id=\"intro\">Intro</h2><p>Body text.</p>"}
//! }"#;
//! let article = wpclean::extract_json(json, &wpclean::Options::default())?;
//! assert_eq!(article.title, "Hello & welcome");
//! assert_eq!(article.headings[0].anchor.as_deref(), Some("intro"));
//! assert_eq!(article.text, "Intro\n\nBody text.");
//! assert!(!article.html.contains("adsbygoogle"));
//! # Ok::<(), wpclean::Error>(())
//! ```
//!
//! For many posts, build an [`Extractor`] once and reuse it: it compiles the rules once.
//!
//! ## What goes in
//!
//! - **REST API JSON** (`/wp-json/wp/v2/posts`, pages, custom types): one post with
//!   [`Post::from_json`] or [`extract_json`]; whole files (an object, arrays of posts,
//!   NDJSON) streamed post by post with [`open_path`] and [`open_reader`].
//! - **WXR exports** (WordPress's Tools → Export), through the same readers, which tell the
//!   formats apart from the first bytes ([`InputFormat`]) and read them gzipped too. WXR holds
//!   the raw `post_content`: it is rendered as WordPress renders it (paragraphs, shortcodes,
//!   blocks) before it is cleaned. No DTD or external entity is ever expanded.
//! - **Saved pages** (a WordPress page as the site served it, theme and all), with
//!   [`Post::from_page`] or [`Post::from_page_bytes`] (any charset), or as `.html` files:
//!   the post is found with WordPress's own markers, and its metadata and comments are read
//!   from the page ([`PageInfo`], [`Comment`]).
//! - **WARC crawls** (`.warc`, `.warc.gz`) through the same readers: each HTML response
//!   record is read as a saved page, and says where it came from ([`WarcSource`]).
//! - **A bare post body** as HTML, with [`Post::from_html`].
//!
//! Every reader yields [`Record`]s: a post, an item that is not one (a user, an attachment…,
//! with the reason), or a post that could not be read (an [`Error`] with file, index, id and
//! byte offset); reading goes on after a failure.
//!
//! ```
//! use wpclean::{Extractor, InputFormat, Limits, Options, Record};
//!
//! let wxr = r#"<?xml version="1.0"?>
//! <rss xmlns:content="http://purl.org/rss/1.0/modules/content/"
//!      xmlns:wp="http://wordpress.org/export/1.2/"><channel>
//!   <item><title>Frost</title><link>https://example.com/frost/</link>
//!     <content:encoded><![CDATA[Beans went in on Saturday.
//!
//! A late frost is still possible.]]></content:encoded>
//!     <wp:post_id>101</wp:post_id><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
//!   </item>
//! </channel></rss>"#;
//! let reader = wpclean::open_reader(Box::new(wxr.as_bytes()), None, InputFormat::Auto,
//!     Limits::default().max_post_bytes)?;
//! let extractor = Extractor::new(&Options::default())?;
//! for record in reader {
//!     if let Record::Post { post, .. } = record {
//!         let article = extractor.extract(&post);
//!         assert_eq!(article.id, Some(101));
//!         assert_eq!(article.text, "Beans went in on Saturday.\n\nA late frost is still possible.");
//!     }
//! }
//! # Ok::<(), wpclean::Error>(())
//! ```
//!
//! ## What comes out
//!
//! - An [`Article`] per post, whose fields are the command's JSON output (`wpclean schema
//!   article` prints their JSON Schema; the `schema` feature derives `schemars::JsonSchema`).
//! - **Search records**: [`records`] cuts an article into [`IndexRecord`]s, one per section,
//!   FAQ entry and table, with stable ids and anchored URLs ([`RecordOptions`] splits long
//!   ones), ready for Elasticsearch, OpenSearch, Meilisearch or Typesense.
//! - **The embedded index** (the `index` feature, on by default): [`SearchIndex`] keeps
//!   records on disk and searches them, in any language, with nothing else to install;
//!   indexing a post again replaces its records, and an older copy never replaces a newer one.
//! - **Arrow record batches** of articles and records (the `arrow` feature): `wpclean::arrow`.
//!
//! ## Features
//!
//! `cli` (default) builds the `wpclean` command; `index` (default) the search index; `schema`
//! the JSON Schema derives; `arrow` the record batches; `parquet` the command's
//! `--format parquet`. `default-features = false` is the bare library.
//!
//! The README (`README.md` in the repository, also the crate's page on crates.io) has the
//! rest: the command line and each option, the output schema field by field, the rules and
//! what each group removes, the limits on hostile input, the Python package, and the
//! measurements.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

#[cfg(feature = "arrow")]
pub mod arrow;
mod article;
mod clean;
mod date;
mod dom;
mod error;
mod extract;
mod extractor;
mod href;
#[cfg(feature = "index")]
mod index;
mod input;
mod jsonld;
mod limits;
mod options;
mod records;
mod render;
mod rules;
mod safety;
mod text;

pub use article::{
    Article, Author, Comment, FaqEntry, FoundBy, Heading, Image, Link, List, PageInfo, PageKind,
    Removal, Section, Table, Term, WarcSource,
};
pub use error::{Error, ErrorKind, Location, Result, Unit};
#[doc(hidden)]
pub use extractor::engine_properties;
pub use extractor::{Extractor, extract_json};
#[cfg(feature = "index")]
pub use index::{Hit, IndexWriter, SearchIndex, SearchOptions, SearchResults, Upsert};
pub use input::open::{
    InputFormat, OpenOptions, open_path, open_path_with, open_reader, open_reader_with,
};
pub use input::rest::{ContentFormat, Post};
pub use input::{Record, RecordReader};
pub use limits::Limits;
pub use options::Options;
pub use records::{IndexRecord, RecordOptions, records};
pub use rules::{RuleAction, RuleContext, RuleGroup, RuleGroups, RuleGuard, RuleMatch, RuleRow};

/// Not part of the API (hidden, may change): the WARC reader, for its fuzz target and the
/// throughput example (`examples/warc_read.rs`) until the page stage gives it a public form.
#[doc(hidden)]
pub use input::SkipReason;
pub use input::warc::{WarcItem, WarcPage, WarcReader};

/// Not part of the API (hidden, may change): raw `post_content` rendered the way WordPress
/// renders it, for the comparison with WordPress itself (`examples/render_raw.rs`,
/// `tests/it/wpautop.rs`).
#[doc(hidden)]
pub use input::raw::render_raw;

/// Not part of the API (hidden, may change): whether `html` (a whole page when `document`,
/// else a post's content) gives the same tree with html5ever's own tokenizer as with the
/// one wpclean puts in front of html5ever's tree builder; the error shows where the trees
/// differ. For the corpus test and the `tokenizers` fuzz target.
#[doc(hidden)]
pub fn tokenizers_agree(html: &str, document: bool) -> std::result::Result<(), String> {
    dom::reference::tokenizers_agree(html, document)
}

/// The README's examples, compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
