//! Raw `post_content` (WXR `content:encoded`) to the HTML WordPress would send to browsers.
//!
//! WordPress stores posts unrendered: Gutenberg block comments, shortcodes, and classic-editor
//! text whose paragraphs are only blank lines. At display time it removes the block comments,
//! runs `wpautop` (paragraphs and line breaks) on classic content and expands shortcodes.
//! [`render_raw`] does the same text transform, for what wpclean needs:
//!
//! 1. Block delimiters (`<!-- wp:name {…} -->`, `<!-- /wp:name -->`, `<!-- wp:name /-->`) are
//!    removed; what lies between them is kept. Text inside blocks is already HTML and is not
//!    given paragraphs; classic text outside blocks is.
//! 2. Core shortcodes: `[caption]` becomes a `<figure>` with a `<figcaption>`, `[embed]` a link,
//!    `[audio]`/`[video]` with a source URL a media element; `[gallery]` and `[playlist]` are
//!    removed with a warning (they need the attachments). Other shortcodes lose their tags and
//!    keep their inner text. Brackets that are not clearly shortcodes (`[1]`, `[…]`,
//!    `[see below]`) are left alone; `[[name]]` is the escaped, literal `[name]`.
//! 3. Auto-embeds: a URL alone on its line (or in its paragraph), which WordPress turns into
//!    an embed or a link, becomes a link.
//! 4. `wpautop`: blank lines separate paragraphs (`<p>`), single newlines become `<br />`,
//!    never inside or around block-level elements, `<pre>`, `<script>` or `<style>`.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::{Captures, Regex};

/// Renders raw WordPress post content into HTML, the way WordPress's `the_content` filters
/// would (block comments removed, core shortcodes expanded, `wpautop`). Shortcodes that cannot
/// be rendered without the site (galleries, playlists) are removed and reported in `warnings`.
pub(crate) fn render_raw(content: &str, warnings: &mut Vec<String>) -> String {
    // The placeholders below use private-use characters: make sure the input has none.
    let content: String = content
        .replace("\r\n", "\n")
        .chars()
        .map(|c| match c {
            '\r' => '\n',
            MARK | END | TAG_NL => '\u{FFFD}',
            c => c,
        })
        .collect();
    let mut stash = Stash::default();
    let mut out = String::with_capacity(content.len() + content.len() / 8);
    for (text, freeform) in segments(&content) {
        let text = shortcodes(text, &mut stash, warnings, 0);
        if freeform {
            out.push_str(&autop(&text, &mut stash));
        } else {
            out.push_str(&unprotected(&text, autolink));
        }
    }
    stash.expand(&out, 0)
}

// ---------------------------------------------------------------------------------------------
// Placeholders

/// Starts a placeholder: `MARK`, a kind letter, the stash index, `END`.
const MARK: char = '\u{E000}';
/// Ends a placeholder.
const END: char = '\u{E001}';
/// A newline inside a tag, kept out of `wpautop`'s way.
const TAG_NL: char = '\u{E002}';

/// A block-level fragment (`<pre>`, `<style>`, a caption's `<figure>`): its own paragraph.
const BLOCK: char = 'B';
/// An inline fragment (`<svg>`, `<textarea>`, media): part of a paragraph, newlines kept.
const INLINE: char = 'I';
/// An invisible fragment (comments, `<script>`): never given a paragraph of its own.
const QUIET: char = 'Q';

/// Fragments of finished HTML taken out of the text while it is transformed, put back at the
/// end.
#[derive(Debug, Default)]
struct Stash {
    items: Vec<String>,
}

impl Stash {
    /// Stores `html`, returning the placeholder that stands for it.
    fn put(&mut self, kind: char, html: String) -> String {
        let n = self.items.len();
        self.items.push(html);
        format!("{MARK}{kind}{n}{END}")
    }

    /// Replaces the placeholders in `s` with their fragments (which may hold placeholders).
    fn expand(&self, s: &str, depth: usize) -> String {
        if !s.contains(MARK) {
            return s.to_string();
        }
        let mut out = String::with_capacity(s.len());
        let mut rest = s;
        while let Some(at) = rest.find(MARK) {
            out.push_str(&rest[..at]);
            let after = &rest[at + MARK.len_utf8()..];
            let item = after
                .find(END)
                .and_then(|end| Some((after.get(1..end)?.parse::<usize>().ok()?, end)))
                .and_then(|(n, end)| Some((self.items.get(n)?, end)));
            match item {
                Some((html, end)) if depth < 64 => {
                    out.push_str(&self.expand(html, depth + 1));
                    rest = &after[end + END.len_utf8()..];
                }
                _ => rest = after,
            }
        }
        out.push_str(rest);
        out
    }
}

