//! Bytes of a saved page to text, choosing the encoding in the order the HTML Standard gives
//! ("determining the character encoding"): the byte-order mark, the HTTP `Content-Type`
//! charset (from a WARC record), the `<meta>` prescan of the first 1024 bytes, detection with
//! `chardetng` (Firefox's detector), and windows-1252.
//!
//! One departure, for text rather than display: a declared encoding is checked against the
//! bytes in the one direction where the check is cheap and certain, UTF-8. Bytes that are
//! valid UTF-8 with non-ASCII in them are UTF-8 whatever a header or `<meta>` says (servers
//! that add `charset=ISO-8859-1` to every page are common, and legacy text that happens to
//! be valid UTF-8 is vanishingly rare), and a declared UTF-8 that the bytes are mostly not
//! is not believed. Either way [`Decoded::warning`] says what was overruled.
//!
//! Most pages are UTF-8 and say so: they cost one validation pass and one copy.

use std::borrow::Cow;
use std::fmt;

use encoding_rs::{Encoding, REPLACEMENT, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252, X_USER_DEFINED};

/// How the encoding was chosen, in the order the HTML Standard tries them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CharsetSource {
    /// A byte-order mark (UTF-8, UTF-16LE or UTF-16BE) at the start.
    Bom,
    /// The `charset` parameter of the HTTP `Content-Type` header.
    Http,
    /// `<meta charset>` or `<meta http-equiv="content-type" content="…; charset=…">`.
    Meta,
    /// Guessed from the bytes.
    Detected,
    /// Nothing to go on (the bytes are ASCII): windows-1252, as browsers do.
    Default,
}

impl fmt::Display for CharsetSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            CharsetSource::Bom => "byte-order mark",
            CharsetSource::Http => "HTTP header",
            CharsetSource::Meta => "<meta> charset",
            CharsetSource::Detected => "detected",
            CharsetSource::Default => "default",
        })
    }
}

/// A page's text, with the encoding it was decoded from and why that one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded<'a> {
    /// The text, without the byte-order mark. Malformed sequences are U+FFFD. Borrowed from
    /// the bytes when they are that text already (UTF-8, or ASCII in any encoding).
    pub text: Cow<'a, str>,
    /// The encoding used; `encoding.name()` is its canonical name (`UTF-8`, `Shift_JIS`…).
    pub encoding: &'static Encoding,
    /// How it was chosen.
    pub source: CharsetSource,
    /// Whether some bytes were malformed in that encoding (and became U+FFFD).
    pub had_errors: bool,
    /// A declaration the bytes contradicted, in words, for the article's warnings.
    pub warning: Option<String>,
}

/// Decodes a page's bytes; `http_content_type` is the HTTP `Content-Type` header's value when
/// there is one (a WARC record's).
#[cfg(test)]
pub(crate) fn decode_html<'a>(bytes: &'a [u8], http_content_type: Option<&str>) -> Decoded<'a> {
    decode_html_from(bytes, http_content_type, None)
}

/// [`decode_html`], with the page's address: its top-level domain steers the detector (a
/// `.jp` page is more likely Shift_JIS than a `.ru` one).
pub(crate) fn decode_html_from<'a>(
    bytes: &'a [u8],
    http_content_type: Option<&str>,
    url: Option<&str>,
) -> Decoded<'a> {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = decode(encoding, &bytes[bom..]);
        return Decoded {
            text,
            encoding,
            source: CharsetSource::Bom,
            had_errors,
            warning: None,
        };
    }
    let utf8 = Utf8Check::of(bytes);
    let declared = [
        (
            http_content_type.and_then(charset_of_content_type),
            CharsetSource::Http,
        ),
        (prescan(bytes), CharsetSource::Meta),
    ];
    let mut overruled: Option<String> = None;
    for (encoding, source) in declared {
        let Some(encoding) = encoding else { continue };
        if encoding == UTF_8 && !utf8.mostly_utf8() {
            overruled.get_or_insert_with(|| {
                format!("the {source} says UTF-8, but the bytes are not UTF-8")
            });
            continue;
        }
        if encoding != UTF_8 && utf8.non_ascii_utf8() {
            let warning = format!(
                "the {source} says {}, but the bytes are UTF-8",
                encoding.name()
            );
            return utf8.decoded(bytes, CharsetSource::Detected, Some(warning));
        }
        let mut decoded = decode_as(bytes, encoding, source, &utf8);
        decoded.warning = overruled;
        return decoded;
    }
    if let Some(text) = utf8.text.filter(|t| t.is_ascii()) {
        return Decoded {
            text: Cow::Borrowed(text),
            encoding: WINDOWS_1252,
            source: CharsetSource::Default,
            had_errors: false,
            warning: overruled,
        };
    }
    if utf8.mostly_utf8() {
        return utf8.decoded(bytes, CharsetSource::Detected, overruled);
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let tld = url.and_then(top_level_domain);
    let encoding = detector.guess(tld.as_deref(), chardetng::Utf8Detection::Allow);
    let mut decoded = decode_as(bytes, encoding, CharsetSource::Detected, &utf8);
    decoded.warning = overruled;
    decoded
}

