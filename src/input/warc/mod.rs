//! Streaming WARC reader: `.warc` and `.warc.gz` (one gzip member per record, or the whole
//! file as one member), told apart by the first bytes, read from any `BufRead` (standard
//! input included: nothing seeks).
//!
//! Response records whose HTTP payload is HTML and whose status is 200 become pages, with the
//! payload decoded (chunked, gzip, deflate, br). Every other record is skipped with its
//! reason, and a record that cannot be read fails alone:
//!
//! - Memory holds one record at a time, and a declared `Content-Length` is never trusted for
//!   an allocation: a page's block is read only as far as its bytes really come, and only up
//!   to `max_record_bytes`; of any other record only the first 64 KiB are held (its HTTP
//!   head, or the start of a record that follows a cut one), and the rest is read and
//!   dropped a buffer at a time. A page over the limit fails with an error naming the record,
//!   and is streamed past the same way (a 10 GB record costs time, not memory: the reader
//!   never seeks, so a file is streamed past just as standard input is). Where the input or
//!   the gzip member ends first, the record is cut short and reading goes on after it.
//! - A `Content-Length` that does not end at a record boundary: if another record starts
//!   inside the bytes read, they are given back and reading goes on there; otherwise the
//!   reader looks for the next `WARC/1.0` or `WARC/1.1` line.
//! - In a `.warc.gz`, a corrupt or cut member costs its own record: the reader steps over
//!   raw bytes to the next gzip header whose first decoded bytes are `WARC/1.`.
//! - Offsets and lengths are those of the file, as CDX indexes give them: in a `.warc.gz`, the
//!   record's gzip member; where several records share a member, the uncompressed position
//!   (with a warning saying so).

mod chunked;
mod header;
mod http;
mod payload;
mod source;
#[cfg(test)]
mod tests;

use std::io::{self, BufRead, Read};

use header::{HeaderError, WarcHeader, read_header};
use http::{HeadError, MAX_HEAD_BYTES, MediaType, media_type, parse_head, sniff_html};
use payload::{PayloadError, decode_payload};
use source::{Members, Peekable};

use super::SkipReason;
use crate::error::{Error, ErrorKind, Location};

/// A response record with an HTML payload and status 200: a page to clean.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct WarcPage {
    /// `WARC-Target-URI`, without the angle brackets wget puts round it.
    pub target_uri: String,
    /// `WARC-Date`: when the page was fetched.
    pub date: Option<String>,
    /// `WARC-Record-ID` (`<urn:uuid:…>`).
    pub record_id: Option<String>,
    /// Byte offset of the record in the file (of its gzip member in a `.warc.gz`).
    pub offset: u64,
    /// Bytes of the record in the file (its gzip member's compressed length in a `.warc.gz`).
    pub length: u64,
    /// The HTTP status (200).
    pub status: u16,
    /// The HTTP `Content-Type` header, whose charset the decoder needs.
    pub content_type: Option<String>,
    /// The HTTP payload, de-chunked and decompressed.
    pub body: Vec<u8>,
    /// What was odd: `WARC-Truncated`, a header that lied, a payload cut short.
    pub warnings: Vec<String>,
}

/// One record of a WARC file.
#[derive(Debug)]
pub enum WarcItem {
    /// A response record with an HTML payload (status 200).
    Page(WarcPage),
    /// A record that is not a page: counted, not cleaned.
    Skipped {
        /// Byte offset of the record (of its gzip member in a `.warc.gz`).
        offset: u64,
        /// `WARC-Record-ID`.
        record_id: Option<String>,
        /// What it was.
        reason: SkipReason,
    },
    /// A record that could not be read, with its file, record number and offset. Reading
    /// goes on with the next record where there is one.
    Failed(Error),
}

/// Reads the records of a WARC file, one at a time, as [`WarcItem`]s.
pub struct WarcReader<R> {
    layers: Layers<R>,
    ctx: Ctx,
}

/// The reader's layers, once the first bytes have said which.
enum Layers<R> {
    Start(Peekable<R>),
    Plain(Peekable<R>),
    Gzip(Peekable<Members<R>>),
    Done,
}

