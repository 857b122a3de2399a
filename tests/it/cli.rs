//! The `wpclean` command on every input kind and output mode.

use std::io::Write;
use std::path::Path;

use predicates::prelude::*;

use crate::common::{fixture, ids, lines, wpclean};

fn post(id: u64) -> String {
    format!(
        r#"{{"id":{id},"type":"post","slug":"post-{id}","link":"https://example.com/p{id}/","title":{{"rendered":"Post {id}"}},"content":{{"rendered":"<h2 id=\"h\">Heading {id}</h2><p>Body of post {id}.</p><ins class=\"adsbygoogle\"></ins>"}}}}"#
    )
}

/// Parses "N posts read: N ok, N failed, N skipped" from the summary line.
fn tally(stderr: &[u8]) -> (u64, u64, u64, u64) {
    let s = String::from_utf8_lossy(stderr);
    let line = s
        .lines()
        .find(|l| l.contains("posts read"))
        .expect("summary line");
    let num = |label: &str| -> u64 {
        let before = &line[..line.find(label).unwrap()];
        before.split_whitespace().last().unwrap().parse().unwrap()
    };
    (
        num(" posts read"),
        num(" ok,"),
        num(" failed,"),
        num(" skipped"),
    )
}

#[test]
fn seed_object_to_ndjson() {
    let out = wpclean()
        .arg(fixture("seed-post.json"))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v = lines(&out);
    assert_eq!(v.len(), 1);
    assert_eq!(
        v[0]["title"],
        "What Does an IT Infrastructure Project Manager Do?"
    );
    assert_eq!(v[0]["headings"].as_array().unwrap().len(), 13);
}

#[test]
fn array_ndjson_gzip_and_stdin() {
    let dir = tempfile::tempdir().unwrap();
    let array = format!("[{},{}]", post(1), post(2));
    std::fs::write(dir.path().join("page.json"), &array).unwrap();
    let out = wpclean()
        .arg(dir.path().join("page.json"))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(ids(&out), [1, 2]);

    let nd = format!("{}\n{}\n", post(3), post(4));
    std::fs::write(dir.path().join("posts.ndjson"), &nd).unwrap();
    let out = wpclean()
        .arg(dir.path().join("posts.ndjson"))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(ids(&out), [3, 4]);

    let gz = dir.path().join("page.json.gz");
    let mut enc = flate2::write::GzEncoder::new(
        std::fs::File::create(&gz).unwrap(),
        flate2::Compression::default(),
    );
    enc.write_all(array.as_bytes()).unwrap();
    enc.finish().unwrap();
    let out = wpclean()
        .arg(&gz)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(ids(&out), [1, 2]);

    let out = wpclean()
        .arg("-")
        .write_stdin(nd)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(ids(&out), [3, 4]);
}

#[test]
fn directories_are_read_recursively_in_sorted_order() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    std::fs::write(dir.path().join("b.json"), post(2)).unwrap();
    std::fs::write(dir.path().join("a.json"), post(1)).unwrap();
    std::fs::write(dir.path().join("sub/c.json"), post(3)).unwrap();
    std::fs::write(dir.path().join("notes.txt"), "not an export").unwrap();
    let out = wpclean()
        .arg(dir.path())
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(ids(&out), [1, 2, 3]);
    // A glob pattern too.
    let pattern = format!("{}/*.json", dir.path().display());
    let out = wpclean()
        .arg(pattern)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(ids(&out), [1, 2]);
}

