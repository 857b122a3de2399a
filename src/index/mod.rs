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
//! assert_eq!(writer.upsert(&records)?, wpclean::Upsert::Indexed);
//! writer.commit()?;
//!
//! let hits = index.search("honey", &wpclean::SearchOptions::default())?;
//! assert_eq!(hits[0].url.as_deref(), Some("https://example.com/p/#hive"));
//! # std::fs::remove_dir_all(&dir).ok();
//! # Ok(()) }
//! ```

use std::path::Path;

use serde::{Deserialize, Serialize};
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, Occur, Query, QueryParser, TermQuery};
use tantivy::schema::{
    Field, IndexRecordOption, STORED, STRING, Schema, TantivyDocument, TextFieldIndexing,
    TextOptions, Value,
};
use tantivy::snippet::{Snippet, SnippetGenerator};
use tantivy::tokenizer::TokenizerManager;
use tantivy::{Index, IndexReader, ReloadPolicy, Term, doc};

use crate::error::{Error, ErrorKind, Result};
use crate::records::IndexRecord;

mod tokenizer;
mod writer;

pub use writer::{IndexWriter, Upsert};

fn err(e: impl std::fmt::Display) -> Error {
    Error::new(ErrorKind::Index(e.to_string()))
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
    modified_gmt: Field,
    categories: Field,
    tags: Field,
    anchor: Field,
}

fn schema() -> (Schema, Fields) {
    let text = TextOptions::default().set_stored().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(tokenizer::NAME)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let mut b = Schema::builder();
    let fields = Fields {
        id: b.add_text_field("id", STRING | STORED),
        post_id: b.add_u64_field(
            "post_id",
            tantivy::schema::INDEXED | STORED | tantivy::schema::FAST,
        ),
        url: b.add_text_field("url", STORED),
        title: b.add_text_field("title", text.clone()),
        headings: b.add_text_field("headings", text.clone()),
        content: b.add_text_field("content", text.clone()),
        kind: b.add_text_field("type", STRING | STORED),
        date: b.add_text_field("date", STRING | STORED),
        modified: b.add_text_field("modified", STRING | STORED),
        modified_gmt: b.add_text_field("modified_gmt", STRING | STORED),
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
    /// Tokenizers for queries: the text fields' tokenizer name bound to the query analyzer.
    query_tokenizers: TokenizerManager,
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

/// The hits of a search, and how many records match in all.
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct SearchResults {
    /// The best hits, best first, at most [`SearchOptions::limit`] of them.
    pub hits: Vec<Hit>,
    /// Every record the query (and filters) match, shown or not.
    pub total: usize,
}

impl SearchIndex {
    /// Opens the index in `dir`, creating it (and the directory) when absent.
    pub fn open_or_create(dir: &Path) -> Result<SearchIndex> {
        std::fs::create_dir_all(dir).map_err(|e| {
            Error::new(ErrorKind::Io {
                kind: e.kind(),
                message: format!("search index: {e}"),
            })
        })?;
        let (schema, fields) = schema();
        let directory = tantivy::directory::MmapDirectory::open(dir).map_err(err)?;
        let index = Index::open_or_create(directory, schema).map_err(|e| match e {
            tantivy::TantivyError::SchemaError(_) => Error::new(ErrorKind::Index(format!(
                "{}: made by another version of wpclean (its words are cut \
                 differently); delete the directory and index again",
                dir.display()
            ))),
            e => err(e),
        })?;
        index
            .tokenizers()
            .register(tokenizer::NAME, tokenizer::index_analyzer());
        let query_tokenizers = TokenizerManager::default();
        query_tokenizers.register(tokenizer::NAME, tokenizer::query_analyzer());
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(err)?;
        Ok(SearchIndex {
            index,
            reader,
            fields,
            query_tokenizers,
        })
    }

    /// A writer. Its records become searchable and durable when it commits: call
    /// [`IndexWriter::commit`] to learn whether that worked; a writer dropped without it
    /// commits too, but cannot report an error.
    pub fn writer(&self) -> Result<IndexWriter<'_>> {
        let writer = self.index.writer(64 << 20).map_err(err)?;
        Ok(IndexWriter::new(self, writer))
    }

    /// Number of records in the index.
    pub fn len(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Whether the index holds no records.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The stored `modified` and `modified_gmt` dates of a post, when the index holds it.
    fn modified_of(&self, post_id: u64) -> Result<Option<Modified>> {
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
        Ok(Some(Modified {
            local: text(&d, self.fields.modified),
            gmt: text(&d, self.fields.modified_gmt),
        }))
    }

    /// Searches the records: `query` in the words of titles (boosted ×3), headings (×2) and
    /// content.
    pub fn search(&self, query: &str, options: &SearchOptions) -> Result<Vec<Hit>> {
        Ok(self.search_counted(query, options)?.hits)
    }

    /// [`search`](Self::search), and how many records match in all (`total`, counted in the
    /// same pass), beyond the hits the limit keeps.
    pub fn search_counted(&self, query: &str, options: &SearchOptions) -> Result<SearchResults> {
        let f = self.fields;
        let mut parser = QueryParser::new(
            self.index.schema(),
            vec![f.title, f.headings, f.content],
            self.query_tokenizers.clone(),
        );
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
        let (top, total) = searcher
            .search(&q, &(TopDocs::with_limit(limit), Count))
            .map_err(err)?;
        let snippets = SnippetGenerator::create(&searcher, &*text_query, f.content).map_err(err)?;
        let mut hits = Vec::with_capacity(top.len());
        for (score, addr) in top {
            let d: TantivyDocument = searcher.doc(addr).map_err(err)?;
            let mut s = bold_passage(&snippets.snippet_from_doc(&d));
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
                snippet: one_line(&s),
            });
        }
        Ok(SearchResults { hits, total })
    }
}

