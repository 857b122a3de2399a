//! Auto-embeds and `wpautop`: paragraphs and line breaks for classic text.

use std::sync::LazyLock;

use regex::{Captures, Regex};

use super::re;
use super::shortcodes::embed_url;
use super::stash::{BARE, BLOCK, END, INLINE, MARK, QUIET, Stash, TAG_NL};

/// A URL alone on its line.
pub(super) static LONE_URL: LazyLock<Regex> =
    LazyLock::new(|| re(r#"(?m)^([ \t]*)(https?://[^\s<>"]+)([ \t]*)$"#));

/// A URL alone in a paragraph.
pub(super) static PARAGRAPH_URL: LazyLock<Regex> =
    LazyLock::new(|| re(r#"(?i)(<p(?:\s[^>]*)?>\s*)(https?://[^\s<>"]+)(\s*</p>)"#));

/// WordPress embeds a URL that stands alone on its line or in its paragraph (YouTube, a
/// tweet…) and links it when it knows no embed for it: wpclean, offline, links it, or makes
/// it a player when it is an audio or video file (see [`embed_url`]).
pub(super) fn autolink(text: &str, stash: &mut Stash) -> String {
    if !text.contains("http") {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for c in LONE_URL.captures_iter(text) {
        let (whole, url) = (c.get(0).expect("match"), &c[2]);
        let alone = alone_in_paragraph(&text[..whole.start()], &text[whole.end()..]);
        out.push_str(&text[last..whole.start()]);
        out.push_str(&c[1]);
        out.push_str(&embed_url(url, alone, stash));
        out.push_str(&c[3]);
        last = whole.end();
    }
    out.push_str(&text[last..]);
    PARAGRAPH_URL
        .replace_all(&out, |c: &Captures<'_>| {
            format!("{}{}{}", &c[1], embed_url(&c[2], false, stash), &c[3])
        })
        .into_owned()
}

/// Applies `f` to the text outside `<pre>`, `<script>`, `<style>`, `<textarea>`, `<svg>`,
/// `<math>`, CDATA sections and comments.
pub(super) fn unprotected(text: &str, mut f: impl FnMut(&str) -> String) -> String {
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
pub(super) const BLOCKS: &str = "table|thead|tbody|tfoot|caption|colgroup|col|tr|td|th|div|dl|dd|dt|ul|ol|li|\
                      pre|form|map|area|blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|\
                      section|article|aside|hgroup|header|footer|nav|figure|figcaption|details|\
                      menu|summary|main";

/// Block elements whose content may be paragraphs (`Text</div>` after a blank line becomes
/// `<p>Text</p></div>`; `Text</h2>` stays as it is).
pub(super) fn is_container(name: &str) -> bool {
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
pub(super) static PROTECTED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?is)<pre\b[^>]*>.*?</pre\s*>|<style\b[^>]*>.*?</style\s*>|<script\b[^>]*>.*?</script\s*>|<textarea\b[^>]*>.*?</textarea\s*>|<svg\b[^>]*>.*?</svg\s*>|<math\b[^>]*>.*?</math\s*>|<!\[CDATA\[.*?\]\]>|<!--.*?-->",
    )
});

/// Any tag (to find newlines inside tags).
pub(super) static TAG: LazyLock<Regex> = LazyLock::new(|| re(r"<[A-Za-z/][^<>]*>"));

/// Two line breaks in a row: a paragraph break.
pub(super) static DOUBLE_BR: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)<br\s*/?>\s*<br\s*/?>"));

/// A block opening tag, a block closing tag, or a block placeholder.
pub(super) static BLOCK_TAG: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)<(?:{BLOCKS})\b[^>]*>|</(?:{BLOCKS})\s*>|{MARK}{BLOCK}\d+{END}"
    ))
});

