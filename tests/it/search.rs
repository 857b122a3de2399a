//! Searching the embedded index in the languages WordPress sites are written in (English,
//! German, Spanish, Japanese, Chinese, Korean), and what an index writer does with the records
//! it is given.
#![cfg(feature = "index")]

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use wpclean::{
    Extractor, InputFormat, Limits, Options, Post, Record, RecordOptions, SearchIndex,
    SearchOptions, Upsert,
};

fn manifest(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// Every post of an export file (REST JSON or WXR).
fn posts_of(path: &Path) -> Vec<Post> {
    let reader =
        wpclean::open_path(path, InputFormat::Auto, Limits::default().max_post_bytes).unwrap();
    let posts: Vec<Post> = reader
        .filter_map(|r| match r {
            Record::Post { post, .. } => Some(*post),
            _ => None,
        })
        .collect();
    assert!(!posts.is_empty(), "no post in {}", path.display());
    posts
}

/// An index of `posts` in a fresh directory.
fn index_of(posts: &[Post]) -> (tempfile::TempDir, SearchIndex) {
    let dir = tempfile::tempdir().unwrap();
    let index = SearchIndex::open_or_create(dir.path()).unwrap();
    let extractor = Extractor::new(&Options::default()).unwrap();
    let mut writer = index.writer().unwrap();
    for p in posts {
        let records = wpclean::records(&extractor.extract(p), &RecordOptions::default());
        let upsert = writer.upsert(&records).unwrap();
        assert_eq!(upsert, Upsert::Indexed, "post {:?} left out", p.id);
    }
    writer.commit().unwrap();
    (dir, index)
}

/// The posts of the hits for `query`, best first, each once.
fn found(index: &SearchIndex, query: &str) -> Vec<u64> {
    let hits = index
        .search(query, &SearchOptions::default().limit(50))
        .unwrap();
    let mut posts = Vec::new();
    for h in hits {
        let id = h.post_id.expect("every test post has an id");
        if !posts.contains(&id) {
            posts.push(id);
        }
    }
    posts
}

/// The Chinese and Korean posts of `fixtures/search` (the shared corpus has none).
fn fixture_posts() -> Vec<Post> {
    ["zh-database.json", "zh-evidence.json", "ko-search.json"]
        .iter()
        .flat_map(|f| posts_of(&manifest(&format!("fixtures/search/{f}"))))
        .collect()
}

fn fixtures() -> &'static SearchIndex {
    static INDEX: OnceLock<(tempfile::TempDir, SearchIndex)> = OnceLock::new();
    &INDEX.get_or_init(|| index_of(&fixture_posts())).1
}

/// One index of real posts in several languages: the article bodies of
/// `plugins/content-fragments` (English, German, Spanish sites; post ids from 1 in file-name
/// order), two Japanese blogs' REST exports, and the fixtures.
struct Corpus {
    index: SearchIndex,
    fragments: HashMap<String, u64>,
    _dir: tempfile::TempDir,
}

impl Corpus {
    /// The post id given to a content fragment.
    fn fragment(&self, name: &str) -> u64 {
        self.fragments[name]
    }
}

fn corpus() -> &'static Corpus {
    static CORPUS: OnceLock<Corpus> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let shared = manifest("../shared/corpus");
        let mut names: Vec<String> = std::fs::read_dir(shared.join("plugins/content-fragments"))
            .expect("../shared/corpus/plugins/content-fragments")
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".html"))
            .collect();
        names.sort();
        let mut posts = Vec::new();
        let mut fragments = HashMap::new();
        for (i, name) in names.iter().enumerate() {
            let html = std::fs::read_to_string(shared.join("plugins/content-fragments").join(name))
                .unwrap();
            let mut post = Post::from_html(html, Some(&format!("https://fragments.test/{name}")));
            post.id = Some(i as u64 + 1);
            fragments.insert(name.clone(), i as u64 + 1);
            posts.push(post);
        }
        posts.extend(posts_of(
            &shared.join("wp-rest/static-export-ptom76-blog/posts.json"),
        ));
        let mut tuqulore: Vec<PathBuf> =
            std::fs::read_dir(shared.join("wp-rest/tuqulore-design-lab"))
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| {
                    let n = p.file_name().unwrap().to_string_lossy();
                    n.starts_with("posts_") && n.ends_with(".json")
                })
                .collect();
        tuqulore.sort();
        for p in &tuqulore {
            posts.extend(posts_of(p));
        }
        posts.extend(fixture_posts());
        let (dir, index) = index_of(&posts);
        Corpus {
            index,
            fragments,
            _dir: dir,
        }
    })
}

