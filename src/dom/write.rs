//! The HTML writer: serialises a tree and escapes its text and attribute values. It decides
//! nothing; what the HTML may say is settled before (see [`canon`](super::canon)).

use super::Tag;
use super::tree::{Data, Document, NodeId};
use super::walk::{Step, Walk};

/// Writes the content of `root` (not `root` itself) as HTML.
pub(crate) fn write_html(doc: &Document, root: NodeId, out: &mut String) {
    let mut walk = Walk::nodes(root);
    while let Some(step) = walk.next(doc) {
        match step {
            Step::Enter(node) => match &doc.node(node).data {
                Data::Text(t) => {
                    let raw = doc
                        .parent(node)
                        .and_then(|p| doc.element(p))
                        .is_some_and(|p| p.tag.is_raw_text());
                    if raw {
                        out.push_str(t);
                    } else {
                        escape_html_text(t, out);
                    }
                }
                Data::Element(el) => {
                    out.push('<');
                    out.push_str(el.tag.as_str());
                    for a in &el.attrs {
                        out.push(' ');
                        out.push_str(&a.name);
                        out.push_str("=\"");
                        escape_html_attr(&a.value, out);
                        out.push('"');
                    }
                    out.push('>');
                    if el.tag.is_void() {
                        walk.skip_children(doc);
                    } else if matches!(el.tag, Tag::Pre | Tag::Textarea)
                        && doc
                            .first_child(node)
                            .and_then(|c| doc.node(c).text())
                            .is_some_and(|t| t.starts_with('\n'))
                    {
                        // Parsers drop a newline right after these start tags: double it so
                        // that a leading newline of the content survives.
                        out.push('\n');
                    }
                }
                Data::Comment(_) | Data::Document | Data::Detached => {}
            },
            Step::Leave(node) => {
                if let Some(el) = doc.element(node)
                    && !el.tag.is_void()
                {
                    out.push_str("</");
                    out.push_str(el.tag.as_str());
                    out.push('>');
                }
            }
        }
    }
}

/// Escapes text content.
pub(crate) fn escape_html_text(s: &str, out: &mut String) {
    escape_html(s, out, false);
}

/// Escapes an attribute value (written between double quotes).
pub(crate) fn escape_html_attr(s: &str, out: &mut String) {
    escape_html(s, out, true);
}

fn escape_html(s: &str, out: &mut String, attr: bool) {
    let bytes = s.as_bytes();
    // Most texts and attribute values are short: a look at each byte costs less than setting
    // up the searches below.
    if bytes.len() < 32
        && !bytes
            .iter()
            .any(|&b| matches!(b, b'&' | b'<' | b'>' | 0xC2) || (attr && b == b'"'))
    {
        out.push_str(s);
        return;
    }
    let find_special = |from: usize| {
        memchr::memchr3(b'&', b'<', b'>', &bytes[from..]).map_or(bytes.len(), |i| from + i)
    };
    // The next `&`, `<` or `>`; between here and there only `"` (in an attribute) and
    // U+00A0 (0xC2 0xA0) are looked for.
    let mut special = find_special(0);
    let (mut last, mut from) = (0, 0);
    loop {
        let between = &bytes[from..special];
        let other = if attr {
            memchr::memchr2(b'"', 0xC2, between)
        } else {
            memchr::memchr(0xC2, between)
        };
        let i = match other {
            Some(o) => from + o,
            None if special < bytes.len() => special,
            None => break,
        };
        let (rep, len) = match bytes[i] {
            b'&' => ("&amp;", 1),
            b'<' => ("&lt;", 1),
            b'>' => ("&gt;", 1),
            b'"' => ("&quot;", 1),
            _ if bytes.get(i + 1) == Some(&0xA0) => ("&nbsp;", 2),
            _ => {
                from = i + 1;
                continue;
            }
        };
        out.push_str(&s[last..i]);
        out.push_str(rep);
        last = i + len;
        from = last;
        if i == special {
            special = find_special(from);
        }
    }
    out.push_str(&s[last..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The escapes one byte at a time: [`escape_html`]'s reference.
    fn escaped_by_char(s: &str, attr: bool) -> String {
        let mut out = String::new();
        for c in s.chars() {
            match c {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '"' if attr => out.push_str("&quot;"),
                '\u{a0}' => out.push_str("&nbsp;"),
                c => out.push(c),
            }
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn escapes_as_one_character_at_a_time(s in "[a&<>\"\u{a0}\u{a9}\u{e9} ]{0,60}", attr: bool) {
            let mut out = String::new();
            escape_html(&s, &mut out, attr);
            proptest::prop_assert_eq!(out, escaped_by_char(&s, attr));
        }
    }
}
