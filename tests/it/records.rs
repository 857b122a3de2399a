//! Search records, chunking, bulk output and the embedded index.

use std::collections::HashSet;

use wpclean::{Article, IndexRecord, Options, RecordOptions};

fn seed() -> Article {
    let json = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/seed-post.json"
    ))
    .unwrap();
    wpclean::extract_json(&json, &Options::default()).unwrap()
}

#[test]
fn records_of_the_seed_post() {
    let records = wpclean::records(&seed(), &RecordOptions::default());
    let ids: HashSet<_> = records.iter().map(|r| r.id.clone()).collect();
    assert_eq!(ids.len(), records.len(), "ids are unique");
    for r in &records {
        for junk in ["adsbygoogle", "Table of Contents", "Toggle"] {
            assert!(!r.content.contains(junk), "{junk} in {}", r.id);
        }
        assert_eq!(
            r.hierarchy["lvl0"],
            "What Does an IT Infrastructure Project Manager Do?"
        );
        assert_eq!(r.post_id, Some(243651));
        assert_eq!(r.word_count as usize, r.content.split_whitespace().count());
    }
    let faq: Vec<&IndexRecord> = records.iter().filter(|r| r.kind == "faq").collect();
    assert_eq!(faq.len(), 5);
    assert_eq!(faq[0].hierarchy["lvl1"], "Frequently Asked Questions");
    assert!(
        faq[0].url.as_deref().unwrap().ends_with(
            "#What_Is_the_Average_Salary_Range_for_an_IT_Infrastructure_Project_Manager"
        )
    );
    let table = records
        .iter()
        .find(|r| r.kind == "table")
        .expect("table record");
    assert!(
        table
            .content
            .contains("Step: First; Easy Tasks: Make a list; Bigger Tasks: Check what we have")
    );
    assert_eq!(
        table.hierarchy["lvl1"],
        "Strategic Planning and Project Execution"
    );
    assert_eq!(records.iter().filter(|r| r.kind == "content").count(), 8);
    // Ids are stable across runs.
    let again = wpclean::records(&seed(), &RecordOptions::default());
    assert_eq!(records, again);
}

#[test]
fn chunks_keep_words_and_rows_whole_and_their_section() {
    let a = seed();
    let options = RecordOptions::default().max_chars(200).overlap(40);
    let records = wpclean::records(&a, &options);
    let whole = wpclean::records(&a, &RecordOptions::default());
    assert!(records.len() > whole.len());
    for r in &records {
        assert!(
            r.content.chars().count() <= 200 || !r.content.contains(' '),
            "{}: {}",
            r.id,
            r.content
        );
        // Chunks share their section's anchor and hierarchy.
        let section = whole
            .iter()
            .find(|w| w.url == r.url && w.kind == r.kind)
            .unwrap();
        assert_eq!(section.hierarchy, r.hierarchy);
        // No chunk starts or ends inside a word of the section.
        let words: HashSet<&str> = section.content.split_whitespace().collect();
        for w in r.content.split_whitespace() {
            assert!(words.contains(w), "{w:?} is not a word of {}", section.id);
        }
    }
    for r in records.iter().filter(|r| r.kind == "table") {
        let rows: Vec<&str> = whole
            .iter()
            .find(|w| w.kind == "table")
            .unwrap()
            .content
            .lines()
            .collect();
        for line in r.content.lines() {
            assert!(rows.contains(&line), "cut row {line:?}");
        }
    }
}

#[test]
#[cfg_attr(
    not(feature = "cli"),
    ignore = "needs the wpclean binary (the cli feature)"
)]
fn bulk_output_pairs_actions_with_documents() {
    let out = assert_cmd::Command::cargo_bin("wpclean")
        .unwrap()
        .args([
            "records",
            "--format",
            "bulk",
            "--es-index",
            "site",
            "--max-chars",
            "300",
        ])
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/fixtures/seed-post.json"
        ))
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/fixtures/wxr/sample.xml"
        ))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let lines: Vec<serde_json::Value> = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(lines.len() > 20 && lines.len().is_multiple_of(2));
    let mut ids = HashSet::new();
    for pair in lines.chunks(2) {
        let id = pair[0]["index"]["_id"].as_str().unwrap();
        assert_eq!(pair[0]["index"]["_index"], "site");
        assert_eq!(pair[1]["id"], id);
        assert!(ids.insert(id.to_string()), "duplicate id {id}");
    }
}

