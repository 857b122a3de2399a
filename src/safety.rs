//! What the cleaned HTML may contain: a fixed allow-list of elements and attributes, URL
//! schemes checked on every URL attribute, and iframes only from allowed embed hosts. The
//! structured fields are extracted first; this policy only governs what is written out.

/// Whether a URL may stand in a link (`href`, `cite`): `http(s)`, `mailto`, `tel`, or a
/// relative or in-page reference. `javascript:`, `vbscript:`, `data:` and every other scheme
/// are refused, however they are disguised (case, whitespace, control characters).
pub(crate) fn safe_link(url: &str) -> bool {
    matches!(
        scheme(url),
        None | Some("http" | "https" | "mailto" | "tel")
    )
}

/// Whether a URL may be the source of an image or media element: `http(s)` or relative.
pub(crate) fn safe_media(url: &str) -> bool {
    matches!(scheme(url), None | Some("http" | "https"))
}

/// The lower-cased scheme of a URL, as a browser would read it (ignoring the whitespace and
/// control characters browsers strip), or `None` for a relative URL.
fn scheme(url: &str) -> Option<&'static str> {
    let mut name = String::new();
    for c in url.chars() {
        if c.is_whitespace() || c.is_control() {
            continue;
        }
        match c {
            ':' => break,
            '/' | '?' | '#' => return None,
            c => {
                name.push(c.to_ascii_lowercase());
                if name.len() > 16 {
                    return Some("other");
                }
            }
        }
    }
    if !url.contains(':') {
        return None;
    }
    Some(match name.as_str() {
        "http" => "http",
        "https" => "https",
        "mailto" => "mailto",
        "tel" => "tel",
        _ => "other",
    })
}

/// What the HTML writer does with an element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Policy {
    /// Written with its allowed attributes.
    Keep,
    /// Its tag is left out, its content written.
    Unwrap,
    /// Left out with everything in it.
    Drop,
}

/// Elements that are written as they are.
fn allowed(tag: &str) -> bool {
    matches!(
        tag,
        "p" | "br"
            | "hr"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "a"
            | "strong"
            | "b"
            | "em"
            | "i"
            | "u"
            | "s"
            | "del"
            | "ins"
            | "mark"
            | "small"
            | "sub"
            | "sup"
            | "code"
            | "pre"
            | "kbd"
            | "samp"
            | "var"
            | "blockquote"
            | "q"
            | "cite"
            | "abbr"
            | "dfn"
            | "time"
            | "span"
            | "div"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "aside"
            | "main"
            | "figure"
            | "figcaption"
            | "img"
            | "picture"
            | "video"
            | "audio"
            | "source"
            | "track"
            | "ul"
            | "ol"
            | "li"
            | "dl"
            | "dt"
            | "dd"
            | "table"
            | "thead"
            | "tbody"
            | "tfoot"
            | "tr"
            | "th"
            | "td"
            | "caption"
            | "colgroup"
            | "col"
            | "details"
            | "summary"
            | "address"
            | "ruby"
            | "rt"
            | "rp"
            | "wbr"
            | "bdi"
            | "bdo"
            | "iframe"
    )
}

/// Elements whose content is never shown or is active: left out whole.
fn dropped(tag: &str) -> bool {
    matches!(
        tag,
        "script"
            | "style"
            | "template"
            | "noscript"
            | "object"
            | "embed"
            | "applet"
            | "math"
            | "svg"
            | "form"
            | "input"
            | "button"
            | "select"
            | "textarea"
            | "option"
            | "base"
            | "meta"
            | "link"
            | "frame"
            | "frameset"
            | "portal"
            | "dialog"
            | "canvas"
            | "xmp"
            | "plaintext"
            | "noembed"
            | "noframes"
            | "title"
    )
}

/// The policy for one element. `src` is the element's (already checked) source, for iframes.
pub(crate) fn policy(tag: &str, src: Option<&str>, iframe_hosts: &[String]) -> Policy {
    if tag == "iframe" {
        return match src.and_then(host_of) {
            Some(h) if host_allowed(h, iframe_hosts) => Policy::Keep,
            _ => Policy::Drop,
        };
    }
    if allowed(tag) {
        Policy::Keep
    } else if dropped(tag) {
        Policy::Drop
    } else {
        // Unknown, custom or presentational elements (`font`, `center`, `amp-img`…).
        Policy::Unwrap
    }
}

fn host_of(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .or_else(|| url.strip_prefix("//"))?;
    let end = rest.find(['/', '?', '#', ':']).unwrap_or(rest.len());
    Some(&rest[..end])
}

fn host_allowed(host: &str, allowed: &[String]) -> bool {
    allowed.iter().any(|a| {
        host.eq_ignore_ascii_case(a)
            || (host.len() > a.len()
                // Bytes, not a `str` slice: a non-ASCII host may not split there.
                && host.as_bytes()[host.len() - a.len()..].eq_ignore_ascii_case(a.as_bytes())
                && host.as_bytes()[host.len() - a.len() - 1] == b'.')
    })
}

/// Embed hosts whose iframes are kept by default.
pub(crate) const DEFAULT_IFRAME_HOSTS: [&str; 9] = [
    "youtube.com",
    "youtube-nocookie.com",
    "player.vimeo.com",
    "w.soundcloud.com",
    "open.spotify.com",
    "embed.ted.com",
    "www.dailymotion.com",
    "www.google.com",
    "player.twitch.tv",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemes() {
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            " javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "\u{1}javascript:alert(1)",
            "vbscript:msgbox(1)",
            "data:text/html,<script>alert(1)</script>",
            "livescript:x",
        ] {
            assert!(!safe_link(bad), "{bad:?}");
            assert!(!safe_media(bad), "{bad:?}");
        }
        for good in [
            "https://a.example/x",
            "http://a",
            "/rel/path",
            "page.html",
            "#top",
            "?q=1",
            "mailto:a@b.c",
            "tel:+1",
        ] {
            assert!(safe_link(good), "{good:?}");
        }
        assert!(!safe_media("mailto:a@b.c"));
        assert!(safe_media("//cdn.example/x.jpg"));
    }

    #[test]
    fn iframes_only_from_allowed_hosts() {
        let hosts: Vec<String> = DEFAULT_IFRAME_HOSTS.iter().map(|s| s.to_string()).collect();
        assert_eq!(
            policy("iframe", Some("https://www.youtube.com/embed/x"), &hosts),
            Policy::Keep
        );
        assert_eq!(
            policy("iframe", Some("https://evil.example/x"), &hosts),
            Policy::Drop
        );
        assert_eq!(
            policy("iframe", Some("https://notyoutube.com/x"), &hosts),
            Policy::Drop
        );
        assert_eq!(policy("iframe", None, &hosts), Policy::Drop);
        // A non-ASCII host whose tail does not fall on a character boundary.
        assert_eq!(
            policy("iframe", Some("https://ééééééééééééé/x"), &hosts),
            Policy::Drop
        );
        assert_eq!(
            policy("iframe", Some("https://é.youtube.com/x"), &hosts),
            Policy::Keep
        );
        assert_eq!(policy("font", None, &hosts), Policy::Unwrap);
        assert_eq!(policy("script", None, &hosts), Policy::Drop);
    }
}
