//! The command line as a new user meets it: errors that say what to do, options that list
//! their values, HTML files, date ranges, a config file, `search` exit codes.

use predicates::prelude::*;

use crate::common::{fixture, ids, lines, wpclean};

fn post(id: u64, modified: &str) -> String {
    format!(
        r#"{{"id":{id},"type":"post","slug":"p{id}","modified":"{modified}","link":"https://example.com/p{id}/","title":{{"rendered":"Post {id}"}},"content":{{"rendered":"<p>Body {id}.</p><div class=\"promo\">Buy</div><iframe src=\"https://player.example.org/v/{id}\"></iframe>"}}}}"#
    )
}

fn summary(stderr: &[u8]) -> String {
    String::from_utf8_lossy(stderr)
        .lines()
        .find(|l| l.contains("posts read"))
        .expect("summary line")
        .to_string()
}

#[test]
fn an_invalid_selector_names_itself_and_the_mistake() {
    for (flag, selector, reason) in [
        ("--drop", "a[=x]", "an attribute selector needs a name"),
        (
            "--keep",
            "div >",
            "a combinator (`>`, `+`, `~`) has nothing after it",
        ),
    ] {
        wpclean()
            .arg(flag)
            .arg(selector)
            .arg(fixture("seed-post.json"))
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(format!(
                "{flag}: invalid CSS selector {selector:?}: {reason}"
            )))
            .stderr(predicate::str::contains("developer").not());
    }
}

#[test]
fn enum_options_list_their_values() {
    let cases: [(&[&str], &str); 5] = [
        (
            &["--no", "adz"],
            "ads, toc, social, related, forms, hidden, boilerplate",
        ),
        (&["--format", "yaml"], "ndjson, json, text, markdown"),
        (&["--input-format", "csv"], "auto, json, wxr"),
        (&["--fields", "id,titel"], "title"),
        (&["records", "--format", "csv"], "ndjson, bulk"),
    ];
    for (args, values) in cases {
        wpclean()
            .args(args)
            .arg(fixture("seed-post.json"))
            .assert()
            .code(2)
            .stderr(predicate::str::contains("possible values"))
            .stderr(predicate::str::contains(values));
    }
}

#[test]
fn fields_with_a_text_format_is_refused() {
    for format in ["text", "markdown"] {
        wpclean()
            .args(["--fields", "id,title", "--format", format])
            .arg(fixture("seed-post.json"))
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(
                "--fields selects fields of JSON output",
            ));
    }
    let out = wpclean()
        .args(["--fields", "id,title", "-q"])
        .arg(fixture("seed-post.json"))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v = &lines(&out)[0];
    assert_eq!(v.as_object().unwrap().len(), 2, "{v}");
}

#[test]
fn an_html_file_given_explicitly_is_cleaned_as_a_post_body() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("About Us.html");
    std::fs::write(
        &page,
        "<h2 id=\"team\">Team</h2><p>See <a href=\"/contact/\">contact</a>.</p><ins class=\"adsbygoogle\"></ins>",
    )
    .unwrap();
    let o = wpclean()
        .arg(&page)
        .args(["--url", "https://example.com/about/"])
        .assert()
        .success()
        .get_output()
        .clone();
    let a = &lines(&o.stdout)[0];
    assert_eq!(a["slug"], "About Us");
    assert_eq!(a["url"], "https://example.com/about/");
    assert_eq!(a["links"][0]["href"], "https://example.com/contact/");
    assert_eq!(a["headings"][0]["anchor"], "team");
    assert_eq!(a["removed"][0]["group"], "ads");
    let warnings = a["warnings"].as_array().unwrap();
    assert!(
        warnings
            .iter()
            .any(|w| w.as_str().unwrap().contains("bare post body")),
        "{warnings:?}"
    );
    assert!(summary(&o.stderr).contains("1 posts read: 1 ok, 0 failed, 0 skipped"));

    // With --out-dir the file name gives the output name.
    let out = dir.path().join("out");
    wpclean()
        .arg(&page)
        .args(["--format", "markdown", "-q", "--out-dir"])
        .arg(&out)
        .assert()
        .success();
    assert!(out.join("About-Us.md").is_file());
}

