//! HTML inputs: a whole saved page (read by [`page`](super::page)), or a bare fragment,
//! which is cleaned as a post body. One input is one record.

use std::io::Read;

use super::page;
use super::{Record, RecordReader};
use crate::error::{Error, ErrorKind, Location};
use crate::input::rest::Post;

/// The warning every article cleaned from an HTML fragment carries.
pub(crate) const FRAGMENT_WARNING: &str = "cleaned as a bare post body: an HTML fragment has no post \
     metadata, and page furniture (header, navigation, sidebar) is not told apart from the article";

/// How an HTML input is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum HtmlMode {
    /// A whole document is a page, anything else a bare post body.
    Detect,
    /// Always a page.
    Page,
}

/// The reader of one HTML input: its one record.
pub(crate) struct HtmlReader {
    record: Option<Record>,
    bytes: u64,
}

impl HtmlReader {
    /// Reads all of `input` (at most `max_bytes`) as one HTML input named `name`, at the
    /// address `url`; `size_hint` is the size it is likely to have (a file's), which is
    /// allocated at once instead of doubling up to it.
    pub(crate) fn new(
        mut input: impl Read,
        name: Option<String>,
        url: Option<&str>,
        mode: HtmlMode,
        max_bytes: usize,
        size_hint: usize,
    ) -> HtmlReader {
        let mut location = Location::new().with_index(0).with_offset(0);
        location.file = name.clone();
        let mut bytes = Vec::with_capacity(size_hint.min(max_bytes.saturating_add(1)));
        let read = (&mut input)
            .take(max_bytes as u64 + 1)
            .read_to_end(&mut bytes);
        let len = bytes.len() as u64;
        let record = match read {
            Err(e) => Record::Failed(Error::new(ErrorKind::io(&e)).at(location)),
            Ok(_) if bytes.len() > max_bytes => Record::Failed(
                Error::new(ErrorKind::Limit(format!(
                    "the HTML input is larger than the limit max_post_bytes ({max_bytes} bytes)"
                )))
                .at(location),
            ),
            Ok(_) if is_binary(&bytes) => Record::Failed(
                Error::new(ErrorKind::NotAPost(
                    "binary data, not HTML (NUL bytes and no UTF-16 byte-order mark)".into(),
                ))
                .at(location),
            ),
            Ok(_) => {
                let post = read_html(bytes, name.as_deref(), url, mode);
                location.id = post.id;
                Record::Post {
                    post: Box::new(post),
                    location,
                }
            }
        };
        HtmlReader {
            bytes: len,
            record: Some(record),
        }
    }
}

impl Iterator for HtmlReader {
    type Item = Record;
    fn next(&mut self) -> Option<Record> {
        self.record.take()
    }
}

impl RecordReader for HtmlReader {
    fn bytes_read(&self) -> u64 {
        if self.record.is_some() { 0 } else { self.bytes }
    }
}

/// Whether `bytes` are binary data (an image or an archive saved as `.html`): NUL bytes in
/// the first 4 KiB of a file without a UTF-16 byte-order mark.
fn is_binary(bytes: &[u8]) -> bool {
    let utf16 = bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]);
    !utf16 && bytes[..bytes.len().min(4 << 10)].contains(&0)
}

/// One HTML input as a post: a page, or a fragment cleaned as a bare body (its slug from the
/// file name).
fn read_html(bytes: Vec<u8>, name: Option<&str>, url: Option<&str>, mode: HtmlMode) -> Post {
    if mode == HtmlMode::Page || page::is_document(&bytes) {
        return page::UnreadPage {
            bytes,
            url: url.map(str::to_string),
            file: name.map(str::to_string),
            ..page::UnreadPage::default()
        }
        .into_post();
    }
    let text = super::charset::decode_html_from(&bytes, None, url).text;
    let mut post = Post::from_html(text.into_owned(), url);
    post.slug = name.and_then(file_stem);
    post.warnings.push(FRAGMENT_WARNING.to_string());
    post
}

/// The last path segment of a post's URL (`/2024/05/my-post/` → `my-post`).
pub(crate) fn slug_of(link: Option<&str>) -> Option<String> {
    let url = url::Url::parse(link?).ok()?;
    let seg = url.path_segments()?.rev().find(|s| !s.is_empty())?;
    let seg = seg
        .strip_suffix(".html")
        .or_else(|| seg.strip_suffix(".htm"))
        .unwrap_or(seg);
    (!seg.is_empty() && seg != "index").then(|| seg.to_string())
}

/// A file's name without its directory and extensions (`.gz`, `.html`); for a mirror's
/// `slug/index.html`, the folder's name.
pub(crate) fn file_stem(name: &str) -> Option<String> {
    let mut parts = name.rsplit(['/', '\\']);
    let base = parts.next()?;
    if base.starts_with("index.") {
        return parts
            .next()
            .filter(|d| !d.is_empty() && *d != ".")
            .map(str::to_string);
    }
    let base = base.strip_suffix(".gz").unwrap_or(base);
    let stem = match base.rfind('.') {
        Some(i) if i > 0 => &base[..i],
        _ => base,
    };
    (!stem.is_empty() && stem != "-").then(|| stem.to_string())
}
