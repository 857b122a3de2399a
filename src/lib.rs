//! # wpclean
//!
//! Turns WordPress posts (REST API JSON) into clean, structured articles: ad containers,
//! table-of-contents widgets, share bars, related-post boxes, forms and hidden elements are
//! removed, and the article comes back as data: metadata, headings with anchors, FAQ
//! entries, tables, links, images, lists, sections, plain text, Markdown and cleaned HTML.
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
mod limits;
mod options;
mod records;
mod render;
mod rules;
mod safety;
mod text;

pub use article::{
    Article, Author, FaqEntry, Heading, Image, Link, List, Removal, Section, Table, Term,
};
pub use error::{Error, ErrorKind, Location, Result};
#[doc(hidden)]
pub use extractor::engine_properties;
pub use extractor::{Extractor, extract_json};
#[cfg(feature = "index")]
pub use index::{Hit, IndexWriter, SearchIndex, SearchOptions, SearchResults, Upsert};
pub use input::open::{InputFormat, open_path, open_reader};
pub use input::rest::{ContentFormat, Post};
pub use input::{Record, RecordReader};
pub use limits::Limits;
pub use options::{Options, RuleGroup};
pub use records::{IndexRecord, RecordOptions, records};
pub use rules::{RuleAction, RuleContext, RuleGuard, RuleMatch, RuleRow};

/// Not part of the API (hidden, may change): raw `post_content` rendered the way WordPress
/// renders it, for the comparison with WordPress itself (`examples/render_raw.rs`,
/// `tests/wpautop.rs`).
#[doc(hidden)]
pub use input::raw::render_raw;

/// The README's examples, compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