#[test]
fn wxr_export() {
    let out = wpclean()
        .arg(fixture("wxr/sample.xml"))
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "3 posts read: 2 ok, 0 failed, 1 skipped",
        ))
        .get_output()
        .stdout
        .clone();
    let v = lines(&out);
    assert_eq!(v.len(), 2);
    assert_eq!(v[0]["id"], 101);
    assert_eq!(v[0]["title"], "Spring planting & the frost");
    let text = v[0]["text"].as_str().unwrap();
    assert!(
        text.contains("A late frost is still possible.\nKeep fleece nearby."),
        "{text}"
    );
    assert!(text.contains("Water in the morning, not at night."));
    assert!(!text.contains('[') && !text.contains("<!--"), "{text}");
    assert_eq!(v[0]["images"][0]["caption"], "Bean rows under fleece");
    assert_eq!(
        v[0]["links"][0]["href"],
        "https://video.example/watch?v=frost"
    );
    assert_eq!(v[0]["categories"][0]["slug"], "vegetables");
    assert_eq!(v[0]["tags"][0]["name"], "Frost");
    assert_eq!(v[1]["type"], "page");
    assert_eq!(v[1]["headings"][0]["anchor"], "h-water");
    assert_eq!(
        v[1]["tables"][0]["header"],
        serde_json::json!(["Month", "Tap"])
    );
    assert_eq!(
        v[1]["lists"][0]["items"],
        serde_json::json!(["Close the gate", "Label your beds"])
    );
}

#[test]
fn output_formats() {
    let seed = fixture("seed-post.json");
    let out = wpclean()
        .args(["--format", "json"])
        .arg(&seed)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 1);
    wpclean()
        .args(["--format", "text"])
        .arg(&seed)
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "What Does an IT Infrastructure Project Manager Do?\n\nI'm like",
        ));
    wpclean()
        .args(["--format", "markdown"])
        .arg(&seed)
        .assert()
        .success()
        .stdout(
            predicate::str::contains("## Key Highlights").and(predicate::str::contains(
                "| Step | Easy Tasks | Bigger Tasks |",
            )),
        );
    let out = wpclean()
        .args(["--fields", "id,url"])
        .arg(&seed)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v = lines(&out);
    assert_eq!(v[0].as_object().unwrap().len(), 2);
    wpclean()
        .args(["--fields", "nope"])
        .arg(&seed)
        .assert()
        .code(2);
    // -o writes to a file.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("out.ndjson");
    wpclean()
        .arg("-o")
        .arg(&file)
        .arg(&seed)
        .assert()
        .success()
        .stdout("");
    assert_eq!(ids(&std::fs::read(&file).unwrap()), [243651]);
}

