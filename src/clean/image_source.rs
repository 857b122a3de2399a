//! Which URL of an `img` (or `iframe`, `video`…) is the real image: lazy-loading
//! attributes before a placeholder `src`, Jetpack's original file before its resized
//! copies, the widest `srcset` candidate when nothing else is there; never a 1×1 placeholder.

use crate::dom::tree::Element;
use crate::href::Href;
use crate::safety;

/// Preference order of the attributes that may hold the image's URL.
const ORDER: [&str; 11] = [
    // Jetpack's carousel: the attachment's original file, the largest there is.
    "data-orig-file",
    // Lazy loaders keep the real URL here and a placeholder in `src`.
    "data-lazy-src",
    "data-src",
    "data-original",
    "data-lazy",
    "data-orig-src",
    // Jetpack's carousel: the "large" size (a placeholder when the sizes are unknown).
    "data-large-file",
    "src",
    "data-lazy-srcset",
    "data-srcset",
    "srcset",
];

/// The first attribute in [`ORDER`] that holds a usable image URL.
pub(crate) fn real_src(el: &Element) -> Option<&str> {
    // One pass over the attributes (looking each name up would intern it every time).
    let mut best: Option<(usize, &str)> = None;
    for a in &el.attrs {
        let Some(rank) = ORDER.iter().position(|o| *o == a.name) else {
            continue;
        };
        if best.is_some_and(|(r, _)| r <= rank) {
            continue;
        }
        let value: &str = &a.value;
        let candidate = if ORDER[rank].ends_with("srcset") {
            widest_candidate(value)
        } else {
            Some(value.trim()).filter(|v| usable(v))
        };
        if let Some(c) = candidate {
            best = Some((rank, c));
        }
    }
    best.map(|(_, v)| v)
}

fn usable(s: &str) -> bool {
    !s.is_empty() && is_web_source(s) && !one_pixel(s)
}

/// Whether a media source is a web URL (`http(s)`, or relative): placeholders such as
/// `data:` and `about:blank` are passed over for the next candidate.
fn is_web_source(src: &str) -> bool {
    Href::parse(None, src).is_some_and(|h| safety::safe_media_scheme(h.scheme()))
}

/// Whether the URL asks an image CDN for a 1×1 copy (`?fit=1,1`, `?resize=1%2C1`, `?w=1&h=1`:
/// what Jetpack writes when it does not know the image's size).
fn one_pixel(src: &str) -> bool {
    let Some((_, query)) = src.split_once('?') else {
        return false;
    };
    let query = query.split('#').next().unwrap_or("");
    let (mut w, mut h) = (false, false);
    for pair in query.split(['&', ';']) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        let v = v.replace("%2C", ",").replace("%2c", ",");
        match k {
            "fit" | "resize" if v == "1,1" => return true,
            "w" | "width" => w = v == "1",
            "h" | "height" => h = v == "1",
            _ => {}
        }
    }
    w && h
}

/// The widest candidate of a `srcset`.
fn widest_candidate(srcset: &str) -> Option<&str> {
    srcset
        .split(',')
        .filter_map(|c| {
            let mut parts = c.split_ascii_whitespace();
            let url = parts.next()?;
            let w = parts
                .next()
                .and_then(|d| d.strip_suffix('w').or_else(|| d.strip_suffix('x')))
                .and_then(|n| n.parse::<f64>().ok())
                .unwrap_or(1.0);
            (is_web_source(url) && !one_pixel(url)).then_some((url, w))
        })
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(u, _)| u)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_pixel_placeholders_are_recognised() {
        assert!(one_pixel("https://i0.wp.com/x.org/a.jpg?fit=1%2C1&ssl=1"));
        assert!(one_pixel("https://i0.wp.com/x.org/a.jpg?resize=1,1"));
        assert!(one_pixel("https://x.files.wordpress.com/a.jpg?w=1&h=1"));
        assert!(!one_pixel(
            "https://i0.wp.com/x.org/a.jpg?fit=1024%2C768&ssl=1"
        ));
        assert!(!one_pixel("https://x.files.wordpress.com/a.jpg?w=1024"));
        assert!(!one_pixel("https://x.org/a.jpg"));
    }
}
