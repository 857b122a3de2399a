//! Limits that keep one hostile post from costing the whole run: checked by a cheap byte
//! scan before the HTML parser sees the content (html5ever slows down quadratically on very
//! deep nesting).

use serde::{Deserialize, Serialize};

/// Size and shape limits. Content over a limit is cut where the limit is reached, and the
/// article says so in `warnings`; nothing panics or hangs.
///
/// ```
/// let mut options = wpclean::Options::default();
/// options.limits.max_depth = 64;
/// let post = wpclean::Post::from_html("<div>".repeat(1000) + "deep", None);
/// let article = wpclean::Extractor::new(&options)?.extract(&post);
/// assert!(article.warnings.iter().any(|w| w.contains("nesting")));
/// # Ok::<(), wpclean::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct Limits {
    /// Largest post JSON read from an export, in bytes (default 64 MiB). A larger post is
    /// skipped with an error.
    pub max_post_bytes: usize,
    /// Largest post HTML cleaned, in bytes (default 16 MiB). Longer content is cut.
    pub max_html_bytes: usize,
    /// Deepest element nesting (default 512). Content is cut where it would go deeper.
    pub max_depth: usize,
    /// Most elements in one post (default 250 000). Content is cut at the next one.
    pub max_elements: usize,
    /// Most cells in one table after expanding row and column spans (default 100 000).
    pub max_table_cells: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_post_bytes: 64 << 20,
            max_html_bytes: 16 << 20,
            max_depth: 512,
            max_elements: 250_000,
            max_table_cells: 100_000,
        }
    }
}

/// How the scan treats an element.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Opens a level of nesting until its end tag.
    Nests,
    /// Never nests in the parsed tree: void elements, and those whose end tag is implied by
    /// the next one of their kind (`<p>`, `<li>`, cells…).
    Flat,
    /// Its content is raw text up to its end tag.
    Raw,
}

fn kind(name: &[u8]) -> Kind {
    // No name in either list is longer than 9 bytes.
    let mut buf = [0u8; 9];
    let Some(lower) = buf.get_mut(..name.len()) else {
        return Kind::Nests;
    };
    for (l, b) in lower.iter_mut().zip(name) {
        *l = b.to_ascii_lowercase();
    }
    match &*lower {
        b"area" | b"base" | b"br" | b"col" | b"embed" | b"hr" | b"img" | b"input" | b"link"
        | b"meta" | b"source" | b"track" | b"wbr" | b"p" | b"li" | b"dt" | b"dd" | b"tr"
        | b"td" | b"th" | b"option" | b"thead" | b"tbody" | b"tfoot" | b"rt" | b"rp" => Kind::Flat,
        b"script" | b"style" | b"textarea" | b"title" | b"xmp" | b"iframe" | b"noembed"
        | b"noframes" | b"plaintext" => Kind::Raw,
        _ => Kind::Nests,
    }
}