/// The passage on one line, with one space between words (the blank lines between
/// paragraphs, and the spaces around them, are one space).
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The snippet's passage with the matched words in `**bold**`. Matches may overlap (the
/// character pairs of CJK text): overlapping and touching ones are one bold span.
fn bold_passage(snippet: &Snippet) -> String {
    let mut spans: Vec<std::ops::Range<usize>> = snippet.highlighted().to_vec();
    spans.sort_by_key(|r| r.start);
    let mut merged: Vec<std::ops::Range<usize>> = Vec::with_capacity(spans.len());
    for r in spans {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    let frag = snippet.fragment();
    let mut s = String::with_capacity(frag.len() + 4 * merged.len());
    let mut at = 0;
    for r in merged {
        s.push_str(&frag[at..r.start]);
        s.push_str("**");
        s.push_str(&frag[r.start..r.end]);
        s.push_str("**");
        at = r.end;
    }
    s.push_str(&frag[at..]);
    s
}

/// When a copy of a post was last modified, in the site's time zone and in UTC.
#[derive(Debug, Clone, Default)]
struct Modified {
    local: Option<String>,
    gmt: Option<String>,
}

impl Modified {
    fn of(r: &IndexRecord) -> Modified {
        Modified {
            local: r.modified.clone(),
            gmt: r.modified_gmt.clone(),
        }
    }

    /// Whether this copy is older than `other` (compared as times, UTC when both have it).
    fn is_older_than(&self, other: &Modified) -> bool {
        crate::date::is_older(
            (self.local.as_deref(), self.gmt.as_deref()),
            (other.local.as_deref(), other.gmt.as_deref()),
        )
    }
}

fn text(d: &TantivyDocument, f: Field) -> Option<String> {
    d.get_first(f)
        .and_then(|v| v.as_str().map(str::to_string))
        .filter(|s| !s.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_index_whose_words_were_cut_otherwise_is_refused_with_what_to_do() {
        let dir = std::env::temp_dir().join(format!("wpclean-old-index-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        // The schema of earlier versions: text fields with tantivy's default tokenizer.
        let mut b = Schema::builder();
        b.add_text_field("title", tantivy::schema::TEXT | STORED);
        let directory = tantivy::directory::MmapDirectory::open(&dir).unwrap();
        Index::create(directory, b.build(), Default::default()).unwrap();
        let e = SearchIndex::open_or_create(&dir).unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::Index(_)), "{e}");
        let e = e.to_string();
        assert!(e.contains("delete the directory and index again"), "{e}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
