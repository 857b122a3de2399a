//! The HTTP response inside a WARC response record: its head (status and the headers that
//! say how to read the payload), parsed with `httparse` set to tolerate what real servers
//! send, and the HTML sniffing for payloads that name no type.

/// The largest HTTP response head read.
pub(super) const MAX_HEAD_BYTES: usize = 64 << 10;

/// What the payload decoder and the page need from a response head.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct HttpHead {
    pub(super) status: u16,
    /// Bytes of the head, its blank line included: the payload starts there.
    pub(super) len: usize,
    pub(super) content_type: Option<String>,
    pub(super) transfer_encoding: Option<String>,
    pub(super) content_encoding: Option<String>,
    /// Common Crawl stores payloads decoded and renames the headers that described the
    /// encoding to `X-Crawler-Transfer-Encoding` / `X-Crawler-Content-Encoding`.
    pub(super) crawler_decoded: bool,
}

/// Why a head could not be read.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum HeadError {
    /// It does not end (no blank line) within the bytes given.
    Incomplete,
    Malformed(String),
}

/// httparse, set to read what servers really send: spaces before a colon, folded lines,
/// several spaces in the status line, and invalid header lines (skipped).
fn config() -> httparse::ParserConfig {
    let mut c = httparse::ParserConfig::default();
    c.allow_spaces_after_header_name_in_responses(true)
        .allow_obsolete_multiline_headers_in_responses(true)
        .allow_multiple_spaces_in_response_status_delimiters(true)
        .ignore_invalid_headers_in_responses(true);
    c
}

/// Parses the response head at the start of a record's block.
pub(super) fn parse_head(block: &[u8]) -> Result<HttpHead, HeadError> {
    let mut headers = [httparse::EMPTY_HEADER; 96];
    let parsed = match parse_with(block, &mut headers) {
        Err(httparse::Error::TooManyHeaders) => {
            let mut headers = vec![httparse::EMPTY_HEADER; 2048];
            parse_with(block, &mut headers)
        }
        Err(httparse::Error::Version) => return parse_other_version(block),
        other => other,
    };
    finish(parsed)
}

fn finish(parsed: Result<Option<HttpHead>, httparse::Error>) -> Result<HttpHead, HeadError> {
    match parsed {
        Ok(Some(head)) => Ok(head),
        Ok(None) => Err(HeadError::Incomplete),
        Err(e) => Err(HeadError::Malformed(e.to_string())),
    }
}

/// HTTP/2 and HTTP/3 status lines (`HTTP/2 200`), which some crawlers record as they got
/// them and httparse does not take: read as HTTP/1.1.
fn parse_other_version(block: &[u8]) -> Result<HttpHead, HeadError> {
    let malformed = || HeadError::Malformed("not an HTTP/1 or HTTP/2 status line".into());
    let head = &block[..block.len().min(MAX_HEAD_BYTES)];
    let version_end = memchr::memchr(b' ', head).ok_or_else(malformed)?;
    if !matches!(
        &head[..version_end],
        b"HTTP/2" | b"HTTP/2.0" | b"HTTP/3" | b"HTTP/3.0"
    ) {
        return Err(malformed());
    }
    let mut as_http1 = b"HTTP/1.1".to_vec();
    as_http1.extend_from_slice(&head[version_end..]);
    let mut headers = [httparse::EMPTY_HEADER; 96];
    let mut head = finish(parse_with(&as_http1, &mut headers))?;
    head.len = head.len - 8 + version_end;
    Ok(head)
}

/// The head, `None` when it does not end within `block`.
fn parse_with<'b>(
    block: &'b [u8],
    headers: &mut [httparse::Header<'b>],
) -> Result<Option<HttpHead>, httparse::Error> {
    let mut response = httparse::Response::new(headers);
    let len = match config().parse_response(&mut response, block)? {
        httparse::Status::Complete(len) => len,
        httparse::Status::Partial => return Ok(None),
    };
    let mut head = HttpHead {
        status: response.code.unwrap_or(0),
        len,
        ..HttpHead::default()
    };
    for h in response.headers.iter() {
        let value = || String::from_utf8_lossy(h.value).trim().to_string();
        let name = h.name;
        if name.eq_ignore_ascii_case("Content-Type") {
            head.content_type.get_or_insert_with(value);
        } else if name.eq_ignore_ascii_case("Transfer-Encoding") {
            head.transfer_encoding = Some(value());
        } else if name.eq_ignore_ascii_case("Content-Encoding") {
            head.content_encoding = Some(value());
        } else if name.eq_ignore_ascii_case("X-Crawler-Transfer-Encoding")
            || name.eq_ignore_ascii_case("X-Crawler-Content-Encoding")
        {
            head.crawler_decoded = true;
        }
    }
    Ok(Some(head))
}

/// What a `Content-Type` says about the payload.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum MediaType {
    Html,
    /// None given, or one that asks for sniffing (`unknown/unknown`, `*/*`).
    Unknown,
    /// Another type, lower case, without parameters.
    Other(String),
}

