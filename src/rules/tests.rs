//! The compiled table on single elements, the caller's rows, and the fixture of every rule.

use std::path::Path;

use super::shape::StyleKind;
use super::*;
use crate::Options;
use crate::dom::Tag;
use crate::dom::sink::{Attrs, parse_fragment};
use crate::dom::tree::NodeId;

/// Every rule of the table (but `custom`, which only the caller's selectors and rows fire)
/// is named by a fixture case under `fixtures/plugins/` that fires it.
#[test]
fn every_built_in_rule_has_a_fixture_that_fires_it() {
    let plugins = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/plugins");
    let extractor = crate::Extractor::new(&Options::default()).unwrap();
    let mut fired = std::collections::BTreeSet::new();
    for folder in std::fs::read_dir(&plugins).unwrap() {
        let folder = folder.unwrap().path();
        let Ok(manifest) = std::fs::read_to_string(folder.join("manifest.json")) else {
            continue;
        };
        let group = folder.file_name().unwrap().to_str().unwrap().to_string();
        let cases: Vec<serde_json::Value> = serde_json::from_str(&manifest).unwrap();
        for case in cases {
            if case["kept"] == true {
                continue;
            }
            let file = case["file"].as_str().unwrap();
            let html = std::fs::read_to_string(folder.join(file)).unwrap();
            let article = extractor.extract(&crate::Post::from_html(
                html,
                Some("https://example.com/2024/05/post/"),
            ));
            let rule = case["rule"].as_str().unwrap();
            let group = case["group"].as_str().unwrap_or(&group);
            if article
                .removed
                .iter()
                .any(|r| r.rule == rule && r.group == group)
            {
                fired.insert((group.to_string(), rule.to_string()));
            }
        }
    }
    let mut missing: Vec<String> = table::rows()
        .iter()
        .map(|row| row.rule)
        .filter(|r| r.group != Group::Custom)
        .filter(|r| !fired.contains(&(r.group.name().to_string(), r.name.to_string())))
        .map(|r| format!("{}/{}", r.group.name(), r.name))
        .collect();
    missing.dedup();
    assert!(
        missing.is_empty(),
        "rules no fixture fires: {}",
        missing.join(", ")
    );
}

/// The rules an [`Extractor`](crate::Extractor) compiles for `options`.
fn rules_for(options: &Options) -> Result<Rules> {
    Rules::new(&options.rules, options.enabled_groups())
}

fn view<'a>(tag: &'a str, class: &'a str) -> View<'a> {
    View {
        tag,
        running_text: Tag::from_name(tag).is_running_text(),
        class,
        ..View::default()
    }
}

fn builtin(v: &View<'_>) -> Option<Action> {
    rules_for(&Options::default())
        .unwrap()
        .classify(v, Context::default())
}

#[test]
fn ad_inserter_numbered_block_is_an_ad_but_plain_code_block_is_not() {
    assert_eq!(
        builtin(&view("div", "code-block code-block-3")),
        Some(Action::Drop(AD_INSERTER))
    );
    assert_eq!(builtin(&view("div", "code-block")), None);
    assert_eq!(builtin(&view("pre", "code-block-lang")), None);
}

#[test]
fn prefixes_find_the_longest_entry() {
    assert_eq!(
        builtin(&view("div", "adthrive-content")),
        Some(Action::Drop(ADTHRIVE))
    );
    assert_eq!(
        builtin(&view("div", "a2a_kit_size_32")),
        Some(Action::Drop(ADDTOANY))
    );
    assert_eq!(builtin(&view("div", "wp-block-image")), None);
    assert_eq!(builtin(&view("div", "a")), None);
    let id = |id| View {
        tag: "div",
        id,
        ..View::default()
    };
    assert_eq!(
        builtin(&id("div-gpt-ad-1622569822023-0")),
        Some(Action::Drop(GPT))
    );
    // `wp_quads_dfp_` is longer than `quads-ad`… and both are prefixes of nothing else.
    assert_eq!(
        builtin(&id("wp_quads_dfp_12")),
        Some(Action::Drop(WP_QUADS))
    );
    assert_eq!(builtin(&id("post-12")), None);
    assert!(is_furniture_id("ezoic-pub-ad-placeholder-101"));
    assert!(!is_furniture_id("intro"));
}

