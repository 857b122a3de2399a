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

use serde_json::Value;

use super::{Record, RecordReader};
use crate::error::{Error, ErrorKind, Location};
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

/// Why a post is broken when a line starting a new one comes before it is complete.
const NEW_POST_LINE: &str = "a new post starts on a line before this one is complete";

/// A buffered reader that bytes can be given back to, so that reading can start again at a
/// line that was already read as part of a malformed post.
#[derive(Debug)]
struct Source<R> {
    inner: R,
    /// Bytes given back, read before `inner` from `pos` on.
    pending: Vec<u8>,
    pos: usize,
}

impl<R: BufRead> Source<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        if self.pos < self.pending.len() {
            return Ok(&self.pending[self.pos..]);
        }
        // Retried on interruption; the second call returns what the first one buffered.
        while let Err(e) = self.inner.fill_buf() {
            if e.kind() != std::io::ErrorKind::Interrupted {
                break;
            }
        }
        self.inner.fill_buf()
    }

    fn consume(&mut self, n: usize) {
        if self.pos < self.pending.len() {
            self.pos += n;
            if self.pos >= self.pending.len() {
                self.pending.clear();
                self.pos = 0;
            }
        } else {
            self.inner.consume(n);
        }
    }

    /// Puts bytes back in front of everything not yet consumed.
    fn unread(&mut self, bytes: &[u8]) {
        let mut v = bytes.to_vec();
        v.extend_from_slice(&self.pending[self.pos..]);
        self.pending = v;
        self.pos = 0;
    }
}

/// Where `{` may stand in JSON, given the last byte that was not whitespace and the innermost
/// open bracket: after `:`, after `[`, or after `,` in an array.
fn brace_may_follow(last: u8, innermost: Option<u8>) -> bool {
    match last {
        b':' | b'[' => true,
        b',' => innermost == Some(b'['),
        _ => false,
    }
}

