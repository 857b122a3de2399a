//! Dates: one ISO 8601 form whatever the export (WXR writes `2013-01-11 20:22:19`, REST
//! `2013-01-11T20:22:19`), compared as times.

use std::io::Cursor;

use wpclean::{Article, Extractor, InputFormat, Limits, Options, Post, Record, RecordOptions};

/// The posts of a WXR document holding `items`.
fn wxr_posts(items: &str) -> Vec<Post> {
    let xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
         <rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" \
         xmlns:wp=\"http://wordpress.org/export/1.2/\"><channel>{items}</channel></rss>"
    );
    let reader = wpclean::open_reader(
        Box::new(Cursor::new(xml.into_bytes())),
        Some("test.xml".into()),
        InputFormat::Wxr,
        Limits::default().max_post_bytes,
    )
    .unwrap();
    reader
        .map(|r| match r {
            Record::Post { post, .. } => *post,
            other => panic!("not a post: {other:?}"),
        })
        .collect()
}

/// One WXR post item with the given dates and body.
fn wxr_item(id: u64, dates: &str, body: &str) -> String {
    format!(
        "<item><title>Hello</title><link>https://example.com/hello/</link>\
         <wp:post_id>{id}</wp:post_id><wp:post_type>post</wp:post_type>\
         <wp:status>publish</wp:status>{dates}\
         <content:encoded><![CDATA[<p>{body}</p>]]></content:encoded></item>"
    )
}

fn extract(post: &Post) -> Article {
    Extractor::new(&Options::default()).unwrap().extract(post)
}

/// A REST copy of post `id` with the given date fields and body.
fn rest_post(id: u64, dates: serde_json::Value, body: &str) -> Post {
    let mut v = serde_json::json!({
        "id": id, "type": "post", "link": "https://example.com/hello/",
        "title": {"rendered": "Hello"}, "content": {"rendered": format!("<p>{body}</p>")}
    });
    for (k, d) in dates.as_object().unwrap() {
        v[k] = d.clone();
    }
    Post::from_json(&v.to_string()).unwrap()
}

#[test]
fn wxr_dates_come_out_in_the_iso_form_with_utc_marked() {
    let posts = wxr_posts(&wxr_item(
        1,
        "<wp:post_date>2013-01-11 20:22:19</wp:post_date>\
         <wp:post_date_gmt>2013-01-11 19:22:19</wp:post_date_gmt>\
         <wp:post_modified>2013-02-01 08:00:00</wp:post_modified>\
         <wp:post_modified_gmt>2013-02-01 07:00:00</wp:post_modified_gmt>",
        "Body.",
    ));
    let a = extract(&posts[0]);
    assert_eq!(a.date.as_deref(), Some("2013-01-11T20:22:19"));
    assert_eq!(a.date_gmt.as_deref(), Some("2013-01-11T19:22:19Z"));
    assert_eq!(a.modified.as_deref(), Some("2013-02-01T08:00:00"));
    assert_eq!(a.modified_gmt.as_deref(), Some("2013-02-01T07:00:00Z"));
    let records = wpclean::records(&a, &RecordOptions::default());
    assert_eq!(records[0].date.as_deref(), Some("2013-01-11T20:22:19"));
    assert_eq!(records[0].modified.as_deref(), Some("2013-02-01T08:00:00"));
    assert_eq!(
        records[0].modified_gmt.as_deref(),
        Some("2013-02-01T07:00:00Z")
    );
}

#[test]
fn a_draft_s_zero_dates_are_null() {
    let posts = wxr_posts(&wxr_item(
        2,
        "<wp:post_date>2020-05-01 10:00:00</wp:post_date>\
         <wp:post_date_gmt>0000-00-00 00:00:00</wp:post_date_gmt>\
         <wp:post_modified>2020-05-02 10:00:00</wp:post_modified>\
         <wp:post_modified_gmt>0000-00-00 00:00:00</wp:post_modified_gmt>",
        "Draft.",
    ));
    let a = extract(&posts[0]);
    assert_eq!(a.date.as_deref(), Some("2020-05-01T10:00:00"));
    assert_eq!(a.date_gmt, None);
    assert_eq!(a.modified_gmt, None);
    let json = serde_json::to_value(&a).unwrap();
    assert!(json["date_gmt"].is_null(), "{}", json["date_gmt"]);
}

