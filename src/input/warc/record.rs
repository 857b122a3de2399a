//! One record, from its header to the end of its block: what it is (a page, or why not), or
//! why it cannot be read and where reading goes on.

use super::http::HttpHead;
use super::payload::Payload;
use super::*;

/// Reads the record whose header starts here, and the line breaks that end it.
pub(super) fn read_record<B: BufRead>(
    src: &mut Peekable<B>,
    block: &mut Vec<u8>,
    max: usize,
) -> Outcome {
    let header = match read_header(src) {
        Ok(h) => h,
        Err(e) => {
            let (kind, then) = match e {
                HeaderError::Cut => (warc("record header cut short"), Then::Next),
                HeaderError::Malformed(m) => (warc(m), Then::Resync),
                HeaderError::Io(e) => io_failure(&e),
            };
            return Outcome::failed(None, kind, then);
        }
    };
    let id = header
        .get("WARC-Record-ID")
        .map(|id| id.chars().take(200).collect::<String>());
    let declared = match header.content_length() {
        Ok(n) => n,
        Err(m) => return Outcome::failed(id, warc(m), Then::Resync),
    };
    let rec = Record {
        id,
        record_type: header.record_type(),
        declared,
        max,
    };
    let want = match rec.read_block(src, block) {
        Ok(want) => want,
        Err(failed) => return failed,
    };
    let named = |what: &str| rec.named(what);
    let result = what_it_is(&header, &rec.record_type, block, declared, max, &named);
    if let Err(failed) = rec.skip_rest(src, want, &result) {
        return failed;
    }
    if let Err(failed) = rec.check_end(src, block, want) {
        return failed;
    }
    Outcome {
        record_id: rec.id,
        result: result.map_err(|kind| Failure {
            kind,
            then: Then::Next,
        }),
    }
}

/// The record at hand, once its header is read.
struct Record {
    /// `WARC-Record-ID`, at most 200 characters of it.
    id: Option<String>,
    /// `WARC-Type`.
    record_type: String,
    /// The block's length, as its `Content-Length` declares it.
    declared: u64,
    /// `max_record_bytes`.
    max: usize,
}

impl Record {
    /// A message about this record: `record <id> what`.
    fn named(&self, what: &str) -> String {
        match &self.id {
            Some(id) => format!("record {id} {what}"),
            None => format!("record {what}"),
        }
    }

    /// Reads into `block` the bytes of the block to hold, and gives how many were wanted;
    /// the record's failure when the input ends before them.
    fn read_block<B: BufRead>(
        &self,
        src: &mut Peekable<B>,
        block: &mut Vec<u8>,
    ) -> Result<u64, Outcome> {
        let (declared, max) = (self.declared, self.max);
        // Held in memory: the first bytes of every block (a response's HTTP head; a cut
        // record's successor, to give back), and the rest only of a page within the limit.
        // What is not held is read and dropped a buffer at a time.
        if block.capacity() > KEPT_CAPACITY {
            *block = Vec::new();
        }
        block.clear();
        let io_failed = |e: io::Error| Outcome::io_failed(self.id.clone(), &e);
        let mut want = declared.min(MAX_HEAD_BYTES as u64);
        let mut got = read_into(src, block, want).map_err(io_failed)?;
        let page_like =
            self.record_type == "response" && declared <= max as u64 && may_be_page(block);
        if got == want && page_like && declared > want {
            want = declared;
            got += read_into(src, block, declared - got).map_err(io_failed)?;
        }
        if got < want {
            return Err(self.cut_short(src, block, got));
        }
        Ok(want)
    }

    /// The failure of a record whose input (or gzip member) ends inside the block, after
    /// `got` bytes; a record starting inside it is given back to `src`.
    fn cut_short<B: BufRead>(&self, src: &mut Peekable<B>, block: &[u8], got: u64) -> Outcome {
        let (declared, max) = (self.declared, self.max);
        let what = match record_start_in(block) {
            Some(at) => {
                src.unread(&block[at..]);
                format!(
                    "cut short: another record starts {at} bytes into the {declared} bytes its \
                     Content-Length declares"
                )
            }
            None => format!("cut short: {got} of the {declared} bytes its Content-Length declares"),
        };
        let kind = if declared > max as u64 && self.record_type == "response" {
            ErrorKind::Limit(self.named(&format!(
                "declares {declared} bytes, more than max_record_bytes ({max}), and is {what}"
            )))
        } else {
            warc(self.named(&what))
        };
        Outcome::failed(self.id.clone(), kind, Then::Next)
    }

