//! The JSON reader on every layout and every way a post breaks, at every small buffer size.

use super::*;

fn read(input: &str) -> Vec<Record> {
    // Every small buffer size, so values, strings and escapes straddle chunk boundaries.
    let mut first: Option<Vec<String>> = None;
    for cap in 1..=16 {
        let r = std::io::BufReader::with_capacity(cap, input.as_bytes());
        let got: Vec<Record> = JsonReader::new(r, Some("t.json".into()), 1 << 20).collect();
        let shown = ids(&got);
        if let Some(f) = &first {
            assert_eq!(f, &shown, "buffer size {cap}");
        } else {
            first = Some(shown);
        }
        if cap == 16 {
            return got;
        }
    }
    unreachable!()
}

fn ids(records: &[Record]) -> Vec<String> {
    records
        .iter()
        .map(|r| match r {
            Record::Post { post, .. } => format!("post {}", post.id.unwrap_or(0)),
            Record::Skipped { reason, .. } => format!("skip {reason}"),
            Record::Failed(e) => format!(
                "fail #{} @{}",
                e.location().index.unwrap_or(99),
                e.location().offset.unwrap_or(0)
            ),
        })
        .collect()
}

const P: &str =
    r#"{"id":1,"title":{"rendered":"a \"quoted\" [x] {y}"},"content":{"rendered":"<p>\\\"</p>"}}"#;

#[test]
fn object_array_ndjson_and_pages() {
    assert_eq!(ids(&read(P)), ["post 1"]);
    let arr = format!("\u{feff}[{P},\n{}]", P.replace("\"id\":1", "\"id\":2"));
    assert_eq!(ids(&read(&arr)), ["post 1", "post 2"]);
    let nd = format!("{P}\n{}\n", P.replace("\"id\":1", "\"id\":3"));
    assert_eq!(ids(&read(&nd)), ["post 1", "post 3"]);
    let pages = format!("[[{P}],[{P}]]");
    assert_eq!(ids(&read(&pages)), ["post 1", "post 1"]);
    assert!(read("[]").is_empty());
    assert!(read("").is_empty());
}

#[test]
fn a_malformed_post_costs_only_itself() {
    let bad = r#"{"id":2,"title":{"rendered":"x"},"content":}"#;
    let input = format!("[{P},\n{bad},\n{}]", P.replace("\"id\":1", "\"id\":3"));
    let r = read(&input);
    assert_eq!(ids(&r)[0], "post 1");
    assert!(ids(&r)[1].starts_with("fail #1 @"));
    assert_eq!(ids(&r)[2], "post 3");
    // The offset points into the bad post.
    let Record::Failed(e) = &r[1] else { panic!() };
    let at = e.location().offset.unwrap() as usize;
    assert!(at > input.find(bad).unwrap() && at <= input.find(bad).unwrap() + bad.len());
}

