//! The HTML Standard's "prescan a byte stream to determine its encoding": the first 1024
//! bytes are read as ASCII tags, skipping comments and other tags' attributes, until a
//! `<meta>` gives an encoding. Followed step by step, so that a `charset=` inside a comment,
//! a script-less attribute value or another tag is not taken, as browsers do not take it.

use encoding_rs::Encoding;

use super::page_encoding;

/// How many bytes the prescan reads.
const PRESCAN_BYTES: usize = 1024;

/// The encoding a `<meta>` in the first 1024 bytes declares, if any.
pub(super) fn prescan(bytes: &[u8]) -> Option<&'static Encoding> {
    let mut s = Scan {
        b: &bytes[..bytes.len().min(PRESCAN_BYTES)],
        pos: 0,
    };
    while s.pos < s.b.len() {
        let rest = &s.b[s.pos..];
        if rest.starts_with(b"<!--") {
            // The closing `-->` may share the dashes of `<!--`.
            let end = find(&s.b[s.pos + 2..], b"-->")?;
            s.pos += 2 + end + 3;
            continue;
        }
        if rest.len() > 5 && rest[..5].eq_ignore_ascii_case(b"<meta") && is_space_or_slash(rest[5])
        {
            s.pos += 6;
            if let Some(encoding) = s.meta()? {
                return Some(encoding);
            }
        } else if rest.len() > 1 && rest[0] == b'<' && tag_start(&rest[1..]) {
            // Another tag: its attributes are read (a `>` in a quoted value does not end it).
            s.pos += 1;
            while s.pos < s.b.len() && !is_space(s.b[s.pos]) && s.b[s.pos] != b'>' {
                s.pos += 1;
            }
            while s.attribute()?.is_some() {}
        } else if rest.starts_with(b"<!") || rest.starts_with(b"</") || rest.starts_with(b"<?") {
            s.pos += find(&s.b[s.pos + 2..], b">")? + 2;
        }
        s.pos += 1;
    }
    None
}

/// A letter, or `/` then a letter: the start of a tag's name.
fn tag_start(b: &[u8]) -> bool {
    match b {
        [c, ..] if c.is_ascii_alphabetic() => true,
        [b'/', c, ..] => c.is_ascii_alphabetic(),
        _ => false,
    }
}

fn is_space(b: u8) -> bool {
    matches!(b, 0x09 | 0x0A | 0x0C | 0x0D | 0x20)
}

fn is_space_or_slash(b: u8) -> bool {
    is_space(b) || b == b'/'
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(haystack, needle)
}

struct Scan<'a> {
    b: &'a [u8],
    pos: usize,
}

/// The `charset` of a `<meta>` as the prescan reads it: not yet seen, seen but unknown, or an
/// encoding.
enum Charset {
    Null,
    Failure,
    Found(&'static Encoding),
}

impl Scan<'_> {
    /// The byte at the position; `None` (the prescan gives up) at the end of its bytes.
    fn byte(&self) -> Option<u8> {
        self.b.get(self.pos).copied()
    }

    /// A `<meta>`'s attributes, from just after `<meta `. `Some(None)`: this one declares
    /// nothing usable; `None`: the bytes ended inside it.
    fn meta(&mut self) -> Option<Option<&'static Encoding>> {
        let mut seen: Vec<Vec<u8>> = Vec::new();
        let (mut got_pragma, mut need_pragma, mut charset) = (false, None, Charset::Null);
        while let Some((name, value)) = self.attribute()? {
            if seen.contains(&name) {
                continue;
            }
            match name.as_slice() {
                b"http-equiv" => got_pragma |= value == b"content-type",
                b"content" if matches!(charset, Charset::Null) => {
                    if let Some(encoding) = charset_in_content(&value) {
                        charset = Charset::Found(encoding);
                        need_pragma = Some(true);
                    }
                }
                b"charset" => {
                    charset = page_encoding(&value).map_or(Charset::Failure, Charset::Found);
                    need_pragma = Some(false);
                }
                _ => {}
            }
            seen.push(name);
        }
        let usable = match need_pragma {
            None => false,
            Some(true) => got_pragma,
            Some(false) => true,
        };
        Some(match charset {
            Charset::Found(encoding) if usable => Some(encoding),
            _ => None,
        })
    }

    /// "Get an attribute": the next name and value (both lower-cased), `Some(None)` at the
    /// tag's `>`, `None` at the end of the bytes.
    #[allow(clippy::type_complexity)]
    fn attribute(&mut self) -> Option<Option<(Vec<u8>, Vec<u8>)>> {
        while is_space_or_slash(self.byte()?) {
            self.pos += 1;
        }
        if self.byte()? == b'>' {
            return Some(None);
        }
        let (mut name, mut value) = (Vec::new(), Vec::new());
        loop {
            match self.byte()? {
                b'=' if !name.is_empty() => {
                    self.pos += 1;
                    break;
                }
                c if is_space(c) => {
                    while is_space(self.byte()?) {
                        self.pos += 1;
                    }
                    if self.byte()? != b'=' {
                        return Some(Some((name, value)));
                    }
                    self.pos += 1;
                    break;
                }
                b'/' | b'>' => return Some(Some((name, value))),
                c => name.push(c.to_ascii_lowercase()),
            }
            self.pos += 1;
        }
        while is_space(self.byte()?) {
            self.pos += 1;
        }
        match self.byte()? {
            quote @ (b'"' | b'\'') => loop {
                self.pos += 1;
                match self.byte()? {
                    c if c == quote => {
                        self.pos += 1;
                        return Some(Some((name, value)));
                    }
                    c => value.push(c.to_ascii_lowercase()),
                }
            },
            b'>' => return Some(Some((name, value))),
            c => {
                value.push(c.to_ascii_lowercase());
                self.pos += 1;
            }
        }
        loop {
            match self.byte()? {
                c if is_space(c) || c == b'>' => return Some(Some((name, value))),
                c => value.push(c.to_ascii_lowercase()),
            }
            self.pos += 1;
        }
    }
}

/// "Extract a character encoding from a meta element" (`text/html; charset=koi8-r`).
fn charset_in_content(s: &[u8]) -> Option<&'static Encoding> {
    let mut pos = 0;
    loop {
        pos += find_ignore_case(&s[pos..], b"charset")? + 7;
        while s.get(pos).is_some_and(|c| is_space(*c)) {
            pos += 1;
        }
        if s.get(pos) == Some(&b'=') {
            pos += 1;
            break;
        }
    }
    while s.get(pos).is_some_and(|c| is_space(*c)) {
        pos += 1;
    }
    let rest = &s[pos..];
    let label = match rest.first()? {
        quote @ (b'"' | b'\'') => {
            let end = memchr::memchr(*quote, &rest[1..])?;
            &rest[1..1 + end]
        }
        _ => {
            let end = rest
                .iter()
                .position(|c| is_space(*c) || *c == b';')
                .unwrap_or(rest.len());
            &rest[..end]
        }
    };
    page_encoding(label)
}

fn find_ignore_case(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}
