//! What the command line promises about trust: a malformed post costs only itself, only
//! public content is published by default, directories with link loops end, and re-runs
//! update instead of copying.

use crate::common::{fixture, ids, lines, wpclean};

fn post(id: u64) -> String {
    format!(
        r#"{{"id":{id},"type":"post","slug":"post-{id}","link":"https://example.com/p{id}/","title":{{"rendered":"Post {id}"}},"content":{{"rendered":"<p>Body of post {id}.</p>"}}}}"#
    )
}

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Five posts with the third malformed in each of the ways real exports break.
fn malformed_thirds() -> Vec<(&'static str, String)> {
    let cut = post(3)[..40].to_string();
    vec![
        ("unterminated string", cut.clone()),
        ("truncated object", post(3)[..post(3).len() - 3].to_string()),
        (
            "invalid value",
            post(3).replace(r#""content":{"#, r#""content":}{"#),
        ),
    ]
}

#[test]
fn a_malformed_line_in_ndjson_costs_only_itself() {
    let dir = tempfile::tempdir().unwrap();
    for (what, bad) in malformed_thirds() {
        let mut lines: Vec<String> = (1..=5).map(post).collect();
        lines[2] = bad;
        let path = dir.path().join("posts.ndjson");
        std::fs::write(&path, lines.join("\n") + "\n").unwrap();
        let o = wpclean().arg(&path).assert().code(1).get_output().clone();
        assert_eq!(ids(&o.stdout), [1, 2, 4, 5], "{what}");
        let err = stderr(&o);
        assert!(
            err.contains("5 posts read: 4 ok, 1 failed, 0 skipped"),
            "{what}: {err}"
        );
        assert!(
            err.contains("post #2"),
            "{what}: the error names the post: {err}"
        );
    }
}

#[test]
fn a_malformed_post_in_a_one_per_line_array_costs_only_itself() {
    let dir = tempfile::tempdir().unwrap();
    for (what, bad) in malformed_thirds() {
        let mut lines: Vec<String> = (1..=5).map(post).collect();
        lines[2] = bad;
        let path = dir.path().join("page.json");
        std::fs::write(&path, format!("[\n{}\n]\n", lines.join(",\n"))).unwrap();
        let o = wpclean().arg(&path).assert().code(1).get_output().clone();
        assert_eq!(ids(&o.stdout), [1, 2, 4, 5], "{what}");
        assert!(
            stderr(&o).contains("5 posts read: 4 ok, 1 failed, 0 skipped"),
            "{what}: {}",
            stderr(&o)
        );
    }
}

#[test]
fn only_published_posts_by_default() {
    let wxr = fixture("wxr/statuses.xml");
    let o = wpclean().arg(&wxr).assert().success().get_output().clone();
    assert_eq!(ids(&o.stdout), [201, 209]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(!out.contains("SECRET"), "{out}");
    let err = stderr(&o);
    assert!(
        err.contains(
            "10 posts read: 2 ok, 0 failed, 8 skipped (status draft 2, auto-draft 1, future 1, \
             pending 1, private 1, trash 1; post type \"attachment\" 1)"
        ),
        "{err}"
    );
    // Records and the index hold the same: nothing unpublished, nothing protected.
    let o = wpclean()
        .args(["records", "-q"])
        .arg(&wxr)
        .assert()
        .success()
        .get_output()
        .clone();
    let records = String::from_utf8_lossy(&o.stdout);
    assert!(records.contains("Everyone is welcome"), "{records}");
    assert!(!records.contains("SECRET"), "{records}");
}

#[test]
fn status_opts_in_and_verbose_lists_what_was_skipped() {
    let wxr = fixture("wxr/statuses.xml");
    let o = wpclean()
        .args(["--status", "publish,draft", "-v"])
        .arg(&wxr)
        .assert()
        .success()
        .get_output()
        .clone();
    assert_eq!(ids(&o.stdout), [201, 202, 203, 209]);
    let err = stderr(&o);
    assert!(err.contains("id 204, byte "), "{err}");
    assert!(err.contains(": status private\n"), "{err}");
    assert!(err.contains(": post type \"attachment\"\n"), "{err}");
    let skipped_lines = err
        .lines()
        .filter(|l| l.starts_with("wpclean: skipped: "))
        .count();
    assert_eq!(skipped_lines, 6, "{err}");
    let o = wpclean()
        .args(["--status", "any"])
        .arg(&wxr)
        .assert()
        .success()
        .get_output()
        .clone();
    assert_eq!(ids(&o.stdout).len(), 9);
}

#[test]
fn password_protected_content_is_withheld_unless_asked_for() {
    let wxr = fixture("wxr/statuses.xml");
    let o = wpclean().arg(&wxr).assert().success().get_output().clone();
    let page = lines(&o.stdout).pop().unwrap();
    assert_eq!(page["id"], 209);
    for field in ["text", "markdown", "html", "excerpt"] {
        assert_eq!(page[field], "", "{field}");
    }
    assert!(page["sections"].as_array().unwrap().is_empty());
    let warnings = page["warnings"].to_string();
    assert!(
        warnings.contains("password-protected: withheld"),
        "{warnings}"
    );
    let o = wpclean()
        .arg("--include-protected")
        .arg(&wxr)
        .assert()
        .success()
        .get_output()
        .clone();
    let page = lines(&o.stdout).pop().unwrap();
    assert!(
        page["text"].as_str().unwrap().contains("gate code"),
        "{page}"
    );

    // REST: `content.protected` with the content present (an authenticated export).
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.json");
    std::fs::write(
        &path,
        r#"{"id":7,"title":{"rendered":"Members"},"content":{"rendered":"<p>SECRET code</p>","protected":true}}"#,
    )
    .unwrap();
    let o = wpclean().arg(&path).assert().success().get_output().clone();
    assert!(!String::from_utf8_lossy(&o.stdout).contains("SECRET"));
}

#[test]
fn a_rest_post_without_status_counts_as_published() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.json");
    let draft = post(2).replace(r#""type":"post""#, r#""type":"post","status":"draft""#);
    std::fs::write(&path, format!("[{},{draft}]", post(1))).unwrap();
    let o = wpclean().arg(&path).assert().success().get_output().clone();
    assert_eq!(ids(&o.stdout), [1]);
}

#[cfg(unix)]
#[test]
fn a_directory_with_a_link_loop_ends_and_reads_each_file_once() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("site/2024");
    std::fs::create_dir_all(&sub).unwrap();
    std::fs::write(sub.join("a.json"), post(1)).unwrap();
    // A link back up the tree, and a second name for the same file.
    std::os::unix::fs::symlink(dir.path().join("site"), sub.join("loop")).unwrap();
    std::os::unix::fs::symlink(sub.join("a.json"), dir.path().join("site/same.json")).unwrap();
    let o = wpclean()
        .arg(dir.path())
        .timeout(std::time::Duration::from_secs(60))
        .assert()
        .success()
        .get_output()
        .clone();
    assert_eq!(ids(&o.stdout), [1]);
    assert!(
        stderr(&o).contains("1 files, 1 posts read"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn the_same_post_in_two_files_is_written_once() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.json"),
        format!("[{},{}]", post(1), post(2)),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("b.json"),
        format!("[{},{}]", post(2), post(3)),
    )
    .unwrap();
    let o = wpclean()
        .arg(dir.path())
        .assert()
        .success()
        .get_output()
        .clone();
    assert_eq!(ids(&o.stdout), [1, 2, 3]);
    assert!(stderr(&o).contains("4 posts read: 3 ok, 0 failed, 1 skipped (duplicate 1)"));
    let o = wpclean()
        .arg("--keep-duplicates")
        .arg(dir.path())
        .assert()
        .success()
        .get_output()
        .clone();
    assert_eq!(ids(&o.stdout), [1, 2, 2, 3]);
}

#[test]
fn out_dir_reruns_update_and_never_overwrite_another_file() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.json");
    std::fs::write(&input, format!("[{},{}]", post(1), post(2))).unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    // A file wpclean did not write, where post 2 would go.
    std::fs::write(out.join("post-2.md"), "my own notes").unwrap();
    let run = || {
        wpclean()
            .args(["--format", "markdown", "-q", "--out-dir"])
            .arg(&out)
            .arg(&input)
            .assert()
            .success();
        let mut names: Vec<String> = std::fs::read_dir(&out)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter(|n| !n.starts_with('.'))
            .collect();
        names.sort();
        names
    };
    assert_eq!(run(), ["post-1.md", "post-2-2.md", "post-2.md"]);
    assert_eq!(run(), ["post-1.md", "post-2-2.md", "post-2.md"]);
    assert_eq!(
        std::fs::read_to_string(out.join("post-2.md")).unwrap(),
        "my own notes"
    );
    let md = std::fs::read_to_string(out.join("post-2-2.md")).unwrap();
    assert!(md.contains("id: 2\n"), "{md}");
}