#[test]
fn html_files_in_a_directory_are_read_as_pages_or_bare_bodies() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.json"), post(1, "2020-01-01T00:00:00")).unwrap();
    std::fs::create_dir_all(dir.path().join("site/2024/05/hello")).unwrap();
    std::fs::write(
        dir.path().join("site/2024/05/hello/index.html"),
        "<!DOCTYPE html><html><head><link rel=canonical href=\"https://example.com/2024/05/hello/\"></head>\
         <body class=\"single postid-9\"><nav>Menu</nav><article class=\"post-9\">\
         <div class=\"entry-content\"><p>A saved page.</p></div></article></body></html>",
    )
    .unwrap();
    std::fs::write(dir.path().join("saved.html"), "<p>A fragment</p>").unwrap();
    std::fs::write(dir.path().join("notes.txt"), "not an export").unwrap();
    let o = wpclean()
        .arg(dir.path())
        .assert()
        .success()
        .get_output()
        .clone();
    let articles = lines(&o.stdout);
    let ids: Vec<_> = articles.iter().map(|a| a["id"].as_u64()).collect();
    assert_eq!(ids, [Some(1), None, Some(9)]);
    assert_eq!(articles[2]["url"], "https://example.com/2024/05/hello/");
    assert_eq!(articles[2]["slug"], "hello");
    assert_eq!(articles[2]["text"], "A saved page.");
    assert_eq!(articles[1]["text"], "A fragment");
    let s = summary(&o.stderr);
    assert!(s.contains("3 posts read: 3 ok, 0 failed, 0 skipped"), "{s}");
}

#[test]
fn since_and_until_filter_on_modified_in_both_date_forms() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("posts.ndjson");
    // REST form and WXR form; as strings "2013-01-11 23:00:00" < "2013-01-11T01:00:00".
    let posts = [
        post(1, "2013-01-10T12:00:00"),
        post(2, "2013-01-11 23:00:00"),
        post(3, "2013-01-11T01:00:00"),
        post(4, "2013-02-01T00:00:00"),
        r#"{"id":5,"type":"post","title":{"rendered":"No date"},"content":{"rendered":"<p>x</p>"}}"#
            .to_string(),
    ];
    std::fs::write(&input, posts.join("\n")).unwrap();
    let run = |args: &[&str]| {
        let o = wpclean()
            .arg(&input)
            .args(args)
            .assert()
            .success()
            .get_output()
            .clone();
        (ids(&o.stdout), summary(&o.stderr))
    };
    let (got, s) = run(&["--since", "2013-01-11T02:00:00"]);
    assert_eq!(got, [2, 4], "{s}");
    assert!(s.contains("5 posts read: 2 ok, 0 failed, 3 skipped"), "{s}");
    assert!(
        s.contains("modified before --since 2013-01-11T02:00:00 2"),
        "{s}"
    );
    assert!(s.contains("no readable modified date"), "{s}");
    // A bare --until date includes its whole day.
    assert_eq!(run(&["--until", "2013-01-11"]).0, [1, 2, 3]);
    assert_eq!(
        run(&["--since", "2013-01-11", "--until", "2013-01-31"]).0,
        [2, 3]
    );
    wpclean()
        .arg(&input)
        .args(["--since", "11/01/2013"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("expected an ISO date"));
}

#[test]
fn since_reads_wxr_dates() {
    // The fixture's post was modified "2024-04-16 09:30:00" (WXR form); its page has no date.
    let kept = |since: &str| {
        ids(&wpclean()
            .arg(fixture("wxr/sample.xml"))
            .args(["-q", "--since", since])
            .assert()
            .success()
            .get_output()
            .stdout)
    };
    let post = kept("2024-04-16T09:00:00");
    assert_eq!(post.len(), 1);
    assert_eq!(kept("2024-04-16 09:30:00"), post);
    assert!(kept("2024-04-16T09:31:00").is_empty());
}

