//! The built-in rule table: which elements are plugin furniture, and what to do with them.
//!
//! Rules look at one element at a time (tag, classes, id, a few attributes), so the whole
//! table is checked in one pass over an element's attributes with no CSS selector engine.
//! Class and id names below are the ones the plugins write into `content.rendered`; each
//! rule is exercised by a fixture under `fixtures/plugins/`.

use rustc_hash::FxHashMap;
use std::sync::LazyLock;

use crate::extract::accordion;
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
/// Elements the HTML output never holds (active or foreign content): removed while
/// cleaning, so that text, structure and HTML agree.
pub(crate) const UNSAFE_ELEMENT: Rule = Rule {
    group: Group::Scripts,
    name: "unsafe-element",
};
/// Iframes from hosts outside [`Options::iframe_hosts`](crate::Options).
pub(crate) const FOREIGN_IFRAME: Rule = Rule {
    group: Group::Scripts,
    name: "iframe",
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
pub(crate) const BUILDER_BUTTON: Rule = rule(Boilerplate, "builder-button");
pub(crate) const CTA: Rule = rule(Boilerplate, "call-to-action");
pub(crate) const CTA_BOX: Rule = rule(Boilerplate, "call-to-action-box");
pub(crate) const PAYWALL: Rule = rule(Boilerplate, "paywall");
pub(crate) const EMBEDDED_TEMPLATE: Rule = rule(Boilerplate, "embedded-template");
pub(crate) const SIDEBAR: Rule = rule(Boilerplate, "sidebar");
pub(crate) const BREADCRUMB: Rule = rule(Boilerplate, "breadcrumb");
pub(crate) const POST_META: Rule = rule(Boilerplate, "post-meta");
pub(crate) const DISCLAIMER: Rule = rule(Boilerplate, "disclaimer");
pub(crate) const LOADING: Rule = rule(Boilerplate, "loading");
pub(crate) const APPEAL: Rule = rule(Boilerplate, "appeal");
pub(crate) const SHARE_PROMPT: Rule = rule(Social, "share-prompt");
pub(crate) const NEWSLETTER_BOX: Rule = rule(Forms, "newsletter-box");
pub(crate) const NEWSLETTER_PROMPT: Rule = rule(Forms, "newsletter-prompt");
pub(crate) const RELATED_HEADING: Rule = rule(Related, "related-heading");
pub(crate) const RELATED_LIST: Rule = rule(Related, "related-list");
pub(crate) const RELATED_LINK: Rule = rule(Related, "related-link");
pub(crate) const BACK_TO_TOP: Rule = rule(Boilerplate, "back-to-top");
pub(crate) const IMAGE_CREDIT: Rule = rule(Boilerplate, "image-credit");
pub(crate) const EMBED_FALLBACK: Rule = rule(Boilerplate, "embed-fallback");
pub(crate) const STORE_LOCATOR: Rule = rule(Boilerplate, "store-locator");

/// What the cleaner does with an element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Action {
    /// Remove the element and everything in it.
    Drop(Rule),
    /// Remove the element but keep its children (its id may become a heading anchor).
    Unwrap(Rule),
    /// Remove the element only if the guard agrees once its size is known.
    Defer(Rule, Guard),
}

/// When a deferred removal happens. Class names of builders and themes are less certain than
/// a plugin's own: the guard keeps a matched element that turns out to be the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Guard {
    /// Remove if it holds at most this many words.
    MaxWords(u32),
    /// Remove unless it holds at least this percentage of the post's text (counted in
    /// non-space characters, which removals elsewhere cannot shift).
    ShareOfPost(u8),
    /// Hidden by inline style: remove unless it is large (200+ non-space characters and a
    /// fifth of the post): a tab or accordion panel that scripts reveal.
    Hidden,
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
    /// Inside a `summary` or an accordion or toggle part (`extract/accordion.rs`).
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
        "object" | "embed" | "applet" | "math" | "canvas" | "dialog" | "portal" | "frame"
        | "frameset" | "noembed" | "noframes" | "xmp" | "plaintext" | "title" | "base" => {
            return Some(Action::Drop(UNSAFE_ELEMENT));
        }
        // The rest of a formula after a line break inside it, which ends MathML for an HTML
        // parser (wpautop writes `<br>` for the newlines in a `<math>`): its pieces are
        // parsed as unknown HTML elements. No HTML element has these names.
        t if is_mathml_piece(t) => return Some(Action::Drop(UNSAFE_ELEMENT)),
        _ => {}
    }
    let found = accordion_part(v).unwrap_or_else(|| {
        by_tag(v, ctx, &on)
            .or_else(|| by_class_and_id(v, ctx, &on))
            .or_else(|| by_attributes(v, &on))
    });
    // Inside an accordion pane, a wrapper named like a button holds the question.
    let found = found.filter(|a| {
        !(ctx.in_summary
            && matches!(a, Action::Defer(r, _) if *r == BUTTON || *r == BUILDER_BUTTON))
    });
    found.filter(|a| match a {
        Action::Drop(r) | Action::Unwrap(r) | Action::Defer(r, _) => match r.group {
            Group::Builtin(g) => on(g),
            _ => true,
        },
    })
}

