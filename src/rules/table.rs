//! The built-in rule table: which elements are plugin furniture, and what to do with them.
//!
//! [`rows`] is the whole table, in the order it is tried within each phase (see
//! [`Key`]). Class and id names are the ones the plugins write into `content.rendered`;
//! every rule has a fixture under `fixtures/plugins/` that fires it (`tests/it/plugins.rs`
//! checks that by name). Rows keyed [`Key::Text`], [`Key::Size`] and [`Key::Walk`] are listed
//! here so that the table names every rule, but are decided by the decision pass: the text
//! prompts ([`prompts`], run by `clean::text_rules`) and the rules that need an element's
//! size ([`measured`]) are rows of their own, with their caps and thresholds.

use super::RuleGroup::{self, *};
use super::measured;
use super::prompts;
use super::shape::{Does, Flag, Key, Mode, Row, StyleKind, Tags, Test, When, WhenOff};
use super::{Group, Guard, Rule};
use crate::dom::Tag;

const fn rule(group: RuleGroup, name: &'static str) -> Rule {
    Rule {
        group: Group::Builtin(group),
        name,
    }
}

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

/// Classes WordPress writes on every post (`post_class()`), which name the post's terms and
/// say nothing about the element: `tag-related-reading` is a tag, not a related-posts box.
/// The class-word rows never look at them.
pub(crate) const POST_CLASSES: &[(Mode, &str)] = &[
    (Mode::Prefix, "tag-"),
    (Mode::Prefix, "category-"),
    (Mode::Prefix, "type-"),
    (Mode::Prefix, "format-"),
    (Mode::Prefix, "status-"),
    (Mode::Numbered, "post-"),
    (Mode::Numbered, "postid-"),
    (Mode::Exact, "hentry"),
    (Mode::Exact, "has-post-thumbnail"),
];

/// MathML element names other than `math`: the rest of a formula after a line break inside
/// it, which ends MathML for an HTML parser (wpautop writes `<br>` for the newlines in a
/// `<math>`), so its pieces are parsed as unknown HTML elements. No HTML element has these
/// names.
const MATHML_PIECES: &[&str] = &[
    "mi",
    "mo",
    "mn",
    "ms",
    "mtext",
    "mspace",
    "mrow",
    "mfrac",
    "msqrt",
    "mroot",
    "mstyle",
    "merror",
    "mpadded",
    "mphantom",
    "menclose",
    "msub",
    "msup",
    "msubsup",
    "munder",
    "mover",
    "munderover",
    "mmultiscripts",
    "mprescripts",
    "mtable",
    "mtr",
    "mtd",
    "mlabeledtr",
    "maction",
    "semantics",
    "annotation",
    "annotation-xml",
];

/// Buttons, links and wrappers that page builders write for a call-to-action button.
const BUILDER_BUTTONS: &[&str] = &[
    "wp-block-button",
    "wp-block-buttons",
    "wp-block-kadence-advancedbtn",
    "kb-buttons-wrap",
    "kb-button",
    "kt-button",
    "elementor-widget-button",
    "elementor-button-wrapper",
    "elementor-button",
    "et_pb_button",
    "et_pb_button_module_wrapper",
    "vc_btn3-container",
    "vc_btn",
    "avia-button",
    "avia-button-wrap",
    "avia-buttonrow-wrap",
    "fusion-button",
    "sowb-button",
];

/// Lists of other posts under names of their own.
const MORE_POSTS: &[&str] = &[
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
];