/// Builds a regex from a literal pattern (a bug, not bad input, if it does not compile).
fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("valid regex")
}

// ---------------------------------------------------------------------------------------------
// Blocks

/// A block delimiter comment: group 1 is the closer's `/`, group 2 the void block's `/`.
static DELIMITER: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?s)<!--\s+(/)?wp:[a-z][a-z0-9_-]*(?:/[a-z][a-z0-9_-]*)?\s+(?:\{.*?\}\s+)?(/)?-->")
});

/// The content without block delimiters, as pieces that are classic text outside any block
/// (`true`) or the inside of a block (`false`).
fn segments(content: &str) -> Vec<(&str, bool)> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut last = 0;
    for c in DELIMITER.captures_iter(content) {
        let whole = c.get(0).map_or(0..0, |m| m.range());
        if whole.start > last {
            out.push((&content[last..whole.start], depth == 0));
        }
        if c.get(1).is_some() {
            depth = depth.saturating_sub(1);
        } else if c.get(2).is_none() {
            depth += 1;
        }
        last = whole.end;
    }
    if last < content.len() {
        out.push((&content[last..], depth == 0));
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Shortcodes

/// Shortcodes that WordPress itself registers.
const CORE_SHORTCODES: &[&str] = &[
    "caption",
    "wp_caption",
    "gallery",
    "playlist",
    "embed",
    "audio",
    "video",
];

/// How deep shortcodes are looked for inside other shortcodes.
const MAX_NESTING: usize = 16;

/// One shortcode found in the text: `[name attrs]inner[/name]` or `[name attrs /]`.
#[derive(Debug)]
struct Shortcode<'a> {
    name: &'a str,
    /// Attribute text, without the self-closing `/`.
    attrs: &'a str,
    /// The opening tag, as written (for warnings).
    tag: &'a str,
    inner: Option<&'a str>,
    /// Byte index just past the shortcode.
    end: usize,
}

/// Expands the shortcodes of `text`.
fn shortcodes(text: &str, stash: &mut Stash, warnings: &mut Vec<String>, nesting: usize) -> String {
    if nesting > MAX_NESTING || !text.contains('[') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut closers = HashMap::new();
    let mut i = 0;
    while let Some(off) = text[i..].find('[') {
        let at = i + off;
        out.push_str(&text[i..at]);
        if text[at..].starts_with("[[") {
            // `[[name]]`: an escaped shortcode, shown literally without the outer brackets.
            if let Some(sc) = parse_shortcode(text, at + 1, &mut closers)
                && text[sc.end..].starts_with(']')
            {
                out.push_str(&text[at + 1..sc.end]);
                i = sc.end + 1;
                continue;
            }
            out.push('[');
            i = at + 1;
            continue;
        }
        if let Some(sc) = parse_shortcode(text, at, &mut closers) {
            out.push_str(&render_shortcode(&sc, stash, warnings, nesting));
            i = sc.end;
        } else if let Some(end) = stray_closer(text, at) {
            i = end;
        } else {
            out.push('[');
            i = at + 1;
        }
    }
    out.push_str(&text[i..]);
    out
}

/// Reads the shortcode starting at `text[at] == '['`, if what is there is clearly one: a
/// core shortcode, or one with a matching `[/name]`, or with `key=value` attributes, or
/// written self-closing (`[name /]`).
///
/// `closers` remembers where each name's next `[/name]` is (or that there is none), so that
/// text full of brackets is not searched again and again.
fn parse_shortcode<'a>(
    text: &'a str,
    at: usize,
    closers: &mut HashMap<&'a str, Option<usize>>,
) -> Option<Shortcode<'a>> {
    let b = text.as_bytes();
    let start = at + 1;
    let mut j = start;
    while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'_' || b[j] == b'-') {
        j += 1;
    }
    if j == start || !matches!(b.get(j), Some(b']' | b'/' | b' ' | b'\t' | b'\n')) {
        return None;
    }
    let close = j + text[j..].find(['[', ']'])?;
    if b[close] == b'[' {
        return None;
    }
    let name = &text[start..j];
    let raw = &text[j..close];
    let self_closing = raw.ends_with('/');
    let attrs = raw.strip_suffix('/').unwrap_or(raw);
    let tag_end = close + 1;
    let (inner, end) = if self_closing {
        (None, tag_end)
    } else {
        let closer = format!("[/{name}]");
        let found = match closers.get(name) {
            Some(None) => None,
            Some(Some(p)) if *p >= tag_end => Some(*p),
            _ => {
                let p = text[tag_end..].find(&closer).map(|p| tag_end + p);
                closers.insert(name, p);
                p
            }
        };
        match found {
            Some(p) => (Some(&text[tag_end..p]), p + closer.len()),
            None => (None, tag_end),
        }
    };
    let known = CORE_SHORTCODES.contains(&name);
    let has_attrs = parse_attrs(attrs).0.next().is_some();
    (known || self_closing || inner.is_some() || has_attrs).then_some(Shortcode {
        name,
        attrs,
        tag: &text[at..tag_end],
        inner,
        end,
    })
}

