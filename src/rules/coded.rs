//! The conditions that are code rather than names: the rows' tests ([`Test`]) and what an
//! inline style does to its element ([`StyleKind`]).

use super::View;
use super::shape::{StyleKind, Test};

/// Whether a class test can pass on this element at all (whatever its classes).
pub(super) fn may_pass(test: Test, v: &View<'_>) -> bool {
    match test {
        Test::HexWithDataIndex => v.data_index,
        Test::AdvadsTarget => v.advads_prefix.is_some(),
        _ => true,
    }
}

/// Evaluates a coded condition on the element and the class or id its row matched.
#[inline]
pub(super) fn passes(test: Test, v: &View<'_>, token: &str) -> bool {
    match test {
        Test::AdsenseScript => {
            v.script_src.contains("adsbygoogle") || v.script_src.contains("googlesyndication.com")
        }
        Test::IconFont => v.classes().any(|c| {
            matches!(
                c,
                "fa" | "fas" | "far" | "fab" | "dashicons" | "genericon" | "material-icons"
            ) || (v.aria_hidden && c.contains("icon"))
        }),
        Test::HasClass(class) => v.has_class(class),
        Test::Unless(prefix) => !token.starts_with(prefix),
        Test::HexWithDataIndex => {
            v.data_index && token.len() == 32 && token.bytes().all(|b| b.is_ascii_hexdigit())
        }
        Test::AdvadsTarget => v
            .advads_prefix
            .is_some_and(|p| token.strip_prefix(p) == Some("target")),
        Test::AdvadsPlacement => advanced_ads_placement(v),
        Test::NotShared => token
            .match_indices("share")
            .any(|(i, _)| token.as_bytes().get(i + 5) != Some(&b'd')),
        Test::AuthorBox => is_author_box(token),
        Test::PostMeta => is_post_meta(token),
        Test::Dialog => is_dialog(v),
    }
}

fn is_author_box(c: &str) -> bool {
    let Some(i) = c.find("author") else {
        return false;
    };
    let rest = &c[i + 6..];
    if [
        "box", "bio", "about", "info", "area", "card", "profile", "wrap", "desc",
    ]
    .iter()
    .any(|w| rest.contains(w))
    {
        return true;
    }
    let before = c[..i].trim_end_matches(['-', '_']);
    let before = before
        .strip_suffix("content")
        .unwrap_or(before)
        .trim_end_matches(['-', '_']);
    ["about", "single", "article", "post"]
        .iter()
        .any(|w| before.ends_with(w))
}

fn is_post_meta(c: &str) -> bool {
    if c.contains("byline") {
        return true;
    }
    ["post", "entry", "blog", "article"].iter().any(|p| {
        c.strip_prefix(p).is_some_and(|rest| {
            let rest = rest.trim_start_matches(['-', '_']);
            let rest = rest
                .strip_prefix("item")
                .map_or(rest, |r| r.trim_start_matches(['-', '_']));
            rest == "meta" || rest.starts_with("meta-") || rest.starts_with("meta_")
        })
    })
}

/// `<div class="{p}{placement}" id="{p}{8+ digits}">`, where `{p}` is the site's prefix
/// (Advanced Ads gives the wrapper no fixed class of its own).
fn advanced_ads_placement(v: &View<'_>) -> bool {
    let id = v.id;
    let digits = id.bytes().rev().take_while(u8::is_ascii_digit).count();
    if digits < 8 || digits == id.len() {
        return false;
    }
    let prefix = &id[..id.len() - digits];
    if !prefix.ends_with('-') || prefix.len() < 3 || prefix.len() > 20 {
        return false;
    }
    // WordPress's own ids look the same: `post-12345678`, `comment-…`, `attachment-…`.
    if matches!(
        prefix,
        "post-" | "page-" | "comment-" | "attachment-" | "li-comment-" | "media-" | "product-"
    ) {
        return false;
    }
    v.classes().any(|c| {
        c.strip_prefix(prefix)
            .is_some_and(|rest| rest.bytes().any(|b| b.is_ascii_alphabetic()))
    })
}

fn is_dialog(v: &View<'_>) -> bool {
    let named = |s: &str| {
        let s = s.to_ascii_lowercase();
        ["modal", "popup", "dialog", "form"]
            .iter()
            .any(|w| s.contains(w))
    };
    v.role == "dialog" || named(v.class) || named(v.id)
}

/// An inline style's [`StyleKind`], worked out on first request.
pub(super) struct LazyStyle<'a> {
    style: &'a str,
    kind: std::cell::OnceCell<Option<StyleKind>>,
}

impl<'a> LazyStyle<'a> {
    pub(super) fn new(style: &'a str) -> Self {
        LazyStyle {
            style,
            kind: std::cell::OnceCell::new(),
        }
    }

    pub(super) fn kind(&self) -> Option<StyleKind> {
        *self.kind.get_or_init(|| {
            if self.style.is_empty() {
                None
            } else {
                style_kind(self.style)
            }
        })
    }
}

/// The `property: value` declarations of an inline style, trimmed, `!important` removed.
fn declarations(style: &str) -> impl Iterator<Item = (&str, &str)> {
    style.split(';').filter_map(|decl| {
        let (prop, value) = decl.split_once(':')?;
        Some((
            prop.trim(),
            value.trim().trim_end_matches("!important").trim(),
        ))
    })
}

/// Whether an inline style sets `property` (lower-cased) to `value` (lower-cased).
pub(super) fn declares(style: &str, property: &str, value: &str) -> bool {
    declarations(style)
        .any(|(p, v)| p.eq_ignore_ascii_case(property) && v.eq_ignore_ascii_case(value))
}

/// What an inline style does to its element, if it hides it from every reader.
pub(crate) fn style_kind(style: &str) -> Option<StyleKind> {
    let (mut display_none, mut hidden) = (false, false);
    let (mut zero_height, mut zero_font, mut clear) = (false, false, false);
    for (prop, value) in declarations(style) {
        let prop = prop.to_ascii_lowercase();
        let zero = matches!(value, "0" | "0px" | "0em" | "0rem" | "0%");
        match prop.as_str() {
            "display" => display_none |= value.eq_ignore_ascii_case("none"),
            "visibility" => hidden |= value.eq_ignore_ascii_case("hidden"),
            "height" | "max-height" => zero_height |= zero,
            "font-size" => zero_font |= zero,
            "clear" => clear |= value.eq_ignore_ascii_case("both"),
            _ => {}
        }
    }
    if display_none || hidden {
        Some(StyleKind::Hidden)
    } else if zero_height && zero_font && clear {
        Some(StyleKind::ZeroClear)
    } else if zero_height && zero_font {
        Some(StyleKind::ZeroSize)
    } else {
        None
    }
}
