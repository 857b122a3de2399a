//! Shortcodes: core ones rendered, others unwrapped to their content.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use regex::{Captures, Regex};

use super::autop::{alone_in_paragraph, line_breaks};
use super::re;
use super::stash::{BARE, BLOCK, INLINE, Stash};

/// Shortcodes that WordPress itself registers.
pub(super) const CORE_SHORTCODES: &[&str] = &[
    "caption",
    "wp_caption",
    "gallery",
    "playlist",
    "embed",
    "audio",
    "video",
];

/// How deep shortcodes are looked for inside other shortcodes.
pub(super) const MAX_NESTING: usize = 16;

/// The names a post uses as shortcodes: with a closing `[/name]`, with `key=value`
/// attributes or written self-closing (`[name /]`). Such a name is a shortcode everywhere in
/// the post, also where it is written bare (`[name]`), as it is on the site.
#[derive(Debug, Default)]
pub(super) struct UsedNames(HashSet<String>);

impl UsedNames {
    /// The names `content` uses as shortcodes.
    pub(super) fn scan(content: &str) -> UsedNames {
        let mut names = HashSet::new();
        let b = content.as_bytes();
        let is_name = |c: u8| c.is_ascii_alphanumeric() || c == b'_' || c == b'-';
        let mut i = 0;
        while let Some(off) = memchr::memchr(b'[', &b[i..]) {
            let start = i + off + 1;
            i = start;
            let closing = b.get(start) == Some(&b'/');
            let name_start = start + usize::from(closing);
            let mut j = name_start;
            while j < b.len() && is_name(b[j]) {
                j += 1;
            }
            if j == name_start {
                continue;
            }
            // The tag's text up to its `]` (a `[` first: not a tag).
            let Some(end) = memchr::memchr2(b'[', b']', &b[j..]).map(|e| j + e) else {
                break;
            };
            let tag = &content[j..end];
            let used = b[end] == b']'
                && if closing {
                    tag.is_empty()
                } else {
                    let spaced = tag.starts_with(char::is_whitespace);
                    let self_closing = tag.trim_end().ends_with('/') && (spaced || tag == "/");
                    self_closing || spaced && has_key_value(tag)
                };
            let name = &content[name_start..j];
            if used && !names.contains(name) {
                names.insert(name.to_string());
            }
        }
        UsedNames(names)
    }

    pub(super) fn contains(&self, name: &str) -> bool {
        !self.0.is_empty() && self.0.contains(name)
    }
}

/// A character of a shortcode or attribute name.
fn is_name_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '-'
}

/// Whether a shortcode tag's attribute text holds a `key=value` pair (a name after white
/// space, then `=`).
fn has_key_value(attrs: &str) -> bool {
    attrs.match_indices('=').any(|(at, _)| {
        let before = attrs[..at].trim_end();
        let key_start = before
            .char_indices()
            .rev()
            .find(|&(_, c)| !is_name_char(c))
            .map_or(0, |(p, c)| p + c.len_utf8());
        key_start < before.len() && before[..key_start].ends_with(char::is_whitespace)
    })
}

/// One shortcode found in the text: `[name attrs]inner[/name]` or `[name attrs /]`.
#[derive(Debug)]
pub(super) struct Shortcode<'a> {
    name: &'a str,
    /// Attribute text, without the self-closing `/`.
    attrs: &'a str,
    /// The opening tag, as written (for warnings).
    tag: &'a str,
    inner: Option<&'a str>,
    /// Byte index just past the shortcode.
    end: usize,
}

/// Expands the shortcodes of `text`. `paragraphs`: the text will be given paragraphs
/// (`wpautop`), so a shortcode alone in its paragraph is rendered without one.
pub(super) fn shortcodes(
    text: &str,
    used: &UsedNames,
    stash: &mut Stash,
    warnings: &mut Vec<String>,
    paragraphs: bool,
) -> String {
    expand(text, used, stash, warnings, 0, paragraphs)
}

