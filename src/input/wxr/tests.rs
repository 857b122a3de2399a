//! The WXR reader on small exports of its own and on every export of the shared corpus.

use super::*;
use crate::error::ErrorKind;
use std::io::BufReader;
use std::time::{Duration, Instant};

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/wxr/");

/// The records of a corpus file.
fn corpus(name: &str) -> Vec<Record> {
    let path = format!("{CORPUS}{name}");
    let file = std::fs::File::open(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    WxrReader::new(BufReader::new(file), Some(name.to_string())).collect()
}

fn read_str(xml: &str) -> Vec<Record> {
    WxrReader::new(xml.as_bytes(), None).collect()
}

fn posts(records: &[Record]) -> Vec<(&Post, &Location)> {
    records
        .iter()
        .filter_map(|r| match r {
            Record::Post { post, location } => Some((&**post, location)),
            _ => None,
        })
        .collect()
}

fn item(fields: &str) -> String {
    format!(
        "<?xml version=\"1.0\"?>\n<rss xmlns:wp=\"http://wordpress.org/export/1.2/\" \
         xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel>\
         <item>{fields}</item></channel></rss>"
    )
}

#[test]
#[cfg_attr(
    not(shared_corpus),
    ignore = "needs ../shared/corpus beside the checkout"
)]
fn theme_unit_test_data() {
    let records = corpus("themeunittestdata.wordpress.xml");
    assert!(
        !records.iter().any(|r| matches!(r, Record::Failed(_))),
        "{records:?}"
    );
    let posts = posts(&records);
    let kinds = |k: &str| {
        posts
            .iter()
            .filter(|(p, _)| p.kind.as_deref() == Some(k))
            .count()
    };
    assert!(kinds("post") > 30, "{} posts", kinds("post"));
    assert!(kinds("page") > 5, "{} pages", kinds("page"));
    let skipped: Vec<String> = records
        .iter()
        .filter_map(|r| match r {
            Record::Skipped { reason, .. } => Some(reason.to_string()),
            _ => None,
        })
        .collect();
    assert!(skipped.contains(&"post type \"attachment\"".to_string()));
    assert!(skipped.contains(&"post type \"nav_menu_item\"".to_string()));
    assert_eq!(posts.len() + skipped.len(), records.len());

    let (sticky, loc) = posts
        .iter()
        .find(|(p, _)| p.id == Some(1241))
        .expect("post 1241");
    assert_eq!(sticky.title_html, "Template: Sticky");
    assert_eq!(sticky.slug.as_deref(), Some("template-sticky"));
    assert_eq!(sticky.status.as_deref(), Some("publish"));
    assert_eq!(sticky.format, ContentFormat::Raw);
    assert_eq!(
        sticky.link.as_deref(),
        Some("https://wpthemetestdata.wordpress.com/2012/01/07/template-sticky/")
    );
    assert_eq!(
        sticky.author.as_ref().and_then(|a| a.slug.as_deref()),
        Some("themedemos")
    );
    let slugs =
        |terms: &[Term]| -> Vec<String> { terms.iter().filter_map(|t| t.slug.clone()).collect() };
    assert_eq!(slugs(&sticky.categories), ["classic", "uncategorized"]);
    assert_eq!(slugs(&sticky.tags), ["sticky-2", "template"]);
    assert_eq!(sticky.categories[0].name.as_deref(), Some("Classic"));
    assert!(
        sticky
            .content_html
            .starts_with("This is a sticky post.\n\nThere are")
    );
    assert!(sticky.content_html.ends_with("</ul>"));
    assert_eq!(loc.id, Some(1241));
    assert_eq!(loc.file.as_deref(), Some("themeunittestdata.wordpress.xml"));

    // Locations: indexes count every item; offsets point at `<item>`.
    let bytes = std::fs::read(format!("{CORPUS}themeunittestdata.wordpress.xml")).unwrap();
    let offset = loc.offset.unwrap() as usize;
    assert!(bytes[offset..].starts_with(b"<item>"));
    let mut last = None;
    for (i, r) in records.iter().enumerate() {
        let l = match r {
            Record::Post { location, .. } | Record::Skipped { location, .. } => location,
            Record::Failed(_) => unreachable!(),
        };
        assert_eq!(l.index, Some(i as u64));
        assert!(l.offset > last);
        last = l.offset;
    }
}