#[test]
fn out_dir_writes_one_safe_file_per_post_and_a_rerun_updates_it() {
    let dir = tempfile::tempdir().unwrap();
    let same_slug = format!(
        "[{},{},{}]",
        post(1),
        post(1).replace(r#""id":1"#, r#""id":9"#),
        post(5).replace(r#""slug":"post-5""#, r#""slug":"../../etc/passwd""#)
    );
    std::fs::write(dir.path().join("in.json"), same_slug).unwrap();
    let out = dir.path().join("out");
    wpclean()
        .args(["--format", "markdown", "--out-dir"])
        .arg(&out)
        .arg(dir.path().join("in.json"))
        .assert()
        .success();
    let names = || {
        let mut names: Vec<_> = std::fs::read_dir(&out)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        names
    };
    // Post 9 has post 1's slug: its id tells the two apart. The log records which post
    // each file holds.
    let expected = [
        ".wpclean-files.ndjson",
        "etc-passwd.md",
        "post-1-9.md",
        "post-1.md",
    ];
    assert_eq!(names(), expected);
    let md = std::fs::read_to_string(out.join("post-1.md")).unwrap();
    assert!(md.starts_with("---\ntitle: \"Post 1\"\nid: 1\n"), "{md}");
    assert!(md.contains("url: \"https://example.com/p1/\""));
    // A second run writes each post over its own file: no copies.
    std::fs::write(out.join("post-1.md"), "stale").unwrap();
    wpclean()
        .args(["--format", "markdown", "--out-dir"])
        .arg(&out)
        .arg(dir.path().join("in.json"))
        .assert()
        .success();
    assert_eq!(names(), expected);
    let again = std::fs::read_to_string(out.join("post-1.md")).unwrap();
    assert_eq!(again, md);
}

#[test]
fn order_is_kept_with_many_workers() {
    let dir = tempfile::tempdir().unwrap();
    let posts: Vec<String> = (0..1000).map(post).collect();
    std::fs::write(
        dir.path().join("big.json"),
        format!("[{}]", posts.join(",")),
    )
    .unwrap();
    let out = wpclean()
        .args(["-j", "4"])
        .arg(dir.path().join("big.json"))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(ids(&out), (0..1000).collect::<Vec<_>>());
}

#[test]
fn a_malformed_post_in_the_middle() {
    let dir = tempfile::tempdir().unwrap();
    let bad = r#"{"id":2,"title":{"rendered":"x"},"content":{"rendered":}}"#;
    let input = format!("[{},\n{bad},\n{}]", post(1), post(3));
    let offset_of_bad = input.find(bad).unwrap();
    let path = dir.path().join("page.json");
    std::fs::write(&path, &input).unwrap();
    let errors = dir.path().join("errors.ndjson");
    let assert = wpclean()
        .arg(&path)
        .arg("--errors")
        .arg(&errors)
        .assert()
        .code(1);
    let o = assert.get_output();
    assert_eq!(ids(&o.stdout), [1, 3]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("page.json, post #1"), "{stderr}");
    assert_eq!(tally(&o.stderr), (3, 2, 1, 0));
    let rec = &lines(&std::fs::read(&errors).unwrap())[0];
    assert_eq!(rec["index"], 1);
    let at = rec["offset"].as_u64().unwrap() as usize;
    assert!(
        at >= offset_of_bad && at < offset_of_bad + bad.len(),
        "{rec}"
    );
    // --fail-fast stops there.
    let o = wpclean()
        .arg(&path)
        .arg("--fail-fast")
        .assert()
        .code(1)
        .get_output()
        .clone();
    assert_eq!(ids(&o.stdout), [1]);
}

#[test]
fn a_truncated_file() {
    let dir = tempfile::tempdir().unwrap();
    let full = format!("[{},{}]", post(1), post(2));
    let path = dir.path().join("cut.json");
    std::fs::write(&path, &full[..full.len() - 40]).unwrap();
    let o = wpclean().arg(&path).assert().code(1).get_output().clone();
    assert_eq!(ids(&o.stdout), [1]);
    assert!(String::from_utf8_lossy(&o.stderr).contains("truncated"));
}

#[test]
fn missing_file_is_a_usage_error() {
    wpclean().arg("/nonexistent/posts.json").assert().code(2);
}

#[test]
fn a_missing_file_among_several_is_reported_and_the_others_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.json"), dir.path().join("b.json"));
    std::fs::write(&a, post(1)).unwrap();
    std::fs::write(&b, post(2)).unwrap();
    let absent = dir.path().join("absent.json");
    let o = wpclean()
        .arg(&a)
        .arg(&absent)
        .arg(dir.path().join("*.ndjson"))
        .arg(&b)
        .assert()
        .code(1)
        .get_output()
        .clone();
    assert_eq!(ids(&o.stdout), [1, 2]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains(&format!(
            "wpclean: error: no such file or directory: {}",
            absent.display()
        )),
        "{stderr}"
    );
    assert!(stderr.contains("no file matches"), "{stderr}");
    assert_eq!(tally(&o.stderr), (2, 2, 0, 0));
    // With nothing left to read, it stays a usage error, naming every argument.
    wpclean()
        .arg(&absent)
        .arg(dir.path().join("*.ndjson"))
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("absent.json").and(predicate::str::contains("*.ndjson")));
    // `--help` says so.
    wpclean()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "An INPUT that names no file is reported and the others are read",
        ))
        .stdout(predicate::str::contains(
            "1 some posts failed, or some INPUT names no file",
        ));
}

