//! The attributes of an element: what the rules look at ([`view_of`]), and what the
//! outputs keep of them ([`normalise`]).

use std::borrow::Cow;

use tendril::StrTendril;
use url::Url;

use super::rules::View;
use crate::dom::tree::{Attr, Element};
use crate::href::Href;
use crate::safety;

pub(crate) fn view_of(el: &Element) -> View<'_> {
    let mut v = View {
        tag: &el.tag,
        ..View::default()
    };
    for a in &el.attrs {
        let name: &str = &a.name;
        let value: &str = &a.value;
        match name {
            "class" => v.class = value,
            "id" => v.id = value,
            "style" => v.style = value,
            "hidden" => v.hidden = true,
            "data-index" => v.data_index = true,
            "src" => v.script_src = value,
            "type" => v.script_type = value,
            "role" => v.role = value,
            "aria-hidden" => v.aria_hidden = value.trim() == "true",
            _ => {
                if let Some(rest) = name.strip_prefix("data-") {
                    if let Some(prefix) = rest.strip_suffix("trackid") {
                        v.advads_prefix = Some(prefix);
                    } else if rest.starts_with("ad-slot")
                        || rest.starts_with("ad-client")
                        || rest == "google-query-id"
                    {
                        v.data_ad = true;
                    }
                }
            }
        }
    }
    v
}

/// Attributes worth keeping in the cleaned HTML and for extraction, as static names.
fn keep_attr(name: &str) -> Option<&'static str> {
    const KEEP: [&str; 22] = [
        "id", "class", "href", "alt", "title", "rel", "target", "colspan", "rowspan", "width",
        "height", "start", "reversed", "datetime", "cite", "lang", "dir", "scope", "open", "name",
        "controls", "poster",
    ];
    KEEP.iter().find(|k| **k == name).copied()
}

/// Keeps only the attributes the outputs read, written as a browser reads them: URLs
/// resolved against the post's link (and left out when a browser could not follow them or
/// they could run code), the real source of a lazy-loaded image or video as `src`; sorted by
/// name, as they are written, so that the HTML reads back with the same attributes.
pub(crate) fn normalise(el: &mut Element, base: Option<&Url>, warnings: &mut Vec<String>) {
    let tag: &str = &el.tag;
    let mut attrs: Vec<Attr> = Vec::with_capacity(el.attrs.len());
    for a in &el.attrs {
        let value = &a.value;
        let Some(name) = keep_attr(&a.name) else {
            continue;
        };
        let value = match name {
            // URLs are written as a browser resolves them, and dropped when their scheme
            // could run code or no browser could follow them.
            "href" | "cite" | "poster" => {
                let link = tag == "a" && name == "href";
                let Some(href) = Href::parse(base, value) else {
                    if link {
                        warnings.push(format!(
                            "link {:?} is not a URL a browser can follow: left out",
                            value.trim()
                        ));
                    }
                    continue;
                };
                let safe = if name == "poster" {
                    safety::safe_media(href.url())
                } else {
                    safety::safe_link(href.url())
                };
                if !safe {
                    continue;
                }
                if link {
                    warn_bare_host(value, &href, warnings);
                }
                StrTendril::from_slice(href.written())
            }
            _ => value.clone(),
        };
        attrs.push(Attr {
            name: Cow::Borrowed(name),
            value,
        });
    }
    if matches!(
        tag,
        "img" | "iframe" | "video" | "audio" | "source" | "embed"
    ) && let Some(src) = real_src(el).and_then(|s| Href::parse(base, s))
        && safety::safe_media(src.url())
    {
        attrs.push(Attr {
            name: Cow::Borrowed("src"),
            value: StrTendril::from_slice(src.written()),
        });
    }
    attrs.sort_unstable_by(|a, b| a.name.cmp(&b.name));
    el.attrs = attrs;
}

/// Says so when a link reads as a host typed without `https://` (`www.example.org/page`): it
/// stays the relative link a browser makes of it, but the author probably meant another site.
fn warn_bare_host(written: &str, href: &Href<'_>, warnings: &mut Vec<String>) {
    if let Some(host) = crate::href::bare_host(written) {
        let written = written.trim();
        warnings.push(format!(
            "link {written:?} has no scheme: a browser reads it as {}; \
             write https://{written} if {host} was meant",
            href.written(),
        ));
    }
}

/// Whether a media source is a web URL (`http(s)`, or relative): placeholders such as
/// `data:` and `about:blank` are passed over for the next candidate.
fn is_web_source(src: &str) -> bool {
    Href::parse(None, src).is_some_and(|h| safety::safe_media(h.url()))
}

/// The real image behind lazy-loading: `data-lazy-src`, `data-src`, … before a placeholder
/// `src`, and the widest `srcset` candidate when nothing else is there.
fn real_src(el: &Element) -> Option<&str> {
    // Preference order: lazy-loading attributes, then `src`, then `srcset`s.
    const ORDER: [&str; 10] = [
        "data-lazy-src",
        "data-src",
        "data-original",
        "data-lazy",
        "data-orig-src",
        "data-large-file",
        "src",
        "data-lazy-srcset",
        "data-srcset",
        "srcset",
    ];
    let usable = |s: &str| {
        let s = s.trim();
        !s.is_empty() && is_web_source(s)
    };
    // One pass over the attributes (looking each name up would intern it every time).
    let mut best: Option<(usize, &str)> = None;
    for a in &el.attrs {
        let Some(rank) = ORDER.iter().position(|o| *o == a.name) else {
            continue;
        };
        let value = &a.value;
        if best.is_some_and(|(r, _)| r <= rank) {
            continue;
        }
        let value: &str = value;
        let candidate = if rank >= 7 {
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
            is_web_source(url).then_some((url, w))
        })
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(u, _)| u)
}