    /// Reads and drops the part of the block not held (past the `want` bytes read).
    fn skip_rest<B: BufRead>(
        &self,
        src: &mut Peekable<B>,
        want: u64,
        result: &Result<Found, ErrorKind>,
    ) -> Result<(), Outcome> {
        let declared = self.declared;
        if declared <= want {
            return Ok(());
        }
        match src.skip(declared - want) {
            Ok(n) if n < declared - want => {
                let what = format!(
                    "cut short: {} of the {declared} bytes its Content-Length declares",
                    want + n
                );
                // A page too large says so first; it was cut short as well.
                let kind = match result {
                    Err(ErrorKind::Limit(m)) => ErrorKind::Limit(format!("{m} (and cut short)")),
                    _ => warc(self.named(&what)),
                };
                Err(Outcome::failed(self.id.clone(), kind, Then::Next))
            }
            Ok(_) => Ok(()),
            Err(e) => Err(Outcome::io_failed(self.id.clone(), &e)),
        }
    }

    /// Reads the line breaks that end the record; the failure when something else follows.
    fn check_end<B: BufRead>(
        &self,
        src: &mut Peekable<B>,
        block: &[u8],
        want: u64,
    ) -> Result<(), Outcome> {
        let declared = self.declared;
        match end_of_record(src) {
            Ok(true) => Ok(()),
            Ok(false) => {
                if want == declared
                    && let Some(at) = record_start_in(block)
                {
                    src.unread(&block[at..]);
                    let what = format!(
                        "does not end where its Content-Length ({declared}) says: another \
                         record starts {at} bytes into it"
                    );
                    return Err(Outcome::failed(
                        self.id.clone(),
                        warc(self.named(&what)),
                        Then::Next,
                    ));
                }
                let what =
                    format!("does not end after the {declared} bytes its Content-Length declares");
                Err(Outcome::failed(
                    self.id.clone(),
                    warc(self.named(&what)),
                    Then::Resync,
                ))
            }
            Err(e) => Err(Outcome::io_failed(self.id.clone(), &e)),
        }
    }
}

/// What a record whose block (or, past the limit, the block's first bytes) is in `block`
/// gives: a page, a reason to skip it, or why it fails.
fn what_it_is(
    header: &WarcHeader,
    record_type: &str,
    block: &[u8],
    declared: u64,
    max: usize,
    named: &dyn Fn(&str) -> String,
) -> Result<Found, ErrorKind> {
    if record_type != "response" {
        return Ok(Found::Skipped(SkipReason::RecordType(record_type.into())));
    }
    if !block.starts_with(b"HTTP/") {
        return Ok(Found::Skipped(SkipReason::NotHttp));
    }
    let too_large = || {
        ErrorKind::Limit(named(&format!(
            "declares {declared} bytes, more than max_record_bytes ({max})"
        )))
    };
    let head = match parse_head(block) {
        Ok(head) => head,
        Err(HeadError::Incomplete) if declared > max as u64 => return Err(too_large()),
        Err(e) => return Err(head_error(e, block, declared, named)),
    };
    if head.status != 200 {
        return Ok(Found::Skipped(SkipReason::Status(head.status)));
    }
    let media = media_type(head.content_type.as_deref());
    if let MediaType::Other(t) = media {
        return Ok(Found::Skipped(SkipReason::NotHtml(t)));
    }
    if declared > max as u64 {
        return Err(too_large());
    }
    let payload = match decode_payload(&block[head.len..], &head, max) {
        Ok(payload) => payload,
        Err(PayloadError::TooLarge(coding)) => {
            return Err(ErrorKind::Limit(named(&format!(
                "has a {coding} payload that decodes to more than max_record_bytes ({max})"
            ))));
        }
        Err(PayloadError::Unsupported(coding)) => {
            return Ok(Found::Skipped(SkipReason::Encoding(coding)));
        }
    };
    if media == MediaType::Unknown && !sniff_html(&payload.body) {
        return Ok(Found::Skipped(SkipReason::NotHtml("unknown".into())));
    }
    if payload.body.is_empty() {
        return Ok(Found::Skipped(SkipReason::Empty));
    }
    Ok(Found::Page(Box::new(warc_page(header, head, payload))))
}