#[test]
fn iframe_host_keeps_that_hosts_iframes() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("p.json");
    std::fs::write(&input, post(1, "2020-01-01T00:00:00")).unwrap();
    let html = |args: &[&str]| {
        lines(
            &wpclean()
                .arg(&input)
                .args(args)
                .arg("-q")
                .assert()
                .success()
                .get_output()
                .stdout,
        )[0]["html"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert!(!html(&[]).contains("<iframe"));
    assert!(html(&["--iframe-host", "example.org"]).contains("player.example.org/v/1"));
}

#[test]
fn a_config_file_holds_options_and_flags_override_it() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("p.json");
    std::fs::write(&input, post(1, "2020-01-01T00:00:00")).unwrap();
    let config = dir.path().join("wpclean.toml");
    std::fs::write(
        &config,
        "drop = [\".promo\"]\niframe-host = [\"player.example.org\"]\nfields = [\"id\", \"html\", \"removed\"]\nmax-depth = 256\nquiet = true\nmax-chars = 100\n",
    )
    .unwrap();
    let o = wpclean()
        .arg("--config")
        .arg(&config)
        .arg(&input)
        .assert()
        .success()
        .get_output()
        .clone();
    // `quiet` from the file: no summary line; `max-chars` belongs to other commands.
    assert_eq!(String::from_utf8_lossy(&o.stderr), "");
    let a = &lines(&o.stdout)[0];
    assert_eq!(a.as_object().unwrap().len(), 3, "{a}");
    let html = a["html"].as_str().unwrap();
    assert!(
        !html.contains("Buy") && html.contains("player.example.org"),
        "{html}"
    );
    assert!(a["removed"].to_string().contains("custom"));

    // A flag on the command line replaces the file's value, lists included.
    let o = wpclean()
        .args(["--drop", ".nothing", "--fields", "id,html"])
        .arg("--config")
        .arg(&config)
        .arg(&input)
        .assert()
        .success()
        .get_output()
        .clone();
    let a = &lines(&o.stdout)[0];
    assert_eq!(a.as_object().unwrap().len(), 2, "{a}");
    assert!(a["html"].as_str().unwrap().contains("Buy"));

    // The same file serves `records`, which has `max-chars` but no `fields`.
    let o = wpclean()
        .args(["records", "--config"])
        .arg(&config)
        .arg(&input)
        .assert()
        .success()
        .get_output()
        .clone();
    assert!(
        lines(&o.stdout)
            .iter()
            .all(|r| r["content"].as_str().unwrap().chars().count() <= 100)
    );
}

#[test]
fn the_config_file_takes_the_status_options() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("c.toml");
    let count = |config_text: Option<&str>| {
        let mut cmd = wpclean();
        if let Some(text) = config_text {
            std::fs::write(&config, text).unwrap();
            cmd.arg("--config").arg(&config);
        }
        lines(
            &cmd.arg(fixture("wxr/statuses.xml"))
                .arg("-q")
                .assert()
                .success()
                .get_output()
                .stdout,
        )
        .len()
    };
    let published = count(None);
    let any = count(Some("status = [\"any\"]\n"));
    assert!(
        any > published,
        "{any} with any status, {published} published"
    );
}

#[test]
fn config_file_mistakes_name_the_key_and_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("bad.toml");
    let run = |text: &str| {
        std::fs::write(&config, text).unwrap();
        let o = wpclean()
            .arg("--config")
            .arg(&config)
            .arg(fixture("seed-post.json"))
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2), "{o:?}");
        assert!(o.stdout.is_empty());
        String::from_utf8_lossy(&o.stderr).to_string()
    };
    let e = run("drop = [\".a\"]\ndorp = [\".b\"]\n");
    assert!(
        e.contains("bad.toml") && e.contains("dorp") && e.contains("line 2"),
        "{e}"
    );
    let e = run("max-depth = \"deep\"\n");
    assert!(e.contains("bad.toml") && e.contains("max-depth"), "{e}");
    // Values are checked as the flags' values are.
    let e = run("no = [\"adz\"]\n");
    assert!(
        e.contains("possible values") && e.contains("bad.toml"),
        "{e}"
    );
    let e = run("drop = [\"a[=x]\"]\n");
    assert!(e.contains("--drop: invalid CSS selector"), "{e}");
    wpclean()
        .arg("--config")
        .arg(dir.path().join("absent.toml"))
        .arg(fixture("seed-post.json"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("absent.toml"));
}

