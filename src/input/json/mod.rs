//! Streaming REST JSON: one post object, an array of posts (a REST page), several arrays
//! back to back, or NDJSON. The input is split into top-level values (or the elements of
//! top-level arrays) by a byte scanner that only tracks strings and nesting, so memory holds
//! one post at a time whatever the file size, and a malformed post costs only itself: the
//! scanner finds where the next one starts and goes on.
//!
//! Where the next post starts after a malformed one: a raw line break can never be inside a
//! JSON string, and exports put one post per line (NDJSON, `jq -c`) or pretty-print them with
//! each post's braces at one indentation (PHP's `JSON_PRETTY_PRINT`, `jq .`). So after a post
//! that is cut short, has a line break in a string, or does not parse, reading starts again at
//! the next line whose first byte is `{` at the failed post's column or to the left of it; a
//! nested object of the failed post is always further right. The error says how many bytes
//! were skipped to get there.

use std::io::BufRead;

mod scan;
mod source;

use scan::{NEW_POST_LINE, Stop, ValueScan};
use source::{Source, restart_line};

use super::{Record, RecordReader, SkipReason};
use crate::error::{Error, ErrorKind, Location};
use crate::input::rest::wire::Wire;
use crate::input::rest::{Post, line_col_to_offset};

/// Reads posts from REST API JSON, streaming.
#[derive(Debug)]
pub struct JsonReader<R> {
    reader: Source<R>,
    /// Offset of the start of the current line (for the column of a post's first byte).
    line_start: u64,
    /// Column of the value last scanned: after a malformed post, the next one starts on a line
    /// no further right.
    value_col: u64,
    file: Option<String>,
    /// Bytes consumed from `reader`.
    offset: u64,
    /// Index of the next post within the file.
    index: u64,
    /// Nesting depth of top-level arrays we are inside.
    array_depth: u32,
    max_post_bytes: usize,
    buf: Vec<u8>,
    done: bool,
}

/// How one value was read.
enum Scan {
    /// A complete value is in `buf`, starting at this offset.
    Value(u64),
    /// A value larger than the limit, skipped; it started at this offset.
    TooLarge(u64, u64),
    /// A value that cannot be JSON, starting at this offset: why, and whether the input
    /// ended inside it. Its bytes (as far as read) are in `buf`.
    Broken(u64, &'static str),
    /// A byte that cannot start a value.
    Unexpected(u64, u8),
    /// Nothing more.
    End,
}

impl<R: BufRead> JsonReader<R> {
    /// Reads from `reader`; `file` names the input in errors. Posts larger than
    /// `max_post_bytes` are skipped with an error.
    pub fn new(reader: R, file: Option<String>, max_post_bytes: usize) -> Self {
        JsonReader {
            reader: Source {
                inner: reader,
                pending: Vec::new(),
                pos: 0,
            },
            line_start: 0,
            value_col: 0,
            file,
            offset: 0,
            index: 0,
            array_depth: 0,
            max_post_bytes,
            buf: Vec::new(),
            done: false,
        }
    }

    fn location(&self, offset: u64) -> Location {
        let mut l = Location::new().with_index(self.index).with_offset(offset);
        l.file = self.file.clone();
        l
    }

    fn io_error(&mut self, e: std::io::Error) -> Record {
        self.done = true;
        let loc = self.location(self.offset);
        Record::Failed(Error::new(ErrorKind::io(&e)).at(loc))
    }

    /// Skips whitespace, commas between elements, a byte-order mark and array brackets, and
    /// returns the next byte that starts a value (not consumed).
    fn next_value_start(&mut self) -> std::io::Result<Option<u8>> {
        loop {
            let chunk = self.reader.fill_buf()?;
            if chunk.is_empty() {
                return Ok(None);
            }
            let mut used = 0;
            let mut found = None;
            while used < chunk.len() {
                let b = chunk[used];
                // A UTF-8 byte-order mark at the very start (possibly split across chunks).
                let at = self.offset + used as u64;
                if at < 3 && b == [0xEF, 0xBB, 0xBF][at as usize] {
                    used += 1;
                    continue;
                }
                match b {
                    b'\n' => {
                        used += 1;
                        self.line_start = self.offset + used as u64;
                    }
                    b' ' | b'\t' | b'\r' | b',' | 0 => used += 1,
                    // Posts are objects: any array here is a page of posts (or a page of pages).
                    b'[' => {
                        self.array_depth += 1;
                        used += 1;
                    }
                    b']' if self.array_depth > 0 => {
                        self.array_depth -= 1;
                        used += 1;
                    }
                    _ => {
                        found = Some(b);
                        break;
                    }
                }
            }
            self.reader.consume(used);
            self.offset += used as u64;
            if found.is_some() {
                return Ok(found);
            }
        }
    }

