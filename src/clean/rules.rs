//! The built-in rule table: which elements are plugin furniture, and what to do with them.
//!
//! Rules look at one element at a time (tag, classes, id, a few attributes), so the whole
//! table is checked in one pass over an element's attributes with no CSS selector engine.
//! Class and id names below are the ones the plugins write into `content.rendered`; each
//! rule is exercised by a fixture under `fixtures/plugins/`.

use crate::options::RuleGroup;

/// A rule's identity: reported in [`Removal`](crate::Removal).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct Rule {
    pub group: Group,
    pub name: &'static str,
}

/// Rule groups, including the ones that cannot be switched off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Group {
    Builtin(RuleGroup),
    /// `script`, `style`, `template`: never content, always removed.
    Scripts,
    /// The caller's drop selectors.
    Custom,
}

impl Group {
    pub fn name(self) -> &'static str {
        match self {
            Group::Builtin(g) => g.name(),
            Group::Scripts => "scripts",
            Group::Custom => "custom",
        }
    }
}

const fn rule(group: RuleGroup, name: &'static str) -> Rule {
    Rule {
        group: Group::Builtin(group),
        name,
    }
}

use RuleGroup::*;

pub(crate) const SCRIPT: Rule = Rule {
    group: Group::Scripts,
    name: "script",
};
pub(crate) const STYLE: Rule = Rule {
    group: Group::Scripts,
    name: "style",
};
pub(crate) const CUSTOM: Rule = Rule {
    group: Group::Custom,
    name: "drop-selector",
};
pub(crate) const ADSENSE: Rule = rule(Ads, "adsense");
pub(crate) const QUICK_ADSENSE: Rule = rule(Ads, "quick-adsense");
pub(crate) const AD_INSERTER: Rule = rule(Ads, "ad-inserter");
pub(crate) const WP_QUADS: Rule = rule(Ads, "wp-quads");
pub(crate) const ADVANCED_ADS: Rule = rule(Ads, "advanced-ads");
pub(crate) const EZOIC: Rule = rule(Ads, "ezoic");
pub(crate) const WORDADS: Rule = rule(Ads, "wordads");
pub(crate) const ADTHRIVE: Rule = rule(Ads, "adthrive");
pub(crate) const MEDIAVINE: Rule = rule(Ads, "mediavine");
pub(crate) const GPT: Rule = rule(Ads, "gpt");
pub(crate) const ADROTATE: Rule = rule(Ads, "adrotate");
pub(crate) const GENERIC_AD: Rule = rule(Ads, "ad-container");
pub(crate) const EASY_TOC: Rule = rule(Toc, "easy-toc");
pub(crate) const TOC_PLUS: Rule = rule(Toc, "toc-plus");
pub(crate) const LUCKYWP_TOC: Rule = rule(Toc, "luckywp-toc");
pub(crate) const RANK_MATH_TOC: Rule = rule(Toc, "rank-math-toc");
pub(crate) const YOAST_TOC: Rule = rule(Toc, "yoast-toc");
pub(crate) const ULTIMATE_BLOCKS_TOC: Rule = rule(Toc, "ultimate-blocks-toc");
pub(crate) const KADENCE_TOC: Rule = rule(Toc, "kadence-toc");
pub(crate) const CORE_TOC: Rule = rule(Toc, "core-toc");
pub(crate) const GENERIC_TOC: Rule = rule(Toc, "toc");
pub(crate) const HEADING_ANCHOR: Rule = rule(Toc, "heading-anchor");
pub(crate) const JETPACK_SHARE: Rule = rule(Social, "jetpack-sharing");
pub(crate) const JETPACK_LIKES: Rule = rule(Social, "jetpack-likes");
pub(crate) const ADDTOANY: Rule = rule(Social, "addtoany");
pub(crate) const HEATEOR: Rule = rule(Social, "heateor");
pub(crate) const SHARE_BAR: Rule = rule(Social, "share-bar");
pub(crate) const JETPACK_RELATED: Rule = rule(Related, "jetpack-related");
pub(crate) const YARPP: Rule = rule(Related, "yarpp");
pub(crate) const CRP: Rule = rule(Related, "contextual-related-posts");
pub(crate) const RELATED_POSTS: Rule = rule(Related, "related-posts");
pub(crate) const MC4WP: Rule = rule(Forms, "mc4wp");
pub(crate) const MAILPOET: Rule = rule(Forms, "mailpoet");
pub(crate) const JETPACK_SUBSCRIBE: Rule = rule(Forms, "jetpack-subscriptions");
pub(crate) const NEWSLETTER_PLUGIN: Rule = rule(Forms, "newsletter");
pub(crate) const CF7: Rule = rule(Forms, "contact-form-7");
pub(crate) const FORM: Rule = rule(Forms, "form");
pub(crate) const INLINE_HIDDEN: Rule = rule(Hidden, "hidden-style");
pub(crate) const HIDDEN_ATTR: Rule = rule(Hidden, "hidden-attribute");
pub(crate) const NOSCRIPT: Rule = rule(Hidden, "noscript");
pub(crate) const SCREEN_READER: Rule = rule(Hidden, "screen-reader-text");
pub(crate) const ICON: Rule = rule(Hidden, "icon");
pub(crate) const ZERO_SIZE: Rule = rule(Hidden, "zero-size");
pub(crate) const EMPTY: Rule = rule(Hidden, "empty");
pub(crate) const PLACEHOLDER_IMAGE: Rule = rule(Hidden, "placeholder-image");
pub(crate) const AUTHOR_BOX: Rule = rule(Boilerplate, "author-box");
pub(crate) const POST_NAV: Rule = rule(Boilerplate, "post-navigation");
pub(crate) const COMMENTS: Rule = rule(Boilerplate, "comments");
pub(crate) const READ_MORE: Rule = rule(Boilerplate, "read-more");
pub(crate) const WIDGET: Rule = rule(Boilerplate, "widget");
pub(crate) const AD_LABEL: Rule = rule(Boilerplate, "ad-label");
pub(crate) const BUTTON: Rule = rule(Boilerplate, "button");

