//! The byte layers under the record parser: a reader that can look ahead and take bytes
//! back ([`Peekable`]), and the gzip members of a `.warc.gz` decoded one at a time
//! ([`Members`]), so that each record's member has an offset and a compressed length, and a
//! corrupt member can be stepped over to the next one.

use std::io::{self, BufRead, Read};

use flate2::{Crc, Decompress, FlushDecompress, Status};

/// How much a look-ahead past the end of the inner buffer moves at once: enough that a scan
/// which peeks at every buffer boundary does not copy byte by byte.
const PEEK_CHUNK: usize = 8 << 10;

/// A `BufRead` that counts the bytes consumed, can look further ahead than its inner
/// buffer, and can take consumed bytes back (a record found inside another's declared block).
pub(super) struct Peekable<R> {
    inner: R,
    /// Bytes taken out of `inner` (looked ahead at or given back), read before `inner`.
    carry: Vec<u8>,
    /// How much of `carry` is consumed.
    at: usize,
    offset: u64,
}

impl<R: BufRead> Peekable<R> {
    pub(super) fn new(inner: R) -> Self {
        Peekable {
            inner,
            carry: Vec::new(),
            at: 0,
            offset: 0,
        }
    }

    /// Bytes consumed so far.
    pub(super) fn offset(&self) -> u64 {
        self.offset
    }

    pub(super) fn get_ref(&self) -> &R {
        &self.inner
    }

    pub(super) fn get_mut(&mut self) -> &mut R {
        &mut self.inner
    }

    /// The next `n` bytes without consuming them; fewer only at the end of the input.
    pub(super) fn peek(&mut self, n: usize) -> io::Result<&[u8]> {
        if self.at == self.carry.len() {
            self.carry.clear();
            self.at = 0;
            if self.inner.fill_buf()?.len() >= n {
                return Ok(&self.inner.fill_buf()?[..n]);
            }
        } else if self.at > 0 {
            self.carry.drain(..self.at);
            self.at = 0;
        }
        while self.carry.len() < n {
            let buf = self.inner.fill_buf()?;
            if buf.is_empty() {
                break;
            }
            let take = buf.len().min((n - self.carry.len()).max(PEEK_CHUNK));
            self.carry.extend_from_slice(&buf[..take]);
            self.inner.consume(take);
        }
        Ok(&self.carry[..n.min(self.carry.len())])
    }

    /// Gives back bytes just consumed: they are read again, before everything else.
    pub(super) fn unread(&mut self, bytes: &[u8]) {
        let mut carry = Vec::with_capacity(bytes.len() + self.carry.len() - self.at);
        carry.extend_from_slice(bytes);
        carry.extend_from_slice(&self.carry[self.at..]);
        self.carry = carry;
        self.at = 0;
        self.offset -= bytes.len() as u64;
    }

    /// Drops what was looked ahead at (the rest of a gzip member being abandoned).
    pub(super) fn discard_carry(&mut self) {
        self.offset += (self.carry.len() - self.at) as u64;
        self.carry.clear();
        self.at = 0;
    }

    /// Consumes up to `n` bytes without keeping them; returns how many there were.
    pub(super) fn skip(&mut self, n: u64) -> io::Result<u64> {
        let mut left = n;
        while left > 0 {
            let available = self.fill_buf()?.len();
            if available == 0 {
                break;
            }
            let step = available.min(usize::try_from(left).unwrap_or(usize::MAX));
            self.consume(step);
            left -= step as u64;
        }
        Ok(n - left)
    }