/// A closing tag of a core shortcode with no opening one (`[/caption]`): its end, to drop it.
fn stray_closer(text: &str, at: usize) -> Option<usize> {
    let rest = text[at..].strip_prefix("[/")?;
    let close = rest.find(']')?;
    CORE_SHORTCODES
        .contains(&&rest[..close])
        .then_some(at + 2 + close + 1)
}

/// `key="value"`, `key='value'`, `key=value`, or a positional `"value"`, `'value'`, `value`.
static ATTR: LazyLock<Regex> = LazyLock::new(|| {
    re(r#"([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s'"]+))|"([^"]*)"|'([^']*)'|(\S+)"#)
});

/// A shortcode's attributes: the named ones (keys lowercased) and the positional values.
fn parse_attrs(
    attrs: &str,
) -> (
    impl Iterator<Item = (String, String)> + '_,
    impl Iterator<Item = String> + '_,
) {
    let value = |c: &Captures<'_>, groups: &[usize]| -> Option<String> {
        groups
            .iter()
            .find_map(|&g| c.get(g))
            .map(|m| m.as_str().to_string())
    };
    let named = ATTR.captures_iter(attrs).filter_map(move |c| {
        let key = c.get(1)?.as_str().to_ascii_lowercase();
        Some((key, value(&c, &[2, 3, 4]).unwrap_or_default()))
    });
    let positional = ATTR
        .captures_iter(attrs)
        .filter(|c| c.get(1).is_none())
        .filter_map(move |c| value(&c, &[5, 6, 7]));
    (named, positional)
}

/// The value of the named attribute `key`, when not empty.
fn attr(attrs: &str, key: &str) -> Option<String> {
    parse_attrs(attrs)
        .0
        .find(|(k, _)| k == key)
        .map(|(_, v)| v)
        .filter(|v| !v.trim().is_empty())
}

/// The image (optionally linked) at the start of a caption's content, and the rest.
static CAPTION_IMAGE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?is)^\s*((?:<a\s[^>]*>\s*)?<img\s[^>]*>(?:\s*</a>)?)(.*)$"));

/// The HTML a shortcode renders to (placeholders for block-level output).
fn render_shortcode(
    sc: &Shortcode<'_>,
    stash: &mut Stash,
    warnings: &mut Vec<String>,
    nesting: usize,
) -> String {
    let inner = sc
        .inner
        .map(|t| shortcodes(t, stash, warnings, nesting + 1))
        .unwrap_or_default();
    match sc.name {
        "caption" | "wp_caption" => {
            let (image, caption) = match attr(sc.attrs, "caption") {
                Some(caption) => (inner.trim().to_string(), caption),
                None => match CAPTION_IMAGE.captures(&inner) {
                    Some(c) => (c[1].to_string(), c[2].trim().to_string()),
                    None => (inner.trim().to_string(), String::new()),
                },
            };
            if caption.is_empty() {
                return image;
            }
            stash.put(
                BLOCK,
                format!(
                    "<figure class=\"wp-caption\">{image}<figcaption>{caption}</figcaption></figure>"
                ),
            )
        }
        "embed" => {
            let url = inner.trim();
            if url.is_empty() {
                return String::new();
            }
            stash.put(BLOCK, format!("<p>{}</p>", link(url)))
        }
        "audio" | "video" => match media_url(sc, &inner) {
            Some(url) => {
                let (tag, src) = (sc.name, escape_attr(&url));
                stash.put(
                    INLINE,
                    format!("<{tag} controls src=\"{src}\">{}</{tag}>", link(&url)),
                )
            }
            None => {
                warnings.push(format!("{} shortcode not rendered: {}", sc.name, sc.tag));
                String::new()
            }
        },
        "gallery" | "playlist" => {
            warnings.push(format!("{} shortcode not rendered: {}", sc.name, sc.tag));
            String::new()
        }
        _ => inner,
    }
}