/// The whole table, in order.
pub(crate) fn rows() -> Vec<Row> {
    const SHARE: Guard = Guard::ShareOfPost(40);
    let mut rows = vec![
        // 1. Tags. Scripts, styles and active or foreign content are never content.
        drop(ADSENSE, tag(&[Tag::Script]))
            .test(Test::AdsenseScript)
            .when_off(WhenOff::Fires),
        drop(SCRIPT, tag(&[Tag::Script])),
        drop(
            STYLE,
            tag(&[Tag::Style, Tag::Template, Tag::Link, Tag::Meta]),
        ),
        drop(
            UNSAFE_ELEMENT,
            tag(&[
                Tag::Object,
                Tag::Embed,
                Tag::Applet,
                Tag::Math,
                Tag::Canvas,
                Tag::Dialog,
                Tag::Portal,
                Tag::Frame,
                Tag::Frameset,
                Tag::Noembed,
                Tag::Noframes,
                Tag::Xmp,
                Tag::Plaintext,
                Tag::Title,
                Tag::Base,
            ]),
        ),
        drop(UNSAFE_ELEMENT, names(MATHML_PIECES)),
        drop(ADSENSE, tag(&[Tag::Ins])).test(Test::HasClass("adsbygoogle")),
        drop(NOSCRIPT, tag(&[Tag::Noscript])),
        drop(ICON, tag(&[Tag::Svg])),
        drop(FORM, tag(&[Tag::Form])),
        drop(
            FORM,
            tag(&[
                Tag::Input,
                Tag::Select,
                Tag::Textarea,
                Tag::Fieldset,
                Tag::Option,
                Tag::Datalist,
                Tag::Output,
            ]),
        ),
        unwrap(BUTTON, tag(&[Tag::Button])).when(When::InHeadingOrSummary),
        drop(BUTTON, tag(&[Tag::Button])),
        drop(GENERIC_AD, names(&["amp-ad", "amp-embed", "amp-auto-ads"])),
        drop(SIDEBAR, tag(&[Tag::Aside])).guard(SHARE),
        // Icon fonts and decorative glyphs ("+", "›") hidden from screen readers.
        drop(ICON, tag(&[Tag::I, Tag::Span])).test(Test::IconFont),
        // 2. Classes. Easy Table of Contents marks headings with an empty
        // `span.ez-toc-section` carrying the anchor id, closed by `span.ez-toc-section-end`.
        unwrap(EASY_TOC, class("ez-toc-section")).tags(&[Tag::Span]),
        unwrap(EASY_TOC, class("ez-toc-section-end")).tags(&[Tag::Span]),
        // Exact class names, one plugin each.
        drop(ADSENSE, class("adsbygoogle")),
        drop(ADSENSE, class("google-auto-placed")),
        drop(WP_QUADS, class("quads-location")),
        drop(WP_QUADS, class("quads-ad-label")),
        drop(EZOIC, class("ezoic-ad")),
        drop(EZOIC, class("ezoic-adpicker-ad")),
        drop(EZOIC, class("ezoic-autoinsert-ad")),
        drop(EZOIC, class("ezoic-floating-bottom")),
        drop(EZOIC, class("ez-video-wrap")),
        drop(EZOIC, class("ezmob-footer")),
        drop(WORDADS, class("wpcnt")),
        drop(WORDADS, class("wpa")),
        drop(WORDADS, class("wpa-about")),
        drop(WORDADS, class("wordads-ad-wrapper")),
        drop(WORDADS, class("wordads-tag")),
        drop(WORDADS, class("jetpack-wordad")),
        drop(WORDADS, class("wpadvert-about")),
        drop(MEDIAVINE, class("mv-ad-box")),
        drop(MEDIAVINE, class("mv-ad-wrap")),
        drop(MEDIAVINE, class("mv-ad-wrapper")),
        drop(MEDIAVINE, class("mv_slot_target")),
        drop(MEDIAVINE, class("mv-video-target")),
        drop(MEDIAVINE, class("mv-rail-slot")),
        drop(MEDIAVINE, class("mv-list-adwrap")),
        drop(MEDIAVINE, class("mv-create-primary-unit")),
        drop(ADROTATE, class("g-single")),
        drop(WP_QUADS, class("wp_quads_dfp")),
        drop(EASY_TOC, class("ez-toc-container")),
        drop(EASY_TOC, class("ez-toc-v2_0")),
        drop(EASY_TOC, class("ez-toc-widget-container")),
        drop(EASY_TOC, class("ez-toc-title-container")),
        drop(TOC_PLUS, class("toc_container")),
        drop(TOC_PLUS, class("toc_widget")),
        drop(TOC_PLUS, class("toc_wrap_right")),
        drop(TOC_PLUS, class("toc_wrap_left")),
        drop(TOC_PLUS, class("toc_light_blue")),
        drop(TOC_PLUS, class("toc_black")),
        drop(TOC_PLUS, class("toc_white")),
        drop(TOC_PLUS, class("toc_transparent")),
        drop(LUCKYWP_TOC, class("lwptoc")),
        drop(LUCKYWP_TOC, class("lwptoc_i")),
        drop(LUCKYWP_TOC, class("lwptoc_header")),
        drop(LUCKYWP_TOC, class("lwptoc_items")),
        drop(RANK_MATH_TOC, class("wp-block-rank-math-toc-block")),
        drop(RANK_MATH_TOC, class("rank-math-toc")),
        drop(YOAST_TOC, class("yoast-table-of-contents")),
        drop(YOAST_TOC, class("wp-block-yoast-seo-table-of-contents")),
        drop(ULTIMATE_BLOCKS_TOC, class("ub_table-of-contents")),
        drop(
            ULTIMATE_BLOCKS_TOC,
            class("wp-block-ub-table-of-contents-block"),
        ),
        drop(ULTIMATE_BLOCKS_TOC, class("ub_table-of-contents-container")),
        drop(KADENCE_TOC, class("kb-table-of-content-nav")),
        drop(KADENCE_TOC, class("wp-block-kadence-tableofcontents")),
        drop(KADENCE_TOC, class("kb-table-of-contents-wrap")),
        drop(CORE_TOC, class("wp-block-table-of-contents")),
        drop(GENERIC_TOC, class("table-of-contents")),
        drop(GENERIC_TOC, class("toc")),
        drop(GENERIC_TOC, class("simpletoc")),
        drop(GENERIC_TOC, class("wp-block-simpletoc-toc")),
        drop(GENERIC_TOC, class("lwptoc_toggle")),
        drop(JETPACK_SHARE, class("sharedaddy")),
        drop(JETPACK_SHARE, class("sd-sharing-enabled")),
        drop(JETPACK_SHARE, class("sd-sharing")),
        drop(JETPACK_SHARE, class("sd-content")),
        drop(JETPACK_SHARE, class("sd-block")),
        drop(JETPACK_SHARE, class("sharing-screen-reader-text")),
        drop(JETPACK_SHARE, class("share-end")),
        drop(JETPACK_SHARE, class("wp-block-jetpack-sharing-buttons")),
        drop(JETPACK_LIKES, class("sd-like")),
        drop(JETPACK_LIKES, class("jetpack-likes-widget-wrapper")),
        drop(JETPACK_LIKES, class("jetpack-likes-widget")),
        drop(JETPACK_LIKES, class("wpl-likebox")),
        drop(ADDTOANY, class("addtoany_share_save_container")),
        drop(ADDTOANY, class("addtoany_content")),
        drop(ADDTOANY, class("a2a_kit")),
        drop(ADDTOANY, class("addtoany_list")),
        drop(ADDTOANY, class("a2a_dd")),
        drop(ADDTOANY, class("addtoany_share")),
        drop(ADDTOANY, class("addtoany_header")),
        drop(HEATEOR, class("heateor_sss_sharing_container")),
        drop(HEATEOR, class("heateor_sss_horizontal_sharing")),
        drop(HEATEOR, class("heateor_sss_vertical_sharing")),
        drop(HEATEOR, class("heateor_sss_sharing_ul")),
        drop(HEATEOR, class("heateorSssClear")),
        drop(HEATEOR, class("the_champ_sharing_container")),
        drop(HEATEOR, class("the_champ_horizontal_sharing")),
        drop(HEATEOR, class("heateor_sss_sharing_title")),
        drop(JETPACK_RELATED, class("jp-relatedposts")),
        drop(JETPACK_RELATED, class("wp-block-jetpack-related-posts")),
        drop(JETPACK_RELATED, class("jp-relatedposts-i2")),
        drop(YARPP, class("yarpp")),
        drop(YARPP, class("yarpp-related")),
        drop(YARPP, class("yarpp-related-widget")),
        drop(YARPP, class("yarpp-related-website")),
        drop(YARPP, class("yarpp-thumbnails-horizontal")),
        drop(YARPP, class("yarpp-template-list")),
        drop(YARPP, class("yarpp-related-none")),
        drop(CRP, class("crp_related")),
        drop(CRP, class("crp_related_widget")),
        drop(CRP, class("crp-list-container")),
        drop(CRP, class("crp_title")),
        drop(RELATED_POSTS, class("related-posts")),
        drop(RELATED_POSTS, class("relatedposts")),
        drop(RELATED_POSTS, class("related_posts")),
        drop(RELATED_POSTS, class("related-post")),
        drop(RELATED_POSTS, class("rp4wp-related-posts")),
        drop(RELATED_POSTS, class("related-articles")),
        drop(RELATED_POSTS, class("wp-rp-wrap")),
        drop(RELATED_POSTS, class("yuzo_related_post")),
        drop(RELATED_POSTS, class("related-content")),
        drop(MC4WP, class("mc4wp-form")),
        drop(MC4WP, class("mc4wp-form-fields")),
        drop(MC4WP, class("mc4wp-alert")),
        drop(MC4WP, class("mc4wp-response")),
        drop(MAILPOET, class("mailpoet_form")),
        drop(MAILPOET, class("mailpoet_form_shortcode")),
        drop(MAILPOET, class("mailpoet_form_widget")),
        drop(MAILPOET, class("mailpoet_form_popup")),
        drop(MAILPOET, class("mailpoet_form_fixed_bar")),
        drop(MAILPOET, class("mailpoet_form_slide_in")),
        drop(MAILPOET, class("mailpoet-manage-subscription")),
        drop(JETPACK_SUBSCRIBE, class("jetpack_subscription_widget")),
        drop(JETPACK_SUBSCRIBE, class("wp-block-jetpack-subscriptions")),
        drop(
            JETPACK_SUBSCRIBE,
            class("wp-block-jetpack-subscriptions__container"),
        ),
        drop(JETPACK_SUBSCRIBE, class("jetpack-subscribe-form")),
        drop(NEWSLETTER_PLUGIN, class("tnp")),
        drop(NEWSLETTER_PLUGIN, class("tnp-subscription")),
        drop(NEWSLETTER_PLUGIN, class("tnp-widget")),
        drop(NEWSLETTER_PLUGIN, class("tnp-subscription-minimal")),
        drop(NEWSLETTER_PLUGIN, class("tnp-widget-minimal")),
        drop(CF7, class("wpcf7")),
        drop(CF7, class("wpcf7-form")),
        drop(CF7, class("wpcf7-response-output")),
        drop(SCREEN_READER, class("screen-reader-text")),
        drop(SCREEN_READER, class("sr-only")),
        drop(SCREEN_READER, class("visually-hidden")),
        drop(SCREEN_READER, class("screen-reader-only")),
        drop(AUTHOR_BOX, class("saboxplugin-wrap")),
        drop(AUTHOR_BOX, class("abh_box")),
        drop(AUTHOR_BOX, class("molongui-author-box")),
        drop(AUTHOR_BOX, class("author-box")),
        drop(AUTHOR_BOX, class("about-author")),
        drop(AUTHOR_BOX, class("author-bio")),
        drop(AUTHOR_BOX, class("author-info")),
        drop(AUTHOR_BOX, class("author-box-wrap")),
        drop(AUTHOR_BOX, class("wp-block-post-author")),
        drop(AUTHOR_BOX, class("ts-fab-wrapper")),
        drop(AUTHOR_BOX, class("m-a-box")),
        drop(AUTHOR_BOX, class("pp-multiple-authors-boxes-wrapper")),
        drop(POST_NAV, class("post-navigation")),
        drop(POST_NAV, class("nav-links")),
        drop(POST_NAV, class("navigation-post")),
        drop(POST_NAV, class("wp-block-post-navigation-link")),
        drop(COMMENTS, class("comments-area")),
        drop(COMMENTS, class("comment-respond")),
        drop(COMMENTS, class("wp-block-latest-comments")),
        drop(COMMENTS, class("wp-block-comments")),
        drop(READ_MORE, class("more-link")),
        drop(READ_MORE, class("read-more")),
        drop(READ_MORE, class("readmore")),
        drop(WIDGET, class("wp-block-latest-posts")),
        drop(WIDGET, class("wp-block-archives")),
        drop(WIDGET, class("wp-block-categories")),
        drop(WIDGET, class("wp-block-tag-cloud")),
        drop(WIDGET, class("wp-block-rss")),
        drop(WIDGET, class("wp-block-search")),
        drop(WIDGET, class("wp-block-calendar")),
        drop(WIDGET, class("wp-block-page-list")),
        drop(WIDGET, class("wp-block-loginout")),
        // Newspack Blocks' "homepage posts" block: teasers of other articles.
        drop(WIDGET, class("wp-block-newspack-blocks-homepage-articles")),
        // Republication Tracker Tool's widget ("Republish our articles for free…").
        drop(WIDGET, class("republication_tracker_tool")),
        // Feast Plugin's previous/next post links.
        drop(POST_NAV, class("feast-modern-prev-next")),
        // Agile Store Locator: `section#asl-storelocator.asl-cont` (map, search, dialogs).
        drop(STORE_LOCATOR, class("asl-cont")),
        drop(GENERIC_AD, class("advertisement")),
        drop(GENERIC_AD, class("advert")),
        drop(GENERIC_AD, class("ad-container")),
        drop(GENERIC_AD, class("ad-wrapper")),
        drop(GENERIC_AD, class("ad-slot")),
        drop(GENERIC_AD, class("ad-unit")),
        drop(GENERIC_AD, class("ad-banner")),
        drop(GENERIC_AD, class("adsense")),
        drop(GENERIC_AD, class("ad-block")),
        drop(GENERIC_AD, class("ad-zone")),
        drop(GENERIC_AD, class("ad-box")),
        drop(GENERIC_AD, class("ads-container")),
        drop(GENERIC_AD, class("ad-placement")),
        drop(GENERIC_AD, class("adunit")),
        drop(GENERIC_AD, class("ad_unit")),
        drop(GENERIC_AD, class("ad-area")),
        drop(GENERIC_AD, class("adwrap")),
        drop(GENERIC_AD, class("ad-inline")),
        drop(AD_LABEL, class("ad-label")),
        drop(AD_LABEL, class("ad-title")),
        drop(AD_LABEL, class("ad-caption")),
        drop(AD_LABEL, class("ads-label")),
        drop(AD_LABEL, class("advertisement-label")),
        drop(AD_LABEL, class("mvp-ad-label")),
        drop(AD_LABEL, class("td-adspot-title")),
        drop(AD_LABEL, class("adinfoline")),
        drop(GENERIC_AD, class("mvp-post-ad-wrap")),
        drop(GENERIC_AD, class("mvp-post-ad")),
        drop(GENERIC_AD, class("single_ads")),
        // Ad Inserter: `code-block-N` (a bare `code-block` is a real code box and stays).
        drop(AD_INSERTER, Key::ClassNumbered("code-block-".into())),
        // AdRotate: `div.g.g-{group}`.
        drop(ADROTATE, Key::ClassNumbered("g-".into())).test(Test::HasClass("g")),
        // Class prefixes.
        drop(ADDTOANY, class_prefix("a2a_")),
        drop(ADDTOANY, class_prefix("addtoany_")),
        drop(ADTHRIVE, class_prefix("adthrive")),
        drop(ADVANCED_ADS, class_prefix("advads-")),
        drop(AD_INSERTER, class_prefix("ai-viewport-")),
        drop(CRP, class_prefix("crp_related")),
        drop(SHARE_BAR, class_prefix("dpsp-")),
        drop(SHARE_BAR, class_prefix("essb_")),
        drop(EASY_TOC, class_prefix("ez-toc-v")),
        drop(EZOIC, class_prefix("ezoic-")),
        drop(HEATEOR, class_prefix("heateor_sss_")),
        drop(LUCKYWP_TOC, class_prefix("lwptoc")),
        drop(MAILPOET, class_prefix("mailpoet_form")),
        drop(MEDIAVINE, class_prefix("mv-ad-")),
        drop(WP_QUADS, class_prefix("quads-ad")),
        drop(ADTHRIVE, class_prefix("raptive-")),
        drop(SHARE_BAR, class_prefix("share-buttons")),
        drop(SHARE_BAR, class_prefix("shared-counts-")),
        drop(SHARE_BAR, class_prefix("sharethis-")),
        drop(SHARE_BAR, class_prefix("shariff")),
        drop(SHARE_BAR, class_prefix("sharing-buttons")),
        drop(SHARE_BAR, class_prefix("social-share")),
        drop(SHARE_BAR, class_prefix("social-sharing")),
        drop(SHARE_BAR, class_prefix("ss-inline-share")),
        drop(SHARE_BAR, class_prefix("swp_social_panel")),
        drop(WORDADS, class_prefix("wordads")),
        drop(
            JETPACK_SUBSCRIBE,
            class_prefix("wp-block-jetpack-subscriptions"),
        ),
        drop(WP_QUADS, class_prefix("wp_quads_dfp")),
        drop(YARPP, class_prefix("yarpp-")),
        // Quick Adsense: a class of 32 hex digits on a div with `data-index`.
        drop(QUICK_ADSENSE, Key::ClassTest).test(Test::HexWithDataIndex),
        // Advanced Ads with its per-site prefix: `{prefix}target` beside
        // `data-{prefix}trackid`.
        drop(ADVANCED_ADS, Key::ClassTest).test(Test::AdvadsTarget),
        // Ad labels written by Advanced Ads (`{prefix}adlabel`).
        drop(AD_LABEL, Key::ClassSuffix("adlabel".into())),
        // 3. An Advanced Ads placement wrapper: `<div class="{p}{placement}"
        // id="{p}{8+ digits}">`, where `{p}` is the site's prefix.
        drop(ADVANCED_ADS, Key::ElementTest).test(Test::AdvadsPlacement),
        // 4. Words inside class names that themes and page builders use for furniture. Less
        // certain than a plugin's own class, so all are guarded.
        // Share bars (Simple Share Buttons Adder: `ssba`, `ssbp`).
        drop(SHARE_BAR, words(&["share"], Mode::Contains))
            .test(Test::NotShared)
            .tags_in(Tags::Inline)
            .guard(Guard::MaxWords(10)),
        drop(SHARE_BAR, words(&["ssba", "ssbp"], Mode::Prefix))
            .tags_in(Tags::Inline)
            .guard(Guard::MaxWords(10)),
        drop(SHARE_BAR, words(&["share"], Mode::Contains))
            .test(Test::NotShared)
            .tags_in(Tags::Block)
            .guard(SHARE),
        drop(SHARE_BAR, words(&["ssba", "ssbp"], Mode::Prefix))
            .tags_in(Tags::Block)
            .guard(SHARE),
        drop(BUILDER_BUTTON, words(BUILDER_BUTTONS, Mode::Exact)).guard(Guard::MaxWords(8)),
        drop(
            BUILDER_BUTTON,
            words(
                &[
                    "so-widget-sow-button",
                    "uagb-buttons",
                    "gb-button",
                    "ub-button",
                ],
                Mode::Prefix,
            ),
        )
        .guard(Guard::MaxWords(8)),
        drop(
            BUILDER_BUTTON,
            words(&["add_to_cart", "add-to-cart"], Mode::Contains),
        )
        .guard(Guard::MaxWords(8)),
        // Any `btn` / `button` class on a few words: a call to action, not prose.
        drop(BUTTON, words(&["btn", "button", "buttons"], Mode::Word)).guard(Guard::MaxWords(4)),
        drop(POST_META, words(&["byline", "meta"], Mode::Contains))
            .test(Test::PostMeta)
            .guard(Guard::MaxWords(40)),
        // Inside a sentence only labels and buttons are furniture: an inline element named
        // "related-link" or "affiliate" is part of the text.
        drop(
            NEWSLETTER_BOX,
            words(
                &[
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
                ],
                Mode::Contains,
            ),
        )
        .tags_in(Tags::Block)
        .guard(SHARE),
        drop(NEWSLETTER_BOX, words(&["tnp-", "ck_"], Mode::Prefix))
            .tags_in(Tags::Block)
            .guard(SHARE),
        drop(
            PAYWALL,
            words(
                &[
                    "restricted",
                    "paywall",
                    "premium-content-logged-out",
                    "regwall",
                ],
                Mode::Contains,
            ),
        )
        .tags_in(Tags::Block)
        .guard(SHARE),
        drop(AUTHOR_BOX, words(&["author"], Mode::Contains))
            .test(Test::AuthorBox)
            .tags_in(Tags::Block)
            .guard(SHARE),
        drop(RELATED_POSTS, words(&["related", "recirc"], Mode::Contains))
            .tags_in(Tags::Block)
            .guard(SHARE),
        drop(RELATED_POSTS, words(MORE_POSTS, Mode::Contains))
            .tags_in(Tags::Block)
            .guard(SHARE),
        drop(SIDEBAR, words(&["sidebar"], Mode::Contains))
            .tags_in(Tags::Block)
            .guard(SHARE),
        // Elementor templates embedded in a post (a site-wide block, not this article).
        drop(
            EMBEDDED_TEMPLATE,
            words(
                &["elementor-widget-template", "elementor-widget-global"],
                Mode::Exact,
            ),
        )
        .tags_in(Tags::Block)
        .guard(SHARE),
        drop(
            EMBEDDED_TEMPLATE,
            words(&["elementor-global-"], Mode::Numbered),
        )
        .tags_in(Tags::Block)
        .guard(SHARE),
        // Divi names its modules `et_pb_cta_…`: a module type, not a call to action.
        drop(CTA, words(&["cta"], Mode::Word))
            .test(Test::Unless("et_pb_"))
            .tags_in(Tags::Block)
            .guard(Guard::MaxWords(60)),
        drop(CTA, words(&["call-to-action"], Mode::Contains))
            .test(Test::Unless("et_pb_"))
            .tags_in(Tags::Block)
            .guard(Guard::MaxWords(60)),
        drop(
            BREADCRUMB,
            words(&["breadcrumb", "bredcrumb"], Mode::Contains),
        )
        .tags_in(Tags::Block)
        .guard(SHARE),
        drop(
            DISCLAIMER,
            words(&["disclaimer", "disclosure", "affiliate"], Mode::Contains),
        )
        .tags_in(Tags::Block)
        .guard(Guard::MaxWords(120)),
        // 5. Words inside ids.
        drop(RELATED_POSTS, id_words(MORE_POSTS, Mode::Contains)).guard(SHARE),
        drop(RELATED_POSTS, id_words(&["related"], Mode::Contains)).guard(SHARE),
        drop(SIDEBAR, id_words(&["sidebar", "rightrail"], Mode::Contains)).guard(SHARE),
        drop(NEWSLETTER_BOX, id_words(&["newsletter"], Mode::Contains)).guard(SHARE),
        drop(NEWSLETTER_BOX, id_words(&["tnp-"], Mode::Prefix)).guard(SHARE),
        // 6. Exact ids.
        drop(EASY_TOC, id("ez-toc-container")),
        drop(TOC_PLUS, id("toc_container")),
        drop(RANK_MATH_TOC, id("rank-math-toc")),
        drop(GENERIC_TOC, id("toc")),
        drop(GENERIC_TOC, id("table-of-contents")),
        drop(JETPACK_SHARE, id("jp-post-flair")),
        drop(JETPACK_SHARE, id("sharing_email")),
        drop(JETPACK_RELATED, id("jp-relatedposts")),
        drop(CRP, id("crp_related")),
        drop(YARPP, id("yarpp_widget")),
        drop(COMMENTS, id("comments")),
        drop(COMMENTS, id("respond")),
        drop(AUTHOR_BOX, id("author-bio")),
        drop(AUTHOR_BOX, id("author-box")),
        drop(AUTHOR_BOX, id("about-author")),
        // Id prefixes.
        drop(ADTHRIVE, id_prefix("AdThrive_")),
        drop(ADTHRIVE, id_prefix("adthrive-")),
        drop(WORDADS, id_prefix("atatags-")),
        drop(GPT, id_prefix("div-gpt-ad")),
        drop(EZOIC, id_prefix("ezoic-pub-ad-placeholder")),
        drop(GPT, id_prefix("google_ads_iframe")),
        drop(GPT, id_prefix("gpt-ad-")),
        drop(GPT, id_prefix("gpt-passback")),
        drop(JETPACK_LIKES, id_prefix("like-post-wrapper")),
        drop(MAILPOET, id_prefix("mailpoet_form")),
        drop(WP_QUADS, id_prefix("quads-ad")),
        drop(JETPACK_SHARE, id_prefix("sharing-")),
        drop(JETPACK_SUBSCRIBE, id_prefix("subscribe-blog")),
        drop(WP_QUADS, id_prefix("wp_quads_dfp_")),
        drop(WP_QUADS, id_prefix("yandex_rtb_")),
        // 7. TOC+, LuckyWP and others wrap the heading text in `<span id="…">`: unwrap it,
        // its id becomes the heading's anchor.
        unwrap(HEADING_ANCHOR, Key::AnyId)
            .tags(&[Tag::Span, Tag::A])
            .when(When::InHeading)
            .when_off(WhenOff::StepsAside),
        // 8. Attributes and inline styles.
        drop(ADVANCED_ADS, Key::Flag(Flag::AdvadsTrackid)),
        drop(GENERIC_AD, Key::Flag(Flag::AdData)),
        drop(HIDDEN_ATTR, Key::Flag(Flag::Hidden)),
        // A hidden dialog, pop-up or form is never content; other hidden blocks may be tabs
        // that a script reveals, so big ones stay.
        drop(INLINE_HIDDEN, Key::Style(StyleKind::Hidden)).test(Test::Dialog),
        drop(INLINE_HIDDEN, Key::Style(StyleKind::Hidden)).guard(Guard::Hidden {
            // A block of some size (about 40 words) and a fifth of the post.
            keep_chars: 200,
            keep_percent: 20,
        }),
        drop(QUICK_ADSENSE, Key::Style(StyleKind::ZeroClear)),
        drop(ZERO_SIZE, Key::Style(StyleKind::ZeroSize)),
    ];
    rows.extend(listed());
    rows
}