    /// Consumes bytes up to the next record header (`WARC/1.0` or `WARC/1.1` and a line
    /// break); returns how many, and false at the end of the input.
    pub(super) fn skip_to_record(&mut self) -> io::Result<(u64, bool)> {
        const NEEDLE: &[u8] = b"WARC/1.";
        let finder = memchr::memmem::Finder::new(NEEDLE);
        let start = self.offset;
        loop {
            let buf = self.fill_buf()?;
            if buf.is_empty() {
                return Ok((self.offset - start, false));
            }
            match finder.find(buf) {
                Some(i) => self.consume(i),
                None => {
                    // Keep a tail that may be the start of a match, and look past it.
                    let step = buf.len().saturating_sub(NEEDLE.len() - 1);
                    if step > 0 {
                        self.consume(step);
                        continue;
                    }
                    let ahead = self.peek(NEEDLE.len())?;
                    if ahead.len() < NEEDLE.len() {
                        let n = ahead.len();
                        self.consume(n);
                        return Ok((self.offset - start, false));
                    }
                    if ahead != NEEDLE {
                        self.consume(1);
                        continue;
                    }
                }
            }
            if is_record_start(self.peek(10)?) {
                return Ok((self.offset - start, true));
            }
            self.consume(1);
        }
    }
}

/// Whether `bytes` start with a record's version line: `WARC/1.`, a digit, a line break.
pub(super) fn is_record_start(bytes: &[u8]) -> bool {
    bytes.starts_with(b"WARC/1.")
        && bytes.get(7).is_some_and(u8::is_ascii_digit)
        && matches!(bytes.get(8..), Some([b'\n', ..] | [b'\r', b'\n', ..]))
}

impl<R: BufRead> Read for Peekable<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let buf = self.fill_buf()?;
        let n = buf.len().min(out.len());
        out[..n].copy_from_slice(&buf[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Peekable<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.at < self.carry.len() {
            Ok(&self.carry[self.at..])
        } else {
            self.inner.fill_buf()
        }
    }

    fn consume(&mut self, n: usize) {
        self.offset += n as u64;
        if self.at < self.carry.len() {
            self.at += n;
            if self.at >= self.carry.len() {
                self.carry.clear();
                self.at = 0;
            }
        } else {
            self.inner.consume(n);
        }
    }
}

/// Where the member reader is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Before the first member, or after one that was abandoned.
    Between,
    /// Inside a member's compressed data.
    Inside,
    /// After a member's trailer, checked.
    Ended,
    /// The member failed (corrupt, cut short): nothing more until the next one is found.
    Broken,
}

/// The decoded bytes of one gzip member at a time. Reading stops at the end of each member
/// (as if it were the end of the input) until [`Members::start`] opens the next one.
pub(super) struct Members<R> {
    raw: Peekable<R>,
    inflate: Decompress,
    crc: Crc,
    out: Box<[u8]>,
    out_at: usize,
    out_len: usize,
    state: State,
    /// Raw offsets of the current member's first byte and of the byte after its trailer.
    start: u64,
    end: u64,
}

/// The longest gzip header read (the optional fields are each up to 64 KiB).
const MAX_GZIP_HEADER: usize = 3 << 16;

/// What the first bytes of a would-be gzip member are.
enum GzipHeader {
    /// A header of this many bytes.
    Complete(usize),
    /// The start of one; more bytes are needed.
    Incomplete,
    Invalid(&'static str),
}

/// Parses a gzip header (RFC 1952, 2.3) at the start of `b`.
fn gzip_header(b: &[u8]) -> GzipHeader {
    if b.len() < 10 {
        return if [0x1f, 0x8b, 8][..b.len().min(3)] == b[..b.len().min(3)] {
            GzipHeader::Incomplete
        } else {
            GzipHeader::Invalid("no gzip magic bytes")
        };
    }
    if b[..2] != [0x1f, 0x8b] {
        return GzipHeader::Invalid("no gzip magic bytes");
    }
    if b[2] != 8 || b[3] & 0xE0 != 0 {
        return GzipHeader::Invalid("not a deflate gzip header");
    }
    let flags = b[3];
    let mut at = 10;
    if flags & 4 != 0 {
        let Some(len) = b.get(at..at + 2) else {
            return GzipHeader::Incomplete;
        };
        at += 2 + usize::from(u16::from_le_bytes([len[0], len[1]]));
    }
    for flag in [8, 16] {
        if flags & flag != 0 {
            match b.get(at..).and_then(|rest| memchr::memchr(0, rest)) {
                Some(i) => at += i + 1,
                None => return GzipHeader::Incomplete,
            }
        }
    }
    if flags & 2 != 0 {
        at += 2;
    }
    if at > b.len() {
        GzipHeader::Incomplete
    } else {
        GzipHeader::Complete(at)
    }
}

fn invalid(message: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, message)
}