/// The media type of a `Content-Type` value.
pub(super) fn media_type(content_type: Option<&str>) -> MediaType {
    let Some(value) = content_type else {
        return MediaType::Unknown;
    };
    let essence = value
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    match essence.as_str() {
        "text/html" | "application/xhtml+xml" => MediaType::Html,
        "" | "unknown/unknown" | "application/unknown" | "*/*" => MediaType::Unknown,
        _ => MediaType::Other(super::header::shorten(&essence).to_string()),
    }
}

/// Whether a payload of no stated type is HTML, by the MIME Sniffing Standard's patterns for
/// `text/html`: after white space, one of these tags, case-insensitive, then a space or `>`.
pub(super) fn sniff_html(payload: &[u8]) -> bool {
    const TAGS: [&[u8]; 17] = [
        b"<!DOCTYPE HTML",
        b"<HTML",
        b"<HEAD",
        b"<SCRIPT",
        b"<IFRAME",
        b"<H1",
        b"<DIV",
        b"<FONT",
        b"<TABLE",
        b"<A",
        b"<STYLE",
        b"<TITLE",
        b"<B",
        b"<BODY",
        b"<BR",
        b"<P",
        b"<!--",
    ];
    let payload = payload.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(payload);
    let start = payload
        .iter()
        .position(|b| !matches!(b, b'\t' | b'\n' | b'\x0C' | b'\r' | b' '))
        .unwrap_or(payload.len());
    let rest = &payload[start..];
    TAGS.iter().any(|tag| {
        rest.len() > tag.len()
            && rest[..tag.len()].eq_ignore_ascii_case(tag)
            && matches!(rest[tag.len()], b' ' | b'>')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_response_head_gives_status_type_and_encodings() {
        let block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=Shift_JIS\r\n\
            Transfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n\r\npayload";
        let head = parse_head(block).unwrap();
        assert_eq!(head.status, 200);
        assert_eq!(&block[head.len..], b"payload");
        assert_eq!(
            head.content_type.as_deref(),
            Some("text/html; charset=Shift_JIS")
        );
        assert_eq!(head.transfer_encoding.as_deref(), Some("chunked"));
        assert_eq!(head.content_encoding.as_deref(), Some("gzip"));
        assert!(!head.crawler_decoded);
    }

    #[test]
    fn what_real_servers_send_is_read() {
        // No reason phrase, bare line feeds, a space before the colon, a broken line.
        let block = b"HTTP/1.0 404\nContent-Type : text/html\nbroken line\nX: y\n\nbody";
        let head = parse_head(block).unwrap();
        assert_eq!(
            (head.status, head.content_type.as_deref()),
            (404, Some("text/html"))
        );
        assert_eq!(&block[head.len..], b"body");
        // HTTP/2 as some crawlers record it.
        let block = b"HTTP/2 301 \r\nlocation: /x\r\n\r\n";
        let head = parse_head(block).unwrap();
        assert_eq!((head.status, head.len), (301, block.len()));
        // Common Crawl's renamed headers.
        let block = b"HTTP/1.1 200 OK\r\nX-Crawler-Content-Encoding: gzip\r\n\r\n";
        assert!(parse_head(block).unwrap().crawler_decoded);
        // Hundreds of headers.
        let many = format!(
            "HTTP/1.1 200 OK\r\n{}\r\n",
            "Set-Cookie: a=b\r\n".repeat(500)
        );
        assert_eq!(parse_head(many.as_bytes()).unwrap().len, many.len());
    }

    #[test]
    fn heads_that_are_not_http_or_do_not_end_are_named() {
        assert_eq!(
            parse_head(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"),
            Err(HeadError::Incomplete)
        );
        assert!(matches!(
            parse_head(b"ICY 200 OK\r\n\r\n"),
            Err(HeadError::Malformed(_))
        ));
        assert!(matches!(
            parse_head(b"HTTP/9 200\r\n\r\n"),
            Err(HeadError::Malformed(_))
        ));
    }

    #[test]
    fn media_types_and_sniffing() {
        assert_eq!(media_type(Some("text/HTML; charset=x")), MediaType::Html);
        assert_eq!(media_type(Some("application/xhtml+xml")), MediaType::Html);
        assert_eq!(media_type(None), MediaType::Unknown);
        assert_eq!(media_type(Some("*/*")), MediaType::Unknown);
        assert_eq!(
            media_type(Some("Image/PNG")),
            MediaType::Other("image/png".into())
        );
        assert!(sniff_html(b"\xEF\xBB\xBF \n<!doctype html><html>"));
        assert!(sniff_html(b"<p>text"));
        assert!(sniff_html(b"<!-- x -->"));
        assert!(!sniff_html(b"<pre>"));
        assert!(!sniff_html(b"\x89PNG\r\n"));
        assert!(!sniff_html(b"<?xml version='1.0'?>"));
        assert!(!sniff_html(b"<html"));
    }
}