/// The rules decided by their text or by the walk, listed so that the table names them all:
/// the text prompts and the rules that need an element's size are rows of their own
/// ([`prompts::PROMPTS`], [`measured::SIZE_RULES`]), with their caps and thresholds.
fn listed() -> Vec<Row> {
    let walk = |rule: Rule, what: &'static str| drop(rule, Key::Walk(what));
    let text = prompts::PROMPTS
        .iter()
        .map(|p| drop(p.prompt.rule(), Key::Text(p)));
    let sized = measured::SIZE_RULES
        .iter()
        .filter_map(|m| Some(drop(m.rule()?, Key::Size(m))));
    text.chain(sized)
        .chain([
            walk(
                FOREIGN_IFRAME,
                "an iframe from a host outside `Options::iframe_hosts`",
            ),
            walk(
                PLACEHOLDER_IMAGE,
                "a lazy-loading placeholder image with no real source",
            ),
            walk(CUSTOM, "an element matched by a `--drop` selector"),
        ])
        .collect()
}

const fn base(rule: Rule, key: Key, does: Does) -> Row {
    Row {
        rule,
        key,
        tags: Tags::Any,
        test: None,
        context: When::Anywhere,
        does,
        guard: None,
        off: WhenOff::Keeps,
    }
}

fn drop(rule: Rule, key: Key) -> Row {
    base(rule, key, Does::Drop)
}