#[test]
fn truncated_and_garbage() {
    let r = read(&format!("[{P}, {}", &P[..20]));
    assert_eq!(
        ids(&r),
        ["post 1".to_string(), format!("fail #1 @{}", P.len() + 3)]
    );
    let r = read(&format!("garbage\n{P}"));
    assert_eq!(ids(&r), ["fail #0 @0", "post 1"]);
    let r = read(r#"[{"id":5,"name":"admin"}, 42]"#);
    assert_eq!(ids(&r)[0], "skip an object without `content` or `title`");
    assert!(ids(&r)[1].starts_with("skip expected a JSON object"));
}

fn post(id: u32) -> String {
    P.replace("\"id\":1", &format!("\"id\":{id}"))
}

/// Five posts, the third replaced by `bad`, joined as `layout` says.
fn five_with(bad: &str, join: impl Fn(Vec<String>) -> String) -> Vec<String> {
    let mut posts: Vec<String> = (1..=5).map(post).collect();
    posts[2] = bad.to_string();
    ids(&read(&join(posts)))
}

fn ndjson(posts: Vec<String>) -> String {
    posts.join("\n") + "\n"
}

fn one_per_line_array(posts: Vec<String>) -> String {
    format!("[{}]\n", posts.join(",\n"))
}

fn expect_four_and_one_failure(got: Vec<String>, what: &str) {
    assert_eq!(got.len(), 5, "{what}: {got:?}");
    assert_eq!(
        [&got[0], &got[1], &got[3], &got[4]],
        ["post 1", "post 2", "post 4", "post 5"],
        "{what}: {got:?}"
    );
    assert!(got[2].starts_with("fail #2 @"), "{what}: {got:?}");
}

#[test]
fn reading_starts_again_after_a_malformed_line() {
    let unterminated = r#"{"id":3,"title":{"rendered":"cut here"#;
    let truncated = r#"{"id":3,"title":{"rendered":"x"},"content":{"rendered":"<p>a</p>""#;
    let missing_brace = r#"{"id":3,"title":{"rendered":"x"},"content":{"rendered":"y""#;
    let bad_value = r#"{"id":3,"title":{"rendered":"x"},"content":}"#;
    for bad in [unterminated, truncated, missing_brace, bad_value] {
        expect_four_and_one_failure(five_with(bad, ndjson), &format!("NDJSON, {bad}"));
        expect_four_and_one_failure(
            five_with(bad, one_per_line_array),
            &format!("one-per-line array, {bad}"),
        );
    }
}

#[test]
fn pretty_printed_arrays_resynchronise_at_the_next_post() {
    // PHP's JSON_PRETTY_PRINT: four spaces, each post's braces at one indentation.
    let pretty = |id: u32, content: &str| {
        format!(
            "    {{\n        \"id\": {id},\n        \"title\": {{\n            \"rendered\": \"T\"\n        }},\n        \"content\": {content}\n    }}"
        )
    };
    let good = |id| pretty(id, "{\n            \"rendered\": \"<p>x</p>\"\n        }");
    let cut = "    {\n        \"id\": 3,\n        \"title\": {\n            \"rendered\": \"T"
        .to_string();
    let unclosed =
        "    {\n        \"id\": 3,\n        \"content\": {\n            \"rendered\": \"x\"\n"
            .to_string();
    for bad in [cut, unclosed, pretty(3, "}")] {
        let posts: Vec<String> = (1..=5)
            .map(|i| if i == 3 { bad.clone() } else { good(i) })
            .collect();
        let input = format!("[\n{}\n]\n", posts.join(",\n"));
        expect_four_and_one_failure(ids(&read(&input)), &format!("pretty, {bad}"));
    }
}

#[test]
fn without_a_restart_point_the_error_says_how_much_was_skipped() {
    // One line, cut inside the third post: nothing after it can be read.
    let input = format!("[{},{},{}", post(1), post(2), &post(3)[..30]);
    let r = read(&input);
    assert_eq!(ids(&r)[..2], ["post 1", "post 2"]);
    let Record::Failed(e) = &r[2] else {
        panic!("{:?}", ids(&r))
    };
    assert!(
        e.to_string()
            .contains("the remaining 30 bytes were skipped"),
        "{e}"
    );
    // With a restart point, the error says how far it was.
    let input = format!("{}\n{}\n", &post(1)[..30], post(2));
    let r = read(&input);
    assert_eq!(ids(&r)[1], "post 2");
    let Record::Failed(e) = &r[0] else { panic!() };
    assert!(
        e.to_string().contains("31 bytes skipped to the next post"),
        "{e}"
    );
}

#[test]
fn nested_objects_on_their_own_lines_are_not_mistaken_for_posts() {
    // A valid post whose nested objects start lines further right.
    let input = "[\n  {\n    \"id\": 7,\n    \"content\":\n    {\"rendered\": \"<p>x</p>\"},\n    \"_embedded\": {\"author\": [\n      {\"id\": 1}\n    ]}\n  }\n]";
    assert_eq!(ids(&read(input)), ["post 7"]);
    // A single post at column 0 whose nested object also starts at column 0 after `:`.
    let input = "{\"id\": 8, \"content\":\n{\"rendered\": \"<p>x</p>\"}}";
    assert_eq!(ids(&read(input)), ["post 8"]);
}

#[test]
fn oversized_posts_are_skipped_with_an_error() {
    let big = format!(
        r#"{{"id":9,"content":{{"rendered":"{}"}}}}"#,
        "x".repeat(5000)
    );
    let input = format!("[{big},{P}]");
    let r: Vec<_> =
        JsonReader::new(std::io::BufReader::new(input.as_bytes()), None, 1000).collect();
    assert!(matches!(&r[0], Record::Failed(e) if matches!(e.kind(), ErrorKind::Limit(_))));
    assert!(matches!(&r[1], Record::Post { .. }));
}

#[test]
fn invalid_utf8_in_a_field_nobody_reads_fails_that_post_alone() {
    // Only some fields are kept, but the whole post is still read as JSON.
    let input = b"{\"id\":1,\"content\":\"x\",\"junk\":\"\xff\"}\n{\"id\":2,\"content\":\"y\"}\n";
    let got: Vec<Record> = JsonReader::new(&input[..], None, 1 << 20).collect();
    assert_eq!(ids(&got), ["fail #0 @30", "post 2"]);
}