#[test]
#[cfg_attr(
    not(shared_corpus),
    ignore = "needs ../shared/corpus beside the checkout"
)]
fn english_words_find_the_english_post() {
    let c = corpus();
    let plants = c.fragment("plantcaretoday.com.bougainvillea.html");
    assert_eq!(found(&c.index, "bougainvillea")[0], plants);
    assert_eq!(found(&c.index, "Bougainvillea watering")[0], plants);
}

#[test]
#[cfg_attr(
    not(shared_corpus),
    ignore = "needs ../shared/corpus beside the checkout"
)]
fn german_words_find_the_german_post_with_or_without_umlauts() {
    let c = corpus();
    let chickens = c.fragment("selbstversorger.de-Huhn.html");
    assert_eq!(found(&c.index, "Hühner")[0], chickens);
    assert_eq!(found(&c.index, "hühnerrasse")[0], chickens);
    // Typed without the umlaut, as on a keyboard without it.
    assert_eq!(found(&c.index, "Huhner")[0], chickens);
    // Entities (`f&uuml;r`, `Zitronenkuchen`) are decoded before indexing.
    let cake = c.fragment("backenmachtgluecklich.de.zitronenkuchen.html");
    assert_eq!(found(&c.index, "Zitronenkuchen")[0], cake);
}

#[test]
#[cfg_attr(
    not(shared_corpus),
    ignore = "needs ../shared/corpus beside the checkout"
)]
fn spanish_words_find_the_spanish_post_with_or_without_accents() {
    let c = corpus();
    let nicaragua = c.fragment("confidencial.com-ortega.html");
    assert_eq!(found(&c.index, "régimen")[0], nicaragua);
    assert_eq!(found(&c.index, "regimen")[0], nicaragua);
    assert_eq!(found(&c.index, "expulsión")[0], nicaragua);
    let football = c.fragment("publinews.gt-mexico.html");
    assert_eq!(found(&c.index, "nómina")[0], football);
    assert_eq!(found(&c.index, "nomina")[0], football);
}

#[test]
#[cfg_attr(
    not(shared_corpus),
    ignore = "needs ../shared/corpus beside the checkout"
)]
fn japanese_words_find_the_japanese_post() {
    let c = corpus();
    // ptom76 blog: post 283 is about a ramen shop in Osaka, 339 about Shibuya Sky, 321 about
    // the wards of Sakai (堺).
    assert_eq!(found(&c.index, "ラーメン")[0], 283);
    assert_eq!(found(&c.index, "古潭ラーメン"), vec![283]);
    assert_eq!(found(&c.index, "渋谷")[0], 339);
    assert_eq!(found(&c.index, "堺")[0], 321, "a one-character query");
    // tuqulore design lab: post 1339 is titled 受動的なコンペ (the passive competition).
    assert_eq!(found(&c.index, "コンペ")[0], 1339);
    assert_eq!(found(&c.index, "受動的")[0], 1339);
    // The passage is shown with the word in bold, whole.
    let hits = c
        .index
        .search("ラーメン", &SearchOptions::default())
        .unwrap();
    assert!(
        hits[0].snippet.contains("**ラーメン**"),
        "{}",
        hits[0].snippet
    );
}

