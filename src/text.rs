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
    if !s.contains('<') {
        // Most titles and names: entities only, no parser needed.
        if let Some(decoded) = decode_entities(s) {
            return collapse(&decoded);
        }
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
            let (a, b) = *html5ever::data::NAMED_ENTITIES.get(&rest[1..=end])?;
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

/// Soft hyphens and zero-width characters: never shown, dropped from text.
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{ad}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{feff}'
    )
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