/// The first line in `bytes` (after its first byte) that starts, after at most `col` spaces or
/// tabs, with `{`: where the next post can start. Returns the offset of that line.
fn restart_line(bytes: &[u8], col: u64) -> Option<usize> {
    let mut from = 1;
    while let Some(p) = memchr::memchr(b'\n', bytes.get(from..)?) {
        let line = from + p + 1;
        let ws = bytes[line..]
            .iter()
            .take_while(|b| matches!(b, b' ' | b'\t' | b'\r'))
            .count();
        if ws as u64 <= col && bytes.get(line + ws) == Some(&b'{') {
            return Some(line);
        }
        from = line;
    }
    None
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
        Record::Failed(Error::new(ErrorKind::Io(e.to_string())).at(loc))
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
        let (mut in_string, mut escape) = (false, false);
        // Open brackets, innermost last.
        let mut open: Vec<u8> = Vec::new();
        // The last byte outside strings that was not whitespace.
        let mut last = 0u8;
        // Leading whitespace of the current line while only whitespace has been seen on it
        // (inside an open value), and whether `{` may stand there.
        let mut line_ws: Option<(u64, bool)> = None;
        let mut too_large = false;
        let mut broken = None;
        let scalar = first != b'{';
        loop {
            let chunk = self.reader.fill_buf()?;
            if chunk.is_empty() {
                return Ok(if scalar && !in_string && !too_large {
                    Scan::Value(start)
                } else if too_large {
                    Scan::TooLarge(start, self.offset - start)
                } else {
                    Scan::Broken(start, "truncated: the input ends inside this post")
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
                    // Jump to the next quote, backslash or raw line break (never in JSON).
                    match memchr::memchr3(b'"', b'\\', b'\n', &chunk[i..]) {
                        None => {
                            i = chunk.len();
                            break;
                        }
                        Some(p) => i += p,
                    }
                    match chunk[i] {
                        b'\n' => {
                            broken = Some("a line break inside a string: the post is cut short");
                            end = Some(i);
                            break;
                        }
                        b'\\' => escape = true,
                        _ => {
                            in_string = false;
                            last = b'"';
                            if scalar && open.is_empty() {
                                end = Some(i + 1);
                                break;
                            }
                        }
                    }
                    i += 1;
                    continue;
                }
                let b = chunk[i];
                match b {
                    b'\n' if !open.is_empty() => {
                        line_ws = Some((0, brace_may_follow(last, open.last().copied())));
                        i += 1;
                        continue;
                    }
                    b' ' | b'\t' | b'\r' if !(scalar && open.is_empty()) => {
                        if let Some((n, _)) = &mut line_ws {
                            *n += 1;
                        }
                        i += 1;
                        continue;
                    }
                    _ => {}
                }
                if let Some((ws, brace_ok)) = line_ws.take()
                    && b == b'{'
                    && ws <= col
                    && !brace_ok
                {
                    // A line that starts a new post where this one cannot go on.
                    broken = Some(NEW_POST_LINE);
                    end = Some(i);
                    break;
                }
                match b {
                    b'"' => in_string = true,
                    b'{' | b'[' => open.push(b),
                    b'}' | b']' if !open.is_empty() => {
                        open.pop();
                        if open.is_empty() {
                            end = Some(i + 1);
                            break;
                        }
                    }
                    b',' | b']' | b'}' | b' ' | b'\n' | b'\r' | b'\t'
                        if scalar && open.is_empty() =>
                    {
                        end = Some(i);
                        break;
                    }
                    _ => {}
                }
                last = b;
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
            if let Some(p) = memchr::memrchr(b'\n', &chunk[..take]) {
                self.line_start = self.offset + p as u64 + 1;
            }
            self.reader.consume(take);
            self.offset += take as u64;
            if let Some(why) = broken {
                return Ok(if too_large {
                    Scan::TooLarge(start, self.offset - start)
                } else {
                    Scan::Broken(start, why)
                });
            }
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
        let value: Value = match serde_json::from_slice(&self.buf) {
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

    fn post(id: u32) -> String {
        P.replace("\"id\":1", &format!("\"id\":{id}"))
    }

    /// Five posts, the third replaced by `bad`, joined as `layout` says.
    fn five_with(bad: &str, join: impl Fn(Vec<String>) -> String) -> Vec<String> {
        let mut posts: Vec<String> = (1..=5).map(post).collect();
        posts[2] = bad.to_string();
        ids(&read(&join(posts)))
    }

    fn ndjson(posts: Vec<String>) -> String {
        posts.join("\n") + "\n"
    }

    fn one_per_line_array(posts: Vec<String>) -> String {
        format!("[{}]\n", posts.join(",\n"))
    }

    fn expect_four_and_one_failure(got: Vec<String>, what: &str) {
        assert_eq!(got.len(), 5, "{what}: {got:?}");
        assert_eq!(
            [&got[0], &got[1], &got[3], &got[4]],
            ["post 1", "post 2", "post 4", "post 5"],
            "{what}: {got:?}"
        );
        assert!(got[2].starts_with("fail #2 @"), "{what}: {got:?}");
    }

    #[test]
    fn reading_starts_again_after_a_malformed_line() {
        let unterminated = r#"{"id":3,"title":{"rendered":"cut here"#;
        let truncated = r#"{"id":3,"title":{"rendered":"x"},"content":{"rendered":"<p>a</p>""#;
        let missing_brace = r#"{"id":3,"title":{"rendered":"x"},"content":{"rendered":"y""#;
        let bad_value = r#"{"id":3,"title":{"rendered":"x"},"content":}"#;
        for bad in [unterminated, truncated, missing_brace, bad_value] {
            expect_four_and_one_failure(five_with(bad, ndjson), &format!("NDJSON, {bad}"));
            expect_four_and_one_failure(
                five_with(bad, one_per_line_array),
                &format!("one-per-line array, {bad}"),
            );
        }
    }

    #[test]
    fn pretty_printed_arrays_resynchronise_at_the_next_post() {
        // PHP's JSON_PRETTY_PRINT: four spaces, each post's braces at one indentation.
        let pretty = |id: u32, content: &str| {
            format!(
                "    {{\n        \"id\": {id},\n        \"title\": {{\n            \"rendered\": \"T\"\n        }},\n        \"content\": {content}\n    }}"
            )
        };
        let good = |id| pretty(id, "{\n            \"rendered\": \"<p>x</p>\"\n        }");
        let cut = "    {\n        \"id\": 3,\n        \"title\": {\n            \"rendered\": \"T"
            .to_string();
        let unclosed =
            "    {\n        \"id\": 3,\n        \"content\": {\n            \"rendered\": \"x\"\n"
                .to_string();
        for bad in [cut, unclosed, pretty(3, "}")] {
            let posts: Vec<String> = (1..=5)
                .map(|i| if i == 3 { bad.clone() } else { good(i) })
                .collect();
            let input = format!("[\n{}\n]\n", posts.join(",\n"));
            expect_four_and_one_failure(ids(&read(&input)), &format!("pretty, {bad}"));
        }
    }

    #[test]
    fn without_a_restart_point_the_error_says_how_much_was_skipped() {
        // One line, cut inside the third post: nothing after it can be read.
        let input = format!("[{},{},{}", post(1), post(2), &post(3)[..30]);
        let r = read(&input);
        assert_eq!(ids(&r)[..2], ["post 1", "post 2"]);
        let Record::Failed(e) = &r[2] else {
            panic!("{:?}", ids(&r))
        };
        assert!(
            e.to_string()
                .contains("the remaining 30 bytes were skipped"),
            "{e}"
        );
        // With a restart point, the error says how far it was.
        let input = format!("{}\n{}\n", &post(1)[..30], post(2));
        let r = read(&input);
        assert_eq!(ids(&r)[1], "post 2");
        let Record::Failed(e) = &r[0] else { panic!() };
        assert!(
            e.to_string().contains("31 bytes skipped to the next post"),
            "{e}"
        );
    }

    #[test]
    fn nested_objects_on_their_own_lines_are_not_mistaken_for_posts() {
        // A valid post whose nested objects start lines further right.
        let input = "[\n  {\n    \"id\": 7,\n    \"content\":\n    {\"rendered\": \"<p>x</p>\"},\n    \"_embedded\": {\"author\": [\n      {\"id\": 1}\n    ]}\n  }\n]";
        assert_eq!(ids(&read(input)), ["post 7"]);
        // A single post at column 0 whose nested object also starts at column 0 after `:`.
        let input = "{\"id\": 8, \"content\":\n{\"rendered\": \"<p>x</p>\"}}";
        assert_eq!(ids(&read(input)), ["post 8"]);
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