    /// Reads one value into `buf`: complete, or as far as it can be told that it is not JSON.
    fn scan_value(&mut self) -> std::io::Result<Scan> {
        self.buf.clear();
        let Some(first) = self.next_value_start()? else {
            return Ok(Scan::End);
        };
        let start = self.offset;
        // The column of the value's first byte: a line starting further left is a new post.
        let col = start - self.line_start;
        self.value_col = col;
        if !matches!(first, b'{' | b'"' | b'-' | b'0'..=b'9' | b't' | b'f' | b'n') {
            // Not JSON: skip to the end of the line, where the next NDJSON record may start.
            self.skip_line()?;
            return Ok(Scan::Unexpected(start, first));
        }
        let mut scan = ValueScan::new(first, col);
        let mut too_large = false;
        loop {
            let chunk = self.reader.fill_buf()?;
            if chunk.is_empty() {
                return Ok(if too_large {
                    Scan::TooLarge(start, self.offset - start)
                } else if scan.may_end_here() {
                    Scan::Value(start)
                } else {
                    Scan::Broken(start, "truncated: the input ends inside this post")
                });
            }
            let (take, stop) = scan.chunk(chunk);
            if !too_large {
                if self.buf.len() + take > self.max_post_bytes {
                    too_large = true;
                    self.buf = Vec::new();
                } else {
                    self.buf.extend_from_slice(&chunk[..take]);
                }
            }
            if let Some(p) = memchr::memrchr(b'\n', &chunk[..take]) {
                self.line_start = self.offset + p as u64 + 1;
            }
            self.reader.consume(take);
            self.offset += take as u64;
            match stop {
                Stop::More => {}
                _ if too_large => return Ok(Scan::TooLarge(start, self.offset - start)),
                Stop::Broken(why) => return Ok(Scan::Broken(start, why)),
                Stop::Complete => return Ok(Scan::Value(start)),
            }
        }
    }

    fn skip_line(&mut self) -> std::io::Result<()> {
        loop {
            let chunk = self.reader.fill_buf()?;
            if chunk.is_empty() {
                return Ok(());
            }
            let (n, found) = match memchr::memchr(b'\n', chunk) {
                Some(p) => (p + 1, true),
                None => (chunk.len(), false),
            };
            self.reader.consume(n);
            self.offset += n as u64;
            if found {
                self.line_start = self.offset;
                return Ok(());
            }
        }
    }

    /// After a malformed post that started at `start` (its bytes so far in `buf`), finds where
    /// the next post starts: a line of `buf` that starts with `{` no further right than the
    /// post did, else such a line further on in the input. Returns the bytes skipped from
    /// `start`, or `None` when the input ends first (everything after `start` skipped).
    fn restart(&mut self, start: u64, col: u64) -> std::io::Result<Option<u64>> {
        if let Some(line) = restart_line(&self.buf, col) {
            let back = self.buf.split_off(line);
            self.reader.unread(&back);
            self.offset = start + line as u64;
            self.line_start = self.offset;
            return Ok(Some(line as u64));
        }
        // Not in what was read: look at the lines that follow.
        loop {
            if self.at_line_start_of_post(col)? {
                return Ok(Some(self.offset - start));
            }
            self.skip_line()?;
            if self.reader.fill_buf()?.is_empty() {
                return Ok(None);
            }
        }
    }

    /// Whether the input, at the start of a line, holds at most `col` spaces or tabs and
    /// then `{`. Nothing is consumed.
    fn at_line_start_of_post(&mut self, col: u64) -> std::io::Result<bool> {
        if self.offset != self.line_start {
            return Ok(false);
        }
        let (blanks, next) = self.peek_past_blanks(col)?;
        Ok(blanks <= col && next == Some(b'{'))
    }

    /// The next byte that is not a space or tab (`\n` at a line's end), not consumed.
    fn next_byte_on_line(&mut self) -> std::io::Result<Option<u8>> {
        Ok(self.peek_past_blanks(u64::MAX)?.1)
    }