/// What one pass over the bytes says about UTF-8.
struct Utf8Check<'a> {
    /// The bytes as text, when they are valid UTF-8.
    text: Option<&'a str>,
    /// When they are not: well-formed multi-byte sequences, and malformed ones.
    sequences: usize,
    errors: usize,
}

impl<'a> Utf8Check<'a> {
    fn of(bytes: &'a [u8]) -> Self {
        let invalid = match std::str::from_utf8(bytes) {
            Ok(text) => {
                return Utf8Check {
                    text: Some(text),
                    sequences: 0,
                    errors: 0,
                };
            }
            Err(e) => e,
        };
        // Not valid: count well-formed multi-byte sequences against malformed ones, to tell a
        // UTF-8 page with a stray byte from a legacy page.
        let leads = |b: &[u8]| b.iter().filter(|b| *b & 0xC0 == 0xC0).count();
        let (mut sequences, mut errors) = (leads(&bytes[..invalid.valid_up_to()]), 0);
        let mut at = &bytes[invalid.valid_up_to()..];
        loop {
            match std::str::from_utf8(at) {
                Ok(s) => {
                    sequences += leads(s.as_bytes());
                    break;
                }
                Err(e) => {
                    sequences += leads(&at[..e.valid_up_to()]);
                    errors += 1;
                    match e.error_len() {
                        Some(n) => at = &at[e.valid_up_to() + n..],
                        None => break,
                    }
                }
            }
        }
        Utf8Check {
            text: None,
            sequences,
            errors,
        }
    }

    /// Valid UTF-8 with non-ASCII in it: text no legacy encoding would plausibly make.
    fn non_ascii_utf8(&self) -> bool {
        self.text.is_some_and(|t| !t.is_ascii())
    }

    /// UTF-8, or UTF-8 with at most one stray malformed sequence per ten good ones (and more
    /// good ones than a legacy page's accidental pairs would make).
    fn mostly_utf8(&self) -> bool {
        self.text.is_some() || (self.sequences >= 10 && self.errors * 10 <= self.sequences)
    }

    /// The bytes decoded as UTF-8.
    fn decoded(
        &self,
        bytes: &'a [u8],
        source: CharsetSource,
        warning: Option<String>,
    ) -> Decoded<'a> {
        let (text, had_errors) = match self.text {
            // Validated already: no second pass.
            Some(text) => (Cow::Borrowed(text), false),
            None => decode(UTF_8, bytes),
        };
        Decoded {
            text,
            encoding: UTF_8,
            source,
            had_errors,
            warning,
        }
    }
}

fn decode_as<'a>(
    bytes: &'a [u8],
    encoding: &'static Encoding,
    source: CharsetSource,
    utf8: &Utf8Check<'a>,
) -> Decoded<'a> {
    if encoding == UTF_8 {
        return utf8.decoded(bytes, source, None);
    }
    let (text, had_errors) = decode(encoding, bytes);
    Decoded {
        text,
        encoding,
        source,
        had_errors,
        warning: None,
    }
}

fn decode<'a>(encoding: &'static Encoding, bytes: &'a [u8]) -> (Cow<'a, str>, bool) {
    encoding.decode_without_bom_handling(bytes)
}

/// The encoding named by a label, as the HTML Standard's prescan takes it: UTF-16 in a page
/// that is read as ASCII bytes means UTF-8, x-user-defined means windows-1252. The
/// replacement encoding (labels such as `iso-2022-kr`, which browsers refuse to decode) is
/// taken as no label: the detector does better for text.
fn page_encoding(label: &[u8]) -> Option<&'static Encoding> {
    match Encoding::for_label(label)? {
        e if e == UTF_16BE || e == UTF_16LE => Some(UTF_8),
        e if e == X_USER_DEFINED => Some(WINDOWS_1252),
        e if e == REPLACEMENT => None,
        e => Some(e),
    }
}

/// The encoding named by the `charset` parameter of a `Content-Type` value
/// (`text/html; charset="Shift_JIS"`). Unlike `<meta>`, HTTP may say UTF-16.
fn charset_of_content_type(content_type: &str) -> Option<&'static Encoding> {
    let params = content_type.split_once(';')?.1;
    for param in params.split(';') {
        let Some((name, value)) = param.split_once('=') else {
            continue;
        };
        if name.trim().eq_ignore_ascii_case("charset") {
            let value = value.trim().trim_matches(|c| c == '"' || c == '\'');
            return Encoding::for_label(value.as_bytes()).filter(|e| *e != REPLACEMENT);
        }
    }
    None
}

/// The rightmost label of a URL's host, lower case, when the detector can use it.
fn top_level_domain(url: &str) -> Option<Vec<u8>> {
    let host = url::Url::parse(url).ok()?.host_str()?.to_ascii_lowercase();
    let tld = host
        .trim_end_matches('.')
        .rsplit('.')
        .next()?
        .as_bytes()
        .to_vec();
    let usable = !tld.is_empty() && tld.iter().all(|b| b.is_ascii_alphanumeric() || *b == b'-');
    // An IP address has no top-level domain.
    (usable && !tld.iter().all(u8::is_ascii_digit)).then_some(tld)
}

mod prescan;
use prescan::prescan;

#[cfg(test)]
mod tests;