fn cut(message: &str) -> io::Error {
    io::Error::new(io::ErrorKind::UnexpectedEof, message.to_string())
}

impl<R: BufRead> Members<R> {
    pub(super) fn new(raw: Peekable<R>) -> Self {
        Members {
            raw,
            inflate: Decompress::new(false),
            crc: Crc::new(),
            out: vec![0; 64 << 10].into_boxed_slice(),
            out_at: 0,
            out_len: 0,
            state: State::Between,
            start: 0,
            end: 0,
        }
    }

    /// Raw bytes consumed so far.
    pub(super) fn raw_offset(&self) -> u64 {
        self.raw.offset()
    }

    /// Raw offset of the current member.
    pub(super) fn member_start(&self) -> u64 {
        self.start
    }

    /// Compressed length of the current member, once its trailer has been read.
    pub(super) fn member_len(&self) -> Option<u64> {
        (self.state == State::Ended).then(|| self.end - self.start)
    }

    /// Whether the current member failed and the next must be searched for.
    pub(super) fn broken(&self) -> bool {
        self.state == State::Broken
    }

    /// Opens the member at the current raw position. False at the end of the input; an
    /// error when the bytes there are not a gzip header.
    pub(super) fn start(&mut self) -> io::Result<bool> {
        self.start = self.raw.offset();
        self.out_at = 0;
        self.out_len = 0;
        let mut want = 10;
        let len = loop {
            let head = self.raw.peek(want)?;
            if head.is_empty() {
                self.state = State::Between;
                return Ok(false);
            }
            match gzip_header(head) {
                GzipHeader::Complete(len) => break len,
                GzipHeader::Invalid(why) => {
                    self.state = State::Broken;
                    return Err(invalid(why.to_string()));
                }
                GzipHeader::Incomplete if head.len() < want => {
                    self.state = State::Broken;
                    return Err(cut("gzip header cut short"));
                }
                GzipHeader::Incomplete if want >= MAX_GZIP_HEADER => {
                    self.state = State::Broken;
                    return Err(invalid("gzip header too long".to_string()));
                }
                GzipHeader::Incomplete => want = (want * 4).min(MAX_GZIP_HEADER),
            }
        };
        self.raw.consume(len);
        self.inflate.reset(false);
        self.crc.reset();
        self.state = State::Inside;
        Ok(true)
    }

    /// Steps over raw bytes to the next gzip member that decodes to a WARC record (a gzip
    /// header alone could be chance bytes of compressed data). Returns the bytes skipped;
    /// at the end of the input, the reader stays at it.
    pub(super) fn resync(&mut self) -> io::Result<u64> {
        let from = self.raw.offset();
        self.state = State::Between;
        loop {
            let buf = self.raw.fill_buf()?;
            if buf.is_empty() {
                return Ok(self.raw.offset() - from);
            }
            match memchr::memchr(0x1f, buf) {
                Some(i) => self.raw.consume(i),
                None => {
                    let n = buf.len();
                    self.raw.consume(n);
                    continue;
                }
            }
            if self.probe()? {
                return Ok(self.raw.offset() - from);
            }
            self.raw.consume(1);
        }
    }

