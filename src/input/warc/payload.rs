//! A page record's HTTP payload, decoded: chunked transfer coding undone, then each content
//! coding (gzip, deflate, br) in the reverse of the order the server applied them. Every
//! decoder reads through a limit, so a payload that inflates past the record limit (a
//! compression bomb) fails its record without the memory being spent.
//!
//! Headers lie: a payload said to be gzip that is not, a `chunked` body that is plain. When a
//! decoding fails, the bytes before it are kept (a record the crawler truncated ends inside
//! its compressed stream) and a warning says what happened; a body that looks like HTML and
//! fails to decode at once is kept as it is.

use std::borrow::Cow;
use std::io::Read;

use super::chunked::{Dechunked, dechunk};
use super::http::{HttpHead, sniff_html};

/// A decoded payload and what was odd about it.
#[derive(Debug)]
pub(super) struct Payload {
    pub(super) body: Vec<u8>,
    pub(super) warnings: Vec<String>,
}

/// Why a payload gives no page.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum PayloadError {
    /// This coding decodes to more than the limit.
    TooLarge(String),
    /// A content coding there is no decoder for, on bytes that are not HTML.
    Unsupported(String),
}

/// How one decoding went.
enum Decoding {
    Done(Vec<u8>),
    /// Decoded up to an error (the bytes before it, and the error).
    Partial(Vec<u8>, String),
    /// Not in this coding at all.
    NotThat,
    TooLarge,
    Unsupported,
}

/// Decodes the payload that follows a response head.
pub(super) fn decode_payload(
    raw: &[u8],
    head: &HttpHead,
    max: usize,
) -> Result<Payload, PayloadError> {
    let mut warnings = Vec::new();
    let mut body = Cow::Borrowed(raw);
    // Common Crawl's X-Crawler-* headers: the payload is stored decoded.
    let encoded = !head.crawler_decoded;
    let chunked = head
        .transfer_encoding
        .as_deref()
        .is_some_and(|t| t.to_ascii_lowercase().contains("chunked"));
    if encoded && chunked {
        match dechunk(raw) {
            Dechunked::Whole(data) => body = Cow::Owned(data),
            Dechunked::Cut(data) => {
                warnings.push(format!(
                    "chunked payload cut short: kept the {} bytes of its chunks",
                    data.len()
                ));
                body = Cow::Owned(data);
            }
            Dechunked::NotChunked => warnings.push(
                "Transfer-Encoding says chunked, but the payload is not chunked: kept as it is"
                    .into(),
            ),
        }
    }
    let codings: Vec<String> = match &head.content_encoding {
        Some(list) if encoded => list
            .split(',')
            .map(|c| c.trim().to_ascii_lowercase())
            .filter(|c| !c.is_empty() && c != "identity")
            .collect(),
        _ => Vec::new(),
    };
    for coding in codings.iter().rev() {
        match decode(coding, &body, max) {
            Decoding::Done(data) => body = Cow::Owned(data),
            Decoding::Partial(_, _) | Decoding::NotThat if sniff_html(&body) => {
                warnings.push(format!(
                    "Content-Encoding says {coding}, but the payload is not {coding}: kept as it is"
                ));
            }
            Decoding::Partial(data, error) => {
                warnings.push(format!(
                    "{coding} payload ends in an error ({error}): kept the {} bytes before it",
                    data.len()
                ));
                body = Cow::Owned(data);
            }
            Decoding::NotThat => warnings.push(format!(
                "Content-Encoding says {coding}, but the payload is not {coding}: kept as it is"
            )),
            Decoding::TooLarge => return Err(PayloadError::TooLarge(coding.clone())),
            Decoding::Unsupported if sniff_html(&body) => warnings.push(format!(
                "Content-Encoding {coding} is not supported, but the payload is HTML: kept as it is"
            )),
            Decoding::Unsupported => return Err(PayloadError::Unsupported(coding.clone())),
        }
    }
    if codings.is_empty() && body.starts_with(&[0x1f, 0x8b, 8]) {
        match decode("gzip", &body, max) {
            Decoding::Done(data) => {
                warnings
                    .push("payload is gzip, though no Content-Encoding says so: decoded".into());
                body = Cow::Owned(data);
            }
            Decoding::TooLarge => return Err(PayloadError::TooLarge("gzip".into())),
            _ => {}
        }
    }
    Ok(Payload {
        body: body.into_owned(),
        warnings,
    })
}

/// Decodes one content coding, up to `max` bytes.
fn decode(coding: &str, data: &[u8], max: usize) -> Decoding {
    match coding {
        "gzip" | "x-gzip" => {
            if !data.starts_with(&[0x1f, 0x8b]) {
                return Decoding::NotThat;
            }
            read_limited(flate2::bufread::MultiGzDecoder::new(data), max)
        }
        "deflate" => {
            // RFC 9110 says zlib; many servers send raw deflate. The zlib header says which.
            let zlib = data.len() >= 2
                && data[0] & 0x0F == 8
                && (u16::from(data[0]) << 8 | u16::from(data[1])) % 31 == 0;
            if zlib {
                read_limited(flate2::bufread::ZlibDecoder::new(data), max)
            } else {
                read_limited(flate2::bufread::DeflateDecoder::new(data), max)
            }
        }
        "br" => read_limited(brotli_decompressor::Decompressor::new(data, 4096), max),
        _ => Decoding::Unsupported,
    }
}