/// Everything but the input.
struct Ctx {
    file: Option<String>,
    max_record_bytes: usize,
    /// The number of the next item.
    index: u64,
    /// The block of the current record (kept to reuse its allocation).
    block: Vec<u8>,
    /// Where the current gzip member starts in the decoded stream.
    member_decoded_start: u64,
    /// An I/O error ended the input.
    stop: bool,
}

/// A record read, before it is placed in the file.
struct Outcome {
    record_id: Option<String>,
    result: Result<Found, Failure>,
}

enum Found {
    Page(Box<WarcPage>),
    Skipped(SkipReason),
}

struct Failure {
    kind: ErrorKind,
    then: Then,
}

/// Where reading goes on after a failure.
enum Then {
    /// At the current position: the failed record is behind it.
    Next,
    /// At the next record header (or gzip member), to be searched for.
    Resync,
    /// Nowhere: reading the input failed.
    Stop,
}

impl<R: BufRead> WarcReader<R> {
    /// A reader of `input` (`.warc` or `.warc.gz`, told by the first bytes); `file` names it
    /// in errors; page payloads larger than `max_record_bytes` (compressed or not) fail
    /// (the usual value is `Limits::default().max_post_bytes`, 64 MiB).
    pub fn new(input: R, file: Option<String>, max_record_bytes: usize) -> Self {
        WarcReader {
            layers: Layers::Start(Peekable::new(input)),
            ctx: Ctx {
                file,
                max_record_bytes,
                index: 0,
                block: Vec::new(),
                member_decoded_start: 0,
                stop: false,
            },
        }
    }

    /// Bytes read from the input so far (compressed bytes for a `.warc.gz`), for progress.
    pub fn bytes_read(&self) -> u64 {
        match &self.layers {
            Layers::Start(raw) | Layers::Plain(raw) => raw.offset(),
            Layers::Gzip(src) => src.get_ref().raw_offset(),
            Layers::Done => 0,
        }
    }
}

impl<R: BufRead> Iterator for WarcReader<R> {
    type Item = WarcItem;

    fn next(&mut self) -> Option<WarcItem> {
        if matches!(self.layers, Layers::Start(_))
            && let Layers::Start(mut raw) = std::mem::replace(&mut self.layers, Layers::Done)
        {
            let gzip = raw.peek(2).map(|head| head == [0x1f, 0x8b]);
            self.layers = if gzip.as_ref().is_ok_and(|g| *g) {
                Layers::Gzip(Peekable::new(Members::new(raw)))
            } else {
                Layers::Plain(raw)
            };
            if let Err(e) = gzip {
                self.ctx.index += 1;
                return Some(self.ctx.io_failure(e, 0));
            }
        }
        let item = match &mut self.layers {
            Layers::Plain(src) => self.ctx.next_plain(src),
            Layers::Gzip(src) => self.ctx.next_gzip(src),
            Layers::Start(_) | Layers::Done => None,
        };
        match item {
            Some(_) => self.ctx.index += 1,
            None => self.ctx.stop = true,
        }
        item
    }
}

impl Ctx {
    fn location(&self, offset: u64) -> Location {
        let mut l = Location::new()
            .with_index(self.index)
            .in_warc_records()
            .with_offset(offset);
        l.file = self.file.clone();
        l
    }

    fn failed(&self, offset: u64, kind: ErrorKind) -> WarcItem {
        WarcItem::Failed(Error::new(kind).at(self.location(offset)))
    }

    fn io_failure(&mut self, e: io::Error, offset: u64) -> WarcItem {
        self.stop = true;
        self.failed(offset, ErrorKind::io(&e))
    }

