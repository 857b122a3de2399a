//! Small HTML snippets (titles, excerpts, term names, JSON-LD answers) to plain text.

use crate::dom::sink::{Attrs, parse_fragment};
use crate::dom::tree::{Data, Element, NodeId};
use crate::dom::{Tag, is_invisible};

/// Decodes entities and drops tags, returning whitespace-normalised text.
///
/// Strings with neither `<` nor `&` are only normalised: no parser is run for them.
pub(crate) fn html_to_text(s: &str) -> String {
    html_to_text_with(s, |_| false)
}

/// Like [`html_to_text`], skipping elements for which `skip` returns true.
pub(crate) fn html_to_text_with(s: &str, skip: impl Fn(&Element) -> bool) -> String {
    if !s.contains('<') {
        // Most titles and names: entities only, no parser needed.
        if let Some(decoded) = decode_entities(s) {
            return collapse(&decoded);
        }
    }
    let doc = parse_fragment(s, Attrs::Needed);
    let mut out = String::with_capacity(s.len());
    let mut walk = doc.descendants(NodeId::ROOT);
    while let Some(node) = walk.next() {
        match &doc.node(node).data {
            Data::Text(t) => out.push_str(t),
            Data::Element(el) => {
                use Tag::*;
                if matches!(
                    el.tag,
                    P | Div | Br | Li | H1 | H2 | H3 | H4 | H5 | H6 | Tr | Td | Th
                ) {
                    out.push(' ');
                }
                if matches!(el.tag, Script | Style | Template | Noscript) || skip(el) {
                    walk.skip_children(node);
                }
            }
            _ => {}
        }
    }
    collapse(&out)
}

/// Decodes character references (`&#8217;`, `&#x2019;`, `&amp;`, `&hellip;` …) the way an
/// HTML parser does for well-formed references. Returns `None` for anything unusual (a
/// reference without its `;`), so the caller can fall back to the real parser.
pub(crate) fn decode_entities(s: &str) -> Option<String> {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest[1..]
            .find(|c: char| !c.is_ascii_alphanumeric() && c != '#')
            .map(|e| e + 1)?;
        if rest.as_bytes().get(end) != Some(&b';') {
            if end == 1 {
                // A lone `&`.
                out.push('&');
                rest = &rest[1..];
                continue;
            }
            return None;
        }
        let name = &rest[1..end];
        if let Some(num) = name.strip_prefix('#') {
            let code = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse::<u32>().ok()?,
            };
            let c = match code {
                0 => '\u{fffd}',
                // Windows-1252 numbers that pages mean (`&#150;` is an en dash).
                0x80..=0x9f => return None,
                _ => char::from_u32(code).unwrap_or('\u{fffd}'),
            };
            out.push(c);
        } else {
            let (a, b) = crate::dom::sink::named_entity(&rest[1..=end])?;
            out.push(char::from_u32(a)?);
            if b != 0 {
                out.push(char::from_u32(b)?);
            }
        }
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    Some(out)
}

/// Collapses whitespace (including no-break spaces) and removes soft hyphens and
/// zero-width characters.
pub(crate) fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            space = !out.is_empty();
        } else if !is_invisible(c) {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_and_tags() {
        assert_eq!(
            html_to_text("Tom &#038; Jerry&#8217;s"),
            "Tom & Jerry\u{2019}s"
        );
        assert_eq!(html_to_text("<em>Hello</em>&nbsp; world"), "Hello world");
        assert_eq!(html_to_text("plain  text "), "plain text");
        assert_eq!(html_to_text("a<br>b"), "a b");
        assert_eq!(
            html_to_text("5 &lt; 6 &hellip; &#x2019;"),
            "5 < 6 \u{2026} \u{2019}"
        );
        assert_eq!(html_to_text("AT&T"), "AT&T");
        assert_eq!(html_to_text("fish &chips"), "fish &chips");
        // Unusual references go through the parser, which knows the legacy rules.
        assert_eq!(html_to_text("&copy 2024 &#150;"), "\u{a9} 2024 \u{2013}");
    }
}
