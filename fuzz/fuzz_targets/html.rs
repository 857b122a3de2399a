//! An HTML fragment as a post body: cleaning and extraction must never panic, and the
//! cleaned HTML must clean to itself.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(html) = std::str::from_utf8(data) else {
        return;
    };
    let extractor = wpclean::Extractor::new(&wpclean::Options::default()).unwrap();
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