    fn next_plain<R: BufRead>(&mut self, src: &mut Peekable<R>) -> Option<WarcItem> {
        if self.stop {
            return None;
        }
        if let Err(e) = skip_blank_lines(src) {
            return Some(self.io_failure(e, src.offset()));
        }
        let start = src.offset();
        let head = match src.peek(7) {
            Ok(head) => head,
            Err(e) => return Some(self.io_failure(e, start)),
        };
        if head.is_empty() {
            return None;
        }
        if head != b"WARC/1." {
            let what = if start == 0 {
                "not a WARC file (no WARC/1.0 or WARC/1.1 header at its start)"
            } else {
                "not a WARC record header"
            };
            return Some(self.resync_plain(src, start, what.to_string()));
        }
        let outcome = read_record(src, &mut self.block, self.max_record_bytes);
        let length = src.offset() - start;
        match outcome.result {
            Ok(found) => Some(self.found(found, outcome.record_id, start, length, None)),
            Err(Failure { kind, then }) => Some(match then {
                Then::Next => self.failed(start, kind),
                Then::Resync => self.resync_plain(src, start, message(kind)),
                Then::Stop => {
                    self.stop = true;
                    self.failed(start, kind)
                }
            }),
        }
    }

    /// Fails the record at `start` and moves to the next record header.
    fn resync_plain<R: BufRead>(
        &mut self,
        src: &mut Peekable<R>,
        start: u64,
        what: String,
    ) -> WarcItem {
        match src.skip_to_record() {
            Ok((skipped, found)) => {
                let then = if found {
                    "to the next record"
                } else {
                    "to the end"
                };
                let message = format!("{what}; {skipped} bytes skipped {then}");
                self.failed(start, ErrorKind::Warc(message))
            }
            Err(e) => self.io_failure(e, src.offset()),
        }
    }

    /// Fails what is at `at` and steps over raw bytes to the next gzip member.
    fn resync_gzip<R: BufRead>(
        &mut self,
        src: &mut Peekable<Members<R>>,
        at: u64,
        what: String,
    ) -> WarcItem {
        src.discard_carry();
        match src.get_mut().resync() {
            Ok(skipped) => {
                let message = format!("{what}; {skipped} bytes skipped to the next gzip member");
                self.failed(at, ErrorKind::Warc(message))
            }
            Err(e) => self.io_failure(e, src.get_ref().raw_offset()),
        }
    }

    /// Fails what is at `at` and looks for the next record header in the member; if the
    /// member turns out corrupt on the way, for the next member.
    fn resync_in_member<R: BufRead>(
        &mut self,
        src: &mut Peekable<Members<R>>,
        at: u64,
        what: String,
    ) -> WarcItem {
        match src.skip_to_record() {
            Ok((skipped, found)) => {
                let then = if found {
                    "to the next record"
                } else {
                    "to the end of the gzip member"
                };
                let message = format!("{what}; {skipped} bytes skipped {then}");
                self.failed(at, ErrorKind::Warc(message))
            }
            Err(e) if is_format_error(&e) => self.resync_gzip(src, at, format!("{what}; {e}")),
            Err(e) => self.io_failure(e, src.get_ref().raw_offset()),
        }
    }

