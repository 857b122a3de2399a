//! A WARC record's header: the version line, then `Name: value` fields up to a blank line,
//! read within a size limit (a header is a few hundred bytes; a line that never ends must not
//! grow a buffer without bound).

use std::io::{self, BufRead};

/// The largest WARC header read.
pub(super) const MAX_HEADER_BYTES: usize = 64 << 10;

/// A record's named fields, in order, as text (WARC 1.1 allows UTF-8 in values).
#[derive(Debug, Default)]
pub(super) struct WarcHeader {
    fields: Vec<(String, String)>,
}

/// Why a header could not be read.
#[derive(Debug)]
pub(super) enum HeaderError {
    /// The input ended inside it.
    Cut,
    /// Not a WARC header, or a malformed one.
    Malformed(String),
    /// Reading failed.
    Io(io::Error),
}

impl WarcHeader {
    /// The first field of this name (names are case-insensitive).
    pub(super) fn get(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// `Content-Length`, which every record must have.
    pub(super) fn content_length(&self) -> Result<u64, String> {
        let value = self
            .get("Content-Length")
            .ok_or("record header without Content-Length")?;
        value
            .parse()
            .map_err(|_| format!("Content-Length is not a number: {:?}", shorten(value)))
    }

    /// `WARC-Type`, lower case; `unknown` when missing, shortened when absurd.
    pub(super) fn record_type(&self) -> String {
        let t = self.get("WARC-Type").unwrap_or("unknown");
        shorten(t).to_ascii_lowercase()
    }
}

/// At most 40 characters of a value, for messages.
pub(super) fn shorten(value: &str) -> &str {
    match value.char_indices().nth(40) {
        Some((i, _)) => &value[..i],
        None => value,
    }
}

/// Reads a header that starts here (the caller has seen `WARC/1.`).
pub(super) fn read_header(src: &mut impl BufRead) -> Result<WarcHeader, HeaderError> {
    let mut budget = MAX_HEADER_BYTES;
    let mut line = Vec::with_capacity(128);
    read_line(src, &mut line, &mut budget)?;
    let version = text(&line);
    if !version.starts_with("WARC/1.") {
        return Err(HeaderError::Malformed(format!(
            "not a WARC record header: {:?}",
            shorten(&version)
        )));
    }
    let mut header = WarcHeader::default();
    loop {
        line.clear();
        read_line(src, &mut line, &mut budget)?;
        let field = text(&line);
        if field.is_empty() {
            return Ok(header);
        }
        if field.starts_with([' ', '\t']) {
            // A continuation of the previous field's value (WARC 1.0 allows folding).
            let Some((_, value)) = header.fields.last_mut() else {
                return Err(HeaderError::Malformed(
                    "record header starts with a continuation line".into(),
                ));
            };
            value.push(' ');
            value.push_str(field.trim());
            continue;
        }
        let Some((name, value)) = field.split_once(':') else {
            return Err(HeaderError::Malformed(format!(
                "record header line without a colon: {:?}",
                shorten(&field)
            )));
        };
        header
            .fields
            .push((name.trim().to_string(), value.trim().to_string()));
    }
}

/// The line without its line break, as text.
fn text(line: &[u8]) -> String {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    String::from_utf8_lossy(line).into_owned()
}

/// Appends one line (with its `\n`) to `line`, taking its length from `budget`.
fn read_line(
    src: &mut impl BufRead,
    line: &mut Vec<u8>,
    budget: &mut usize,
) -> Result<(), HeaderError> {
    loop {
        let buf = src.fill_buf().map_err(HeaderError::Io)?;
        if buf.is_empty() {
            return Err(HeaderError::Cut);
        }
        let (n, done) = match memchr::memchr(b'\n', buf) {
            Some(i) => (i + 1, true),
            None => (buf.len(), false),
        };
        if n > *budget {
            return Err(HeaderError::Malformed(format!(
                "record header longer than {MAX_HEADER_BYTES} bytes"
            )));
        }
        *budget -= n;
        line.extend_from_slice(&buf[..n]);
        src.consume(n);
        if done {
            return Ok(());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<WarcHeader, HeaderError> {
        read_header(&mut text.as_bytes())
    }

    #[test]
    fn fields_are_read_case_insensitively_with_folded_values() {
        let h = read(
            "WARC/1.0\r\nWARC-Type: response\r\ncontent-length:  42 \r\n\
             WARC-Target-URI: <http://example.com/>\r\nX-Long: one\r\n\t two\r\n\r\nbody",
        )
        .unwrap();
        assert_eq!(h.get("Content-Length"), Some("42"));
        assert_eq!(h.content_length(), Ok(42));
        assert_eq!(h.record_type(), "response");
        assert_eq!(h.get("x-long"), Some("one two"));
        assert_eq!(h.get("WARC-Date"), None);
        // Bare line feeds are read too.
        let h = read("WARC/1.1\nWARC-Type: Request\nContent-Length: 0\n\n").unwrap();
        assert_eq!(
            (h.record_type(), h.content_length()),
            ("request".into(), Ok(0))
        );
    }

    #[test]
    fn broken_headers_are_named() {
        let message = |text: &str| match read(text) {
            Err(HeaderError::Malformed(m)) => m,
            other => panic!("{other:?}"),
        };
        assert_eq!(
            message("HTTP/1.1 200 OK\r\n\r\n"),
            "not a WARC record header: \"HTTP/1.1 200 OK\""
        );
        assert_eq!(
            message("WARC/1.0\r\nno colon here\r\n\r\n"),
            "record header line without a colon: \"no colon here\""
        );
        assert!(message(&format!("WARC/1.0\r\nX: {}", "a".repeat(70_000))).contains("longer"));
        assert!(matches!(
            read("WARC/1.0\r\nWARC-Type: x\r\n"),
            Err(HeaderError::Cut)
        ));
        let h = read("WARC/1.0\r\nContent-Length: 10 GB\r\n\r\n").unwrap();
        assert_eq!(
            h.content_length(),
            Err("Content-Length is not a number: \"10 GB\"".into())
        );
        let h = read("WARC/1.0\r\nWARC-Type: response\r\n\r\n").unwrap();
        assert_eq!(
            h.content_length(),
            Err("record header without Content-Length".into())
        );
    }
}
