//! An HTML fragment as a post body: cleaning and extraction must never panic, the cleaned
//! HTML must clean to itself, and the engine's properties hold: P1 (the cleaned tree, written
//! and parsed again, is the same tree) and P2 (the decision pass decides nothing new on its
//! own result).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(html) = std::str::from_utf8(data) else {
        return;
    };
    let options = wpclean::Options::default();
    if let Err(failure) = wpclean::engine_properties(html, &options).unwrap() {
        panic!("{failure}");
    }
    let extractor = wpclean::Extractor::new(&options).unwrap();
    let post = wpclean::Post::from_html(html, Some("https://example.com/post/"));
    let article = extractor.extract(&post);
    let again = extractor.extract(&wpclean::Post::from_html(
        article.html.clone(),
        Some("https://example.com/post/"),
    ));
    assert_eq!(article.html, again.html, "cleaning is not idempotent");
    for link in &article.links {
        assert!(
            ["http://", "https://", "mailto:", "tel:"]
                .iter()
                .any(|p| link.href.starts_with(p)),
            "unsafe link {:?}",
            link.href
        );
    }
});