#[test]
#[cfg_attr(
    not(shared_corpus),
    ignore = "needs ../shared/corpus beside the checkout"
)]
fn every_corpus_file_reads() {
    let dir = std::fs::read_dir(CORPUS).expect("the shared corpus");
    let mut names: Vec<String> = Vec::new();
    for e in dir.flatten() {
        let p = e.path();
        if p.is_dir() {
            for f in std::fs::read_dir(&p).unwrap().flatten() {
                names.push(format!(
                    "{}/{}",
                    p.file_name().unwrap().to_string_lossy(),
                    f.file_name().to_string_lossy()
                ));
            }
        } else {
            names.push(p.file_name().unwrap().to_string_lossy().into_owned());
        }
    }
    names.sort();
    for name in names {
        let records = corpus(&name);
        let failed = records
            .iter()
            .filter(|r| matches!(r, Record::Failed(_)))
            .count();
        eprintln!(
            "{name}: {} records, {} posts, {failed} failed",
            records.len(),
            posts(&records).len()
        );
        if !name.contains("malformed") {
            assert_eq!(failed, 0, "{name}: {records:?}");
        }
    }
}

#[test]
#[cfg_attr(
    not(shared_corpus),
    ignore = "needs ../shared/corpus beside the checkout"
)]
fn malformed_file_fails_with_offset() {
    let records = corpus("wordpress-importer/phpunit__data__malformed.xml");
    let Some(Record::Failed(e)) = records.last() else {
        panic!("{records:?}");
    };
    assert!(matches!(e.kind(), ErrorKind::Xml(m) if m.contains("malformed XML at byte")));
    let offset = e.location().offset.expect("offset");
    let bytes = std::fs::read(format!(
        "{CORPUS}wordpress-importer/phpunit__data__malformed.xml"
    ))
    .unwrap();
    assert!(bytes[offset as usize..].starts_with(b"</channel>"), "{e}");
    assert!(e.to_string().contains(&format!("byte {offset}")));
}

#[test]
fn error_after_items_keeps_them_and_stops() {
    let xml = item("<title>One</title><wp:post_id>1</wp:post_id><wp:post_type>post</wp:post_type>")
        .replace("</channel>", "<item><title>Two</title></oops></channel>");
    let mut reader = WxrReader::new(xml.as_bytes(), Some("x.xml".into()));
    assert!(matches!(reader.next(), Some(Record::Post { .. })));
    let Some(Record::Failed(e)) = reader.next() else {
        panic!("expected a failure");
    };
    assert_eq!(e.location().index, Some(1));
    assert_eq!(e.location().file.as_deref(), Some("x.xml"));
    assert_eq!(
        e.location().offset,
        Some(xml.find("</oops>").unwrap() as u64)
    );
    assert!(reader.next().is_none());
    assert!(reader.next().is_none());
    assert_eq!(reader.bytes_read(), reader.reader.buffer_position());
}

#[test]
fn not_wxr_fails() {
    for input in ["", "{\"id\": 1}", "<feed><entry/></feed>"] {
        let records = read_str(input);
        assert!(
            matches!(&records[..], [Record::Failed(e)] if e.to_string().contains("not a WXR export")),
            "{input}: {records:?}"
        );
    }
    // An export with no items is not an error.
    assert!(read_str("<rss><channel><title>Empty</title></channel></rss>").is_empty());
}

#[test]
fn byte_order_mark_is_skipped() {
    let xml = format!(
        "\u{feff}{}",
        item("<wp:post_type>post</wp:post_type><title>T</title>")
    );
    let records = read_str(&xml);
    assert_eq!(posts(&records).len(), 1, "{records:?}");
}

#[test]
fn truncated_file_fails() {
    let xml = item("<title>One</title><wp:post_type>post</wp:post_type>");
    let cut = &xml[..xml.find("</item>").unwrap()];
    let records = read_str(cut);
    assert_eq!(records.len(), 1);
    assert!(matches!(&records[0], Record::Failed(e) if e.location().index == Some(0)));
}

#[test]
fn entities_are_never_expanded() {
    let mut laughs = String::from(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\">\
         <!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">",
    );
    // A billion laughs: expanding &z; would need 10^9 bytes.
    let mut prev = 'b';
    for c in 'c'..='j' {
        laughs.push_str(&format!(
            "<!ENTITY {c} \"{}\">",
            format!("&{prev};").repeat(10)
        ));
        prev = c;
    }
    laughs.push_str("]>\n<rss><channel><item><title>&b; &j; &amp; &#233;&#x4E2D; &undefined;</title>\
        <wp:post_type>post</wp:post_type><content:encoded>x &j; y</content:encoded></item></channel></rss>");
    let start = Instant::now();
    let records = read_str(&laughs);
    assert!(start.elapsed() < Duration::from_secs(2));
    let posts = posts(&records);
    assert_eq!(posts.len(), 1, "{records:?}");
    assert_eq!(posts[0].0.title_html, "&b; &j; & é中 &undefined;");
    assert_eq!(posts[0].0.content_html, "x &j; y");
}