/// Why the HTTP head of a response within the limit cannot be read.
fn head_error(
    e: HeadError,
    block: &[u8],
    declared: u64,
    named: &dyn Fn(&str) -> String,
) -> ErrorKind {
    match e {
        HeadError::Incomplete if (block.len() as u64) < declared => warc(named(&format!(
            "has an HTTP response head longer than {MAX_HEAD_BYTES} bytes"
        ))),
        HeadError::Incomplete => warc(named("has an HTTP response head that does not end")),
        HeadError::Malformed(m) => {
            warc(named(&format!("has a malformed HTTP response head ({m})")))
        }
    }
}

/// The page of a response record, its payload decoded.
fn warc_page(header: &WarcHeader, head: HttpHead, payload: Payload) -> WarcPage {
    let mut warnings = Vec::new();
    if let Some(why) = header.get("WARC-Truncated") {
        warnings.push(format!(
            "the crawler truncated the record (WARC-Truncated: {})",
            header::shorten(why)
        ));
    }
    warnings.extend(payload.warnings);
    let uri = header.get("WARC-Target-URI").unwrap_or("");
    let uri = uri
        .strip_prefix('<')
        .and_then(|u| u.strip_suffix('>'))
        .unwrap_or(uri);
    WarcPage {
        target_uri: uri.to_string(),
        date: header.get("WARC-Date").map(str::to_string),
        record_id: header.get("WARC-Record-ID").map(str::to_string),
        offset: 0,
        length: 0,
        status: head.status,
        content_type: head.content_type,
        body: payload.body,
        warnings,
    }
}

/// A block buffer larger than this (after a large page) is not kept for the next record.
const KEPT_CAPACITY: usize = 4 << 20;

/// Appends up to `n` bytes of the input to `block`; returns how many there were.
fn read_into<B: BufRead>(src: &mut Peekable<B>, block: &mut Vec<u8>, n: u64) -> io::Result<u64> {
    src.by_ref().take(n).read_to_end(block).map(|n| n as u64)
}

/// Whether a response's first bytes may be a page's: an HTTP head not yet complete, or one
/// with status 200 and an HTML or unstated type. Only those are read whole.
fn may_be_page(first: &[u8]) -> bool {
    if !first.starts_with(b"HTTP/") {
        return false;
    }
    match parse_head(first) {
        Ok(head) => {
            head.status == 200
                && !matches!(
                    media_type(head.content_type.as_deref()),
                    MediaType::Other(_)
                )
        }
        Err(HeadError::Incomplete) => true,
        Err(HeadError::Malformed(_)) => false,
    }
}

fn warc(message: impl Into<String>) -> ErrorKind {
    ErrorKind::Warc(message.into())
}

/// An error of the layers below: bad gzip bytes are the record's failure (and the next
/// member is searched for); any other is the input's, and ends it.
fn io_failure(e: &io::Error) -> (ErrorKind, Then) {
    let then = if is_format_error(e) {
        Then::Resync
    } else {
        Then::Stop
    };
    (io_kind(e), then)
}

impl Outcome {
    fn failed(record_id: Option<String>, kind: ErrorKind, then: Then) -> Self {
        Outcome {
            record_id,
            result: Err(Failure { kind, then }),
        }
    }

    fn io_failed(record_id: Option<String>, e: &io::Error) -> Self {
        let (kind, then) = io_failure(e);
        Outcome::failed(record_id, kind, then)
    }
}