#[test]
fn quick_adsense_needs_hex_class_and_data_index() {
    let mut v = view("div", "336cb5b64765e27a1a6c1bb71b941f1a");
    assert_eq!(builtin(&v), None);
    v.data_index = true;
    assert_eq!(builtin(&v), Some(Action::Drop(QUICK_ADSENSE)));
}

#[test]
fn styles_that_hide() {
    use coded::style_kind;
    assert_eq!(style_kind("display:none"), Some(StyleKind::Hidden));
    assert_eq!(
        style_kind("DISPLAY : none !important"),
        Some(StyleKind::Hidden)
    );
    assert_eq!(style_kind("display:block"), None);
    assert_eq!(
        style_kind(
            "font-size: 0px; height: 0px; line-height: 0px; margin: 0; padding: 0; clear: both;"
        ),
        Some(StyleKind::ZeroClear)
    );
    assert_eq!(style_kind("height: 0px"), None);
}

#[test]
fn a_switched_off_group_keeps_its_elements() {
    let v = View {
        tag: "div",
        id: "ez-toc-container",
        ..View::default()
    };
    let off = rules_for(&Options::default().without(RuleGroup::Toc)).unwrap();
    assert_eq!(off.classify(&v, Context::default()), None);
    assert!(builtin(&v).is_some());
}

/// Rules with the caller's rows.
fn with(rows: Vec<RuleRow>) -> Rules {
    rules_for(&Options::default().rules(rows)).unwrap()
}

fn custom(name: &'static str) -> Rule {
    Rule {
        group: Group::Custom,
        name,
    }
}

#[test]
fn the_callers_rows_come_first() {
    let v = view("div", "author-box");
    assert_eq!(builtin(&v), Some(Action::Drop(AUTHOR_BOX)));
    let keep = with(vec![
        RuleRow::new("ours", RuleMatch::Class("author-box".into())).action(RuleAction::Keep),
    ]);
    assert_eq!(keep.classify(&v, Context::default()), None);
    let unwrap = with(vec![
        RuleRow::new("box", RuleMatch::ClassWord("BOX".into())).action(RuleAction::Unwrap),
    ]);
    assert_eq!(
        unwrap.classify(&v, Context::default()),
        Some(Action::Unwrap(custom("box")))
    );
}

#[test]
fn the_callers_rows_match_as_their_keys_say() {
    let rules = with(vec![
        RuleRow::new("promo", RuleMatch::ClassPrefix("site-promo".into()))
            .guard(RuleGuard::MaxWords(30)),
        RuleRow::new("figure", RuleMatch::Tag("FIGURE".into())).context(RuleContext::InHeading),
        RuleRow::new("note", RuleMatch::Id("note".into())).tag("section"),
        RuleRow::new("beacon", RuleMatch::Attribute("data-beacon".into())),
        RuleRow::new("faded", RuleMatch::Style("opacity: 0".into())),
        RuleRow::new("ads", RuleMatch::IdPrefix("banner-".into())).group(RuleGroup::Ads),
    ]);
    let ctx = Context::default();
    assert_eq!(
        rules.classify(&view("p", "x site-promo-wide"), ctx),
        Some(Action::Defer(custom("promo"), Guard::MaxWords(30)))
    );
    assert_eq!(rules.classify(&view("figure", ""), ctx), None);
    let heading = Context {
        in_heading: true,
        in_summary: false,
    };
    assert_eq!(
        rules.classify(&view("figure", ""), heading),
        Some(Action::Drop(custom("figure")))
    );
    let mut v = view("div", "");
    v.id = "note";
    assert_eq!(rules.classify(&v, ctx), None);
    v.tag = "section";
    assert_eq!(rules.classify(&v, ctx), Some(Action::Drop(custom("note"))));
    assert!(rules.needs_all_attributes());
    let doc = parse_fragment("<p data-beacon=1>x</p>", Attrs::All);
    let p = doc
        .descendants(NodeId::ROOT)
        .find_map(|n| doc.element(n).filter(|e| e.tag == Tag::P))
        .unwrap();
    assert_eq!(
        rules.classify(&view_of(p), ctx),
        Some(Action::Drop(custom("beacon")))
    );
    let mut v = view("div", "");
    v.style = "color: red; OPACITY:0 !important";
    assert_eq!(rules.classify(&v, ctx), Some(Action::Drop(custom("faded"))));
    let mut v = view("div", "");
    v.id = "banner-top";
    let ads = Rule {
        group: Group::Builtin(RuleGroup::Ads),
        name: "ads",
    };
    assert_eq!(rules.classify(&v, ctx), Some(Action::Drop(ads)));
    // With its group off the row steps aside (and no built-in rule takes the element).
    let off =
        rules_for(&Options::default().without(RuleGroup::Ads).rule(
            RuleRow::new("ads", RuleMatch::IdPrefix("banner-".into())).group(RuleGroup::Ads),
        ));
    assert_eq!(off.unwrap().classify(&v, ctx), None);
}

