//! Small HTML snippets (titles, excerpts, term names, JSON-LD answers) to plain text.

use scraper::{Html, Node};

/// Decodes entities and drops tags, returning whitespace-normalised text.
///
/// Strings with neither `<` nor `&` are only normalised: no parser is run for them.
pub(crate) fn html_to_text(s: &str) -> String {
    html_to_text_with(s, |_| false)
}

/// Like [`html_to_text`], skipping elements for which `skip` returns true.
pub(crate) fn html_to_text_with(s: &str, skip: impl Fn(&scraper::node::Element) -> bool) -> String {
    if !s.contains('<') && !s.contains('&') {
        return collapse(s);
    }
    let doc = Html::parse_fragment(s);
    let mut out = String::with_capacity(s.len());
    let mut next = doc.tree.root().first_child();
    // Iterative walk: a skipped or finished subtree moves on to the next sibling upwards.
    let root = doc.tree.root().id();
    while let Some(node) = next {
        let mut descend = false;
        match node.value() {
            Node::Text(t) => out.push_str(t),
            Node::Element(el) => {
                let name = el.name();
                let block = matches!(
                    name,
                    "p" | "div"
                        | "br"
                        | "li"
                        | "h1"
                        | "h2"
                        | "h3"
                        | "h4"
                        | "h5"
                        | "h6"
                        | "tr"
                        | "td"
                        | "th"
                );
                if block {
                    out.push(' ');
                }
                descend =
                    !matches!(name, "script" | "style" | "template" | "noscript") && !skip(el);
            }
            _ => {}
        }
        next = if descend { node.first_child() } else { None };
        let mut cur = node;
        while next.is_none() {
            if let Some(s) = cur.next_sibling() {
                next = Some(s);
                break;
            }
            match cur.parent() {
                Some(p) if p.id() != root => cur = p,
                _ => break,
            }
        }
    }
    collapse(&out)
}

/// Collapses whitespace (including no-break spaces) and removes soft hyphens and
/// zero-width characters.
pub(crate) fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            space = !out.is_empty();
        } else if !matches!(
            c,
            '\u{ad}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{feff}'
        ) {
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
    }
}
