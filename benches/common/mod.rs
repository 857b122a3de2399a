//! The posts every benchmark runs on: the 214 real WordPress posts of
//! `../shared/benchmarks/wcxb-wp` when present, else the shipped fixtures (the seed post and
//! every plugin fixture as a post).

use std::path::Path;

/// A name for the set, and its posts as REST JSON values.
pub fn source_posts() -> (String, Vec<serde_json::Value>) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let wcxb = root.join("../shared/benchmarks/wcxb-wp/dev-rest-posts.json");
    if let Ok(data) = std::fs::read_to_string(&wcxb) {
        return (
            "wcxb-214".into(),
            serde_json::from_str(&data).expect("benchmark posts"),
        );
    }
    eprintln!("{} not found: using the shipped fixtures", wcxb.display());
    let seed = std::fs::read_to_string(root.join("fixtures/seed-post.json")).unwrap();
    let mut posts: Vec<serde_json::Value> = vec![serde_json::from_str(&seed).unwrap()];
    for group in ["ads", "toc", "social", "related", "forms", "faq"] {
        let dir = root.join("fixtures/plugins").join(group);
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|f| f.extension().is_some_and(|e| e == "html"))
            .collect();
        files.sort();
        for f in files {
            posts.push(serde_json::json!({
                "id": posts.len() + 1, "type": "post", "link": "https://example.com/p/",
                "title": {"rendered": f.file_stem().unwrap().to_string_lossy()},
                "content": {"rendered": std::fs::read_to_string(&f).unwrap()},
            }));
        }
    }
    ("fixtures".into(), posts)
}
