//! An invalid `drop`/`keep` selector is an error that names the selector and says, in words,
//! what is wrong with it.

use wpclean::{ErrorKind, Extractor, Options};

fn reason(selector: &str) -> String {
    let err = Extractor::new(&Options::default().drop_selector(selector)).unwrap_err();
    match err.kind() {
        ErrorKind::Selector {
            selector: s,
            reason,
        } => {
            assert_eq!(s, selector);
            assert!(err.to_string().contains(&format!("{selector:?}")), "{err}");
            reason.clone()
        }
        other => panic!("{selector:?}: {other:?}"),
    }
}

#[test]
fn every_kind_of_mistake_is_explained() {
    for (selector, expected) in [
        ("a[=x]", "an attribute selector needs a name"),
        ("a[b|]", "namespace"),
        ("div >", "has nothing after it"),
        ("", "empty"),
        (".", "ends too early"),
        ("1a", "starts with a character"),
        ("p::", "missing at the end"),
        ("p::before", "unsupported pseudo-class or pseudo-element"),
        ("a:nosuchthing", "unsupported pseudo-class"),
        ("a[x=y z]", "unexpected character"),
        ("a[x y]", "unexpected character in an attribute selector"),
    ] {
        let r = reason(selector);
        assert!(r.contains(expected), "{selector:?}: {r:?}");
        assert!(!r.contains("developer"), "{selector:?}: {r:?}");
    }
}

#[test]
fn keep_selectors_are_checked_too() {
    let err = Extractor::new(&Options::default().keep_selector("div[")).unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Selector { selector, .. } if selector == "div["));
}