/// The shortcodes of `text` expanded, `nesting` deep inside others.
fn expand(
    text: &str,
    used: &UsedNames,
    stash: &mut Stash,
    warnings: &mut Vec<String>,
    nesting: usize,
    paragraphs: bool,
) -> String {
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
            if let Some(sc) = parse_shortcode(text, at + 1, used, &mut closers)
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
        if let Some(sc) = parse_shortcode(text, at, used, &mut closers) {
            let alone = paragraphs && alone_in_paragraph(&text[..at], &text[sc.end..]);
            out.push_str(&render_shortcode(
                &sc, used, stash, warnings, nesting, alone,
            ));
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
/// core shortcode, a name the post uses as a shortcode elsewhere ([`UsedNames`]), or one
/// with a matching `[/name]`, or with `key=value` attributes, or written self-closing
/// (`[name /]`).
///
/// `closers` remembers where each name's next `[/name]` is (or that there is none), so that
/// text full of brackets is not searched again and again.
pub(super) fn parse_shortcode<'a>(
    text: &'a str,
    at: usize,
    used: &UsedNames,
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
    // Cheapest tests first.
    let shortcode = self_closing
        || inner.is_some()
        || CORE_SHORTCODES.contains(&name)
        || used.contains(name)
        || parse_attrs(attrs).0.next().is_some();
    shortcode.then_some(Shortcode {
        name,
        attrs,
        tag: &text[at..tag_end],
        inner,
        end,
    })
}

/// A closing tag of a core shortcode with no opening one (`[/caption]`): its end, to drop it.
pub(super) fn stray_closer(text: &str, at: usize) -> Option<usize> {
    let rest = text[at..].strip_prefix("[/")?;
    let close = rest.find(']')?;
    CORE_SHORTCODES
        .contains(&&rest[..close])
        .then_some(at + 2 + close + 1)
}

/// `key="value"`, `key='value'`, `key=value`, or a positional `"value"`, `'value'`, `value`.
pub(super) static ATTR: LazyLock<Regex> = LazyLock::new(|| {
    re(r#"([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s'"]+))|"([^"]*)"|'([^']*)'|(\S+)"#)
});

/// A shortcode's attributes: the named ones (keys lowercased) and the positional values.
pub(super) fn parse_attrs(
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
pub(super) fn attr(attrs: &str, key: &str) -> Option<String> {
    parse_attrs(attrs)
        .0
        .find(|(k, _)| k == key)
        .map(|(_, v)| v)
        .filter(|v| !v.trim().is_empty())
}

/// The `<source>` and `<track>` elements in an `[audio]` or `[video]` shortcode's content.
static MEDIA_PARTS: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)<(?:source|track)\b[^<>]*>"));

/// The image (optionally linked) at the start of a caption's content, and the rest.
pub(super) static CAPTION_IMAGE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?is)^\s*((?:<a\s[^>]*>\s*)?<img\s[^>]*>(?:\s*</a>)?)(.*)$"));

/// The HTML a shortcode renders to (placeholders for block-level output). `alone`: the
/// shortcode is alone in its paragraph, which its output then replaces.
pub(super) fn render_shortcode(
    sc: &Shortcode<'_>,
    used: &UsedNames,
    stash: &mut Stash,
    warnings: &mut Vec<String>,
    nesting: usize,
    alone: bool,
) -> String {
    let inner = sc
        .inner
        .map(|t| expand(t, used, stash, warnings, nesting + 1, false))
        .unwrap_or_default();
    // Output that is not a block: alone in its paragraph it stands bare, else inline.
    let mut bare = |html: String| {
        if alone { stash.put(BARE, html) } else { html }
    };
    match sc.name {
        "caption" | "wp_caption" => {
            let (image, caption) = match attr(sc.attrs, "caption") {
                Some(caption) => (inner.trim().to_string(), caption),
                None => match CAPTION_IMAGE.captures(&inner) {
                    Some(c) => (c[1].to_string(), c[2].trim().to_string()),
                    None => (inner.trim().to_string(), String::new()),
                },
            };
            // Like img_caption_shortcode(): no caption or no width, just the content.
            let width = attr(sc.attrs, "width")
                .and_then(|w| w.trim().parse::<f64>().ok())
                .unwrap_or(0.0);
            if caption.is_empty() || width < 1.0 {
                return bare(image);
            }
            stash.put(
                BLOCK,
                format!(
                    "<figure class=\"wp-caption\">{image}<figcaption>{caption}</figcaption></figure>"
                ),
            )
        }
        // WordPress expands [embed] before wpautop: the link is part of its paragraph.
        "embed" => {
            let url = inner.trim();
            if url.is_empty() {
                return String::new();
            }
            embed_url(url, alone, stash)
        }
        "audio" | "video" => match media_url(sc, &inner) {
            Some(url) => {
                let parts: String = MEDIA_PARTS.find_iter(&inner).map(|m| m.as_str()).collect();
                player(sc.name, &url, &parts, alone, stash)
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
        // A plugin's shortcode: its content. Alone in its paragraph, the content is one
        // paragraph without `<p>` (WordPress gives it line breaks, then unwraps it), unless
        // it holds paragraphs of its own.
        _ if alone && !inner.contains("\n\n") && !inner.trim().is_empty() => {
            let mut html = String::with_capacity(inner.len());
            line_breaks(inner.trim(), &mut html);
            stash.put(BARE, html)
        }
        _ => inner,
    }
}

/// The source of an `[audio]` or `[video]` shortcode: its `src` (or a per-format attribute
/// such as `mp3=`), a bare URL among its attributes, or a URL as its content.
pub(super) fn media_url(sc: &Shortcode<'_>, inner: &str) -> Option<String> {
    const KEYS: &[&str] = &[
        "src", "mp3", "m4a", "ogg", "wav", "wma", "flac", "mp4", "m4v", "webm", "ogv", "wmv", "flv",
    ];
    let is_url =
        |s: &str| s.starts_with("http://") || s.starts_with("https://") || s.starts_with("//");
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

/// An audio or video player for `url` (`kind` is `audio` or `video`), with the `<source>` and
/// `<track>` elements `parts` and a link to the file for browsers without one. Video comes in
/// a `wp-video` box, a block; audio alone in its paragraph stands bare.
fn player(kind: &str, url: &str, parts: &str, alone: bool, stash: &mut Stash) -> String {
    let player = format!(
        "<{kind} controls src=\"{}\">{parts}{}</{kind}>",
        escape_attr(url),
        link(url)
    );
    if kind == "video" {
        stash.put(BLOCK, format!("<div class=\"wp-video\">{player}</div>"))
    } else if alone {
        stash.put(BARE, player)
    } else {
        stash.put(INLINE, player)
    }
}

/// A URL to an audio or video file, by the extensions WordPress's embed handlers play.
static MEDIA_FILE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^https?://\S+?\.(?:(mp3|ogg|flac|m4a|wav)|(mp4|m4v|webm|ogv|flv))$"));

/// What WordPress makes of a URL it embeds (`[embed]`, a URL alone on its line) when no
/// oEmbed provider answers: a player for an audio or video file, a link otherwise.
pub(super) fn embed_url(url: &str, alone: bool, stash: &mut Stash) -> String {
    match MEDIA_FILE.captures(url) {
        Some(c) if c.get(1).is_some() => player("audio", url, "", alone, stash),
        Some(_) => player("video", url, "", alone, stash),
        None => link(url),
    }
}

/// `<a href="url">url</a>`.
pub(super) fn link(url: &str) -> String {
    let text = url.replace('<', "&lt;").replace('>', "&gt;");
    format!("<a href=\"{}\">{text}</a>", escape_attr(url))
}

/// Escapes what would end or break a double-quoted attribute (`&` is left as written: raw
/// content already holds `&amp;` where it means one).
pub(super) fn escape_attr(s: &str) -> String {
    s.replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