/// What the cleaner does with an element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Action {
    /// Remove the element and everything in it.
    Drop(Rule),
    /// Remove the element but keep its children (its id may become a heading anchor).
    Unwrap(Rule),
}

/// The parts of an element the rules look at, gathered in one pass over its attributes.
#[derive(Debug, Default)]
pub(crate) struct View<'a> {
    pub tag: &'a str,
    pub class: &'a str,
    pub id: &'a str,
    pub style: &'a str,
    pub hidden: bool,
    pub data_index: bool,
    /// An attribute named `data-{prefix}trackid` (Advanced Ads), with its prefix.
    pub advads_prefix: Option<&'a str>,
    pub data_ad: bool,
    pub script_src: &'a str,
    pub script_type: &'a str,
    pub role: &'a str,
    pub aria_hidden: bool,
}

impl<'a> View<'a> {
    pub fn classes(&self) -> impl Iterator<Item = &'a str> + use<'a> {
        self.class.split_ascii_whitespace()
    }
}

/// Context from the ancestors that some rules need.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Context {
    /// Inside an `h1`–`h6`.
    pub in_heading: bool,
    /// Inside a `summary` or an accordion heading.
    pub in_summary: bool,
}

/// Decides what to do with an element, or `None` to keep it.
pub(crate) fn classify(v: &View<'_>, ctx: Context, enabled: &[bool; 7]) -> Option<Action> {
    let on = |g: RuleGroup| enabled[g as usize];
    // Elements that are never content.
    match v.tag {
        "script" => {
            return Some(Action::Drop(if is_adsense_script(v) {
                ADSENSE
            } else {
                SCRIPT
            }));
        }
        "style" | "template" | "link" | "meta" => return Some(Action::Drop(STYLE)),
        _ => {}
    }
    let found = by_tag(v, ctx, &on)
        .or_else(|| by_class_and_id(v, ctx, &on))
        .or_else(|| by_attributes(v, &on));
    found.filter(|a| match a {
        Action::Drop(r) | Action::Unwrap(r) => match r.group {
            Group::Builtin(g) => on(g),
            _ => true,
        },
    })
}

fn is_adsense_script(v: &View<'_>) -> bool {
    v.script_src.contains("adsbygoogle") || v.script_src.contains("googlesyndication.com")
}

