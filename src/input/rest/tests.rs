//! Reading REST post objects: lenient fields, and what a whole parse of the JSON would say.

use super::*;

#[test]
fn decodes_percent_encoded_slugs() {
    assert_eq!(percent_decode("gr%c3%b6%c3%9fe"), "größe");
    assert_eq!(percent_decode("100%"), "100%");
    assert_eq!(percent_decode("plain"), "plain");
}

#[test]
fn offsets_from_line_and_column() {
    assert_eq!(line_col_to_offset("ab\ncd", 2, 2), 4);
    assert_eq!(line_col_to_offset("abc", 1, 3), 2);
}

#[test]
fn lenient_fields() {
    let p = Post::from_json(
        r#"{"id":"5","title":null,"content":"<p>x</p>","meta":[],"class_list":{"0":"category-news"},"categories":[3]}"#,
    )
    .unwrap();
    assert_eq!(p.id, Some(5));
    assert_eq!(p.content_html, "<p>x</p>");
    assert_eq!(p.categories[0].slug.as_deref(), Some("news"));
    assert_eq!(p.categories[0].id, Some(3));
}

#[test]
fn not_a_post() {
    let e = Post::from_json(r#"{"id":1,"name":"admin","slug":"admin"}"#).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::NotAPost(_)));
    assert_eq!(e.location().id, Some(1));
}

#[test]
fn fields_nobody_reads_are_still_checked_as_json() {
    // A lone surrogate, a number out of range, nesting past the limit: a whole parse fails
    // on each, wherever it is, and so does reading only some fields.
    for junk in [
        r#""\ud800""#,
        "1e400",
        &format!("{}{}", "[".repeat(200), "]".repeat(200)),
    ] {
        let json = format!(r#"{{"id":1,"content":{{"rendered":"<p>x</p>"}},"junk":{junk}}}"#);
        let whole = serde_json::from_str::<serde_json::Value>(&json).unwrap_err();
        let e = Post::from_json(&json).unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::Json(_)), "{junk}: {e}");
        assert!(
            e.to_string().contains(&whole.to_string()),
            "{junk}: {e} / {whole}"
        );
    }
}

#[test]
fn a_repeated_key_counts_once_with_its_last_value() {
    let p = Post::from_json(
        r#"{"id":1,"content":{"rendered":"<p>a</p>"},"content":{"raw":"<p>b</p>","rendered":5},
            "title":{"rendered":"T1","rendered":"T2"}}"#,
    )
    .unwrap();
    // `rendered` is there but not a string: `raw` is not read in its place.
    assert_eq!(p.content_html, "");
    assert_eq!(p.title_html, "T2");
}

#[test]
fn class_list_objects_are_read_in_key_order() {
    let p = Post::from_json(
        r#"{"content":"x","class_list":{"10":"category-ten","2":"category-two","1":"tag-one"}}"#,
    )
    .unwrap();
    let slugs =
        |terms: &[Term]| -> Vec<String> { terms.iter().filter_map(|t| t.slug.clone()).collect() };
    assert_eq!(slugs(&p.categories), ["ten", "two"]);
    assert_eq!(slugs(&p.tags), ["one"]);
}

#[test]
fn embedded_parts_of_any_shape() {
    let p = Post::from_json(
        r#"{"id":3,"content":"x","author":"5","_embedded":{
            "author":[{"id":9,"name":"A &amp; B","slug":"ab"},{"x":1}],
            "wp:featuredmedia":[{"source_url":"https://e.com/i.jpg","caption":{"rendered":"<p>Cap</p>"},
                "media_details":{"width":"640","height":480.5}}],
            "wp:term":[[{"id":1,"taxonomy":"category","slug":"n%C3%A9"},"junk"],{"not":"an array"}]}}"#,
    )
    .unwrap();
    let author = p.author.unwrap();
    assert_eq!(
        (author.id, author.name.as_deref()),
        (Some(5), Some("A & B"))
    );
    let image = p.featured_image.unwrap();
    assert_eq!(image.caption.as_deref(), Some("Cap"));
    assert_eq!((image.width, image.height), (Some(640), None));
    assert_eq!(p.categories[0].slug.as_deref(), Some("né"));
    // An author that is a REST error is no author.
    let p = Post::from_json(r#"{"content":"x","_embedded":{"author":[{"code":null,"id":9}]}}"#);
    assert_eq!(p.unwrap().author, None);
}

#[test]
fn what_is_not_an_object_is_named() {
    for (json, found) in [("5", "a number"), ("[1]", "an array"), ("null", "null")] {
        let e = Post::from_json(json).unwrap_err();
        assert!(
            matches!(e.kind(), ErrorKind::NotAPost(w) if w.ends_with(found)),
            "{json}: {e}"
        );
    }
}