#[test]
fn records_es_index_and_its_deprecated_spelling() {
    let bulk = |args: &[&str]| {
        wpclean()
            .args(["records", "--format", "bulk", "-q"])
            .args(args)
            .arg(fixture("seed-post.json"))
            .assert()
            .success()
            .get_output()
            .clone()
    };
    let o = bulk(&["--es-index", "site"]);
    assert_eq!(lines(&o.stdout)[0]["index"]["_index"], "site");
    assert!(o.stderr.is_empty());
    let o = bulk(&["--index", "old"]);
    assert_eq!(lines(&o.stdout)[0]["index"]["_index"], "old");
    assert!(String::from_utf8_lossy(&o.stderr).contains("deprecated: use `--es-index NAME`"));
    assert_eq!(lines(&bulk(&[]).stdout)[0]["index"]["_index"], "wpclean");
}

#[cfg(feature = "index")]
#[test]
fn search_exits_1_without_hits_and_summarises_after_the_hits() {
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("idx");
    wpclean()
        .args(["index", "-q", "--index"])
        .arg(&index)
        .arg(fixture("seed-post.json"))
        .assert()
        .success();
    wpclean()
        .arg("search")
        .arg(&index)
        .arg("zzzunfindablezzz")
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains("0 hits"));
    // Both streams into one pipe, as on a terminal: the summary comes last.
    let o = std::process::Command::new("sh")
        .arg("-c")
        .arg("\"$0\" search \"$1\" project 2>&1")
        .arg(assert_cmd::cargo::cargo_bin("wpclean"))
        .arg(&index)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    let text = String::from_utf8(o.stdout).unwrap();
    let last = text.trim_end().lines().last().unwrap();
    assert!(text.starts_with("1. ["), "{text}");
    assert!(
        last.starts_with("wpclean: ") && last.contains("hits for \"project\""),
        "{text}"
    );
}

#[test]
fn saved_pages_are_counted_by_how_their_post_was_found_and_listings_by_their_kind() {
    let o = wpclean()
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/pages"))
        .assert()
        .success()
        .get_output()
        .clone();
    let s = summary(&o.stderr);
    assert!(
        s.contains("15 posts read: 11 ok, 0 failed, 4 skipped"),
        "{s}"
    );
    assert!(s.contains("page kind: category archive 1"), "{s}");
    assert!(
        s.contains("pages: 6 by marker, 3 by container, 2 by the scorer"),
        "{s}"
    );
    // `--all-page-kinds` cleans the listings too.
    let o = wpclean()
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/pages"))
        .arg("--all-page-kinds")
        .assert()
        .success()
        .get_output()
        .clone();
    let kinds: Vec<_> = lines(&o.stdout)
        .iter()
        .map(|a| a["page"]["kind"].as_str().unwrap().to_string())
        .collect();
    assert!(kinds.contains(&"search results".to_string()), "{kinds:?}");
}

#[test]
fn html_on_standard_input_is_read_as_a_page_or_a_fragment_not_as_wxr() {
    let page = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/pages/03-generatepress-single.html"
    ))
    .unwrap();
    let o = wpclean()
        .arg("-")
        .write_stdin(page)
        .assert()
        .success()
        .get_output()
        .clone();
    let a = &lines(&o.stdout)[0];
    assert_eq!(a["id"], 5540);
    assert_eq!(a["page"]["found_by"], "marker");

    let o = wpclean()
        .args(["-", "--url", "https://example.com/p/"])
        .write_stdin("<p>Just a <a href=\"/x/\">fragment</a>.</p>")
        .assert()
        .success()
        .get_output()
        .clone();
    let a = &lines(&o.stdout)[0];
    assert_eq!(a["text"], "Just a fragment.");
    assert_eq!(a["links"][0]["href"], "https://example.com/x/");
    assert!(a["page"].is_null());
}

