//! The HTML writer: serialises a tree and escapes its text and attribute values. It decides
//! nothing; what the HTML may say is settled before (see [`canon`](super::canon)).

use super::tree::{Data, Document, NodeId};
use super::{Tag, is_void};

/// Writes the content of `root` (not `root` itself) as HTML.
pub(crate) fn write_html(doc: &Document, root: NodeId, out: &mut String) {
    // Open elements whose end tag is still to write.
    let mut open: Vec<NodeId> = Vec::new();
    let mut next = doc.first_child(root);
    loop {
        let Some(node) = next else {
            let Some(done) = open.pop() else { break };
            if let Some(el) = doc.element(done) {
                out.push_str("</");
                out.push_str(&el.tag);
                out.push('>');
            }
            next = doc.next_sibling(done);
            continue;
        };
        match &doc.node(node).data {
            Data::Text(t) => {
                let raw = doc
                    .parent(node)
                    .and_then(|p| doc.element(p))
                    .is_some_and(|p| is_raw_text(&p.tag));
                if raw {
                    out.push_str(t);
                } else {
                    escape_html_text(t, out);
                }
            }
            Data::Element(el) => {
                out.push('<');
                out.push_str(&el.tag);
                for a in &el.attrs {
                    out.push(' ');
                    out.push_str(&a.name);
                    out.push_str("=\"");
                    escape_html_attr(&a.value, out);
                    out.push('"');
                }
                out.push('>');
                if !is_void(&el.tag) {
                    // Parsers drop a newline right after these start tags: double it so that
                    // a leading newline of the content survives.
                    if matches!(el.tag, Tag::Pre | Tag::Textarea)
                        && doc
                            .first_child(node)
                            .and_then(|c| doc.node(c).text())
                            .is_some_and(|t| t.starts_with('\n'))
                    {
                        out.push('\n');
                    }
                    open.push(node);
                    next = doc.first_child(node);
                    continue;
                }
            }
            Data::Comment(_) | Data::Document | Data::Detached => {}
        }
        next = doc.next_sibling(node);
    }
}

/// Elements whose text a parser reads raw, without character references.
fn is_raw_text(tag: &str) -> bool {
    matches!(
        tag,
        "script" | "style" | "xmp" | "iframe" | "noembed" | "noframes" | "plaintext"
    )
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
    let needs = memchr::memchr3(b'&', b'<', b'>', bytes).is_some()
        || memchr::memchr2(b'"', 0xC2, bytes).is_some();
    if !needs {
        out.push_str(s);
        return;
    }
    let mut last = 0;
    let mut i = 0;
    while i < bytes.len() {
        let rep = match bytes[i] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' if attr => "&quot;",
            0xC2 if bytes.get(i + 1) == Some(&0xA0) => "&nbsp;",
            _ => {
                i += 1;
                continue;
            }
        };
        out.push_str(&s[last..i]);
        out.push_str(rep);
        i += if bytes[i] == 0xC2 { 2 } else { 1 };
        last = i;
    }
    out.push_str(&s[last..]);
}