fn by_tag(v: &View<'_>, ctx: Context, on: &dyn Fn(RuleGroup) -> bool) -> Option<Action> {
    let _ = on;
    Some(match v.tag {
        "ins" if has_class(v, "adsbygoogle") => Action::Drop(ADSENSE),
        "noscript" => Action::Drop(NOSCRIPT),
        "svg" => Action::Drop(ICON),
        "form" => Action::Drop(FORM),
        "input" | "select" | "textarea" | "fieldset" => Action::Drop(FORM),
        "button" if ctx.in_heading || ctx.in_summary => Action::Unwrap(BUTTON),
        "button" => Action::Drop(BUTTON),
        "amp-ad" | "amp-embed" | "amp-auto-ads" => Action::Drop(GENERIC_AD),
        // Icon fonts and decorative glyphs ("+", "›") hidden from screen readers.
        "i" | "span" if is_icon(v) => Action::Drop(ICON),
        _ => return None,
    })
}

fn is_icon(v: &View<'_>) -> bool {
    v.classes().any(|c| {
        matches!(
            c,
            "fa" | "fas" | "far" | "fab" | "dashicons" | "genericon" | "material-icons"
        ) || (v.aria_hidden && c.contains("icon"))
    })
}

fn has_class(v: &View<'_>, class: &str) -> bool {
    v.classes().any(|c| c == class)
}

/// Exact class names, one plugin each.
fn exact_class(c: &str) -> Option<Rule> {
    Some(match c {
        "adsbygoogle" | "google-auto-placed" => ADSENSE,
        "quads-location" | "quads-ad-label" => WP_QUADS,
        "ezoic-ad"
        | "ezoic-adpicker-ad"
        | "ezoic-autoinsert-ad"
        | "ezoic-floating-bottom"
        | "ez-video-wrap"
        | "ezmob-footer" => EZOIC,
        "wpcnt" | "wpa" | "wpa-about" | "wordads-ad-wrapper" | "wordads-tag" | "jetpack-wordad"
        | "wpadvert-about" => WORDADS,
        "mv-ad-box"
        | "mv-ad-wrap"
        | "mv-ad-wrapper"
        | "mv_slot_target"
        | "mv-video-target"
        | "mv-rail-slot"
        | "mv-list-adwrap"
        | "mv-create-primary-unit" => MEDIAVINE,
        "g-single" => ADROTATE,
        "wp_quads_dfp" => WP_QUADS,
        "ez-toc-container"
        | "ez-toc-v2_0"
        | "ez-toc-widget-container"
        | "ez-toc-title-container" => EASY_TOC,
        "toc_container" | "toc_widget" | "toc_wrap_right" | "toc_wrap_left" | "toc_light_blue"
        | "toc_black" | "toc_white" | "toc_transparent" => TOC_PLUS,
        "lwptoc" | "lwptoc_i" | "lwptoc_header" | "lwptoc_items" => LUCKYWP_TOC,
        "wp-block-rank-math-toc-block" | "rank-math-toc" => RANK_MATH_TOC,
        "yoast-table-of-contents" | "wp-block-yoast-seo-table-of-contents" => YOAST_TOC,
        "ub_table-of-contents"
        | "wp-block-ub-table-of-contents-block"
        | "ub_table-of-contents-container" => ULTIMATE_BLOCKS_TOC,
        "kb-table-of-content-nav"
        | "wp-block-kadence-tableofcontents"
        | "kb-table-of-contents-wrap" => KADENCE_TOC,
        "wp-block-table-of-contents" => CORE_TOC,
        "table-of-contents" | "toc" | "simpletoc" | "wp-block-simpletoc-toc" | "lwptoc_toggle" => {
            GENERIC_TOC
        }
        "sharedaddy"
        | "sd-sharing-enabled"
        | "sd-sharing"
        | "sd-content"
        | "sd-block"
        | "sharing-screen-reader-text"
        | "share-end"
        | "wp-block-jetpack-sharing-buttons" => JETPACK_SHARE,
        "sd-like" | "jetpack-likes-widget-wrapper" | "jetpack-likes-widget" | "wpl-likebox" => {
            JETPACK_LIKES
        }
        "addtoany_share_save_container"
        | "addtoany_content"
        | "a2a_kit"
        | "addtoany_list"
        | "a2a_dd"
        | "addtoany_share"
        | "addtoany_header" => ADDTOANY,
        "heateor_sss_sharing_container"
        | "heateor_sss_horizontal_sharing"
        | "heateor_sss_vertical_sharing"
        | "heateor_sss_sharing_ul"
        | "heateorSssClear"
        | "the_champ_sharing_container"
        | "the_champ_horizontal_sharing"
        | "heateor_sss_sharing_title" => HEATEOR,
        "jp-relatedposts" | "wp-block-jetpack-related-posts" | "jp-relatedposts-i2" => {
            JETPACK_RELATED
        }
        "yarpp"
        | "yarpp-related"
        | "yarpp-related-widget"
        | "yarpp-related-website"
        | "yarpp-thumbnails-horizontal"
        | "yarpp-template-list"
        | "yarpp-related-none" => YARPP,
        "crp_related" | "crp_related_widget" | "crp-list-container" | "crp_title" => CRP,
        "related-posts"
        | "relatedposts"
        | "related_posts"
        | "related-post"
        | "rp4wp-related-posts"
        | "related-articles"
        | "wp-rp-wrap"
        | "yuzo_related_post"
        | "related-content" => RELATED_POSTS,
        "mc4wp-form" | "mc4wp-form-fields" | "mc4wp-alert" | "mc4wp-response" => MC4WP,
        "mailpoet_form"
        | "mailpoet_form_shortcode"
        | "mailpoet_form_widget"
        | "mailpoet_form_popup"
        | "mailpoet_form_fixed_bar"
        | "mailpoet_form_slide_in"
        | "mailpoet-manage-subscription" => MAILPOET,
        "jetpack_subscription_widget"
        | "wp-block-jetpack-subscriptions"
        | "wp-block-jetpack-subscriptions__container"
        | "jetpack-subscribe-form" => JETPACK_SUBSCRIBE,
        "tnp"
        | "tnp-subscription"
        | "tnp-widget"
        | "tnp-subscription-minimal"
        | "tnp-widget-minimal" => NEWSLETTER_PLUGIN,
        "wpcf7" | "wpcf7-form" | "wpcf7-response-output" => CF7,
        "screen-reader-text" | "sr-only" | "visually-hidden" | "screen-reader-only" => {
            SCREEN_READER
        }
        "saboxplugin-wrap"
        | "abh_box"
        | "molongui-author-box"
        | "author-box"
        | "about-author"
        | "author-bio"
        | "author-info"
        | "author-box-wrap"
        | "wp-block-post-author"
        | "ts-fab-wrapper"
        | "m-a-box"
        | "pp-multiple-authors-boxes-wrapper" => AUTHOR_BOX,
        "post-navigation" | "nav-links" | "navigation-post" | "wp-block-post-navigation-link" => {
            POST_NAV
        }
        "comments-area" | "comment-respond" | "wp-block-latest-comments" | "wp-block-comments" => {
            COMMENTS
        }
        "more-link" | "read-more" | "readmore" => READ_MORE,
        "wp-block-latest-posts"
        | "wp-block-archives"
        | "wp-block-categories"
        | "wp-block-tag-cloud"
        | "wp-block-rss"
        | "wp-block-search"
        | "wp-block-calendar"
        | "wp-block-page-list"
        | "wp-block-loginout" => WIDGET,
        "advertisement" | "advert" | "ad-container" | "ad-wrapper" | "ad-slot" | "ad-unit"
        | "ad-banner" | "adsense" | "ad-block" | "ad-zone" | "ad-box" | "ads-container"
        | "ad-placement" | "adunit" | "ad_unit" | "ad-area" | "adwrap" | "ad-inline" => GENERIC_AD,
        "ad-label"
        | "ad-title"
        | "ad-caption"
        | "ads-label"
        | "advertisement-label"
        | "mvp-ad-label"
        | "td-adspot-title"
        | "adinfoline" => AD_LABEL,
        "mvp-post-ad-wrap" | "mvp-post-ad" | "single_ads" => GENERIC_AD,
        _ => return None,
    })
}