    fn next_gzip<R: BufRead>(&mut self, src: &mut Peekable<Members<R>>) -> Option<WarcItem> {
        if self.stop {
            return None;
        }
        loop {
            let member_over = skip_blank_lines(src).and_then(|()| Ok(src.peek(1)?.is_empty()));
            match member_over {
                Ok(false) => break,
                Ok(true) => {
                    src.discard_carry();
                    let at = src.get_ref().raw_offset();
                    match src.get_mut().start() {
                        Ok(true) => self.member_decoded_start = src.offset(),
                        Ok(false) => return None,
                        Err(e) if is_format_error(&e) => {
                            let what = if at == 0 {
                                "not a WARC file"
                            } else {
                                "not a gzip member"
                            };
                            return Some(self.resync_gzip(src, at, format!("{what} ({e})")));
                        }
                        Err(e) => return Some(self.io_failure(e, at)),
                    }
                }
                Err(e) if is_format_error(&e) => {
                    let at = src.get_ref().member_start();
                    return Some(self.resync_gzip(src, at, format!("gzip member: {e}")));
                }
                Err(e) => return Some(self.io_failure(e, src.get_ref().raw_offset())),
            }
        }
        let start = src.offset();
        let member = src.get_ref().member_start();
        let first = start == self.member_decoded_start;
        // Failures name the member when the record starts it.
        let at = if first { member } else { start };
        if src.peek(7).map(|h| h != b"WARC/1.").unwrap_or(true) {
            // Not a record where one should start: look further in the member.
            return Some(self.resync_in_member(src, at, "not a WARC record header".into()));
        }
        let mut outcome = read_record(src, &mut self.block, self.max_record_bytes);
        // Whether the member ends with this record: then the record is the member.
        let ended = match src.peek(1) {
            Ok(rest) => rest.is_empty(),
            Err(e) => {
                if outcome.result.is_ok() {
                    outcome.result = Err(Failure {
                        kind: io_kind(&e),
                        then: Then::Resync,
                    });
                }
                false
            }
        };
        let alone = first && ended;
        let (offset, length) = match src.get_ref().member_len() {
            Some(len) if alone => (member, len),
            _ => (start, src.offset() - start),
        };
        let shared = (!alone).then_some(
            "the record shares its gzip member with others: offset and length count \
             uncompressed bytes",
        );
        match outcome.result {
            Ok(found) => Some(self.found(found, outcome.record_id, offset, length, shared)),
            Err(Failure { kind, then }) => Some(match then {
                _ if src.get_ref().broken() => self.resync_gzip(src, at, message(kind)),
                Then::Resync => self.resync_in_member(src, at, message(kind)),
                Then::Next => self.failed(at, kind),
                Then::Stop => {
                    self.stop = true;
                    self.failed(at, kind)
                }
            }),
        }
    }

    fn found(
        &self,
        found: Found,
        record_id: Option<String>,
        offset: u64,
        length: u64,
        note: Option<&str>,
    ) -> WarcItem {
        match found {
            Found::Page(mut page) => {
                page.offset = offset;
                page.length = length;
                page.warnings.extend(note.map(str::to_string));
                WarcItem::Page(*page)
            }
            Found::Skipped(reason) => WarcItem::Skipped {
                offset,
                record_id,
                reason,
            },
        }
    }
}

/// The text of an error kind's message (resynchronisation adds to it).
fn message(kind: ErrorKind) -> String {
    match kind {
        ErrorKind::Warc(m) | ErrorKind::Limit(m) | ErrorKind::Io { message: m, .. } => m,
        other => other.to_string(),
    }
}

/// Errors the gzip layer makes of bad bytes, as opposed to failures to read.
fn is_format_error(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::InvalidData | io::ErrorKind::UnexpectedEof
    )
}

fn io_kind(e: &io::Error) -> ErrorKind {
    if is_format_error(e) {
        ErrorKind::Warc(format!("gzip member: {e}"))
    } else {
        ErrorKind::io(e)
    }
}

/// Consumes the line breaks between records.
fn skip_blank_lines(src: &mut impl BufRead) -> io::Result<()> {
    loop {
        let buf = src.fill_buf()?;
        let n = buf
            .iter()
            .take_while(|b| matches!(b, b'\r' | b'\n'))
            .count();
        if n == 0 {
            return Ok(());
        }
        src.consume(n);
    }
}

/// Whether the record's block is followed by its end: the two line breaks the format asks
/// for, or (from lax writers) other line breaks and then the next record or the end of the
/// input. Consumes the line breaks when it is.
fn end_of_record<R: BufRead>(src: &mut Peekable<R>) -> io::Result<bool> {
    let ahead = src.peek(16)?;
    if ahead.starts_with(b"\r\n\r\n") {
        src.consume(4);
        return Ok(true);
    }
    let breaks = ahead
        .iter()
        .take_while(|b| matches!(b, b'\r' | b'\n'))
        .count();
    let rest = &ahead[breaks..];
    let ended = rest.is_empty() || rest.starts_with(b"WARC/1.");
    if ended {
        src.consume(breaks);
    }
    Ok(ended)
}

/// Where a record header starts inside a block, if one does.
fn record_start_in(block: &[u8]) -> Option<usize> {
    memchr::memmem::find_iter(block, b"WARC/1.").find(|&i| source::is_record_start(&block[i..]))
}

mod record;
use record::read_record;
