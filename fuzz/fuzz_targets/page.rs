//! A whole saved page, in any encoding: decoded, the post located (markers, containers, the
//! scorer), its metadata and comments read, its body cleaned. Nothing may panic, the article
//! must say how the post was found, and no script may reach the article's text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let post = wpclean::Post::from_page_bytes(data, Some("https://example.com/p/"), None);
    let extractor = wpclean::Extractor::new(&wpclean::Options::default().all_page_kinds(true))
        .expect("default options compile");
    let article = extractor.extract(&post);
    assert!(article.page.is_some());
    for c in &article.comments {
        assert!(c.parent != Some(c.id), "comment {} replies to itself", c.id);
    }
});