#[test]
fn the_json_array_is_indented_as_one_json_value() {
    // As a JSON pretty-printer writes an array: its elements indented inside `[`.
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("two.json");
    std::fs::write(&input, format!("[{},{}]", post(1), post(2))).unwrap();
    for (file, n) in [
        (input.as_path(), 2),
        (fixture("seed-post.json").as_path(), 1),
    ] {
        let out = wpclean()
            .args(["--format", "json", "-q"])
            .arg(file)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let text = String::from_utf8(out).unwrap();
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v.as_array().unwrap().len(), n);
        // `[`, then each article one level in (`  {` … `  },`), then `]`.
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!((lines[0], lines[lines.len() - 1]), ("[", "]"));
        let inner = &lines[1..lines.len() - 1];
        assert!(inner.iter().all(|l| l.starts_with("  ")), "{text}");
        assert_eq!(inner.iter().filter(|l| **l == "  {").count(), n);
        assert_eq!(inner.iter().filter(|l| **l == "  },").count(), n - 1);
        assert_eq!(inner.last(), Some(&"  }"));
        assert!(inner[1].starts_with("    \"id\": "), "{}", inner[1]);
        assert!(text.ends_with("\n]\n"));
    }
    // No article: an empty array.
    std::fs::write(
        &input,
        post(3).replace(r#""type":"post","#, r#""status":"draft","#),
    )
    .unwrap();
    wpclean()
        .args(["--format", "json", "-q"])
        .arg(&input)
        .assert()
        .success()
        .stdout("[]\n");
}

#[test]
fn out_dir_says_when_a_foreign_file_has_a_posts_name() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.json");
    std::fs::write(&input, format!("[{},{}]", post(1), post(2))).unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("post-1.md"), "my own notes").unwrap();
    let o = wpclean()
        .args(["--format", "markdown", "--out-dir"])
        .arg(&out)
        .arg(&input)
        .assert()
        .success()
        .get_output()
        .clone();
    // The foreign file is left as it is, the post goes beside it, and the summary says so.
    assert_eq!(
        std::fs::read_to_string(out.join("post-1.md")).unwrap(),
        "my own notes"
    );
    assert!(
        std::fs::read_to_string(out.join("post-1-1.md"))
            .unwrap()
            .contains("Body of post 1.")
    );
    assert!(out.join("post-2.md").is_file());
    let stderr = String::from_utf8_lossy(&o.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.contains("posts read"))
        .expect("summary");
    assert_eq!(
        lines.get(at + 1).copied(),
        Some(
            format!(
                "wpclean: 1 post written under another name in {}: a file wpclean did not write \
                 has its name, and is left as it is (post-1.md → post-1-1.md)",
                out.display()
            )
            .as_str()
        ),
        "{stderr}"
    );
    // A second run writes post 1 to the file it has now: nothing to say.
    let o = wpclean()
        .args(["--format", "markdown", "--out-dir"])
        .arg(&out)
        .arg(&input)
        .assert()
        .success()
        .get_output()
        .clone();
    assert!(!String::from_utf8_lossy(&o.stderr).contains("another name"));
    // `-q` leaves the note out with the summary.
    std::fs::remove_file(out.join(".wpclean-files.ndjson")).unwrap();
    std::fs::remove_file(out.join("post-1-1.md")).unwrap();
    std::fs::remove_file(out.join("post-2.md")).unwrap();
    wpclean()
        .args(["--format", "markdown", "-q", "--out-dir"])
        .arg(&out)
        .arg(&input)
        .assert()
        .success()
        .stderr("");
}

#[test]
#[cfg_attr(
    not(shared_corpus),
    ignore = "needs ../shared/corpus beside the checkout"
)]
fn every_post_of_the_shared_corpus_is_accounted_for() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let errors = tempfile::NamedTempFile::new().unwrap();
    let o = wpclean()
        .arg(&corpus)
        .arg("--errors")
        .arg(errors.path())
        .output()
        .unwrap();
    assert!(
        o.status.code() == Some(0) || o.status.code() == Some(1),
        "{o:?}"
    );
    let (read, ok, failed, skipped) = tally(&o.stderr);
    assert_eq!(read, ok + failed + skipped);
    assert_eq!(lines(&o.stdout).len() as u64, ok);
    let error_lines = std::fs::read_to_string(errors.path())
        .unwrap()
        .lines()
        .count() as u64;
    assert_eq!(error_lines, failed);
    assert!(ok > 300, "{ok} articles");
}

