//! An embedded full-text index of [`IndexRecord`]s (tantivy), for search with nothing else
//! installed. Behind the `index` feature (on by default).
//!
//! ```
//! # fn main() -> Result<(), wpclean::Error> {
//! let dir = std::env::temp_dir().join(format!("wpclean-doc-{}", std::process::id()));
//! let json = r#"{"id": 5, "link": "https://example.com/p/", "title": {"rendered": "Bees"},
//!   "modified": "2024-01-01T00:00:00",
//!   "content": {"rendered": "<h2 id=\"hive\">The hive</h2><p>Bees make honey.</p>"}}"#;
//! let article = wpclean::extract_json(json, &wpclean::Options::default())?;
//! let records = wpclean::records(&article, &wpclean::RecordOptions::default());
//!
//! let index = wpclean::SearchIndex::open_or_create(&dir)?;
//! let mut writer = index.writer()?;
//! writer.upsert(&records)?;
//! writer.commit()?;
//!
//! let hits = index.search("honey", &wpclean::SearchOptions::default())?;
//! assert_eq!(hits[0].url.as_deref(), Some("https://example.com/p/#hive"));
//! # std::fs::remove_dir_all(&dir).ok();
//! # Ok(()) }
//! ```

use std::collections::HashMap;
use std::path::Path;

use serde::{Deserialize, Serialize};
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, Occur, Query, QueryParser, TermQuery};
use tantivy::schema::{
    Field, IndexRecordOption, STORED, STRING, Schema, TEXT, TantivyDocument, Value,
};
use tantivy::snippet::SnippetGenerator;
use tantivy::{Index, IndexReader, ReloadPolicy, Term, doc};

use crate::error::{Error, ErrorKind, Result};
use crate::records::IndexRecord;

fn err(e: impl std::fmt::Display) -> Error {
    Error::new(ErrorKind::Io(format!("search index: {e}")))
}

#[derive(Debug, Clone, Copy)]
struct Fields {
    id: Field,
    post_id: Field,
    url: Field,
    title: Field,
    headings: Field,
    content: Field,
    kind: Field,
    date: Field,
    modified: Field,
    categories: Field,
    tags: Field,
    anchor: Field,
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let fields = Fields {
        id: b.add_text_field("id", STRING | STORED),
        post_id: b.add_u64_field(
            "post_id",
            tantivy::schema::INDEXED | STORED | tantivy::schema::FAST,
        ),
        url: b.add_text_field("url", STORED),
        title: b.add_text_field("title", TEXT | STORED),
        headings: b.add_text_field("headings", TEXT | STORED),
        content: b.add_text_field("content", TEXT | STORED),
        kind: b.add_text_field("type", STRING | STORED),
        date: b.add_text_field("date", STRING | STORED),
        modified: b.add_text_field("modified", STRING | STORED),
        categories: b.add_text_field("categories", STRING | STORED),
        tags: b.add_text_field("tags", STRING | STORED),
        anchor: b.add_text_field("anchor", STORED),
    };
    (b.build(), fields)
}

/// A search index on disk.
pub struct SearchIndex {
    index: Index,
    reader: IndexReader,
    fields: Fields,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex").finish_non_exhaustive()
    }
}

/// Filters and size of a search.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct SearchOptions {
    /// Most hits returned (default 10).
    pub limit: Option<usize>,
    /// Only records of posts in this category (name or slug, case-insensitive).
    pub category: Option<String>,
    /// Only records of posts with this tag (name or slug, case-insensitive).
    pub tag: Option<String>,
}

impl SearchOptions {
    /// Sets the number of hits.
    pub fn limit(mut self, n: usize) -> Self {
        self.limit = Some(n);
        self
    }

    /// Filters by category.
    pub fn category(mut self, c: impl Into<String>) -> Self {
        self.category = Some(c.into());
        self
    }

    /// Filters by tag.
    pub fn tag(mut self, t: impl Into<String>) -> Self {
        self.tag = Some(t.into());
        self
    }
}

/// One search result.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Hit {
    /// Relevance (BM25, title and headings boosted).
    pub score: f32,
    /// The record's id.
    pub id: String,
    /// The post's id.
    pub post_id: Option<u64>,
    /// The post's title.
    pub title: String,
    /// The headings above the record, outermost first.
    pub path: Vec<String>,
    /// Where the hit lands (`link#anchor`).
    pub url: Option<String>,
    /// `content`, `faq` or `table`.
    #[serde(rename = "type")]
    pub kind: String,
    /// The best passage, with query terms in `**bold**`.
    pub snippet: String,
}

impl SearchIndex {
    /// Opens the index in `dir`, creating it (and the directory) when absent.
    pub fn open_or_create(dir: &Path) -> Result<SearchIndex> {
        std::fs::create_dir_all(dir).map_err(err)?;
        let (schema, fields) = schema();
        let directory = tantivy::directory::MmapDirectory::open(dir).map_err(err)?;
        let index = Index::open_or_create(directory, schema).map_err(err)?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(err)?;
        Ok(SearchIndex {
            index,
            reader,
            fields,
        })
    }