    /// Whether a gzip member starts here whose first decoded bytes are `WARC/1.`.
    fn probe(&mut self) -> io::Result<bool> {
        let window = self.raw.peek(4096)?;
        let GzipHeader::Complete(len) = gzip_header(window) else {
            return Ok(false);
        };
        self.inflate.reset(false);
        let mut first = [0u8; 7];
        let before = self.inflate.total_out();
        let ok = self
            .inflate
            .decompress(&window[len..], &mut first, FlushDecompress::None)
            .is_ok();
        Ok(ok && self.inflate.total_out() - before == 7 && &first == b"WARC/1.")
    }

    /// Reads and checks the member's trailer (CRC-32 and length of the decoded bytes).
    fn finish(&mut self) -> io::Result<()> {
        let mut trailer = [0u8; 8];
        self.raw
            .read_exact(&mut trailer)
            .map_err(|_| cut("gzip member cut short in its trailer"))?;
        let crc = u32::from_le_bytes([trailer[0], trailer[1], trailer[2], trailer[3]]);
        let size = u32::from_le_bytes([trailer[4], trailer[5], trailer[6], trailer[7]]);
        if crc != self.crc.sum() || size != self.inflate.total_out() as u32 {
            return Err(invalid(
                "gzip member's checksum does not match its data".to_string(),
            ));
        }
        self.end = self.raw.offset();
        self.state = State::Ended;
        Ok(())
    }

    fn fill(&mut self) -> io::Result<()> {
        loop {
            let input = self.raw.fill_buf()?;
            if input.is_empty() {
                return Err(cut("gzip member cut short"));
            }
            let (before_in, before_out) = (self.inflate.total_in(), self.inflate.total_out());
            let status = self
                .inflate
                .decompress(input, &mut self.out, FlushDecompress::None)
                .map_err(|e| invalid(format!("corrupt gzip member: {e}")))?;
            let used = (self.inflate.total_in() - before_in) as usize;
            let made = (self.inflate.total_out() - before_out) as usize;
            self.raw.consume(used);
            self.crc.update(&self.out[..made]);
            self.out_at = 0;
            self.out_len = made;
            if status == Status::StreamEnd {
                return self.finish();
            }
            if made > 0 {
                return Ok(());
            }
            if used == 0 {
                return Err(invalid("corrupt gzip member: no progress".to_string()));
            }
        }
    }
}

