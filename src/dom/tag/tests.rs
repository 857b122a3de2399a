use super::{Policy, Tag};
use crate::safety::EmbedHosts;

#[test]
fn names_round_trip() {
    for name in ["p", "h6", "wbr", "my-widget", "foreignObject"] {
        assert_eq!(Tag::from_name(name).as_str(), name);
    }
    assert_eq!(Tag::from_name("p"), Tag::P);
    assert!(matches!(Tag::from_name("x-y"), Tag::Other(_)));
    for tag in Tag::ALL {
        assert_eq!(&Tag::from_name(tag.as_str()), tag);
    }
}

/// What a list of names answers, read from the table.
type Question = fn(&Tag) -> bool;

/// The lists of names the passes spelt out before the table had flags, each with the
/// method that now answers it.
const LISTS: &[(&str, Question, &str)] = &[
    (
        "block",
        Tag::is_block,
        "address article aside blockquote body center dd details dialog dir div dl dt \
         figcaption figure footer h1 h2 h3 h4 h5 h6 header hgroup hr li main menu nav ol p \
         pre section summary table caption thead tbody tfoot tr td th ul video audio iframe \
         picture object embed canvas",
    ),
    (
        "void",
        Tag::is_void,
        "area base br col embed hr img input link meta source track wbr",
    ),
    (
        "raw text",
        Tag::is_raw_text,
        "script style xmp iframe noembed noframes plaintext",
    ),
    (
        "never shown",
        Tag::is_never_shown,
        "script style template noscript object embed applet math svg form input button \
         select textarea option datalist base meta link frame frameset portal dialog canvas \
         xmp plaintext noembed noframes title",
    ),
    (
        "text block",
        Tag::is_text_block,
        "p h1 h2 h3 h4 h5 h6 li dt dd td th figcaption caption",
    ),
    (
        "inline label",
        Tag::is_inline_label,
        "span a strong b em small label",
    ),
    (
        "running text",
        Tag::is_running_text,
        "a span strong em b i small label time abbr",
    ),
    (
        "shows when empty",
        Tag::shows_when_empty,
        "img iframe video audio hr",
    ),
    (
        "kept when empty",
        |t: &Tag| !t.may_drop_when_empty(),
        "td th tr thead tbody tfoot col colgroup caption br wbr img hr iframe video audio \
         source track embed object canvas math area",
    ),
    (
        "unwrapped by the output policy",
        |t: &Tag| !t.unwraps(),
        // Allowed in the output, or never shown, or an iframe.
        "p br hr h1 h2 h3 h4 h5 h6 a strong b em i u s del ins mark small sub sup code pre \
         kbd samp var blockquote q cite abbr dfn time span div section article header footer \
         aside main figure figcaption img picture video audio source track ul ol li dl dt dd \
         table thead tbody tfoot tr th td caption colgroup col details summary address ruby \
         rt rp wbr bdi bdo iframe \
         script style template noscript object embed applet math svg form input button \
         select textarea option datalist base meta link frame frameset portal dialog canvas \
         xmp plaintext noembed noframes title",
    ),
];

#[test]
fn flags_agree_with_the_lists_they_replace() {
    let others = ["my-widget", "amp-img", "mi", "foreignobject"].map(Tag::from_name);
    for (what, has, list) in LISTS {
        let names: Vec<&str> = list.split_whitespace().collect();
        for name in &names {
            assert!(
                !matches!(Tag::from_name(name), Tag::Other(_)),
                "{name} has no row"
            );
        }
        for tag in Tag::ALL.iter().chain(&others) {
            assert_eq!(has(tag), names.contains(&tag.as_str()), "{what}: {tag}");
        }
    }
    for tag in Tag::ALL {
        assert_eq!(
            tag.breaks_words(),
            tag.is_block() || (tag.is_void() && *tag != Tag::Wbr),
            "{tag}"
        );
    }
    let levels: Vec<_> = Tag::ALL.iter().filter_map(Tag::heading_level).collect();
    assert_eq!(levels, [1, 2, 3, 4, 5, 6]);
}

#[test]
fn output_policy() {
    let hosts = EmbedHosts::new(&["youtube.com".to_string()]);
    assert_eq!(Tag::Iframe.policy(None, &hosts), Policy::Drop);
    assert_eq!(
        Tag::Iframe.policy(Some("https://www.youtube.com/embed/x"), &hosts),
        Policy::Keep
    );
    assert_eq!(Tag::Font.policy(None, &hosts), Policy::Unwrap);
    assert_eq!(
        Tag::from_name("amp-img").policy(None, &hosts),
        Policy::Unwrap
    );
    assert_eq!(Tag::Script.policy(None, &hosts), Policy::Drop);
    assert_eq!(Tag::P.policy(None, &hosts), Policy::Keep);
}