#[test]
fn a_bad_row_is_an_error_naming_it() {
    let err = crate::Extractor::new(&Options::default().rules([
        RuleRow::new("fine", RuleMatch::Class("a".into())),
        RuleRow::new("spaced", RuleMatch::Class("a b".into())),
    ]))
    .unwrap_err();
    assert!(matches!(
        err.kind(),
        crate::ErrorKind::Rule { index: 1, name, .. } if name == "spaced"
    ));
    assert_eq!(
        err.to_string(),
        "invalid rule #2 (\"spaced\"): `class` = \"a b\" holds white space: one name per rule"
    );
}

#[test]
fn rows_read_from_json_as_options_do() {
    let options: Options = serde_json::from_str(
        r#"{"rules": [{"name": "promo", "class_word": "promo", "max_words": 40, "group": "boilerplate"}]}"#,
    )
    .unwrap();
    assert_eq!(
        options.rules,
        vec![
            RuleRow::new("promo", RuleMatch::ClassWord("promo".into()))
                .group(RuleGroup::Boilerplate)
                .guard(RuleGuard::MaxWords(40))
        ]
    );
    let back: Options = serde_json::from_str(&serde_json::to_string(&options).unwrap()).unwrap();
    assert_eq!(back, options);
    let err = serde_json::from_str::<Options>(r#"{"rules": [{"name": "x"}]}"#).unwrap_err();
    assert!(err.to_string().contains("matches nothing"), "{err}");
    let err = serde_json::from_str::<Options>(
        r#"{"rules": [{"name": "x", "class": "a", "max_words": 3, "share_of_post": 4}]}"#,
    )
    .unwrap_err();
    assert!(err.to_string().contains("not both"), "{err}");
}

/// The never-shown flag of the tag table (the output policy's and the share guards') and
/// the table's rows that drop a tag on sight say the same, but for two parts of a form: a
/// reader sees a fieldset's or an output's content, but a form is never an article's, so
/// the forms group drops them too. What else the rows drop by name is not HTML.
#[test]
fn tag_rows_drop_every_never_shown_tag() {
    use super::shape::{Does, Key, When};
    use super::table::rows;
    let mut on_sight: Vec<String> = Vec::new();
    for row in rows() {
        if let Key::Tag(tags) = &row.key
            && row.does == Does::Drop
            && row.test.is_none()
            && row.guard.is_none()
            && row.context == When::Anywhere
        {
            on_sight.extend(tags.iter().map(|t| t.to_string()));
        }
    }
    for tag in Tag::ALL.iter().filter(|t| t.is_never_shown()) {
        assert!(on_sight.contains(&tag.to_string()), "{tag} is never shown");
    }
    let beside: Vec<&str> = on_sight
        .iter()
        .map(String::as_str)
        .filter(|t| match Tag::from_name(t) {
            Tag::Other(_) => false,
            known => !known.is_never_shown(),
        })
        .collect();
    assert_eq!(beside, ["fieldset", "output"]);
}