    /// Looks past spaces, tabs and carriage returns without consuming them: how many there
    /// are and the byte after them (`None` at the end of the input, or once more than `limit`
    /// were seen).
    fn peek_past_blanks(&mut self, limit: u64) -> std::io::Result<(u64, Option<u8>)> {
        let mut seen = Vec::new();
        let next = loop {
            let chunk = self.reader.fill_buf()?;
            if chunk.is_empty() {
                break None;
            }
            let ws = chunk
                .iter()
                .take_while(|b| matches!(b, b' ' | b'\t' | b'\r'))
                .count();
            seen.extend_from_slice(&chunk[..ws]);
            let next = chunk.get(ws).copied();
            self.reader.consume(ws);
            if next.is_some() || seen.len() as u64 > limit {
                break next;
            }
        };
        self.reader.unread(&seen);
        Ok((seen.len() as u64, next))
    }

    fn record(&mut self, start: u64) -> Record {
        // Only the fields a post keeps are taken from the JSON (borrowed where they need no
        // unescaping); the rest is parsed and dropped as it is read.
        let wire: Wire<'_> = match serde_json::from_slice(&self.buf) {
            Ok(v) => v,
            Err(e) => {
                let text = String::from_utf8_lossy(&self.buf);
                let at = start + line_col_to_offset(&text, e.line(), e.column()) as u64;
                let mut message = e.to_string();
                // A post spanning lines may hold the start of the next one, and a post whose
                // line goes on after it is followed by the rest of itself: go on at the next
                // line that starts a post.
                let continues = match self.next_byte_on_line() {
                    Ok(b) => !matches!(b, None | Some(b'\n' | b',' | b']')),
                    Err(e) => return self.io_error(e),
                };
                if continues || memchr::memchr(b'\n', &self.buf).is_some() {
                    match self.restart(start, self.value_col) {
                        Ok(Some(skipped)) => message.push_str(&format!(
                            "; reading goes on at the next post, {skipped} bytes after this one's start"
                        )),
                        Ok(None) => message.push_str("; no post starts after it"),
                        Err(e) => return self.io_error(e),
                    }
                }
                return Record::Failed(Error::new(ErrorKind::Json(message)).at(self.location(at)));
            }
        };
        let location = self.location(start).with_id(wire.location_id());
        match Post::from_wire(wire) {
            Ok(post) => Record::Post {
                post: Box::new(post),
                location,
            },
            Err(e) => match e.kind() {
                ErrorKind::NotAPost(what) => Record::Skipped {
                    location,
                    reason: SkipReason::NotAPost(what.clone()),
                },
                _ => Record::Failed(e.at(location)),
            },
        }
    }
}

impl<R: BufRead> Iterator for JsonReader<R> {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        if self.done {
            return None;
        }
        let scan = match self.scan_value() {
            Ok(s) => s,
            Err(e) => return Some(self.io_error(e)),
        };
        let record = match scan {
            Scan::End => {
                self.done = true;
                return None;
            }
            Scan::Value(start) => self.record(start),
            Scan::TooLarge(start, len) => Record::Failed(
                Error::new(ErrorKind::Limit(format!(
                    "post of {len} bytes exceeds the maximum post size of {} bytes",
                    self.max_post_bytes
                )))
                .at(self.location(start)),
            ),
            Scan::Broken(start, why) => {
                let restart = if why == NEW_POST_LINE {
                    // The scan stopped right before the new post.
                    Ok(Some(self.offset - start))
                } else {
                    self.restart(start, self.value_col)
                };
                let message = match restart {
                    Ok(Some(skipped)) => {
                        format!("{why}; {skipped} bytes skipped to the next post")
                    }
                    Ok(None) => {
                        self.done = true;
                        format!(
                            "{why}; no post starts after it: the remaining {} bytes were skipped",
                            self.offset - start
                        )
                    }
                    Err(e) => return Some(self.io_error(e)),
                };
                Record::Failed(Error::new(ErrorKind::Json(message)).at(self.location(start)))
            }
            Scan::Unexpected(start, b) => Record::Failed(
                Error::new(ErrorKind::Json(format!(
                    "unexpected byte {:?} where a post should start",
                    b as char
                )))
                .at(self.location(start)),
            ),
        };
        self.index += 1;
        Some(record)
    }
}

impl<R: BufRead> RecordReader for JsonReader<R> {
    fn bytes_read(&self) -> u64 {
        self.offset
    }
}

#[cfg(test)]
mod tests;