/// The source of an `[audio]` or `[video]` shortcode: its `src` (or a per-format attribute
/// such as `mp3=`), a bare URL among its attributes, or a URL as its content.
fn media_url(sc: &Shortcode<'_>, inner: &str) -> Option<String> {
    const KEYS: &[&str] = &[
        "src", "mp3", "m4a", "ogg", "wav", "wma", "flac", "mp4", "m4v", "webm", "ogv", "wmv", "flv",
    ];
    let is_url = crate::href::names_web_host;
    let (named, positional) = parse_attrs(sc.attrs);
    let mut named: Vec<_> = named.collect();
    named.sort_by_key(|(k, _)| KEYS.iter().position(|x| x == k).unwrap_or(KEYS.len()));
    named
        .into_iter()
        .filter(|(k, v)| KEYS.contains(&k.as_str()) && !v.trim().is_empty())
        .map(|(_, v)| v.trim().to_string())
        .chain(positional.filter(|v| is_url(v)))
        .chain(Some(inner.trim().to_string()).filter(|v| is_url(v) && !v.contains('<')))
        .next()
}

/// `<a href="url">url</a>`.
fn link(url: &str) -> String {
    let text = url.replace('<', "&lt;").replace('>', "&gt;");
    format!("<a href=\"{}\">{text}</a>", escape_attr(url))
}

/// Escapes what would end or break a double-quoted attribute (`&` is left as written: raw
/// content already holds `&amp;` where it means one).
fn escape_attr(s: &str) -> String {
    s.replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

// ---------------------------------------------------------------------------------------------
// Auto-embeds

/// A URL alone on its line.
static LONE_URL: LazyLock<Regex> =
    LazyLock::new(|| re(r#"(?m)^([ \t]*)(https?://[^\s<>"]+)([ \t]*)$"#));

/// A URL alone in a paragraph.
static PARAGRAPH_URL: LazyLock<Regex> =
    LazyLock::new(|| re(r#"(?i)(<p(?:\s[^>]*)?>\s*)(https?://[^\s<>"]+)(\s*</p>)"#));

/// WordPress embeds a URL that stands alone on its line or in its paragraph (YouTube, a
/// tweet…) and links it when it knows no embed for it: wpclean, offline, always links it.
fn autolink(text: &str) -> String {
    if !text.contains("http") {
        return text.to_string();
    }
    let linked = |c: &Captures<'_>| format!("{}{}{}", &c[1], link(&c[2]), &c[3]);
    let text = LONE_URL.replace_all(text, linked);
    PARAGRAPH_URL.replace_all(&text, linked).into_owned()
}

/// Applies `f` to the text outside `<pre>`, `<script>`, `<style>`, `<textarea>`, `<svg>` and
/// comments.
fn unprotected(text: &str, f: impl Fn(&str) -> String) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for m in PROTECTED.find_iter(text) {
        out.push_str(&f(&text[last..m.start()]));
        out.push_str(m.as_str());
        last = m.end();
    }
    out.push_str(&f(&text[last..]));
    out
}

// ---------------------------------------------------------------------------------------------
// wpautop

/// Block-level elements: paragraphs never wrap them, and no `<br />` goes next to them.
const BLOCKS: &str = "table|thead|tbody|tfoot|caption|colgroup|col|tr|td|th|div|dl|dd|dt|ul|ol|li|\
                      pre|form|map|area|blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|\
                      section|article|aside|hgroup|header|footer|nav|figure|figcaption|details|\
                      menu|summary|main";

/// Block elements whose content may be paragraphs (`Text</div>` after a blank line becomes
/// `<p>Text</p></div>`; `Text</h2>` stays as it is).
fn is_container(name: &str) -> bool {
    matches!(
        name,
        "div"
            | "li"
            | "blockquote"
            | "td"
            | "th"
            | "dd"
            | "section"
            | "article"
            | "aside"
            | "header"
            | "footer"
            | "nav"
            | "figure"
            | "details"
            | "form"
            | "fieldset"
            | "address"
            | "main"
    )
}

/// Elements whose content must not be touched: block ones (`pre`, `style`) and others.
static PROTECTED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?is)<pre\b[^>]*>.*?</pre\s*>|<style\b[^>]*>.*?</style\s*>|<script\b[^>]*>.*?</script\s*>|<textarea\b[^>]*>.*?</textarea\s*>|<svg\b[^>]*>.*?</svg\s*>|<!--.*?-->",
    )
});

/// Any tag (to find newlines inside tags).
static TAG: LazyLock<Regex> = LazyLock::new(|| re(r"<[A-Za-z/][^<>]*>"));

/// Two line breaks in a row: a paragraph break.
static DOUBLE_BR: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)<br\s*/?>\s*<br\s*/?>"));

/// A block opening tag, a block closing tag, or a block placeholder.
static BLOCK_TAG: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)<(?:{BLOCKS})\b[^>]*>|</(?:{BLOCKS})\s*>|{MARK}{BLOCK}\d+{END}"
    ))
});