    /// A writer; records become searchable when it commits.
    pub fn writer(&self) -> Result<IndexWriter<'_>> {
        let writer = self.index.writer(64 << 20).map_err(err)?;
        Ok(IndexWriter {
            owner: self,
            writer,
            seen: HashMap::new(),
        })
    }

    /// Number of records in the index.
    pub fn len(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Whether the index holds no records.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The stored `modified` date of a post, when the index holds it.
    fn modified_of(&self, post_id: u64) -> Result<Option<String>> {
        let searcher = self.reader.searcher();
        let q = TermQuery::new(
            Term::from_field_u64(self.fields.post_id, post_id),
            IndexRecordOption::Basic,
        );
        let top = searcher.search(&q, &TopDocs::with_limit(1)).map_err(err)?;
        let Some((_, addr)) = top.first() else {
            return Ok(None);
        };
        let d: TantivyDocument = searcher.doc(*addr).map_err(err)?;
        Ok(text(&d, self.fields.modified))
    }

    /// Searches the records: `query` in the words of titles (boosted ×3), headings (×2) and
    /// content.
    pub fn search(&self, query: &str, options: &SearchOptions) -> Result<Vec<Hit>> {
        let f = self.fields;
        let mut parser = QueryParser::for_index(&self.index, vec![f.title, f.headings, f.content]);
        parser.set_field_boost(f.title, 3.0);
        parser.set_field_boost(f.headings, 2.0);
        let (text_query, _) = parser.parse_query_lenient(query);
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, text_query.box_clone())];
        for (field, value) in [(f.categories, &options.category), (f.tags, &options.tag)] {
            if let Some(v) = value {
                clauses.push((
                    Occur::Must,
                    Box::new(TermQuery::new(
                        Term::from_field_text(field, &v.to_lowercase()),
                        IndexRecordOption::Basic,
                    )),
                ));
            }
        }
        let q = BooleanQuery::new(clauses);
        let searcher = self.reader.searcher();
        let limit = options.limit.unwrap_or(10).max(1);
        let top = searcher
            .search(&q, &TopDocs::with_limit(limit))
            .map_err(err)?;
        let snippets = SnippetGenerator::create(&searcher, &*text_query, f.content).map_err(err)?;
        let mut hits = Vec::with_capacity(top.len());
        for (score, addr) in top {
            let d: TantivyDocument = searcher.doc(addr).map_err(err)?;
            let snippet = snippets.snippet_from_doc(&d);
            let mut s = String::new();
            let frag = snippet.fragment();
            let mut at = 0;
            for r in snippet.highlighted() {
                s.push_str(&frag[at..r.start]);
                s.push_str("**");
                s.push_str(&frag[r.start..r.end]);
                s.push_str("**");
                at = r.end;
            }
            s.push_str(&frag[at..]);
            if s.is_empty() {
                s = text(&d, f.content)
                    .unwrap_or_default()
                    .chars()
                    .take(150)
                    .collect();
            }
            hits.push(Hit {
                score,
                id: text(&d, f.id).unwrap_or_default(),
                post_id: d.get_first(f.post_id).and_then(|v| v.as_u64()),
                title: text(&d, f.title).unwrap_or_default(),
                path: text(&d, f.headings)
                    .map(|h| {
                        h.split(" > ")
                            .filter(|p| !p.is_empty())
                            .map(str::to_string)
                            .collect()
                    })
                    .unwrap_or_default(),
                url: text(&d, f.url),
                kind: text(&d, f.kind).unwrap_or_default(),
                snippet: s.replace('\n', " "),
            });
        }
        Ok(hits)
    }
}

fn text(d: &TantivyDocument, f: Field) -> Option<String> {
    d.get_first(f)
        .and_then(|v| v.as_str().map(str::to_string))
        .filter(|s| !s.is_empty())
}

/// Adds records to a [`SearchIndex`].
pub struct IndexWriter<'a> {
    owner: &'a SearchIndex,
    writer: tantivy::IndexWriter,
    /// Posts written in this session, with their `modified`.
    seen: HashMap<u64, Option<String>>,
}

impl std::fmt::Debug for IndexWriter<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IndexWriter").finish_non_exhaustive()
    }
}

impl IndexWriter<'_> {
    /// Replaces the records of one post (all `records` must share its `post_id`). The newer
    /// `modified` date wins: a post older than the one already indexed is left out, and
    /// `false` is returned. Records without a post id are only added.
    pub fn upsert(&mut self, records: &[IndexRecord]) -> Result<bool> {
        let Some(first) = records.first() else {
            return Ok(true);
        };
        let f = self.owner.fields;
        if let Some(post_id) = first.post_id {
            let existing = match self.seen.get(&post_id) {
                Some(m) => m.clone(),
                None => self.owner.modified_of(post_id)?,
            };
            if let (Some(old), Some(new)) = (&existing, &first.modified)
                && old > new
            {
                return Ok(false);
            }
            self.writer
                .delete_term(Term::from_field_u64(f.post_id, post_id));
            self.seen.insert(post_id, first.modified.clone());
        }
        for r in records {
            let headings = (1..=6)
                .filter_map(|l| r.hierarchy.get(&format!("lvl{l}")).cloned())
                .collect::<Vec<_>>()
                .join(" > ");
            let mut d = doc!(
                f.id => r.id.clone(),
                f.url => r.url.clone().unwrap_or_default(),
                f.title => r.title.clone(),
                f.headings => headings,
                f.content => r.content.clone(),
                f.kind => r.kind.clone(),
                f.date => r.date.clone().unwrap_or_default(),
                f.modified => r.modified.clone().unwrap_or_default(),
                f.anchor => r.anchor.clone().unwrap_or_default(),
            );
            if let Some(p) = r.post_id {
                d.add_u64(f.post_id, p);
            }
            for c in &r.categories {
                d.add_text(f.categories, c.to_lowercase());
            }
            for t in &r.tags {
                d.add_text(f.tags, t.to_lowercase());
            }
            self.writer.add_document(d).map_err(err)?;
        }
        Ok(true)
    }

    /// Makes the written records searchable.
    pub fn commit(mut self) -> Result<()> {
        self.writer.commit().map_err(err)?;
        self.writer.wait_merging_threads().map_err(err)?;
        self.owner.reader.reload().map_err(err)?;
        Ok(())
    }
}
