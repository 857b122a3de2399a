//! Reading posts: REST JSON (one object, arrays, NDJSON, streamed), WXR exports, saved HTML
//! pages and WARC crawls (their charset decoded first).

pub(crate) mod charset;
pub(crate) mod html;
pub(crate) mod json;
pub(crate) mod open;
pub(crate) mod page;
pub(crate) mod raw;
pub(crate) mod rest;
mod skip;
pub(crate) mod warc;
pub(crate) mod warc_pages;
pub(crate) mod wxr;

use crate::error::{Error, Location};
use crate::input::rest::Post;
pub use skip::SkipReason;

/// One record read from an export: a post to clean, something that is not a post (skipped,
/// with the reason), or a post that could not be read.
#[derive(Debug)]
#[non_exhaustive]
pub enum Record {
    /// A post, with where it was found.
    Post {
        /// The post.
        post: Box<Post>,
        /// File, index, id and byte offset of the post.
        location: Location,
    },
    /// Not a post (a user, a term, an attachment, a comment…): counted, not cleaned.
    Skipped {
        /// Where it was found.
        location: Location,
        /// What it was.
        reason: SkipReason,
    },
    /// A post that could not be read. Reading goes on with the next one.
    Failed(Error),
}

impl Record {
    /// Does the work a reader leaves to its caller's workers: a saved page (an HTML file, a
    /// WARC record) is read here, decoded, parsed and its post located, not in the reader,
    /// so that a batch of records can be prepared in parallel. Any other record is left as
    /// it is. [`Extractor::extract`](crate::Extractor::extract) and
    /// [`Extractor::skip_reason`](crate::Extractor::skip_reason) read an unprepared page
    /// themselves, so this is only a matter of where the work runs.
    pub fn prepare(&mut self) {
        self.prepare_within(&crate::Limits::default());
    }

    /// [`Record::prepare`], a page parsed within `limits` (what
    /// [`Extractor::prepare`](crate::Extractor::prepare) does with the extractor's).
    pub fn prepare_within(&mut self, limits: &crate::Limits) {
        if let Record::Post { post, location } = self
            && post.is_unread()
        {
            let read = std::mem::take(&mut **post).read_within(limits);
            location.id = read.id;
            **post = read;
        }
    }
}

/// A source of [`Record`]s; every reader of an export implements it.
pub trait RecordReader: Iterator<Item = Record> {
    /// Bytes consumed from the underlying input so far (for progress reporting).
    fn bytes_read(&self) -> u64;
}