/// Reads a decoder to its end, stopping one byte past `max`.
fn read_limited(decoder: impl Read, max: usize) -> Decoding {
    let mut out = Vec::new();
    let result = decoder.take(max as u64 + 1).read_to_end(&mut out);
    if out.len() > max {
        return Decoding::TooLarge;
    }
    match result {
        Ok(_) => Decoding::Done(out),
        Err(_) if out.is_empty() => Decoding::NotThat,
        Err(e) => Decoding::Partial(out, e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn head(transfer: Option<&str>, content: Option<&str>) -> HttpHead {
        HttpHead {
            status: 200,
            transfer_encoding: transfer.map(str::to_string),
            content_encoding: content.map(str::to_string),
            ..HttpHead::default()
        }
    }

    const PAGE: &[u8] = b"<!DOCTYPE html><p>The page.</p>";

    fn gzip(data: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    #[test]
    fn each_coding_is_undone() {
        let decoded = |raw: &[u8], h: HttpHead| decode_payload(raw, &h, 1 << 20).unwrap();
        let p = decoded(&gzip(PAGE), head(None, Some("gzip")));
        assert_eq!((p.body.as_slice(), p.warnings.len()), (PAGE, 0));
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), Default::default());
        z.write_all(PAGE).unwrap();
        let p = decoded(&z.finish().unwrap(), head(None, Some("deflate")));
        assert_eq!(p.body, PAGE);
        let mut d = flate2::write::DeflateEncoder::new(Vec::new(), Default::default());
        d.write_all(PAGE).unwrap();
        let p = decoded(&d.finish().unwrap(), head(None, Some("Deflate")));
        assert_eq!(p.body, PAGE);
        // Chunks of a gzip stream: transfer coding first, then content coding.
        let g = gzip(PAGE);
        let mut chunked = format!("{:x}\r\n", 10).into_bytes();
        chunked.extend_from_slice(&g[..10]);
        chunked.extend_from_slice(format!("\r\n{:x}\r\n", g.len() - 10).as_bytes());
        chunked.extend_from_slice(&g[10..]);
        chunked.extend_from_slice(b"\r\n0\r\n\r\n");
        let p = decoded(&chunked, head(Some("chunked"), Some("gzip, identity")));
        assert_eq!((p.body.as_slice(), p.warnings.len()), (PAGE, 0));
    }

    #[test]
    fn lying_headers_keep_the_bytes_with_a_warning() {
        let h = head(Some("chunked"), Some("gzip"));
        let p = decode_payload(PAGE, &h, 1 << 20).unwrap();
        assert_eq!(p.body, PAGE);
        assert_eq!(
            p.warnings,
            [
                "Transfer-Encoding says chunked, but the payload is not chunked: kept as it is",
                "Content-Encoding says gzip, but the payload is not gzip: kept as it is"
            ]
        );
        for coding in ["br", "deflate"] {
            let p = decode_payload(PAGE, &head(None, Some(coding)), 1 << 20).unwrap();
            assert_eq!(p.body, PAGE, "{coding}");
            assert_eq!(p.warnings.len(), 1, "{coding}");
        }
        // No header, but gzip all the same.
        let p = decode_payload(&gzip(PAGE), &head(None, None), 1 << 20).unwrap();
        assert_eq!(p.body, PAGE);
        assert_eq!(
            p.warnings,
            ["payload is gzip, though no Content-Encoding says so: decoded"]
        );
    }

    #[test]
    fn a_cut_gzip_payload_keeps_what_decodes() {
        let page = PAGE.repeat(200);
        let g = gzip(&page);
        let p = decode_payload(&g[..g.len() / 2], &head(None, Some("gzip")), 1 << 20).unwrap();
        assert!(!p.body.is_empty() && page.starts_with(&p.body));
        assert!(
            p.warnings[0].starts_with("gzip payload ends in an error"),
            "{:?}",
            p.warnings
        );
    }

    #[test]
    fn crawler_decoded_payloads_are_not_decoded_again() {
        let mut h = head(None, None);
        h.crawler_decoded = true;
        h.content_encoding = Some("gzip".into());
        let p = decode_payload(PAGE, &h, 1 << 20).unwrap();
        assert_eq!((p.body.as_slice(), p.warnings.len()), (PAGE, 0));
    }

    #[test]
    fn unsupported_codings_and_bombs_give_no_page() {
        let h = head(None, Some("zstd"));
        assert_eq!(
            decode_payload(b"\x28\xb5\x2f\xfd....", &h, 100).unwrap_err(),
            PayloadError::Unsupported("zstd".into())
        );
        assert_eq!(decode_payload(PAGE, &h, 100).unwrap().body, PAGE);
        let bomb = gzip(&vec![0; 1 << 20]);
        assert_eq!(
            decode_payload(&bomb, &head(None, Some("gzip")), 1000).unwrap_err(),
            PayloadError::TooLarge("gzip".into())
        );
    }
}