fn unwrap(rule: Rule, key: Key) -> Row {
    base(rule, key, Does::Unwrap)
}

fn boxed(list: &[&str]) -> Vec<Box<str>> {
    list.iter().map(|&s| s.into()).collect()
}

/// Elements of these tags (a misspelt tag does not compile).
fn tag(tags: &[Tag]) -> Key {
    Key::Tag(tags.iter().map(|t| t.as_str().into()).collect())
}

/// Elements with these names, which no HTML element has (custom elements, MathML pieces
/// parsed as unknown HTML).
fn names(names: &[&str]) -> Key {
    Key::Tag(boxed(names))
}

fn class(c: &str) -> Key {
    Key::Class(c.into())
}

fn class_prefix(p: &str) -> Key {
    Key::ClassPrefix(p.into())
}

fn words(words: &[&str], mode: Mode) -> Key {
    Key::ClassWord(boxed(words), mode)
}

fn id_words(words: &[&str], mode: Mode) -> Key {
    Key::IdWord(boxed(words), mode)
}

fn id(id: &str) -> Key {
    Key::Id(id.into())
}

fn id_prefix(p: &str) -> Key {
    Key::IdPrefix(p.into())
}

impl Row {
    fn test(mut self, test: Test) -> Self {
        self.test = Some(test);
        self
    }

    fn tags(self, tags: &[Tag]) -> Self {
        self.tags_in(Tags::Only(tags.iter().map(|t| t.as_str().into()).collect()))
    }

    fn tags_in(mut self, tags: Tags) -> Self {
        self.tags = tags;
        self
    }

    fn when(mut self, context: When) -> Self {
        self.context = context;
        self
    }

    fn guard(mut self, guard: Guard) -> Self {
        self.guard = Some(guard);
        self
    }

    fn when_off(mut self, off: WhenOff) -> Self {
        self.off = off;
        self
    }
}
