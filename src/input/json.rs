//! Streaming REST JSON: one post object, an array of posts (a REST page), several arrays
//! back to back, or NDJSON. The input is split into top-level values (or the elements of
//! top-level arrays) by a byte scanner that only tracks strings and nesting, so memory holds
//! one post at a time whatever the file size, and a malformed post costs only itself: the
//! scanner finds where the next one starts and goes on.

use std::io::BufRead;

use serde_json::Value;

use super::{Record, RecordReader};
use crate::error::{Error, ErrorKind, Location};
use crate::input::rest::{Post, line_col_to_offset};

/// Reads posts from REST API JSON, streaming.
#[derive(Debug)]
pub struct JsonReader<R> {
    reader: R,
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
    /// The input ended inside a value that started at this offset.
    Truncated(u64),
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
            reader,
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
        Record::Failed(Error::new(ErrorKind::Io(e.to_string())).at(loc))
    }

    /// Skips whitespace, commas between elements, a byte-order mark and array brackets, and
    /// returns the next byte that starts a value (not consumed).
    fn next_value_start(&mut self) -> std::io::Result<Option<u8>> {
        loop {
            let chunk = match self.reader.fill_buf() {
                Ok(c) => c,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
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
                    b' ' | b'\t' | b'\n' | b'\r' | b',' | 0 => used += 1,
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

    /// Reads one complete value into `buf`.
    fn scan_value(&mut self) -> std::io::Result<Scan> {
        self.buf.clear();
        let Some(first) = self.next_value_start()? else {
            return Ok(Scan::End);
        };
        let start = self.offset;
        if !matches!(first, b'{' | b'"' | b'-' | b'0'..=b'9' | b't' | b'f' | b'n') {
            // Not JSON: skip to the end of the line, where the next NDJSON record may start.
            self.skip_line()?;
            return Ok(Scan::Unexpected(start, first));
        }
        let (mut depth, mut in_string, mut escape) = (0u32, false, false);
        let mut too_large = false;
        let scalar = first != b'{';
        loop {
            let chunk = match self.reader.fill_buf() {
                Ok(c) => c,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if chunk.is_empty() {
                return Ok(if scalar && !in_string && !too_large {
                    Scan::Value(start)
                } else {
                    Scan::Truncated(start)
                });
            }
            let mut i = 0;
            let mut end = None;
            while i < chunk.len() {
                if in_string {
                    if escape {
                        // The byte after a backslash, possibly at the start of a new chunk.
                        escape = false;
                        i += 1;
                        continue;
                    }
                    // Jump to the next quote or backslash.
                    match memchr::memchr2(b'"', b'\\', &chunk[i..]) {
                        None => {
                            i = chunk.len();
                            break;
                        }
                        Some(p) => i += p,
                    }
                    if chunk[i] == b'\\' {
                        escape = true;
                    } else {
                        in_string = false;
                        if scalar && depth == 0 {
                            end = Some(i + 1);
                            break;
                        }
                    }
                    i += 1;
                    continue;
                }
                match chunk[i] {
                    b'"' => in_string = true,
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' if depth > 0 => {
                        depth -= 1;
                        if depth == 0 {
                            end = Some(i + 1);
                            break;
                        }
                    }
                    b',' | b']' | b'}' | b' ' | b'\n' | b'\r' | b'\t' if scalar && depth == 0 => {
                        end = Some(i);
                        break;
                    }
                    _ => {}
                }
                i += 1;
            }
            let take = end.unwrap_or(i);
            if !too_large {
                if self.buf.len() + take > self.max_post_bytes {
                    too_large = true;
                    self.buf = Vec::new();
                } else {
                    self.buf.extend_from_slice(&chunk[..take]);
                }
            }
            self.reader.consume(take);
            self.offset += take as u64;
            if end.is_some() {
                return Ok(if too_large {
                    Scan::TooLarge(start, self.offset - start)
                } else {
                    Scan::Value(start)
                });
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
                return Ok(());
            }
        }
    }

    fn record(&mut self, start: u64) -> Record {
        let value: Value = match serde_json::from_slice(&self.buf) {
            Ok(v) => v,
            Err(e) => {
                let text = String::from_utf8_lossy(&self.buf);
                let at = start + line_col_to_offset(&text, e.line(), e.column()) as u64;
                return Record::Failed(Error::from(e).at(self.location(at)));
            }
        };
        let id = value.get("id").and_then(Value::as_u64);
        let location = self.location(start).with_id(id);
        match Post::from_value(value) {
            Ok(post) => Record::Post {
                post: Box::new(post),
                location,
            },
            Err(e) => match e.kind() {
                ErrorKind::NotAPost(what) => Record::Skipped {
                    location,
                    reason: what.clone(),
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
            Scan::Truncated(start) => {
                self.done = true;
                Record::Failed(
                    Error::new(ErrorKind::Json(
                        "truncated: the input ends inside this post".into(),
                    ))
                    .at(self.location(start)),
                )
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
mod tests {
    use super::*;

    fn read(input: &str) -> Vec<Record> {
        // Every small buffer size, so values, strings and escapes straddle chunk boundaries.
        let mut first: Option<Vec<String>> = None;
        for cap in 1..=16 {
            let r = std::io::BufReader::with_capacity(cap, input.as_bytes());
            let got: Vec<Record> = JsonReader::new(r, Some("t.json".into()), 1 << 20).collect();
            let shown = ids(&got);
            if let Some(f) = &first {
                assert_eq!(f, &shown, "buffer size {cap}");
            } else {
                first = Some(shown);
            }
            if cap == 16 {
                return got;
            }
        }
        unreachable!()
    }

    fn ids(records: &[Record]) -> Vec<String> {
        records
            .iter()
            .map(|r| match r {
                Record::Post { post, .. } => format!("post {}", post.id.unwrap_or(0)),
                Record::Skipped { reason, .. } => format!("skip {reason}"),
                Record::Failed(e) => format!(
                    "fail #{} @{}",
                    e.location().index.unwrap_or(99),
                    e.location().offset.unwrap_or(0)
                ),
            })
            .collect()
    }

    const P: &str = r#"{"id":1,"title":{"rendered":"a \"quoted\" [x] {y}"},"content":{"rendered":"<p>\\\"</p>"}}"#;

    #[test]
    fn object_array_ndjson_and_pages() {
        assert_eq!(ids(&read(P)), ["post 1"]);
        let arr = format!("\u{feff}[{P},\n{}]", P.replace("\"id\":1", "\"id\":2"));
        assert_eq!(ids(&read(&arr)), ["post 1", "post 2"]);
        let nd = format!("{P}\n{}\n", P.replace("\"id\":1", "\"id\":3"));
        assert_eq!(ids(&read(&nd)), ["post 1", "post 3"]);
        let pages = format!("[[{P}],[{P}]]");
        assert_eq!(ids(&read(&pages)), ["post 1", "post 1"]);
        assert!(read("[]").is_empty());
        assert!(read("").is_empty());
    }

    #[test]
    fn a_malformed_post_costs_only_itself() {
        let bad = r#"{"id":2,"title":{"rendered":"x"},"content":}"#;
        let input = format!("[{P},\n{bad},\n{}]", P.replace("\"id\":1", "\"id\":3"));
        let r = read(&input);
        assert_eq!(ids(&r)[0], "post 1");
        assert!(ids(&r)[1].starts_with("fail #1 @"));
        assert_eq!(ids(&r)[2], "post 3");
        // The offset points into the bad post.
        let Record::Failed(e) = &r[1] else { panic!() };
        let at = e.location().offset.unwrap() as usize;
        assert!(at > input.find(bad).unwrap() && at <= input.find(bad).unwrap() + bad.len());
    }

    #[test]
    fn truncated_and_garbage() {
        let r = read(&format!("[{P}, {}", &P[..20]));
        assert_eq!(
            ids(&r),
            ["post 1".to_string(), format!("fail #1 @{}", P.len() + 3)]
        );
        let r = read(&format!("garbage\n{P}"));
        assert_eq!(ids(&r), ["fail #0 @0", "post 1"]);
        let r = read(r#"[{"id":5,"name":"admin"}, 42]"#);
        assert_eq!(ids(&r)[0], "skip an object without `content` or `title`");
        assert!(ids(&r)[1].starts_with("skip expected a JSON object"));
    }

    #[test]
    fn oversized_posts_are_skipped_with_an_error() {
        let big = format!(
            r#"{{"id":9,"content":{{"rendered":"{}"}}}}"#,
            "x".repeat(5000)
        );
        let input = format!("[{big},{P}]");
        let r: Vec<_> =
            JsonReader::new(std::io::BufReader::new(input.as_bytes()), None, 1000).collect();
        assert!(matches!(&r[0], Record::Failed(e) if matches!(e.kind(), ErrorKind::Limit(_))));
        assert!(matches!(&r[1], Record::Post { .. }));
    }
}