/// Exact ids.
fn exact_id(id: &str) -> Option<Rule> {
    Some(match id {
        "ez-toc-container" => EASY_TOC,
        "toc_container" => TOC_PLUS,
        "rank-math-toc" => RANK_MATH_TOC,
        "toc" | "table-of-contents" => GENERIC_TOC,
        "jp-post-flair" | "sharing_email" => JETPACK_SHARE,
        "jp-relatedposts" => JETPACK_RELATED,
        "crp_related" => CRP,
        "yarpp_widget" => YARPP,
        "comments" | "respond" => COMMENTS,
        "author-bio" | "author-box" | "about-author" => AUTHOR_BOX,
        _ => return None,
    })
}

fn by_class_and_id(v: &View<'_>, ctx: Context, on: &dyn Fn(RuleGroup) -> bool) -> Option<Action> {
    // Easy Table of Contents marks headings with an empty `span.ez-toc-section` carrying the
    // anchor id, and closes them with `span.ez-toc-section-end`.
    for c in v.classes() {
        if (c == "ez-toc-section" || c == "ez-toc-section-end") && v.tag == "span" {
            return Some(Action::Unwrap(EASY_TOC));
        }
        if let Some(r) = exact_class(c) {
            return Some(Action::Drop(r));
        }
        if let Some(r) = class_prefix(c) {
            return Some(Action::Drop(r));
        }
        // Quick Adsense: a class of 32 hex digits on a div with `data-index`.
        if v.data_index && c.len() == 32 && c.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Some(Action::Drop(QUICK_ADSENSE));
        }
        // Advanced Ads with its per-site prefix: `{prefix}target` beside `data-{prefix}trackid`.
        if let Some(prefix) = v.advads_prefix
            && c.strip_prefix(prefix) == Some("target")
        {
            return Some(Action::Drop(ADVANCED_ADS));
        }
        // AdRotate: `div.g.g-{group}`.
        if let Some(n) = c.strip_prefix("g-")
            && !n.is_empty()
            && n.bytes().all(|b| b.is_ascii_digit())
            && has_class(v, "g")
        {
            return Some(Action::Drop(ADROTATE));
        }
        // Ad labels written by Advanced Ads (`{prefix}adlabel`).
        if c.len() > 7 && c.ends_with("adlabel") {
            return Some(Action::Drop(AD_LABEL));
        }
    }
    if advanced_ads_placement(v) {
        return Some(Action::Drop(ADVANCED_ADS));
    }
    if !v.id.is_empty() {
        if let Some(r) = exact_id(v.id) {
            return Some(Action::Drop(r));
        }
        if let Some(r) = id_prefix(v.id) {
            return Some(Action::Drop(r));
        }
    }
    // TOC+, LuckyWP and others wrap the heading text in `<span id="…">`: unwrap it, its id
    // becomes the heading's anchor.
    if ctx.in_heading && !v.id.is_empty() && matches!(v.tag, "span" | "a") && on(Toc) {
        return Some(Action::Unwrap(HEADING_ANCHOR));
    }
    None
}