impl<R: BufRead> Read for Members<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let buf = self.fill_buf()?;
        let n = buf.len().min(out.len());
        out[..n].copy_from_slice(&buf[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Members<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.out_at == self.out_len
            && self.state == State::Inside
            && let Err(e) = self.fill()
        {
            self.state = State::Broken;
            self.out_at = 0;
            self.out_len = 0;
            return Err(e);
        }
        Ok(&self.out[self.out_at..self.out_len])
    }

    fn consume(&mut self, n: usize) {
        self.out_at = (self.out_at + n).min(self.out_len);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::Compression;
    use flate2::write::GzEncoder;
    use std::io::Write;

    fn gz(data: &[u8]) -> Vec<u8> {
        let mut e = GzEncoder::new(Vec::new(), Compression::default());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    #[test]
    fn peeking_past_a_small_buffer_and_giving_bytes_back_keep_the_order_and_the_offset() {
        let data: Vec<u8> = (0..=255).collect();
        let mut p = Peekable::new(io::BufReader::with_capacity(3, &data[..]));
        assert_eq!(p.peek(10).unwrap(), &data[..10]);
        let mut first = [0u8; 20];
        p.read_exact(&mut first).unwrap();
        assert_eq!(p.offset(), 20);
        p.unread(&first[15..]);
        assert_eq!(p.offset(), 15);
        let mut rest = Vec::new();
        p.read_to_end(&mut rest).unwrap();
        assert_eq!(rest, &data[15..]);
        assert_eq!(p.peek(4).unwrap(), b"");
    }

    #[test]
    fn a_record_start_is_found_across_buffer_boundaries() {
        for cap in 1..12 {
            let data = b"garbage\nmore WARC/1.0 not a header\nWARC/1.1\r\n";
            let mut p = Peekable::new(io::BufReader::with_capacity(cap, &data[..]));
            let (skipped, found) = p.skip_to_record().unwrap();
            assert!(found, "buffer {cap}");
            assert_eq!(skipped as usize, data.len() - 10, "buffer {cap}");
            assert_eq!(p.peek(8).unwrap(), b"WARC/1.1");
        }
        let mut p = Peekable::new(&b"no record here\nWARC/2"[..]);
        assert_eq!(p.skip_to_record().unwrap(), (21, false));
        // Not only at a line start: garbage may run into the next record.
        let mut p = Peekable::new(&b"\x93\x01WARC/1.0\r\n"[..]);
        assert_eq!(p.skip_to_record().unwrap(), (2, true));
        assert!(!is_record_start(b"WARC/1.0 "));
        assert!(is_record_start(b"WARC/1.1\n"));
    }

    #[test]
    fn members_are_read_one_at_a_time_with_their_offsets() {
        let (a, b) = (gz(b"WARC/1.0 first"), gz(b"WARC/1.0 second"));
        let file = [a.clone(), b.clone()].concat();
        let mut m = Members::new(Peekable::new(&file[..]));
        assert!(m.start().unwrap());
        let mut out = String::new();
        m.read_to_string(&mut out).unwrap();
        assert_eq!(out, "WARC/1.0 first");
        assert_eq!(
            (m.member_start(), m.member_len()),
            (0, Some(a.len() as u64))
        );
        assert!(m.start().unwrap());
        out.clear();
        m.read_to_string(&mut out).unwrap();
        assert_eq!(out, "WARC/1.0 second");
        assert_eq!(m.member_start(), a.len() as u64);
        assert!(!m.start().unwrap());
    }

    #[test]
    fn a_corrupt_member_is_stepped_over_to_the_next_one_that_holds_a_record() {
        let a = gz(&b"WARC/1.0 first ".repeat(100));
        let mut bad = gz(&[b"WARC/1.0 ".as_slice(), &[7; 5000]].concat());
        let middle = bad.len() / 2;
        bad[middle..middle + 8].copy_from_slice(&[0xff; 8]);
        // A gzip member that does not decode to a record is passed over too.
        let other = gz(b"not a record");
        let c = gz(b"WARC/1.0 third");
        let file = [a.clone(), bad.clone(), other.clone(), c].concat();
        let mut m = Members::new(Peekable::new(&file[..]));
        let mut sink = Vec::new();
        assert!(m.start().unwrap());
        m.read_to_end(&mut sink).unwrap();
        assert!(m.start().unwrap());
        assert!(m.read_to_end(&mut sink).is_err());
        assert!(m.broken());
        m.resync().unwrap();
        assert_eq!(m.raw_offset(), (a.len() + bad.len() + other.len()) as u64);
        assert!(m.start().unwrap());
        let mut out = String::new();
        m.read_to_string(&mut out).unwrap();
        assert_eq!(out, "WARC/1.0 third");
    }

    #[test]
    fn gzip_headers_with_optional_fields_are_read() {
        let mut h = vec![
            0x1f,
            0x8b,
            8,
            4 | 8 | 16 | 2,
            0,
            0,
            0,
            0,
            0,
            255,
            3,
            0,
            1,
            2,
            3,
        ];
        h.extend_from_slice(b"name\0comment\0\x00\x00");
        assert!(matches!(gzip_header(&h), GzipHeader::Complete(n) if n == h.len()));
        assert!(matches!(gzip_header(&h[..20]), GzipHeader::Incomplete));
        assert!(matches!(gzip_header(&h[..2]), GzipHeader::Incomplete));
        assert!(matches!(
            gzip_header(b"WARC/1.0\r\n"),
            GzipHeader::Invalid(_)
        ));
    }
}