/// A block tag or placeholder at the start of a paragraph: group 1 names an opening tag,
/// group 2 a closing one.
static LEADING: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)^(?:<({BLOCKS})\b[^>]*>|</({BLOCKS})\s*>|{MARK}{BLOCK}\d+{END})"
    ))
});

/// A block closing tag at the end of a paragraph.
static TRAILING: LazyLock<Regex> = LazyLock::new(|| re(&format!(r"(?i)</({BLOCKS})\s*>$")));

/// A blank line.
static BLANK_LINE: LazyLock<Regex> = LazyLock::new(|| re(r"\n\s*\n"));

/// Placeholders of invisible fragments.
static QUIET_MARK: LazyLock<Regex> = LazyLock::new(|| re(&format!(r"{MARK}{QUIET}\d+{END}")));

/// A line that already ends with a break, or with a tag after which a newline is only
/// formatting.
static NO_BR_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?:<br\s*/?>|<(?:option|optgroup|select|param|source|track|embed|object|audio|video|picture)\b[^>]*>|</(?:option|optgroup|select|object|audio|video|picture)\s*>)$",
    )
});

/// A line that starts with a tag before which a newline is only formatting.
static NO_BR_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:<(?:br|option|optgroup|param|source|track|embed)\b|</(?:select|object|audio|video|picture)\s*>)",
    )
});

/// WordPress's `wpautop` on classic content: paragraphs from blank lines, `<br />` from
/// single newlines, block-level HTML left as it is.
fn autop(text: &str, stash: &mut Stash) -> String {
    if text.trim().is_empty() {
        return text.to_string();
    }
    // Take out what must stay verbatim.
    let text = PROTECTED.replace_all(text, |c: &Captures<'_>| {
        let m = &c[0];
        let lower = m.get(..6).unwrap_or(m).to_ascii_lowercase();
        let kind = if lower.starts_with("<pre") || lower.starts_with("<style") {
            BLOCK
        } else if lower.starts_with("<!--") || lower.starts_with("<scrip") {
            QUIET
        } else {
            INLINE
        };
        stash.put(kind, m.to_string())
    });
    let text = autolink(&text);
    let text = TAG.replace_all(&text, |c: &Captures<'_>| {
        c[0].replace('\n', &TAG_NL.to_string())
    });
    let text = DOUBLE_BR.replace_all(&text, "\n\n");
    // Blank lines before every block opening tag, after every closing one: block tags then
    // only ever start or end a paragraph.
    let text = BLOCK_TAG.replace_all(&text, |c: &Captures<'_>| {
        let m = &c[0];
        let lower = m.to_ascii_lowercase();
        if m.starts_with("</") {
            format!("{m}\n\n")
        } else if m.starts_with(MARK) || lower.starts_with("<hr") || lower.starts_with("<area") {
            format!("\n\n{m}\n\n")
        } else {
            format!("\n\n{m}")
        }
    });
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for chunk in BLANK_LINE.split(&text) {
        let chunk = chunk.trim();
        if chunk.is_empty() {
            continue;
        }
        paragraph(chunk, &mut out);
        out.push('\n');
    }
    out.replace(TAG_NL, "\n")
}

/// Renders one blank-line-separated piece of classic text into `out`.
fn paragraph(chunk: &str, out: &mut String) {
    // A block tag at the start: is it an opening one (not `<hr>`, `<area>`, a placeholder)?
    let (opened, lead_len) = match LEADING.captures(chunk) {
        Some(c) => {
            let opened = c.get(1).is_some_and(|m| {
                !m.as_str().eq_ignore_ascii_case("hr") && !m.as_str().eq_ignore_ascii_case("area")
            });
            (opened, c[0].len())
        }
        None => (false, 0),
    };
    let rest = &chunk[lead_len..];
    let (trail, trail_len) = match TRAILING.captures(rest) {
        Some(c) => (Some(c[1].to_ascii_lowercase()), c[0].len()),
        None => (None, 0),
    };
    let middle = &rest[..rest.len() - trail_len];
    let text = middle.trim();
    let visible = !QUIET_MARK.replace_all(text, "").trim().is_empty();
    // Like WordPress: text right after a block opening tag (`<li>Item`, `<div>Text`) is not
    // made a paragraph; text before a closing tag is, when that element may hold paragraphs.
    let wrap = visible && !opened && trail.as_deref().is_none_or(is_container);

    out.push_str(&chunk[..lead_len]);
    if wrap {
        out.push_str("<p>");
        line_breaks(text, out);
        out.push_str("</p>");
    } else {
        let start = middle.len() - middle.trim_start().len();
        out.push_str(&middle[..start]);
        line_breaks(text, out);
        out.push_str(&middle[start + text.len()..]);
    }
    out.push_str(&rest[rest.len() - trail_len..]);
}