#[test]
#[cfg_attr(
    not(shared_corpus),
    ignore = "needs ../shared/corpus beside the checkout"
)]
fn wordpress_theme_unit_test_data() {
    let wxr = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus/wxr/themeunittestdata.wordpress.xml");
    let o = wpclean().arg(&wxr).assert().success().get_output().clone();
    let arts = lines(&o.stdout);
    let pages = arts.iter().filter(|a| a["type"] == "page").count();
    assert!(
        arts.len() >= 70 && pages >= 15,
        "{} articles, {pages} pages",
        arts.len()
    );
    let count = |field: &str| {
        arts.iter()
            .map(|a| a[field].as_array().unwrap().len())
            .sum::<usize>()
    };
    assert!(count("headings") >= 50 && count("tables") >= 5 && count("lists") >= 20);
    for a in &arts {
        let html = a["html"].as_str().unwrap();
        let text = a["text"].as_str().unwrap();
        assert!(!html.contains("<!--"), "block comment left in {}", a["id"]);
        for sc in [
            "[caption",
            "[gallery",
            "[embed",
            "[/caption]",
            "[audio",
            "[video",
        ] {
            assert!(!text.contains(sc), "{sc} left in {}", a["id"]);
        }
    }
    let (read, ok, failed, skipped) = tally(&o.stderr);
    assert_eq!((read, failed), (ok + skipped, 0));
}

#[test]
fn hostile_files_are_reported_not_fatal() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, bytes: &[u8]| {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    };
    // Invalid UTF-8 inside one post of an array: that post fails, the others come out.
    let mut bad = format!("[{},", post(1)).into_bytes();
    bad.extend_from_slice(b"{\"id\":2,\"content\":{\"rendered\":\"\xff\xfe\"}},");
    bad.extend_from_slice(format!("{}]", post(3)).as_bytes());
    let p = write("utf8.json", &bad);
    let o = wpclean().arg(&p).assert().code(1).get_output().clone();
    assert_eq!(ids(&o.stdout), [1, 3]);
    assert!(String::from_utf8_lossy(&o.stderr).contains("utf8.json, post #1"));

    // NUL bytes between NDJSON records and a byte-order mark: fine.
    let p = write(
        "nul.ndjson",
        format!("\u{feff}{}\n\0\n{}\n", post(1), post(2)).as_bytes(),
    );
    wpclean().arg(&p).assert().success();

    // Empty file and empty array: no posts, no failure.
    let p = write("empty.json", b"");
    wpclean().arg(&p).assert().success().stdout("");
    let p = write("empty-array.json", b"[]");
    wpclean().arg(&p).assert().success().stdout("");

    // A 50 MB single line (one huge post).
    let huge = format!(
        r#"{{"id":7,"content":{{"rendered":"<p>{}</p>"}}}}"#,
        "lorem ipsum ".repeat(4_200_000)
    );
    let p = write("huge.ndjson", huge.as_bytes());
    let o = wpclean()
        .arg(&p)
        .args(["--fields", "id"])
        .assert()
        .success()
        .get_output()
        .clone();
    assert_eq!(ids(&o.stdout), [7]);

    // Corrupt gzip: an error naming the file, not a crash.
    let mut gz = Vec::new();
    {
        let mut enc = flate2::write::GzEncoder::new(&mut gz, flate2::Compression::default());
        enc.write_all(format!("[{},{}]", post(1), post(2)).as_bytes())
            .unwrap();
        enc.finish().unwrap();
    }
    let half = gz.len() / 2;
    gz[half] ^= 0xff;
    gz[half + 1] ^= 0xff;
    let p = write("corrupt.json.gz", &gz);
    let o = wpclean().arg(&p).output().unwrap();
    assert!(matches!(o.status.code(), Some(1) | Some(2)), "{o:?}");
    assert!(String::from_utf8_lossy(&o.stderr).contains("corrupt.json.gz"));

    // WXR that is not well-formed, and WXR declaring entities (never expanded).
    let p = write(
        "broken.xml",
        b"<?xml version=\"1.0\"?><rss><channel><item><title>x</title></channel></rss>",
    );
    let o = wpclean().arg(&p).assert().code(1).get_output().clone();
    assert!(String::from_utf8_lossy(&o.stderr).contains("broken.xml"));
    let bomb = r#"<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY ext SYSTEM "file:///etc/passwd">]>