#[test]
fn a_warc_crawl_gives_its_pages_with_where_each_record_is() {
    let warc = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/warc/wget-site.warc.gz"
    );
    let o = wpclean().arg(warc).assert().success().get_output().clone();
    let articles = lines(&o.stdout);
    let hello = articles
        .iter()
        .find(|a| a["title"] == "Hello world!")
        .expect("the post's page");
    assert_eq!(hello["id"], 7);
    assert_eq!(hello["page"]["warc"]["status"], 200);
    assert!(
        hello["page"]["warc"]["record_id"]
            .as_str()
            .unwrap()
            .starts_with("<urn:uuid:")
    );
    // The offset and length are the record's gzip member, as wget's CDX gives them.
    let cdx = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/warc/wget-site.cdx"
    ))
    .unwrap();
    let offset = hello["page"]["warc"]["offset"]
        .as_u64()
        .unwrap()
        .to_string();
    assert!(
        cdx.lines()
            .any(|l| l.contains("hello-world") && l.split(' ').any(|f| f == offset)),
        "offset {offset} not in {cdx}"
    );
    let ru = articles
        .iter()
        .find(|a| a["page"]["encoding"] == "windows-1251")
        .expect("the windows-1251 page");
    assert_eq!(ru["title"], "Евгений Онегин");
    let s = summary(&o.stderr);
    assert!(s.contains("WARC request record"), "{s}");

    // A corrupt gzip member costs its record only.
    let o = wpclean()
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/fixtures/warc/corrupt-member.warc.gz"
        ))
        .assert()
        .code(1)
        .get_output()
        .clone();
    assert_eq!(lines(&o.stdout).len(), 2);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("corrupt-member.warc.gz, record #1, byte 440"),
        "{err}"
    );
}

/// Runs `wpclean ARGS` with standard output a pipe whose reader is already gone, so that
/// every write fails with EPIPE (deterministic, whatever the size of the output).
fn with_closed_stdout(args: &[&std::ffi::OsStr]) -> std::process::Output {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    std::process::Command::new(assert_cmd::cargo::cargo_bin("wpclean"))
        .args(args)
        .stdout(writer)
        .stderr(std::process::Stdio::piped())
        .output()
        .unwrap()
}

#[test]
fn a_closed_standard_output_ends_every_command_quietly() {
    let seed = fixture("seed-post.json");
    let dir = tempfile::tempdir().unwrap();
    let mut runs: Vec<Vec<std::ffi::OsString>> = vec![
        vec![seed.clone().into()],
        vec!["--format".into(), "json".into(), seed.clone().into()],
        vec!["--format".into(), "markdown".into(), seed.clone().into()],
        vec!["records".into(), seed.clone().into()],
        vec!["schema".into(), "article".into()],
        vec!["man".into()],
        vec!["completions".into(), "bash".into()],
    ];
    if cfg!(feature = "index") {
        let index = dir.path().join("idx");
        wpclean()
            .args(["index", "-q", "--index"])
            .arg(&index)
            .arg(&seed)
            .assert()
            .success();
        runs.push(vec![
            "search".into(),
            index.clone().into(),
            "project".into(),
        ]);
        runs.push(vec![
            "search".into(),
            index.into(),
            "project".into(),
            "--json".into(),
        ]);
    }
    for args in runs {
        let args: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_os_str()).collect();
        let o = with_closed_stdout(&args);
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {stderr}");
        assert!(
            !stderr.contains("Broken pipe") && !stderr.contains("panicked"),
            "{args:?}: {stderr}"
        );
    }
}

#[test]
fn a_reader_that_stops_early_ends_the_run_quietly() {
    // `wpclean big.ndjson | head -1`: output far larger than the pipe's buffer and the
    // command's own, so the command is still writing when its reader goes away.
    use std::io::BufRead as _;
    let dir = tempfile::tempdir().unwrap();
    let body = "<p>A paragraph of the post, long enough to weigh something.</p>".repeat(40);
    let posts: Vec<String> = (1..=1500)
        .map(|id| {
            format!(
                r#"{{"id":{id},"link":"https://example.com/p{id}/","title":{{"rendered":"Post {id}"}},"content":{{"rendered":"{body}"}}}}"#
            )
        })
        .collect();
    let input = dir.path().join("big.ndjson");
    std::fs::write(&input, posts.join("\n")).unwrap();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("wpclean"))
        .arg("-q")
        .arg(&input)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.starts_with(r#"{"id":1,"#), "{first}");
    // The reader is dropped here: the pipe is closed.
    let o = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
}

