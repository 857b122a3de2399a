//! The attributes of an element: what the outputs keep of them ([`normalise`]). What the
//! rules look at is read by [`rules::view_of`](crate::rules::view_of).

use std::borrow::Cow;

use tendril::StrTendril;
use url::Url;

use super::image_source::real_src;
use crate::dom::Tag;
use crate::dom::tree::{Attr, Element};
use crate::href::Href;
use crate::safety;

/// Attributes worth keeping in the cleaned HTML and for extraction, as static names.
fn keep_attr(name: &str) -> Option<&'static str> {
    Some(match name {
        "id" => "id",
        "class" => "class",
        "href" => "href",
        "alt" => "alt",
        "title" => "title",
        "rel" => "rel",
        "target" => "target",
        "colspan" => "colspan",
        "rowspan" => "rowspan",
        "width" => "width",
        "height" => "height",
        "start" => "start",
        "reversed" => "reversed",
        "datetime" => "datetime",
        "cite" => "cite",
        "lang" => "lang",
        "dir" => "dir",
        "scope" => "scope",
        "open" => "open",
        "name" => "name",
        "controls" => "controls",
        "poster" => "poster",
        _ => return None,
    })
}

/// Keeps only the attributes the outputs read, written as a browser reads them: URLs
/// resolved against the post's link (and left out when a browser could not follow them or
/// they could run code), the real source of a lazy-loaded image or video as `src`; sorted by
/// name, as they are written, so that the HTML reads back with the same attributes.
pub(crate) fn normalise(el: &mut Element, base: Option<&Url>, warnings: &mut Vec<String>) {
    let tag = &el.tag;
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
                let link = *tag == Tag::A && name == "href";
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
                    safety::safe_media_scheme(href.scheme())
                } else {
                    safety::safe_link_scheme(href.scheme())
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
        Tag::Img | Tag::Iframe | Tag::Video | Tag::Audio | Tag::Source | Tag::Embed
    ) && let Some(src) = real_src(el).and_then(|s| Href::parse(base, s))
        && safety::safe_media_scheme(src.scheme())
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