/// Copies `text` into `out`, with `<br />` before each newline that is not just formatting.
fn line_breaks(text: &str, out: &mut String) {
    let mut lines = text.split('\n').peekable();
    while let Some(line) = lines.next() {
        let Some(next) = lines.peek() else {
            out.push_str(line);
            break;
        };
        let trimmed = line.trim_end();
        if NO_BR_AFTER.is_match(trimmed) || NO_BR_BEFORE.is_match(next.trim_start()) {
            out.push_str(line);
        } else {
            out.push_str(trimmed);
            out.push_str("<br />");
        }
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(s: &str) -> String {
        let mut warnings = Vec::new();
        let out = render_raw(s, &mut warnings);
        assert!(warnings.is_empty(), "{warnings:?}");
        out
    }

    #[test]
    fn blank_lines_make_paragraphs_and_newlines_breaks() {
        assert_eq!(
            render("First line\nsecond line\n\nNext paragraph.\n\n\n\nLast."),
            "<p>First line<br />\nsecond line</p>\n<p>Next paragraph.</p>\n<p>Last.</p>\n"
        );
        assert_eq!(render("  \n\n "), "  \n\n ");
        assert_eq!(render("a  \r\nb"), "<p>a<br />\nb</p>\n");
        assert_eq!(render("a<br />\nb"), "<p>a<br />\nb</p>\n");
        assert_eq!(render("a<br><br>b"), "<p>a</p>\n<p>b</p>\n");
    }

    #[test]
    fn block_elements_are_not_wrapped() {
        let html = "<h2>Title</h2>\nIntro text\n<ul>\n\t<li>One</li>\n\t<li>Two\nlines</li>\n</ul>\n<hr />\nAfter";
        assert_eq!(
            render(html),
            "<h2>Title</h2>\n<p>Intro text</p>\n<ul>\n<li>One</li>\n<li>Two<br />\nlines</li>\n</ul>\n<hr />\n<p>After</p>\n"
        );
        // A list item holding a nested list: no paragraph inside the item.
        assert_eq!(
            render("<ul>\n<li>Item\n<ul>\n<li>Sub</li>\n</ul>\n</li>\n</ul>"),
            "<ul>\n<li>Item\n<ul>\n<li>Sub</li>\n</ul>\n</li>\n</ul>\n"
        );
        assert_eq!(
            render("<div class=\"box\">\nInside\n</div>"),
            "<div class=\"box\">\nInside\n</div>\n"
        );
        assert_eq!(
            render("<div>\n\nOne\n\nTwo\n\n</div>"),
            "<div>\n<p>One</p>\n<p>Two</p>\n</div>\n"
        );
        assert_eq!(
            render("<table>\n<tr>\n<td>a</td>\n<td>b</td>\n</tr>\n</table>"),
            "<table>\n<tr>\n<td>a</td>\n<td>b</td>\n</tr>\n</table>\n"
        );
        assert_eq!(render("<p>Already\n\n</p>"), "<p>Already\n</p>\n");
        assert_eq!(render("<!--more-->\n\nText"), "<!--more-->\n<p>Text</p>\n");
        assert_eq!(
            render("<img\nsrc=\"a.jpg\"\nalt=\"x\"> caption"),
            "<p><img\nsrc=\"a.jpg\"\nalt=\"x\"> caption</p>\n"
        );
    }

    #[test]
    fn pre_script_and_style_are_verbatim() {
        let pre = "<pre class=\"code\">line 1\n\nline 3\n  indented\n</pre>";
        assert_eq!(
            render(&format!("Code:\n{pre}\nDone.")),
            format!("<p>Code:</p>\n{pre}\n<p>Done.</p>\n")
        );
        let script = "<script>\nvar a = 1;\n\nvar b = 2;\n</script>";
        assert_eq!(render(script), format!("{script}\n"));
        let style = "<style>\np { color: red; }\n\nh1 { margin: 0 }\n</style>";
        assert_eq!(render(style), format!("{style}\n"));
    }

    #[test]
    fn gutenberg_markup_only_loses_its_comments() {
        let raw = "<!-- wp:paragraph {\"align\":\"center\"} -->\n<p class=\"has-text-align-center\">One\nline</p>\n<!-- /wp:paragraph -->\n\n\
                   <!-- wp:list -->\n<ul><li>a</li>\n<li>b</li></ul>\n<!-- /wp:list -->\n\n\
                   <!-- wp:group --><div class=\"wp-block-group\"><!-- wp:core/heading {\"level\":3} -->\n<h3>H</h3>\n<!-- /wp:core/heading --></div><!-- /wp:group -->\n\n\
                   <!-- wp:separator /-->\n\n<!-- wp:latest-posts {\"postsToShow\":3} /-->\n\
                   <!-- wp:code -->\n<pre class=\"wp-block-code\"><code>x\n\ny</code></pre>\n<!-- /wp:code -->";
        let out = render(raw);
        assert!(
            !out.contains("<!-- wp:") && !out.contains("<!-- /wp:"),
            "{out}"
        );
        let expected = raw
            .split("<!--")
            .enumerate()
            .map(|(i, part)| {
                if i == 0 {
                    part
                } else {
                    &part[part.find("-->").unwrap() + 3..]
                }
            })
            .collect::<String>();
        assert_eq!(out, expected);
        assert!(!out.contains("<br"));
        assert!(!out.contains("<p><div"));
    }

    #[test]
    fn classic_text_between_blocks_gets_paragraphs() {
        let out = render(
            "<!-- wp:paragraph -->\n<p>Block</p>\n<!-- /wp:paragraph -->\n\nLoose text\nhere\n\n<!-- wp:paragraph -->\n<p>More</p>\n<!-- /wp:paragraph -->",
        );
        assert_eq!(
            out,
            "\n<p>Block</p>\n<p>Loose text<br />\nhere</p>\n\n<p>More</p>\n"
        );
    }

    #[test]
    fn captions() {
        assert_eq!(
            render(
                "[caption id=\"attachment_1\" align=\"alignleft\" width=\"150\"]<img src=\"a.jpg\" alt=\"A\" width=\"150\" /> Caption text[/caption]"
            ),
            "<figure class=\"wp-caption\"><img src=\"a.jpg\" alt=\"A\" width=\"150\" /><figcaption>Caption text</figcaption></figure>\n"
        );
        assert_eq!(
            render(
                "Before\n[caption width=\"3\" caption=\"From <em>attr</em>\"]<a href=\"/x\"><img src=\"b.jpg\" /></a>[/caption]\nAfter"
            ),
            "<p>Before</p>\n<figure class=\"wp-caption\"><a href=\"/x\"><img src=\"b.jpg\" /></a><figcaption>From <em>attr</em></figcaption></figure>\n<p>After</p>\n"
        );
        // No caption text: just the image.
        assert_eq!(
            render("[caption]<img src=\"c.jpg\" />[/caption]"),
            "<p><img src=\"c.jpg\" /></p>\n"
        );
        assert_eq!(
            render("[wp_caption]<img src=\"d.jpg\" /> Old[/wp_caption]"),
            "<figure class=\"wp-caption\"><img src=\"d.jpg\" /><figcaption>Old</figcaption></figure>\n"
        );
    }

    #[test]
    fn embeds_and_media() {
        assert_eq!(
            render("Watch:\n\n[embed]https://www.youtube.com/watch?v=abc&amp;t=1[/embed]\n\nDone"),
            "<p>Watch:</p>\n<p><a href=\"https://www.youtube.com/watch?v=abc&amp;t=1\">https://www.youtube.com/watch?v=abc&amp;t=1</a></p>\n<p>Done</p>\n"
        );
        assert_eq!(
            render("[embed width=\"500\"] https://vimeo.com/1 [/embed]"),
            "<p><a href=\"https://vimeo.com/1\">https://vimeo.com/1</a></p>\n"
        );
        // A URL alone on its line is an auto-embed.
        assert_eq!(
            render("Intro\n\nhttps://example.com/a?b=1\n\nNot https://example.com/x here"),
            "<p>Intro</p>\n<p><a href=\"https://example.com/a?b=1\">https://example.com/a?b=1</a></p>\n<p>Not https://example.com/x here</p>\n"
        );
        assert_eq!(
            render("[audio src=\"https://e.com/a.mp3\"]"),
            "<p><audio controls src=\"https://e.com/a.mp3\"><a href=\"https://e.com/a.mp3\">https://e.com/a.mp3</a></audio></p>\n"
        );
        assert!(
            render("[video mp4=\"https://e.com/v.mp4\" width=\"640\"][/video]")
                .contains("<video controls src=\"https://e.com/v.mp4\">")
        );
    }

    #[test]
    fn galleries_are_removed_with_a_warning() {
        let mut warnings = Vec::new();
        let out = render_raw(
            "Photos:\n\n[gallery ids=\"1,2,3\" columns=\"2\"]\n\nEnd",
            &mut warnings,
        );
        assert_eq!(out, "<p>Photos:</p>\n<p>End</p>\n");
        assert_eq!(
            warnings,
            ["gallery shortcode not rendered: [gallery ids=\"1,2,3\" columns=\"2\"]"]
        );
        let mut warnings = Vec::new();
        render_raw("[playlist ids=\"4\"] [audio]", &mut warnings);
        assert_eq!(warnings.len(), 2, "{warnings:?}");
    }

    #[test]
    fn other_shortcodes_keep_their_text() {
        assert_eq!(
            render("[su_note note_color=\"#fff\"]Important [b]bold[/b] note[/su_note]"),
            "<p>Important bold note</p>\n"
        );
        assert_eq!(
            render("A [contact-form-7 id=\"5\" title=\"Contact\"] B"),
            "<p>A  B</p>\n"
        );
        assert_eq!(render("A [divider /] B [clear/] C"), "<p>A  B  C</p>\n");
        assert_eq!(render("Text[/caption]"), "<p>Text</p>\n");
    }

    #[test]
    fn brackets_that_are_not_shortcodes_stay() {
        for text in [
            "A footnote[1] and [2].",
            "Read more […] or [...]",
            "children at play [simple boat] beach",
            "[top] of page",
            "Logged [2005-04-10 00:00:00] ok",
            "[and/or] [x=1] [ spaced ] [Note: this]",
            "An array a[i] and [[unclosed",
        ] {
            assert_eq!(render(text), format!("<p>{text}</p>\n"));
        }
    }

    #[test]
    fn escaped_shortcodes_are_literal() {
        assert_eq!(
            render("Use [[gallery]] here"),
            "<p>Use [gallery] here</p>\n"
        );
        assert_eq!(
            render("[[caption]x[/caption]] and [[myshort attr=\"1\"]]"),
            "<p>[caption]x[/caption] and [myshort attr=\"1\"]</p>\n"
        );
        assert_eq!(render("[[not one]]"), "<p>[[not one]]</p>\n");
    }

    #[test]
    fn placeholders_in_the_input_are_harmless() {
        let out = render("a \u{E000}B0\u{E001} b");
        assert_eq!(out, "<p>a \u{FFFD}B0\u{FFFD} b</p>\n");
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let mut s = String::new();
        for i in 0..500 {
            s.push_str(&format!("[s{i} a=\"1\"]"));
        }
        s.push('x');
        for i in (0..500).rev() {
            s.push_str(&format!("[/s{i}]"));
        }
        let out = render(&s);
        assert!(out.contains('x'));
    }

    #[test]
    fn bracket_heavy_text_is_fast() {
        let text = "a[1] [x k=\"v\"] [y] [z [w ".repeat(20_000);
        let start = std::time::Instant::now();
        let out = render(&text);
        assert!(start.elapsed() < std::time::Duration::from_secs(5));
        assert!(out.contains("a[1]  [y] [z [w a[1]"));
    }

    #[test]
    #[cfg_attr(
        not(shared_corpus),
        ignore = "needs ../shared/corpus beside the checkout"
    )]
    fn corpus_posts_render_cleanly() {
        use crate::input::Record;
        use crate::input::wxr::WxrReader;

        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/wxr/");
        let mut files = Vec::new();
        let entries = std::fs::read_dir(dir).expect("the shared corpus");
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                files.extend(std::fs::read_dir(&p).unwrap().flatten().map(|e| e.path()));
            } else {
                files.push(p);
            }
        }
        let mut count = 0;
        for path in files {
            let file = std::io::BufReader::new(std::fs::File::open(&path).unwrap());
            for record in WxrReader::new(file, None) {
                let Record::Post { post, location } = record else {
                    continue;
                };
                let mut warnings = Vec::new();
                let html = render_raw(&post.content_html, &mut warnings);
                let ctx = format!("{} {location}", path.display());
                assert!(!html.contains("<!-- wp:"), "{ctx}: {html}");
                assert!(!html.contains("<!-- /wp:"), "{ctx}: {html}");
                for sc in ["[caption", "[gallery", "[embed", "[/caption]"] {
                    assert!(!html.contains(sc), "{ctx}: {sc} in {html}");
                }
                assert!(!html.contains(MARK) && !html.contains(END) && !html.contains(TAG_NL));
                assert!(
                    !html.contains("<p><div") && !html.contains("</div></p>"),
                    "{ctx}: {html}"
                );
                assert!(
                    !html.contains("</li><br />") && !html.contains("<p><li"),
                    "{ctx}: {html}"
                );
                count += 1;
            }
        }
        assert!(count > 100, "{count} posts");
    }
}