/// Cuts `html` where it would exceed a limit; returns the part to clean and, when cut, why.
pub(crate) fn prescan<'a>(html: &'a str, limits: &Limits) -> (&'a str, Option<String>) {
    let mut html = html;
    let mut warning = None;
    if html.len() > limits.max_html_bytes {
        let mut cut = limits.max_html_bytes;
        while !html.is_char_boundary(cut) {
            cut -= 1;
        }
        warning = Some(format!(
            "content of {} bytes cut at byte {cut} (limit max_html_bytes)",
            html.len()
        ));
        html = &html[..cut];
    }
    let bytes = html.as_bytes();
    let (mut depth, mut elements) = (0usize, 0usize);
    let mut i = 0;
    while let Some(p) = memchr::memchr(b'<', &bytes[i..]) {
        let at = i + p;
        i = at + 1;
        let rest = &bytes[at + 1..];
        if rest.starts_with(b"!--") {
            // A comment: skip to its end (or the end of the content).
            i = memchr::memmem::find(&bytes[at..], b"-->").map_or(bytes.len(), |e| at + e + 3);
            continue;
        }
        let closing = rest.first() == Some(&b'/');
        let name_start = at + 1 + usize::from(closing);
        let name_len = bytes[name_start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-')
            .count();
        if name_len == 0 || !bytes[name_start].is_ascii_alphabetic() {
            continue;
        }
        let name = &bytes[name_start..name_start + name_len];
        let end =
            memchr::memchr(b'>', &bytes[name_start..]).map_or(bytes.len(), |e| name_start + e);
        let self_closing = end > 0 && end < bytes.len() && bytes[end - 1] == b'/';
        i = (end + 1).min(bytes.len());
        let kind = kind(name);
        if closing {
            if kind == Kind::Nests {
                depth = depth.saturating_sub(1);
            }
            continue;
        }
        elements += 1;
        if elements > limits.max_elements {
            return cut(
                html,
                at,
                warning,
                format!("more than {} elements", limits.max_elements),
            );
        }
        if kind == Kind::Raw {
            // Skip the raw text: tags inside it are not elements.
            let mut close = Vec::with_capacity(name.len() + 2);
            close.extend_from_slice(b"</");
            close.extend(name.iter().map(u8::to_ascii_lowercase));
            let lower_rest = &bytes[i..];
            i = find_ascii_ci(lower_rest, &close).map_or(bytes.len(), |e| i + e);
            continue;
        }
        if kind == Kind::Nests && !self_closing {
            depth += 1;
            if depth > limits.max_depth {
                return cut(
                    html,
                    at,
                    warning,
                    format!("nesting deeper than {} elements", limits.max_depth),
                );
            }
        }
    }
    (html, warning)
}

fn cut(html: &str, at: usize, earlier: Option<String>, why: String) -> (&str, Option<String>) {
    let mut w = format!("content cut at byte {at}: {why}");
    if let Some(e) = earlier {
        w = format!("{e}; {w}");
    }
    (&html[..at], Some(w))
}

/// Case-insensitive search for an ASCII needle.
fn find_ascii_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    let first = needle[0];
    let mut from = 0;
    while let Some(p) = memchr::memchr2(
        first.to_ascii_lowercase(),
        first.to_ascii_uppercase(),
        &hay[from..],
    ) {
        let at = from + p;
        if hay.len() - at >= needle.len() && hay[at..at + needle.len()].eq_ignore_ascii_case(needle)
        {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(html: &str, limits: Limits) -> (usize, bool) {
        let (kept, w) = prescan(html, &limits);
        (kept.len(), w.is_some())
    }

    #[test]
    fn ordinary_content_passes() {
        let html =
            "<div><p>a<p>b<ul><li>x<li>y</ul><img src=x><br/><script>if (a<b) {}</script></div>";
        assert_eq!(scan(html, Limits::default()), (html.len(), false));
        // Unclosed paragraphs and list items do not nest.
        let html = "<p>x".repeat(10_000);
        assert_eq!(scan(&html, Limits::default()), (html.len(), false));
    }

    #[test]
    fn deep_nesting_is_cut_where_it_goes_too_deep() {
        let html = "<div>".repeat(600);
        let (len, warned) = scan(&html, Limits::default());
        assert!(warned);
        assert_eq!(len, 512 * 5);
        let html = "<b>".repeat(100_000);
        assert_eq!(scan(&html, Limits::default()).0, 512 * 3);
    }

    #[test]
    fn element_and_size_limits() {
        let limits = Limits {
            max_elements: 10,
            ..Limits::default()
        };
        let html = "<br>".repeat(20);
        assert_eq!(scan(&html, limits), (40, true));
        let limits = Limits {
            max_html_bytes: 5,
            ..Limits::default()
        };
        assert_eq!(scan("héllo world", limits), (5, true));
    }

    #[test]
    fn comments_and_raw_text_hide_tags() {
        let html = format!(
            "<!--{}--><style>{}</style><p>ok",
            "<div>".repeat(1000),
            "<div>".repeat(1000)
        );
        assert_eq!(scan(&html, Limits::default()), (html.len(), false));
    }
}