#[test]
fn rest_dates_come_out_in_the_same_form() {
    let p = rest_post(
        3,
        serde_json::json!({"date": "2013-01-11T20:22:19", "date_gmt": "2013-01-11T19:22:19",
            "modified": "2013-02-01T08:00:00", "modified_gmt": "2013-02-01T07:00:00"}),
        "Body.",
    );
    let a = extract(&p);
    assert_eq!(a.date.as_deref(), Some("2013-01-11T20:22:19"));
    assert_eq!(a.date_gmt.as_deref(), Some("2013-01-11T19:22:19Z"));
    assert_eq!(a.modified.as_deref(), Some("2013-02-01T08:00:00"));
    assert_eq!(a.modified_gmt.as_deref(), Some("2013-02-01T07:00:00Z"));
    // Scrapes and other tools write fractions of seconds, `Z` or an offset.
    let p = rest_post(
        4,
        serde_json::json!({"date": "2013-01-11T20:22:19.250", "date_gmt": "2013-01-11T21:22:19+02:00",
            "modified": "2013-02-01 08:00:00"}),
        "Body.",
    );
    let a = extract(&p);
    assert_eq!(a.date.as_deref(), Some("2013-01-11T20:22:19"));
    assert_eq!(a.date_gmt.as_deref(), Some("2013-01-11T19:22:19Z"));
    assert_eq!(a.modified.as_deref(), Some("2013-02-01T08:00:00"));
}

#[test]
fn a_date_that_is_no_date_is_null_with_a_warning() {
    let mut p = Post::from_html("<p>Body.</p>", Some("https://example.com/p/"));
    p.date = Some("last Tuesday".into());
    let a = extract(&p);
    assert_eq!(a.date, None);
    assert!(
        a.warnings.iter().any(|w| w.contains("last Tuesday")),
        "{:?}",
        a.warnings
    );
}

#[cfg(feature = "index")]
mod index {
    use super::*;
    use wpclean::{SearchIndex, SearchOptions, Upsert};

    fn upsert(index: &SearchIndex, post: &Post) -> Upsert {
        let records = wpclean::records(&extract(post), &RecordOptions::default());
        let mut w = index.writer().unwrap();
        let outcome = w.upsert(&records).unwrap();
        w.commit().unwrap();
        outcome
    }

    fn found(index: &SearchIndex, word: &str) -> bool {
        !index
            .search(word, &SearchOptions::default())
            .unwrap()
            .is_empty()
    }

    #[test]
    fn an_older_rest_copy_does_not_replace_a_newer_wxr_copy() {
        // Same day: as strings, `2013-01-11T20:22:19` sorts after `2013-01-11 21:00:00`
        // (`T` > space), although it is 38 minutes earlier.
        let dir = tempfile::tempdir().unwrap();
        let index = SearchIndex::open_or_create(dir.path()).unwrap();
        let newer = wxr_posts(&wxr_item(
            10,
            "<wp:post_modified>2013-01-11 21:00:00</wp:post_modified>",
            "Fresh words.",
        ));
        let older = rest_post(
            10,
            serde_json::json!({"modified": "2013-01-11T20:22:19"}),
            "Stale words.",
        );
        assert_eq!(upsert(&index, &newer[0]), Upsert::Indexed);
        assert_eq!(upsert(&index, &older), Upsert::KeptNewer);
        assert!(found(&index, "fresh"));
        assert!(!found(&index, "stale"));
        // And the other way round, the newer copy replaces the older one.
        let dir = tempfile::tempdir().unwrap();
        let index = SearchIndex::open_or_create(dir.path()).unwrap();
        assert_eq!(upsert(&index, &older), Upsert::Indexed);
        assert_eq!(upsert(&index, &newer[0]), Upsert::Indexed);
        assert!(found(&index, "fresh"));
        assert!(!found(&index, "stale"));
    }

    #[test]
    fn the_utc_time_decides_when_both_copies_have_it() {
        // The site's time zone changed between the two exports: in local time the REST copy
        // looks newer (09:30 > 09:00), in UTC it is older (07:30 < 08:00).
        let dir = tempfile::tempdir().unwrap();
        let index = SearchIndex::open_or_create(dir.path()).unwrap();
        let newer = wxr_posts(&wxr_item(
            11,
            "<wp:post_modified>2024-03-01 09:00:00</wp:post_modified>\
             <wp:post_modified_gmt>2024-03-01 08:00:00</wp:post_modified_gmt>",
            "Fresh words.",
        ));
        let older = rest_post(
            11,
            serde_json::json!({"modified": "2024-03-01T09:30:00", "modified_gmt": "2024-03-01T07:30:00"}),
            "Stale words.",
        );
        assert_eq!(upsert(&index, &newer[0]), Upsert::Indexed);
        assert_eq!(upsert(&index, &older), Upsert::KeptNewer);
        assert!(found(&index, "fresh"));
        assert!(!found(&index, "stale"));
    }
}