/// MathML element names (other than `math` itself).
fn is_mathml_piece(tag: &str) -> bool {
    matches!(
        tag,
        "mi" | "mo"
            | "mn"
            | "ms"
            | "mtext"
            | "mspace"
            | "mrow"
            | "mfrac"
            | "msqrt"
            | "mroot"
            | "mstyle"
            | "merror"
            | "mpadded"
            | "mphantom"
            | "menclose"
            | "msub"
            | "msup"
            | "msubsup"
            | "munder"
            | "mover"
            | "munderover"
            | "mmultiscripts"
            | "mprescripts"
            | "mtable"
            | "mtr"
            | "mtd"
            | "mlabeledtr"
            | "maction"
            | "semantics"
            | "annotation"
            | "annotation-xml"
    )
}

fn is_adsense_script(v: &View<'_>) -> bool {
    v.script_src.contains("adsbygoogle") || v.script_src.contains("googlesyndication.com")
}

/// Accordion and toggle parts ([`accordion`]): a question button is unwrapped, every other
/// part kept however it is hidden (its own script collapses it), an open/close icon dropped.
/// `None` when the element is no accordion part.
fn accordion_part(v: &View<'_>) -> Option<Option<Action>> {
    let Some((_, part)) = accordion::part(v.class) else {
        return (v.tag == "button" && accordion::names_a_question(v.class))
            .then_some(Some(Action::Unwrap(BUTTON)));
    };
    Some(match part {
        accordion::Part::Icon => Some(Action::Drop(ICON)),
        _ if v.tag == "button" => Some(Action::Unwrap(BUTTON)),
        _ => None,
    })
}