#[test]
fn cdata_sections_are_concatenated() {
    let records = read_str(&item(
        "<wp:post_type><![CDATA[page]]></wp:post_type>\
         <content:encoded><![CDATA[a ]]]]><![CDATA[> b]]>&lt;c&gt;</content:encoded>\
         <excerpt:encoded>plain &amp; text</excerpt:encoded>\
         <title/><wp:post_date_gmt>0000-00-00 00:00:00</wp:post_date_gmt>\
         <wp:post_modified>2020-01-02 03:04:05</wp:post_modified>\
         <wp:post_name>gr%c3%b6%c3%9fe</wp:post_name>\
         <category domain=\"post_tag\" nicename=\"a&amp;b\"><![CDATA[A &amp; B]]></category>\
         <category domain=\"nav_menu\" nicename=\"menu\">Menu</category>",
    ));
    let posts = posts(&records);
    let p = posts[0].0;
    assert_eq!(p.kind.as_deref(), Some("page"));
    assert_eq!(p.content_html, "a ]]> b<c>");
    assert_eq!(p.excerpt_html, "plain & text");
    assert_eq!(p.title_html, "");
    assert_eq!(p.date_gmt, None);
    assert_eq!(p.modified.as_deref(), Some("2020-01-02T03:04:05"));
    assert_eq!(p.slug.as_deref(), Some("größe"));
    assert_eq!(p.tags.len(), 1, "{:?}", p.tags);
    assert_eq!(p.tags[0].slug.as_deref(), Some("a&b"));
    assert_eq!(p.tags[0].name.as_deref(), Some("A & B"));
    assert!(p.categories.is_empty());
}

#[test]
fn other_post_types_are_skipped() {
    let records = read_str(&item(
        "<wp:post_id>9</wp:post_id><wp:post_type>wp_block</wp:post_type>",
    ));
    assert!(matches!(
        &records[..],
        [Record::Skipped { reason, location }]
            if reason.to_string() == "post type \"wp_block\"" && location.id == Some(9)
    ));
    let records = read_str(&item("<title>No type</title>"));
    assert!(matches!(
        &records[..],
        [Record::Skipped {
            reason: SkipReason::NoPostType,
            ..
        }]
    ));
    assert_eq!(
        SkipReason::NoPostType.to_string(),
        "item without a wp:post_type"
    );
}

#[test]
fn crlf_and_nested_children() {
    let records = read_str(&item(
        "<wp:post_type>post</wp:post_type><content:encoded>a\r\nb\rc</content:encoded>\
         <wp:postmeta><wp:meta_key>title</wp:meta_key><title>not mine</title></wp:postmeta>\
         <wp:comment><wp:comment_content>hi</wp:comment_content></wp:comment>\
         <title>Mine</title>",
    ));
    let p = posts(&records)[0].0;
    assert_eq!(p.content_html, "a\nb\nc");
    assert_eq!(p.title_html, "Mine");
}

#[test]
#[cfg_attr(
    not(shared_corpus),
    ignore = "needs ../shared/corpus beside the checkout"
)]
fn wxr_1_0_terms() {
    let records = corpus("wordpress-importer/phpunit__data__valid-wxr-1.0.xml");
    let all = posts(&records);
    assert_eq!(all.len(), 6);
    let hello = all
        .iter()
        .find(|(p, _)| !p.tags.is_empty())
        .expect("a post with tags")
        .0;
    let slugs =
        |terms: &[Term]| -> Vec<Option<String>> { terms.iter().map(|t| t.slug.clone()).collect() };
    assert_eq!(slugs(&hello.categories), [Some("alpha".to_string())]);
    assert_eq!(
        slugs(&hello.tags),
        [Some("news".to_string()), Some("roar".to_string())]
    );
    // A bare `<category>` alone still counts, without a slug.
    let records = read_str(&item(
        "<wp:post_type>post</wp:post_type><category><![CDATA[Old]]></category>",
    ));
    let p = posts(&records)[0].0;
    assert_eq!(p.categories.len(), 1);
    assert_eq!(p.categories[0].name.as_deref(), Some("Old"));
    assert_eq!(p.categories[0].slug, None);
}

#[test]
#[cfg_attr(
    not(shared_corpus),
    ignore = "needs ../shared/corpus beside the checkout"
)]
fn utf8_challenges() {
    let records = corpus("wordpress-importer/phpunit__data__wxr-utf-8-challenges.xml");
    let posts = posts(&records);
    assert_eq!(posts.len(), 1);
    assert!(posts[0].0.title_html.contains("Rob\u{202D}ert"));
}