/// A block tag or placeholder at the start of a paragraph: group 1 names an opening tag,
/// group 2 a closing one.
pub(super) static LEADING: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)^(?:<({BLOCKS})\b[^>]*>|</({BLOCKS})\s*>|{MARK}{BLOCK}\d+{END})"
    ))
});

/// A block closing tag at the end of a paragraph.
pub(super) static TRAILING: LazyLock<Regex> =
    LazyLock::new(|| re(&format!(r"(?i)</({BLOCKS})\s*>$")));

/// A blank line.
pub(super) static BLANK_LINE: LazyLock<Regex> = LazyLock::new(|| re(r"\n\s*\n"));

/// A piece that is one stand-alone placeholder, maybe with spaces or `&nbsp;` around it.
static BARE_ONLY: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"^(?:\s|&nbsp;)*{MARK}{BARE}\d+{END}(?:\s|&nbsp;)*$"
    ))
});

/// Placeholders of invisible fragments.
pub(super) static QUIET_MARK: LazyLock<Regex> =
    LazyLock::new(|| re(&format!(r"{MARK}{QUIET}\d+{END}")));

/// A line that already ends with a break, or with a tag after which a newline is only
/// formatting.
pub(super) static NO_BR_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?:<br\s*/?>|<(?:option|optgroup|select|param|source|track|embed|object|audio|video|picture)\b[^>]*>|</(?:option|optgroup|select|object|audio|video|picture)\s*>)$",
    )
});

/// A line that starts with a tag before which a newline is only formatting.
pub(super) static NO_BR_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:<(?:br|option|optgroup|param|source|track|embed)\b|</(?:select|object|audio|video|picture)\s*>)",
    )
});

/// An `<audio>` or `<video>` opening tag and the space after it.
static MEDIA_OPEN: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)(<(?:audio|video)\b[^>]*>)\s*"));

/// The space before an `</audio>` or `</video>`.
static MEDIA_CLOSE: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\s*(</(?:audio|video)\s*>)"));

/// A `<source>` or `<track>` tag and the space around it.
static MEDIA_PART: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\s*(<(?:source|track)\b[^>]*>)\s*"));

/// A block tag at the end of a piece of text (then what follows starts a paragraph).
static ENDS_WITH_BLOCK_TAG: LazyLock<Regex> =
    LazyLock::new(|| re(&format!(r"(?i)^</?(?:{BLOCKS})\b[^<>]*>$")));

/// A block tag at the start of a piece of text.
static STARTS_WITH_BLOCK_TAG: LazyLock<Regex> =
    LazyLock::new(|| re(&format!(r"(?i)^</?(?:{BLOCKS})\b")));

/// Whether something between `before` and `after` (classic text) will be alone in its
/// paragraph: only white space (or `&nbsp;`) between it and a blank line, a block tag or the
/// end of the text, on both sides. WordPress's `shortcode_unautop` takes such a shortcode out
/// of its `<p>`.
pub(super) fn alone_in_paragraph(before: &str, after: &str) -> bool {
    // Most shortcodes follow a word on their line: settle those first.
    let t = before.trim_end();
    if !t.is_empty() && !t.ends_with(['>', ';']) && before[t.len()..].matches('\n').nth(1).is_none()
    {
        return false;
    }
    let is_space = |c: char| c.is_whitespace();
    let mut head = before;
    loop {
        let t = head.trim_end_matches(is_space);
        match t.strip_suffix("&nbsp;") {
            Some(t) => head = t,
            None => {
                head = t;
                break;
            }
        }
    }
    let mut tail = after;
    loop {
        let t = tail.trim_start_matches(is_space);
        match t.strip_prefix("&nbsp;") {
            Some(t) => tail = t,
            None => {
                tail = t;
                break;
            }
        }
    }
    let blank = |gap: &str| gap.matches('\n').count() >= 2;
    let alone_before = head.is_empty()
        || blank(&before[head.len()..])
        || head.ends_with('>')
            && head
                .rfind('<')
                .is_some_and(|at| ENDS_WITH_BLOCK_TAG.is_match(&head[at..]));
    let alone_after = tail.is_empty()
        || blank(&after[..after.len() - tail.len()])
        || tail.starts_with('<') && STARTS_WITH_BLOCK_TAG.is_match(prefix(tail, 16));
    alone_before && alone_after
}