#[cfg(feature = "index")]
mod index {
    use super::*;
    use wpclean::{SearchIndex, SearchOptions};

    #[test]
    fn salary_finds_the_faq_record_first_and_reindexing_does_not_duplicate() {
        let dir = tempfile::tempdir().unwrap();
        let index = SearchIndex::open_or_create(dir.path()).unwrap();
        let records = wpclean::records(&seed(), &RecordOptions::default());
        for _ in 0..2 {
            let mut w = index.writer().unwrap();
            assert_eq!(w.upsert(&records).unwrap(), wpclean::Upsert::Indexed);
            w.commit().unwrap();
            assert_eq!(index.len(), records.len() as u64);
        }
        let hits = index.search("salary", &SearchOptions::default()).unwrap();
        assert_eq!(hits[0].kind, "faq");
        assert_eq!(
            hits[0].path.last().unwrap(),
            "What Is the Average Salary Range for an IT Infrastructure Project Manager?"
        );
        assert!(hits[0].url.as_deref().unwrap().ends_with(
            "#What_Is_the_Average_Salary_Range_for_an_IT_Infrastructure_Project_Manager"
        ));
        // Filters.
        let hits = index
            .search(
                "project",
                &SearchOptions::default().category("two-factor-authentication"),
            )
            .unwrap();
        assert!(!hits.is_empty());
        let hits = index
            .search("project", &SearchOptions::default().tag("no-such-tag"))
            .unwrap();
        assert!(hits.is_empty());
        // An older copy of the post does not replace the newer one.
        let mut older = records.clone();
        for r in &mut older {
            r.modified = Some("2020-01-01T00:00:00".into());
            r.modified_gmt = Some("2019-12-31T23:00:00Z".into());
            r.content = "stale".into();
        }
        let mut w = index.writer().unwrap();
        assert_eq!(w.upsert(&older).unwrap(), wpclean::Upsert::KeptNewer);
        w.commit().unwrap();
        assert!(
            index
                .search("stale", &SearchOptions::default())
                .unwrap()
                .is_empty()
        );
        assert_eq!(index.len(), records.len() as u64);
    }

    #[test]
    #[cfg_attr(
        not(all(shared_corpus, feature = "cli")),
        ignore = "needs ../shared/corpus beside the checkout, and the wpclean binary (the cli feature)"
    )]
    fn the_whole_shared_corpus_indexes_and_searches() {
        let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
        let dir = tempfile::tempdir().unwrap();
        let o = assert_cmd::Command::cargo_bin("wpclean")
            .unwrap()
            .arg("index")
            .arg(&corpus)
            .arg("--index")
            .arg(dir.path())
            .args(["--max-chars", "1000", "-q"])
            .output()
            .unwrap();
        assert!(matches!(o.status.code(), Some(0) | Some(1)), "{o:?}");
        let index = SearchIndex::open_or_create(dir.path()).unwrap();
        assert!(index.len() > 500, "{} records", index.len());
        let hits = index
            .search("wordpress", &SearchOptions::default().limit(5))
            .unwrap();
        assert_eq!(hits.len(), 5);
        assert!(hits.iter().all(|h| h.url.is_some() || h.post_id.is_some()));
        let out = assert_cmd::Command::cargo_bin("wpclean")
            .unwrap()
            .arg("search")
            .arg(dir.path())
            .arg("block")
            .arg("--json")
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let first: serde_json::Value =
            serde_json::from_str(String::from_utf8(out).unwrap().lines().next().unwrap()).unwrap();
        assert!(
            first["snippet"]
                .as_str()
                .unwrap()
                .to_lowercase()
                .contains("**block")
        );
    }
}