/// An Advanced Ads placement wrapper: `<div class="{p}{placement}" id="{p}{8+ digits}">`,
/// where `{p}` is the site's prefix (it has no fixed class of its own).
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

fn class_prefix(c: &str) -> Option<Rule> {
    // Ad Inserter: `code-block-N` (a bare `code-block` is a real code box and stays).
    if let Some(n) = c.strip_prefix("code-block-")
        && !n.is_empty()
        && n.bytes().all(|b| b.is_ascii_digit())
    {
        return Some(AD_INSERTER);
    }
    let prefixes: &[(&str, Rule)] = &[
        ("adthrive", ADTHRIVE),
        ("ai-viewport-", AD_INSERTER),
        ("wp_quads_dfp", WP_QUADS),
        ("raptive-", ADTHRIVE),
        ("quads-ad", WP_QUADS),
        ("advads-", ADVANCED_ADS),
        ("ezoic-", EZOIC),
        ("wordads", WORDADS),
        ("mv-ad-", MEDIAVINE),
        ("ez-toc-v", EASY_TOC),
        ("lwptoc", LUCKYWP_TOC),
        ("heateor_sss_", HEATEOR),
        ("addtoany_", ADDTOANY),
        ("a2a_", ADDTOANY),
        ("yarpp-", YARPP),
        ("crp_related", CRP),
        ("mc4wp-", MC4WP),
        ("mailpoet_form", MAILPOET),
        ("wpcf7", CF7),
        ("swp_social_panel", SHARE_BAR),
        ("shared-counts-", SHARE_BAR),
        ("essb_", SHARE_BAR),
        ("sharethis-", SHARE_BAR),
        ("ss-inline-share", SHARE_BAR),
        ("social-share", SHARE_BAR),
        ("share-buttons", SHARE_BAR),
        ("sharing-buttons", SHARE_BAR),
        ("social-sharing", SHARE_BAR),
        ("shariff", SHARE_BAR),
        ("dpsp-", SHARE_BAR),
        ("wp-block-jetpack-subscriptions", JETPACK_SUBSCRIBE),
    ];
    prefixes
        .iter()
        .find(|(p, _)| c.starts_with(p))
        .map(|&(_, r)| r)
}