<rss xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wp="http://wordpress.org/export/1.2/"><channel>
<item><title>&d; &ext;</title><content:encoded><![CDATA[<p>body</p>]]></content:encoded><wp:post_id>5</wp:post_id><wp:post_type>post</wp:post_type></item>
</channel></rss>"#;
    let p = write("bomb.xml", bomb.as_bytes());
    let o = wpclean().arg(&p).output().unwrap();
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(!out.contains("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"));
    assert!(!out.contains("root:"));
}

/// The removals of one article, as `group/rule` strings.
fn removed(article: &serde_json::Value) -> Vec<String> {
    article["removed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            format!(
                "{}/{}",
                r["group"].as_str().unwrap(),
                r["rule"].as_str().unwrap()
            )
        })
        .collect()
}

#[test]
fn a_rules_file_adds_the_sites_own_rules() {
    let run = |args: &[&std::ffi::OsStr]| {
        let out = wpclean()
            .arg(fixture("rules/site-post.html"))
            .args(args)
            .arg("-q")
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        lines(&out).remove(0)
    };
    let rules = fixture("rules/site-rules.toml");
    let with = run(&["--rules".as_ref(), rules.as_os_str()]);
    let text = with["text"].as_str().unwrap();
    for gone in [
        "20% off",
        "weekly bread notes",
        "Beacon pixel",
        "Printable shopping list",
    ] {
        assert!(!text.contains(gone), "{gone:?} in {text:?}");
    }
    for kept in [
        "Patience is the main ingredient.",
        "baker's grandmother",
        "sourdough starter",
        "covered pot",
    ] {
        assert!(text.contains(kept), "{kept:?} missing from {text:?}");
    }
    assert!(!with["html"].as_str().unwrap().contains("pullquote-box"));
    let names = removed(&with);
    for r in [
        "custom/theme-promo",
        "forms/signup-aside",
        "custom/pull-quote",
        "custom/beacon",
        "custom/print-only",
    ] {
        assert!(names.contains(&r.to_string()), "{r} not in {names:?}");
    }
    // Without the file, the built-in author-box rule takes the recipe's own section.
    let without = run(&[]);
    assert!(
        !without["text"]
            .as_str()
            .unwrap()
            .contains("baker's grandmother")
    );
    assert!(removed(&without).contains(&"boilerplate/author-box".to_string()));
    // Switching a group off switches off the file's rows in it: the built-in rules decide
    // (an `aside` is a sidebar).
    let no_forms = run(&["--rules".as_ref(), rules.as_os_str(), "--no=forms".as_ref()]);
    let names_no_forms = removed(&no_forms);
    assert!(!names_no_forms.contains(&"forms/signup-aside".to_string()));
    assert!(names_no_forms.contains(&"boilerplate/sidebar".to_string()));

    // The same file named by a config file's `rules` key.
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("wpclean.toml");
    std::fs::write(&config, format!("rules = {:?}\n", rules.to_str().unwrap())).unwrap();
    let configured = run(&["--config".as_ref(), config.as_os_str()]);
    assert_eq!(removed(&configured), names);
}

#[test]
fn a_bad_rules_file_is_a_usage_error_naming_the_rule() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.json");
    std::fs::write(
        &path,
        r#"{"rule": [{"name": "fine", "class": "a"}, {"name": "guarded-unwrap", "class": "b", "action": "unwrap", "max_words": 5}]}"#,
    )
    .unwrap();
    wpclean()
        .arg(fixture("rules/site-post.html"))
        .arg("--rules")
        .arg(&path)
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("bad.json: rule 2 (\"guarded-unwrap\")").and(
                predicate::str::contains("only goes with `action = \"drop\"`"),
            ),
        );
}