/// The first `max` bytes of `s` or a little more (up to a character boundary): regexes that
/// look at the start of a long text are given only that.
fn prefix(s: &str, max: usize) -> &str {
    let mut end = max.min(s.len());
    while !s.is_char_boundary(end) {
        end += 1;
    }
    &s[..end]
}

/// WordPress's `wpautop` on classic content: paragraphs from blank lines, `<br />` from
/// single newlines, block-level HTML left as it is.
pub(super) fn autop(text: &str, stash: &mut Stash) -> String {
    if text.trim().is_empty() {
        return text.to_string();
    }
    // Take out what must stay verbatim.
    let text = PROTECTED.replace_all(text, |c: &Captures<'_>| {
        let m = &c[0];
        let lower = m.get(..6).unwrap_or(m).to_ascii_lowercase();
        // `<math>` is a block for wpautop, but its content is a formula: no `<br />` in it
        // (an HTML parser would end the formula at the first one).
        let kind = if lower.starts_with("<pre")
            || lower.starts_with("<style")
            || lower.starts_with("<math")
        {
            BLOCK
        } else if lower.starts_with("<!--") {
            QUIET
        } else {
            INLINE
        };
        stash.put(kind, m.to_string())
    });
    let text = autolink(&text, stash);
    let text = TAG.replace_all(&text, |c: &Captures<'_>| {
        c[0].replace('\n', &TAG_NL.to_string())
    });
    let text = DOUBLE_BR.replace_all(&text, "\n\n");
    // Space around `<source>` and `<track>` is only formatting: a player's parts stay in one
    // paragraph (wpautop does the same).
    let text = if text.contains("<source") || text.contains("<track") {
        let text = MEDIA_OPEN.replace_all(&text, "$1");
        let text = MEDIA_CLOSE.replace_all(&text, "$1");
        MEDIA_PART.replace_all(&text, "$1").into_owned()
    } else {
        text.into_owned()
    };
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
pub(super) fn paragraph(chunk: &str, out: &mut String) {
    // A piece that stands alone (a shortcode's output, see `alone_in_paragraph`): as it is.
    if chunk.contains(MARK) && BARE_ONLY.is_match(chunk) {
        out.push_str(chunk);
        return;
    }
    // A block tag at the start: is it an opening one (not `<hr>`, `<area>`, a placeholder)?
    let (opened, lead_len) = match LEADING.captures(chunk) {
        Some(c) => {
            // Text right after `<blockquote>` is a paragraph of the quote.
            let opened = c.get(1).is_some_and(|m| {
                let name = m.as_str();
                !["hr", "area", "blockquote"]
                    .iter()
                    .any(|n| name.eq_ignore_ascii_case(n))
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
    // Text before a stray `</p>` is the paragraph that tag closes.
    let closes_p = trail.as_deref() == Some("p");
    let wrap = visible && !opened && (closes_p || trail.as_deref().is_none_or(is_container));

    out.push_str(&chunk[..lead_len]);
    if wrap {
        out.push_str("<p>");
        line_breaks(text, out);
        out.push_str("</p>");
        if closes_p {
            return;
        }
    } else {
        let start = middle.len() - middle.trim_start().len();
        out.push_str(&middle[..start]);
        line_breaks(text, out);
        out.push_str(&middle[start + text.len()..]);
    }
    out.push_str(&rest[rest.len() - trail_len..]);
}

/// Copies `text` into `out`, with `<br />` before each newline that is not just formatting.
pub(super) fn line_breaks(text: &str, out: &mut String) {
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