#[cfg(feature = "index")]
#[test]
fn search_reports_every_match_and_how_many_are_shown() {
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("idx");
    wpclean()
        .args(["index", "-q", "--index"])
        .arg(&index)
        .arg(fixture("seed-post.json"))
        .assert()
        .success();
    let search = |limit: &str| {
        wpclean()
            .arg("search")
            .arg(&index)
            .args(["project", "--json", "--limit", limit])
            .assert()
            .success()
            .get_output()
            .clone()
    };
    let all = search("1000");
    let every = lines(&all.stdout);
    let total = every.len();
    assert!(
        total > 10,
        "the seed post has more than 10 records on projects"
    );
    assert_eq!(
        String::from_utf8_lossy(&all.stderr).trim_end(),
        format!("wpclean: {total} hits for \"project\"")
    );
    for (limit, shown) in [("10", 10), ("1", 1)] {
        let o = search(limit);
        assert_eq!(lines(&o.stdout).len(), shown);
        assert_eq!(
            String::from_utf8_lossy(&o.stderr).trim_end(),
            format!("wpclean: {total} hits for \"project\", {shown} shown")
        );
    }
    // Snippets are one line of single-spaced words, whatever paragraphs they span.
    for hit in &every {
        let snippet = hit["snippet"].as_str().unwrap();
        assert!(!snippet.is_empty());
        assert!(
            !snippet.contains("  ") && !snippet.contains('\n') && snippet.trim() == snippet,
            "{snippet:?}"
        );
    }
}

#[cfg(not(feature = "parquet"))]
#[test]
fn format_parquet_without_the_feature_says_how_to_build_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("articles.parquet");
    wpclean()
        .args(["--format", "parquet", "-o"])
        .arg(&out)
        .arg(fixture("seed-post.json"))
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("the `parquet` cargo feature"))
        .stderr(predicate::str::contains(
            "cargo install --path . --locked --features parquet",
        ));
    assert!(!out.exists(), "nothing is written");
    // The value such a build refuses is not offered among the others.
    wpclean()
        .args(["--format", "yaml"])
        .arg(fixture("seed-post.json"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("ndjson, json, text, markdown"))
        .stderr(predicate::str::contains("parquet").not());
}

#[test]
fn comments_become_a_search_record_only_with_the_comments_flag() {
    let page = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/pages/02-classic-tt21-comment-thread.html"
    );
    let plain = wpclean().args(["records", "-q", page]).assert().success();
    let plain = lines(&plain.get_output().stdout);
    assert!(
        plain
            .iter()
            .all(|r| !r["content"].as_str().unwrap().contains("Ilse"))
    );
    let with = wpclean()
        .args(["records", "-q", "--comments", page])
        .assert()
        .success();
    let with = lines(&with.get_output().stdout);
    let last = with.last().unwrap();
    assert_eq!(last["hierarchy"]["lvl1"], "Comments", "{last}");
    assert_eq!(last["url"], "https://loaf.example/sourdough/#comments");
    assert!(
        last["content"]
            .as_str()
            .unwrap()
            .starts_with("Ilse (2023-11-06): Does the fridge rise")
    );
    assert_eq!(with.len(), plain.len() + 1);
}

#[test]
fn the_element_limit_bounds_a_whole_pages_parse_not_only_its_posts() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("wide.html");
    let menu = "<li><a href=\"/x\">x</a></li>".repeat(300);
    std::fs::write(
        &page,
        format!(
            "<!DOCTYPE html><html><head><title>Wide</title></head>\
             <body class=\"single postid-5\"><nav><ul>{menu}</ul></nav>\
             <article class=\"post-5\"><div class=\"entry-content\"><p>{}</p></div></article>\
             </body></html>",
            "A paragraph long enough to count as the article text of this post. ".repeat(3)
        ),
    )
    .unwrap();
    let warnings = |limit: &str| {
        let o = wpclean()
            .args(["-q", "--max-elements", limit])
            .arg(&page)
            .assert()
            .success();
        lines(&o.get_output().stdout)[0]["warnings"].to_string()
    };
    // The post alone has a handful of elements: only the page's parse passes 200.
    assert!(warnings("200").contains("limit max_elements"));
    assert!(!warnings("2000").contains("limit max_elements"));
}