fn by_tag(v: &View<'_>, ctx: Context, on: &dyn Fn(RuleGroup) -> bool) -> Option<Action> {
    let _ = on;
    Some(match v.tag {
        "ins" if has_class(v, "adsbygoogle") => Action::Drop(ADSENSE),
        "noscript" => Action::Drop(NOSCRIPT),
        "svg" => Action::Drop(ICON),
        "form" => Action::Drop(FORM),
        "input" | "select" | "textarea" | "fieldset" | "option" | "datalist" | "output" => {
            Action::Drop(FORM)
        }
        "button" if ctx.in_heading || ctx.in_summary => Action::Unwrap(BUTTON),
        "button" => Action::Drop(BUTTON),
        "amp-ad" | "amp-embed" | "amp-auto-ads" => Action::Drop(GENERIC_AD),
        "aside" => Action::Defer(SIDEBAR, Guard::ShareOfPost(40)),
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
const EXACT_CLASSES: &[(&str, Rule)] = &[
    ("adsbygoogle", ADSENSE),
    ("google-auto-placed", ADSENSE),
    ("quads-location", WP_QUADS),
    ("quads-ad-label", WP_QUADS),
    ("ezoic-ad", EZOIC),
    ("ezoic-adpicker-ad", EZOIC),
    ("ezoic-autoinsert-ad", EZOIC),
    ("ezoic-floating-bottom", EZOIC),
    ("ez-video-wrap", EZOIC),
    ("ezmob-footer", EZOIC),
    ("wpcnt", WORDADS),
    ("wpa", WORDADS),
    ("wpa-about", WORDADS),
    ("wordads-ad-wrapper", WORDADS),
    ("wordads-tag", WORDADS),
    ("jetpack-wordad", WORDADS),
    ("wpadvert-about", WORDADS),
    ("mv-ad-box", MEDIAVINE),
    ("mv-ad-wrap", MEDIAVINE),
    ("mv-ad-wrapper", MEDIAVINE),
    ("mv_slot_target", MEDIAVINE),
    ("mv-video-target", MEDIAVINE),
    ("mv-rail-slot", MEDIAVINE),
    ("mv-list-adwrap", MEDIAVINE),
    ("mv-create-primary-unit", MEDIAVINE),
    ("g-single", ADROTATE),
    ("wp_quads_dfp", WP_QUADS),
    ("ez-toc-container", EASY_TOC),
    ("ez-toc-v2_0", EASY_TOC),
    ("ez-toc-widget-container", EASY_TOC),
    ("ez-toc-title-container", EASY_TOC),
    ("toc_container", TOC_PLUS),
    ("toc_widget", TOC_PLUS),
    ("toc_wrap_right", TOC_PLUS),
    ("toc_wrap_left", TOC_PLUS),
    ("toc_light_blue", TOC_PLUS),
    ("toc_black", TOC_PLUS),
    ("toc_white", TOC_PLUS),
    ("toc_transparent", TOC_PLUS),
    ("lwptoc", LUCKYWP_TOC),
    ("lwptoc_i", LUCKYWP_TOC),
    ("lwptoc_header", LUCKYWP_TOC),
    ("lwptoc_items", LUCKYWP_TOC),
    ("wp-block-rank-math-toc-block", RANK_MATH_TOC),
    ("rank-math-toc", RANK_MATH_TOC),
    ("yoast-table-of-contents", YOAST_TOC),
    ("wp-block-yoast-seo-table-of-contents", YOAST_TOC),
    ("ub_table-of-contents", ULTIMATE_BLOCKS_TOC),
    ("wp-block-ub-table-of-contents-block", ULTIMATE_BLOCKS_TOC),
    ("ub_table-of-contents-container", ULTIMATE_BLOCKS_TOC),
    ("kb-table-of-content-nav", KADENCE_TOC),
    ("wp-block-kadence-tableofcontents", KADENCE_TOC),
    ("kb-table-of-contents-wrap", KADENCE_TOC),
    ("wp-block-table-of-contents", CORE_TOC),
    ("table-of-contents", GENERIC_TOC),
    ("toc", GENERIC_TOC),
    ("simpletoc", GENERIC_TOC),
    ("wp-block-simpletoc-toc", GENERIC_TOC),
    ("lwptoc_toggle", GENERIC_TOC),
    ("sharedaddy", JETPACK_SHARE),
    ("sd-sharing-enabled", JETPACK_SHARE),
    ("sd-sharing", JETPACK_SHARE),
    ("sd-content", JETPACK_SHARE),
    ("sd-block", JETPACK_SHARE),
    ("sharing-screen-reader-text", JETPACK_SHARE),
    ("share-end", JETPACK_SHARE),
    ("wp-block-jetpack-sharing-buttons", JETPACK_SHARE),
    ("sd-like", JETPACK_LIKES),
    ("jetpack-likes-widget-wrapper", JETPACK_LIKES),
    ("jetpack-likes-widget", JETPACK_LIKES),
    ("wpl-likebox", JETPACK_LIKES),
    ("addtoany_share_save_container", ADDTOANY),
    ("addtoany_content", ADDTOANY),
    ("a2a_kit", ADDTOANY),
    ("addtoany_list", ADDTOANY),
    ("a2a_dd", ADDTOANY),
    ("addtoany_share", ADDTOANY),
    ("addtoany_header", ADDTOANY),
    ("heateor_sss_sharing_container", HEATEOR),
    ("heateor_sss_horizontal_sharing", HEATEOR),
    ("heateor_sss_vertical_sharing", HEATEOR),
    ("heateor_sss_sharing_ul", HEATEOR),
    ("heateorSssClear", HEATEOR),
    ("the_champ_sharing_container", HEATEOR),
    ("the_champ_horizontal_sharing", HEATEOR),
    ("heateor_sss_sharing_title", HEATEOR),
    ("jp-relatedposts", JETPACK_RELATED),
    ("wp-block-jetpack-related-posts", JETPACK_RELATED),
    ("jp-relatedposts-i2", JETPACK_RELATED),
    ("yarpp", YARPP),
    ("yarpp-related", YARPP),
    ("yarpp-related-widget", YARPP),
    ("yarpp-related-website", YARPP),
    ("yarpp-thumbnails-horizontal", YARPP),
    ("yarpp-template-list", YARPP),
    ("yarpp-related-none", YARPP),
    ("crp_related", CRP),
    ("crp_related_widget", CRP),
    ("crp-list-container", CRP),
    ("crp_title", CRP),
    ("related-posts", RELATED_POSTS),
    ("relatedposts", RELATED_POSTS),
    ("related_posts", RELATED_POSTS),
    ("related-post", RELATED_POSTS),
    ("rp4wp-related-posts", RELATED_POSTS),
    ("related-articles", RELATED_POSTS),
    ("wp-rp-wrap", RELATED_POSTS),
    ("yuzo_related_post", RELATED_POSTS),
    ("related-content", RELATED_POSTS),
    ("mc4wp-form", MC4WP),
    ("mc4wp-form-fields", MC4WP),
    ("mc4wp-alert", MC4WP),
    ("mc4wp-response", MC4WP),
    ("mailpoet_form", MAILPOET),
    ("mailpoet_form_shortcode", MAILPOET),
    ("mailpoet_form_widget", MAILPOET),
    ("mailpoet_form_popup", MAILPOET),
    ("mailpoet_form_fixed_bar", MAILPOET),
    ("mailpoet_form_slide_in", MAILPOET),
    ("mailpoet-manage-subscription", MAILPOET),
    ("jetpack_subscription_widget", JETPACK_SUBSCRIBE),
    ("wp-block-jetpack-subscriptions", JETPACK_SUBSCRIBE),
    (
        "wp-block-jetpack-subscriptions__container",
        JETPACK_SUBSCRIBE,
    ),
    ("jetpack-subscribe-form", JETPACK_SUBSCRIBE),
    ("tnp", NEWSLETTER_PLUGIN),
    ("tnp-subscription", NEWSLETTER_PLUGIN),
    ("tnp-widget", NEWSLETTER_PLUGIN),
    ("tnp-subscription-minimal", NEWSLETTER_PLUGIN),
    ("tnp-widget-minimal", NEWSLETTER_PLUGIN),
    ("wpcf7", CF7),
    ("wpcf7-form", CF7),
    ("wpcf7-response-output", CF7),
    ("screen-reader-text", SCREEN_READER),
    ("sr-only", SCREEN_READER),
    ("visually-hidden", SCREEN_READER),
    ("screen-reader-only", SCREEN_READER),
    ("saboxplugin-wrap", AUTHOR_BOX),
    ("abh_box", AUTHOR_BOX),
    ("molongui-author-box", AUTHOR_BOX),
    ("author-box", AUTHOR_BOX),
    ("about-author", AUTHOR_BOX),
    ("author-bio", AUTHOR_BOX),
    ("author-info", AUTHOR_BOX),
    ("author-box-wrap", AUTHOR_BOX),
    ("wp-block-post-author", AUTHOR_BOX),
    ("ts-fab-wrapper", AUTHOR_BOX),
    ("m-a-box", AUTHOR_BOX),
    ("pp-multiple-authors-boxes-wrapper", AUTHOR_BOX),
    ("post-navigation", POST_NAV),
    ("nav-links", POST_NAV),
    ("navigation-post", POST_NAV),
    ("wp-block-post-navigation-link", POST_NAV),
    ("comments-area", COMMENTS),
    ("comment-respond", COMMENTS),
    ("wp-block-latest-comments", COMMENTS),
    ("wp-block-comments", COMMENTS),
    ("more-link", READ_MORE),
    ("read-more", READ_MORE),
    ("readmore", READ_MORE),
    ("wp-block-latest-posts", WIDGET),
    ("wp-block-archives", WIDGET),
    ("wp-block-categories", WIDGET),
    ("wp-block-tag-cloud", WIDGET),
    ("wp-block-rss", WIDGET),
    ("wp-block-search", WIDGET),
    ("wp-block-calendar", WIDGET),
    ("wp-block-page-list", WIDGET),
    ("wp-block-loginout", WIDGET),
    // Newspack Blocks' "homepage posts" block: teasers of other articles.
    ("wp-block-newspack-blocks-homepage-articles", WIDGET),
    // Republication Tracker Tool's widget ("Republish our articles for free…").
    ("republication_tracker_tool", WIDGET),
    // Feast Plugin's previous/next post links.
    ("feast-modern-prev-next", POST_NAV),
    // Agile Store Locator: `section#asl-storelocator.asl-cont` (map, search, dialogs).
    ("asl-cont", STORE_LOCATOR),
    ("advertisement", GENERIC_AD),
    ("advert", GENERIC_AD),
    ("ad-container", GENERIC_AD),
    ("ad-wrapper", GENERIC_AD),
    ("ad-slot", GENERIC_AD),
    ("ad-unit", GENERIC_AD),
    ("ad-banner", GENERIC_AD),
    ("adsense", GENERIC_AD),
    ("ad-block", GENERIC_AD),
    ("ad-zone", GENERIC_AD),
    ("ad-box", GENERIC_AD),
    ("ads-container", GENERIC_AD),
    ("ad-placement", GENERIC_AD),
    ("adunit", GENERIC_AD),
    ("ad_unit", GENERIC_AD),
    ("ad-area", GENERIC_AD),
    ("adwrap", GENERIC_AD),
    ("ad-inline", GENERIC_AD),
    ("ad-label", AD_LABEL),
    ("ad-title", AD_LABEL),
    ("ad-caption", AD_LABEL),
    ("ads-label", AD_LABEL),
    ("advertisement-label", AD_LABEL),
    ("mvp-ad-label", AD_LABEL),
    ("td-adspot-title", AD_LABEL),
    ("adinfoline", AD_LABEL),
    ("mvp-post-ad-wrap", GENERIC_AD),
    ("mvp-post-ad", GENERIC_AD),
    ("single_ads", GENERIC_AD),
];

static EXACT_CLASS_MAP: LazyLock<FxHashMap<&'static str, Rule>> =
    LazyLock::new(|| EXACT_CLASSES.iter().copied().collect());

fn exact_class(c: &str) -> Option<Rule> {
    EXACT_CLASS_MAP.get(c).copied()
}

/// Whether an id alone would make a rule remove its element (so it must not be moved onto a
/// heading as its anchor).
pub(crate) fn is_furniture_id(id: &str) -> bool {
    exact_id(id).is_some() || id_prefix(id).is_some() || boilerplate_id(id).is_some()
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
        if let Some(r) = token_facts(c).prefix {
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
    if let Some(a) = v.classes().find_map(|c| boilerplate_token(c, v.tag)) {
        return Some(a);
    }
    if !v.id.is_empty()
        && let Some(a) = boilerplate_id(v.id)
    {
        return Some(a);
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

/// Classes WordPress writes on every post (`post_class()`), which name the post's terms and
/// say nothing about the element: `tag-related-reading` is a tag, not a related-posts box.
fn is_post_class(c: &str) -> bool {
    let numbered = |p: &str| {
        c.strip_prefix(p)
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    };
    ["tag-", "category-", "type-", "format-", "status-"]
        .iter()
        .any(|p| c.starts_with(p))
        || numbered("post-")
        || numbered("postid-")
        || matches!(c, "hentry" | "has-post-thumbnail")
}

/// Whether `hay` contains `needle` not followed by `d` ("share" but not "shared").
fn contains_not_before_d(hay: &str, needle: &str) -> bool {
    hay.match_indices(needle)
        .any(|(i, _)| hay.as_bytes().get(i + needle.len()) != Some(&b'd'))
}

/// Class-name words that themes and page builders use for furniture, matched inside class
/// tokens. These are less certain than a plugin's own class, so most are guarded.
/// Families of furniture words; a class is only checked against the families it contains.
const F_SHARE: u16 = 1 << 0;
const F_NEWS: u16 = 1 << 1;
const F_PAYWALL: u16 = 1 << 2;
const F_AUTHOR: u16 = 1 << 3;
const F_RELATED: u16 = 1 << 4;
const F_SIDEBAR: u16 = 1 << 5;
const F_ELEMENTOR: u16 = 1 << 6;
const F_BUTTON: u16 = 1 << 7;
const F_CTA: u16 = 1 << 8;
const F_CRUMB: u16 = 1 << 9;
const F_META: u16 = 1 << 10;
const F_DISCLAIMER: u16 = 1 << 11;

/// Every word [`boilerplate_token`] looks for, with its family: a class containing none of
/// them (nearly all classes) is dismissed with one scan.
const FURNITURE: &[(&str, u16)] = &[
    ("share", F_SHARE),
    ("ssba", F_SHARE),
    ("ssbp", F_SHARE),
    ("newsletter", F_NEWS),
    ("subscri", F_NEWS),
    ("optin", F_NEWS),
    ("opt-in", F_NEWS),
    ("signup", F_NEWS),
    ("sign-up", F_NEWS),
    ("mailchimp", F_NEWS),
    ("convertkit", F_NEWS),
    ("mailerlite", F_NEWS),
    ("klaviyo", F_NEWS),
    ("tnp-", F_NEWS),
    ("ck_", F_NEWS),
    ("restricted", F_PAYWALL),
    ("paywall", F_PAYWALL),
    ("premium-content", F_PAYWALL),
    ("regwall", F_PAYWALL),
    ("author", F_AUTHOR),
    ("related", F_RELATED),
    ("recirc", F_RELATED),
    ("internal", F_RELATED),
    ("recent", F_RELATED),
    ("serial", F_RELATED),
    ("more-", F_RELATED),
    ("more_", F_RELATED),
    ("read-next", F_RELATED),
    ("read_next", F_RELATED),
    ("sidebar", F_SIDEBAR),
    ("rightrail", F_SIDEBAR),
    ("elementor-", F_ELEMENTOR),
    ("btn", F_BUTTON),
    ("button", F_BUTTON),
    ("add_to_cart", F_BUTTON),
    ("add-to-cart", F_BUTTON),
    ("cta", F_CTA),
    ("call-to-action", F_CTA),
    ("crumb", F_CRUMB),
    ("meta", F_META),
    ("byline", F_META),
    ("disclaimer", F_DISCLAIMER),
    ("disclosure", F_DISCLAIMER),
    ("affiliate", F_DISCLAIMER),
];

static FURNITURE_WORDS: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
    aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(FURNITURE.iter().map(|(w, _)| w))
        .expect("valid patterns")
});

/// The families of furniture words in a class name or id.
fn furniture_families(s: &str) -> u16 {
    FURNITURE_WORDS
        .find_overlapping_iter(s)
        .fold(0, |acc, m| acc | FURNITURE[m.pattern().as_usize()].1)
}

/// What the rule tables say of one class name, whatever element carries it.
#[derive(Clone, Copy)]
struct TokenFacts {
    prefix: Option<Rule>,
    families: u16,
}

thread_local! {
    /// Class names repeat within a post and across a site's posts: each is looked up in the
    /// prefix table and the furniture words once per thread. Bounded: cleared when full.
    static TOKEN_FACTS: std::cell::RefCell<FxHashMap<Box<str>, TokenFacts>> =
        std::cell::RefCell::new(FxHashMap::default());
}

fn token_facts(c: &str) -> TokenFacts {
    const MAX_TOKENS: usize = 16_384;
    if let Some(f) = TOKEN_FACTS.with_borrow(|m| m.get(c).copied()) {
        return f;
    }
    let facts = TokenFacts {
        prefix: class_prefix(c),
        families: if c.len() < 3 {
            0
        } else {
            furniture_families(c)
        },
    };
    TOKEN_FACTS.with_borrow_mut(|m| {
        if m.len() >= MAX_TOKENS {
            m.clear();
        }
        m.insert(c.into(), facts);
    });
    facts
}

fn boilerplate_token(c: &str, tag: &str) -> Option<Action> {
    if c.len() < 3 {
        return None;
    }
    let fam = token_facts(c).families;
    if fam == 0 || is_post_class(c) {
        return None;
    }
    let has = |f: u16| fam & f != 0;
    let lower;
    let c = if c.bytes().any(|b| b.is_ascii_uppercase()) {
        lower = c.to_ascii_lowercase();
        lower.as_str()
    } else {
        c
    };
    // Inside a sentence only labels and buttons are furniture: an inline element named
    // "related-link" or "affiliate" is part of the text.
    let inline = matches!(
        tag,
        "a" | "span" | "strong" | "em" | "b" | "i" | "small" | "label" | "time" | "abbr"
    );
    // Share bars (Simple Share Buttons Adder: `ssba`, `ssbp`).
    if has(F_SHARE)
        && (contains_not_before_d(c, "share") || c.starts_with("ssba") || c.starts_with("ssbp"))
    {
        let guard = if inline {
            Guard::MaxWords(10)
        } else {
            Guard::ShareOfPost(40)
        };
        return Some(Action::Defer(SHARE_BAR, guard));
    }
    if has(F_BUTTON)
        && (is_builder_button(c) || c.contains("add_to_cart") || c.contains("add-to-cart"))
    {
        return Some(Action::Defer(BUILDER_BUTTON, Guard::MaxWords(8)));
    }
    // Any `btn` / `button` class on a few words: a call to action, not prose.
    if has(F_BUTTON) && ["btn", "button", "buttons"].iter().any(|w| has_word(c, w)) {
        return Some(Action::Defer(BUTTON, Guard::MaxWords(4)));
    }
    if has(F_META) && is_post_meta(c) {
        return Some(Action::Defer(POST_META, Guard::MaxWords(40)));
    }
    if inline {
        return None;
    }
    if has(F_NEWS)
        && [
            "newsletter",
            "subscri",
            "optin",
            "opt-in",
            "signup",
            "sign-up",
            "mailchimp",
            "convertkit",
            "mailerlite",
            "klaviyo",
        ]
        .iter()
        .any(|w| c.contains(w))
        || c.starts_with("tnp-")
        || c.starts_with("ck_")
    {
        return Some(Action::Defer(NEWSLETTER_BOX, Guard::ShareOfPost(40)));
    }
    if has(F_PAYWALL)
        && [
            "restricted",
            "paywall",
            "premium-content-logged-out",
            "regwall",
        ]
        .iter()
        .any(|w| c.contains(w))
    {
        return Some(Action::Defer(PAYWALL, Guard::ShareOfPost(40)));
    }
    if has(F_AUTHOR) && is_author_box(c) {
        return Some(Action::Defer(AUTHOR_BOX, Guard::ShareOfPost(40)));
    }
    if has(F_RELATED) && (c.contains("related") || c.contains("recirc") || is_more_posts(c)) {
        return Some(Action::Defer(RELATED_POSTS, Guard::ShareOfPost(40)));
    }
    if has(F_SIDEBAR) && c.contains("sidebar") {
        return Some(Action::Defer(SIDEBAR, Guard::ShareOfPost(40)));
    }
    if has(F_ELEMENTOR) && matches!(c, "elementor-widget-template" | "elementor-widget-global")
        || has(F_ELEMENTOR)
            && c.strip_prefix("elementor-global-")
                .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    {
        return Some(Action::Defer(EMBEDDED_TEMPLATE, Guard::ShareOfPost(40)));
    }
    if has(F_CTA)
        && !c.starts_with("et_pb_")
        && (has_word(c, "cta") || c.contains("call-to-action"))
    {
        return Some(Action::Defer(CTA, Guard::MaxWords(60)));
    }
    if has(F_CRUMB) && (c.contains("breadcrumb") || c.contains("bredcrumb")) {
        return Some(Action::Defer(BREADCRUMB, Guard::ShareOfPost(40)));
    }
    if has(F_DISCLAIMER)
        && ["disclaimer", "disclosure", "affiliate"]
            .iter()
            .any(|w| c.contains(w))
    {
        return Some(Action::Defer(DISCLAIMER, Guard::MaxWords(120)));
    }
    None
}

fn boilerplate_id(id: &str) -> Option<Action> {
    if furniture_families(id) & (F_RELATED | F_SIDEBAR | F_NEWS) == 0 {
        return None;
    }
    let lower = id.to_ascii_lowercase();
    if is_more_posts(&lower) || lower.contains("related") {
        return Some(Action::Defer(RELATED_POSTS, Guard::ShareOfPost(40)));
    }
    if lower.contains("sidebar") || lower.contains("rightrail") {
        return Some(Action::Defer(SIDEBAR, Guard::ShareOfPost(40)));
    }
    if lower.contains("newsletter") || lower.starts_with("tnp-") {
        return Some(Action::Defer(NEWSLETTER_BOX, Guard::ShareOfPost(40)));
    }
    None
}

/// `word` delimited by the token's start, end, `-` or `_`.
fn has_word(c: &str, word: &str) -> bool {
    c.split(['-', '_']).any(|p| p == word)
}

fn is_author_box(c: &str) -> bool {
    if let Some(i) = c.find("author") {
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
        return ["about", "single", "article", "post"]
            .iter()
            .any(|w| before.ends_with(w));
    }
    false
}

fn is_more_posts(c: &str) -> bool {
    [
        "internal-links",
        "internal_links",
        "recent-posts",
        "recent_posts",
        "recentposts",
        "recent-stories",
        "recent_stories",
        "serial-posts",
        "serial_posts",
        "serialposts",
        "more-posts",
        "more_posts",
        "more-stories",
        "more_stories",
        "read-next",
        "read_next",
    ]
    .iter()
    .any(|w| c.contains(w))
}

fn is_builder_button(c: &str) -> bool {
    matches!(
        c,
        "wp-block-button"
            | "wp-block-buttons"
            | "wp-block-kadence-advancedbtn"
            | "kb-buttons-wrap"
            | "kb-button"
            | "kt-button"
            | "elementor-widget-button"
            | "elementor-button-wrapper"
            | "elementor-button"
            | "et_pb_button"
            | "et_pb_button_module_wrapper"
            | "vc_btn3-container"
            | "vc_btn"
            | "avia-button"
            | "avia-button-wrap"
            | "avia-buttonrow-wrap"
            | "fusion-button"
            | "sowb-button"
    ) || [
        "so-widget-sow-button",
        "uagb-buttons",
        "gb-button",
        "ub-button",
    ]
    .iter()
    .any(|p| c.starts_with(p))
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

/// Class prefixes, sorted so that the candidates for a class are found by binary search.
const CLASS_PREFIXES: &[(&str, Rule)] = &[
    ("a2a_", ADDTOANY),
    ("addtoany_", ADDTOANY),
    ("adthrive", ADTHRIVE),
    ("advads-", ADVANCED_ADS),
    ("ai-viewport-", AD_INSERTER),
    ("crp_related", CRP),
    ("dpsp-", SHARE_BAR),
    ("essb_", SHARE_BAR),
    ("ez-toc-v", EASY_TOC),
    ("ezoic-", EZOIC),
    ("heateor_sss_", HEATEOR),
    ("lwptoc", LUCKYWP_TOC),
    ("mailpoet_form", MAILPOET),
    ("mv-ad-", MEDIAVINE),
    ("quads-ad", WP_QUADS),
    ("raptive-", ADTHRIVE),
    ("share-buttons", SHARE_BAR),
    ("shared-counts-", SHARE_BAR),
    ("sharethis-", SHARE_BAR),
    ("shariff", SHARE_BAR),
    ("sharing-buttons", SHARE_BAR),
    ("social-share", SHARE_BAR),
    ("social-sharing", SHARE_BAR),
    ("ss-inline-share", SHARE_BAR),
    ("swp_social_panel", SHARE_BAR),
    ("wordads", WORDADS),
    ("wp-block-jetpack-subscriptions", JETPACK_SUBSCRIBE),
    ("wp_quads_dfp", WP_QUADS),
    ("yarpp-", YARPP),
];

fn class_prefix(c: &str) -> Option<Rule> {
    // Ad Inserter: `code-block-N` (a bare `code-block` is a real code box and stays).
    if let Some(n) = c.strip_prefix("code-block-")
        && !n.is_empty()
        && n.bytes().all(|b| b.is_ascii_digit())
    {
        return Some(AD_INSERTER);
    }
    longest_prefix(CLASS_PREFIXES, c)
}

/// The entry of a sorted prefix table that `s` starts with. Every prefix of `s` sorts at or
/// before `s`, so only the entries just before its position need a look.
fn longest_prefix(table: &[(&str, Rule)], s: &str) -> Option<Rule> {
    let at = table.partition_point(|(p, _)| *p <= s);
    table[..at]
        .iter()
        .rev()
        .take_while(|(p, _)| p.as_bytes().first() == s.as_bytes().first())
        .find(|(p, _)| s.starts_with(p))
        .map(|&(_, r)| r)
}

/// Id prefixes, sorted (see [`longest_prefix`]).
const ID_PREFIXES: &[(&str, Rule)] = &[
    ("AdThrive_", ADTHRIVE),
    ("adthrive-", ADTHRIVE),
    ("atatags-", WORDADS),
    ("div-gpt-ad", GPT),
    ("ezoic-pub-ad-placeholder", EZOIC),
    ("google_ads_iframe", GPT),
    ("gpt-ad-", GPT),
    ("gpt-passback", GPT),
    ("like-post-wrapper", JETPACK_LIKES),
    ("mailpoet_form", MAILPOET),
    ("quads-ad", WP_QUADS),
    ("sharing-", JETPACK_SHARE),
    ("subscribe-blog", JETPACK_SUBSCRIBE),
    ("wp_quads_dfp_", WP_QUADS),
    ("yandex_rtb_", WP_QUADS),
];

fn id_prefix(id: &str) -> Option<Rule> {
    longest_prefix(ID_PREFIXES, id)
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
        // A hidden dialog, pop-up or form is never content; other hidden blocks may be tabs
        // that a script reveals, so big ones stay.
        if r == INLINE_HIDDEN && !is_dialog(v) {
            return Some(Action::Defer(r, Guard::Hidden));
        }
        return Some(Action::Drop(r));
    }
    None
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
    fn prefix_tables_are_sorted_and_found() {
        assert!(CLASS_PREFIXES.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(ID_PREFIXES.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(class_prefix("adthrive-content"), Some(ADTHRIVE));
        assert_eq!(class_prefix("a2a_kit_size_32"), Some(ADDTOANY));
        assert_eq!(class_prefix("heateor_sss_button"), Some(HEATEOR));
        assert_eq!(class_prefix("wp-block-image"), None);
        assert_eq!(class_prefix("a"), None);
        assert_eq!(id_prefix("div-gpt-ad-1622569822023-0"), Some(GPT));
        assert_eq!(id_prefix("ezoic-pub-ad-placeholder-101"), Some(EZOIC));
        assert_eq!(id_prefix("post-12"), None);
        assert_eq!(exact_class("sharedaddy"), Some(JETPACK_SHARE));
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