fn id_prefix(id: &str) -> Option<Rule> {
    let prefixes: &[(&str, Rule)] = &[
        ("div-gpt-ad", GPT),
        ("gpt-ad-", GPT),
        ("google_ads_iframe", GPT),
        ("ezoic-pub-ad-placeholder", EZOIC),
        ("quads-ad", WP_QUADS),
        ("adthrive-", ADTHRIVE),
        ("AdThrive_", ADTHRIVE),
        ("wp_quads_dfp_", WP_QUADS),
        ("yandex_rtb_", WP_QUADS),
        ("gpt-passback", GPT),
        ("atatags-", WORDADS),
        ("mc4wp-form", MC4WP),
        ("mailpoet_form", MAILPOET),
        ("subscribe-blog", JETPACK_SUBSCRIBE),
        ("wpcf7-f", CF7),
        ("like-post-wrapper", JETPACK_LIKES),
        ("sharing-", JETPACK_SHARE),
    ];
    prefixes
        .iter()
        .find(|(p, _)| id.starts_with(p))
        .map(|&(_, r)| r)
}

fn by_attributes(v: &View<'_>, on: &dyn Fn(RuleGroup) -> bool) -> Option<Action> {
    let _ = on;
    if v.advads_prefix.is_some() {
        return Some(Action::Drop(ADVANCED_ADS));
    }
    if v.data_ad {
        return Some(Action::Drop(GENERIC_AD));
    }
    if v.hidden {
        return Some(Action::Drop(HIDDEN_ATTR));
    }
    if !v.style.is_empty()
        && let Some(r) = style_rule(v.style)
    {
        return Some(Action::Drop(r));
    }
    None
}

/// Inline styles that hide an element from every reader.
fn style_rule(style: &str) -> Option<Rule> {
    let mut display_none = false;
    let mut hidden = false;
    let (mut zero_height, mut zero_font, mut clear) = (false, false, false);
    for decl in style.split(';') {
        let Some((prop, value)) = decl.split_once(':') else {
            continue;
        };
        let prop = prop.trim().to_ascii_lowercase();
        let value = value.trim().trim_end_matches("!important").trim();
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
        Some(INLINE_HIDDEN)
    } else if zero_height && zero_font && clear {
        // Quick Adsense closes every post with this clearing div.
        Some(QUICK_ADSENSE)
    } else if zero_height && zero_font {
        Some(ZERO_SIZE)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view<'a>(tag: &'a str, class: &'a str) -> View<'a> {
        View {
            tag,
            class,
            ..View::default()
        }
    }

    const ALL_ON: [bool; 7] = [true; 7];

    #[test]
    fn ad_inserter_numbered_block_is_an_ad_but_plain_code_block_is_not() {
        let ad = view("div", "code-block code-block-3");
        assert_eq!(
            classify(&ad, Context::default(), &ALL_ON),
            Some(Action::Drop(AD_INSERTER))
        );
        let code = view("div", "code-block");
        assert_eq!(classify(&code, Context::default(), &ALL_ON), None);
        let code = view("pre", "code-block-lang");
        assert_eq!(classify(&code, Context::default(), &ALL_ON), None);
    }

    #[test]
    fn quick_adsense_needs_hex_class_and_data_index() {
        let mut v = view("div", "336cb5b64765e27a1a6c1bb71b941f1a");
        assert_eq!(classify(&v, Context::default(), &ALL_ON), None);
        v.data_index = true;
        assert_eq!(
            classify(&v, Context::default(), &ALL_ON),
            Some(Action::Drop(QUICK_ADSENSE))
        );
    }

    #[test]
    fn styles_that_hide() {
        assert_eq!(style_rule("display:none"), Some(INLINE_HIDDEN));
        assert_eq!(style_rule("DISPLAY : none !important"), Some(INLINE_HIDDEN));
        assert_eq!(style_rule("display:block"), None);
        assert_eq!(
            style_rule(
                "font-size: 0px; height: 0px; line-height: 0px; margin: 0; padding: 0; clear: both;"
            ),
            Some(QUICK_ADSENSE)
        );
        assert_eq!(style_rule("height: 0px"), None);
    }

    #[test]
    fn disabled_group_keeps_its_elements() {
        let mut enabled = ALL_ON;
        enabled[RuleGroup::Toc as usize] = false;
        let v = View {
            tag: "div",
            id: "ez-toc-container",
            ..View::default()
        };
        assert_eq!(classify(&v, Context::default(), &enabled), None);
        assert!(classify(&v, Context::default(), &ALL_ON).is_some());
    }
}