#[test]
fn chinese_words_find_the_chinese_post_and_only_it() {
    let index = fixtures();
    // 数据库 (database) is in 9001 only; 9002 holds 数, 据 and 库 in other words.
    assert_eq!(found(index, "数据库"), vec![9001]);
    assert_eq!(found(index, "索引"), vec![9001]);
    assert_eq!(found(index, "证据"), vec![9002]);
    assert_eq!(found(index, "B树"), vec![9001], "Latin letter then Han");
    // A one-character query finds the character inside longer words.
    let mut both = found(index, "库");
    both.sort();
    assert_eq!(both, vec![9001, 9002]);
    let hits = index.search("数据库", &SearchOptions::default()).unwrap();
    assert!(
        hits[0].snippet.contains("**数据库**"),
        "{}",
        hits[0].snippet
    );
}

#[test]
fn korean_words_find_the_korean_post() {
    let index = fixtures();
    assert_eq!(found(index, "색인"), vec![9003]);
    assert_eq!(found(index, "검색"), vec![9003]);
    assert_eq!(found(index, "형태소"), vec![9003]);
}

/// The seed post's records.
fn seed_records() -> Vec<wpclean::IndexRecord> {
    let json = std::fs::read_to_string(manifest("fixtures/seed-post.json")).unwrap();
    let article = wpclean::extract_json(&json, &Options::default()).unwrap();
    wpclean::records(&article, &RecordOptions::default())
}

#[test]
fn the_readme_one_liner_leaves_its_records_in_the_index() {
    let dir = tempfile::tempdir().unwrap();
    let records = seed_records();
    let _ = SearchIndex::open_or_create(dir.path())
        .unwrap()
        .writer()
        .unwrap()
        .upsert(&records)
        .unwrap();
    let index = SearchIndex::open_or_create(dir.path()).unwrap();
    assert_eq!(index.len(), records.len() as u64);
    assert!(!found(&index, "salary").is_empty());
}

#[test]
fn a_writer_dropped_without_commit_keeps_its_records() {
    let dir = tempfile::tempdir().unwrap();
    let index = SearchIndex::open_or_create(dir.path()).unwrap();
    let records = seed_records();
    {
        let mut writer = index.writer().unwrap();
        let _ = writer.upsert(&records).unwrap();
    }
    assert_eq!(
        index.len(),
        records.len() as u64,
        "visible to the same index"
    );
    let reopened = SearchIndex::open_or_create(dir.path()).unwrap();
    assert_eq!(reopened.len(), records.len() as u64, "and on disk");
}

#[test]
fn the_cli_finds_chinese_words_in_an_index_it_built() {
    let dir = tempfile::tempdir().unwrap();
    assert_cmd::Command::cargo_bin("wpclean")
        .unwrap()
        .arg("index")
        .arg(manifest("fixtures/search"))
        .arg("--index")
        .arg(dir.path())
        .arg("-q")
        .assert()
        .success();
    let out = assert_cmd::Command::cargo_bin("wpclean")
        .unwrap()
        .arg("search")
        .arg(dir.path())
        .arg("数据库")
        .arg("--json")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let hits: Vec<serde_json::Value> = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(!hits.is_empty());
    assert!(hits.iter().all(|h| h["post_id"] == 9001), "{hits:?}");
}

#[test]
fn search_counted_counts_every_match_beyond_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let index = SearchIndex::open_or_create(dir.path()).unwrap();
    let mut writer = index.writer().unwrap();
    assert_eq!(writer.upsert(&seed_records()).unwrap(), Upsert::Indexed);
    writer.commit().unwrap();
    let all = index
        .search("project", &SearchOptions::default().limit(1000))
        .unwrap();
    assert!(all.len() > 2, "{}", all.len());
    let found = index
        .search_counted("project", &SearchOptions::default().limit(2))
        .unwrap();
    assert_eq!(found.hits.len(), 2);
    assert_eq!(found.total, all.len());
    assert_eq!(found.hits[..], all[..2]);
    // The default limit (10) cuts; the total does not change with it.
    let found = index
        .search_counted("project", &SearchOptions::default())
        .unwrap();
    assert_eq!((found.hits.len(), found.total), (10, all.len()));
    for h in &all {
        assert!(!h.snippet.contains("  "), "{:?}", h.snippet);
    }
}
