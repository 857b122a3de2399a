//! Search records: an article cut into the pieces a search engine ranks and links to. One
//! record per section (heading path, anchored URL, text), one per FAQ entry, one per table;
//! long ones split into chunks at paragraph or sentence boundaries.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::article::{Article, Table};

/// How records are cut.
///
/// ```
/// let options = wpclean::RecordOptions::default().max_chars(800).overlap(100);
/// assert_eq!(options.max_chars, Some(800));
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct RecordOptions {
    /// Split records longer than this many characters (at paragraph, then sentence, then
    /// word boundaries; table records between rows). `None` keeps sections whole.
    pub max_chars: Option<usize>,
    /// Characters of the previous chunk repeated at the start of the next (whole sentences or
    /// words, never part of one), so a passage cut in two is still found whole.
    pub overlap: usize,
}

impl RecordOptions {
    /// Sets the chunk size.
    pub fn max_chars(mut self, n: usize) -> Self {
        self.max_chars = Some(n.max(1));
        self
    }

    /// Sets the overlap between chunks.
    pub fn overlap(mut self, n: usize) -> Self {
        self.overlap = n;
        self
    }
}

/// One search record.
///
/// Its `id` is stable across runs (post id, anchor or position, chunk number), so indexing
/// the same post again replaces its records instead of adding new ones.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default)]
#[non_exhaustive]
pub struct IndexRecord {
    /// Stable identifier: `{post_id}-{anchor or s{position}}-{chunk}` (plus `-faq` or `-table`
    /// for those record kinds).
    pub id: String,
    /// The post's id.
    pub post_id: Option<u64>,
    /// Where a hit lands: the post's link with the section's anchor.
    pub url: Option<String>,
    /// The post's title.
    pub title: String,
    /// `lvl0` = post title, `lvl1`… = the headings above this record, outermost first.
    pub hierarchy: BTreeMap<String, String>,
    /// The record's text.
    pub content: String,
    /// `content`, `faq` or `table`.
    #[serde(rename = "type")]
    pub kind: String,
    /// The section's anchor, when it has one.
    pub anchor: Option<String>,
    /// Publication date.
    pub date: Option<String>,
    /// Last modification (site time zone).
    pub modified: Option<String>,
    /// Last modification in UTC: what decides which copy of a post is newer, when both
    /// copies have it.
    pub modified_gmt: Option<String>,
    /// Category names (or slugs).
    pub categories: Vec<String>,
    /// Tag names (or slugs).
    pub tags: Vec<String>,
    /// The author's name (or slug).
    pub author: Option<String>,
    /// Order of the record's section in the post (0 = before the first heading).
    pub position: u32,
    /// Chunk number within the section (0 when not split).
    pub chunk: u32,
    /// Words in `content`.
    pub word_count: u32,
}

/// Cuts an article into search records.
///
/// ```
/// let json = r#"{"id": 5, "link": "https://example.com/p/", "title": {"rendered": "Guide"},
///   "content": {"rendered": "<h2 id=\"a\">Start</h2><p>Begin here.</p>"}}"#;
/// let article = wpclean::extract_json(json, &wpclean::Options::default())?;
/// let records = wpclean::records(&article, &wpclean::RecordOptions::default());
/// assert_eq!(records[0].url.as_deref(), Some("https://example.com/p/#a"));
/// assert_eq!(records[0].hierarchy["lvl1"], "Start");
/// # Ok::<(), wpclean::Error>(())
/// ```
pub fn records(article: &Article, options: &RecordOptions) -> Vec<IndexRecord> {
    let mut cutter = Cutter {
        article,
        options,
        base: base_record(article),
        post_key: article
            .id
            .map(|i| i.to_string())
            .or_else(|| article.slug.clone())
            .unwrap_or_else(|| "post".into()),
        out: Vec::new(),
    };
    cutter.sections();
    cutter.faq();
    cutter.tables();
    cutter.out
}

/// The fields every record of the article shares.
fn base_record(article: &Article) -> IndexRecord {
    let names = |terms: &[crate::Term]| -> Vec<String> {
        terms
            .iter()
            .filter_map(|t| t.name.clone().or_else(|| t.slug.clone()))
            .collect()
    };
    IndexRecord {
        post_id: article.id,
        title: article.title.clone(),
        date: article.date.clone(),
        modified: article.modified.clone(),
        modified_gmt: article.modified_gmt.clone(),
        categories: names(&article.categories),
        tags: names(&article.tags),
        author: article
            .author
            .as_ref()
            .and_then(|a| a.name.clone().or_else(|| a.slug.clone())),
        ..IndexRecord::default()
    }
}

/// One article being cut into records: its sections, then its FAQ entries, then its tables.
struct Cutter<'a> {
    article: &'a Article,
    options: &'a RecordOptions,
    /// The fields every record shares.
    base: IndexRecord,
    /// The first part of every record's id: the post id, else its slug.
    post_key: String,
    out: Vec<IndexRecord>,
}

impl Cutter<'_> {
    /// `lvl0` the post's title, then the headings of `path`.
    fn hierarchy(&self, path: &[String]) -> BTreeMap<String, String> {
        let mut h = BTreeMap::new();
        h.insert("lvl0".to_string(), self.article.title.clone());
        for (i, p) in path.iter().take(6).enumerate() {
            h.insert(format!("lvl{}", i + 1), p.clone());
        }
        h
    }

    /// The records of each section with text.
    fn sections(&mut self) {
        let article = self.article;
        let faq_anchors: Vec<&str> = article
            .faq
            .iter()
            .filter_map(|f| f.anchor.as_deref())
            .collect();
        for (position, s) in article.sections.iter().enumerate() {
            if s.text.trim().is_empty() {
                continue;
            }
            // A section that is an FAQ question is one FAQ record (not a second copy of it).
            let is_faq = s
                .anchor
                .as_deref()
                .is_some_and(|a| faq_anchors.contains(&a));
            let key = s.anchor.clone().unwrap_or_else(|| format!("s{position}"));
            let template = IndexRecord {
                url: s.url.clone(),
                hierarchy: self.hierarchy(&s.path),
                kind: if is_faq { "faq" } else { "content" }.into(),
                anchor: s.anchor.clone(),
                position: position as u32,
                ..self.base.clone()
            };
            let key = format!("{}-{key}", self.post_key);
            push_chunks(
                &mut self.out,
                template,
                &key,
                split(&s.text, self.options, false),
            );
        }
    }

    /// FAQ entries from markup or JSON-LD have no section of their own.
    fn faq(&mut self) {
        let article = self.article;
        for (i, f) in article.faq.iter().enumerate() {
            if f.anchor.is_some() {
                continue;
            }
            let path = vec![f.question.clone()];
            let template = IndexRecord {
                url: article.url.clone(),
                hierarchy: self.hierarchy(&path),
                kind: "faq".into(),
                position: article.sections.len() as u32 + i as u32,
                ..self.base.clone()
            };
            let key = format!("{}-faq{i}", self.post_key);
            let text = format!("{}\n\n{}", f.question, f.answer);
            push_chunks(
                &mut self.out,
                template,
                &key,
                split(&text, self.options, false),
            );
        }
    }

    /// The records of each table, placed in the section that holds its first row.
    fn tables(&mut self) {
        let article = self.article;
        for (i, t) in article.tables.iter().enumerate() {
            let text = table_text(t);
            if text.is_empty() {
                continue;
            }
            // The table's section: the first whose text holds its first row.
            let first_row = t
                .header
                .first()
                .or_else(|| t.rows.first().and_then(|r| r.first()))
                .cloned()
                .unwrap_or_default();
            let section = article
                .sections
                .iter()
                .enumerate()
                .find(|(_, s)| !first_row.is_empty() && s.text.contains(&first_row));
            let (position, mut path, url, anchor) = match section {
                Some((p, s)) => (p as u32, s.path.clone(), s.url.clone(), s.anchor.clone()),
                None => (0, Vec::new(), article.url.clone(), None),
            };
            if let Some(c) = &t.caption {
                path.push(c.clone());
            }
            let template = IndexRecord {
                url,
                hierarchy: self.hierarchy(&path),
                kind: "table".into(),
                anchor,
                position,
                ..self.base.clone()
            };
            let key = format!("{}-table{i}", self.post_key);
            push_chunks(
                &mut self.out,
                template,
                &key,
                split(&text, self.options, true),
            );
        }
    }
}

fn push_chunks(out: &mut Vec<IndexRecord>, template: IndexRecord, key: &str, chunks: Vec<String>) {
    for (n, content) in chunks.into_iter().enumerate() {
        out.push(IndexRecord {
            id: format!("{key}-{n}"),
            word_count: content.split_whitespace().count() as u32,
            chunk: n as u32,
            content,
            ..template.clone()
        });
    }
}

/// A table as readable lines: each row as `column: value` pairs when there is a header.
fn table_text(t: &Table) -> String {
    let mut lines = Vec::new();
    if let Some(c) = &t.caption {
        lines.push(c.clone());
    }
    for row in &t.rows {
        let line = if t.header.is_empty() {
            row.join(" | ")
        } else {
            row.iter()
                .enumerate()
                .map(
                    |(i, cell)| match t.header.get(i).filter(|h| !h.is_empty()) {
                        Some(h) => format!("{h}: {cell}"),
                        None => cell.clone(),
                    },
                )
                .collect::<Vec<_>>()
                .join("; ")
        };
        if !line.trim().is_empty() {
            lines.push(line);
        }
    }
    lines.join("\n")
}

/// Splits text into chunks of at most `max_chars` characters: between paragraphs (or, for
/// tables, between rows) first, then between sentences, then between words. A single word
/// longer than the limit is the only thing ever cut.
fn split(text: &str, options: &RecordOptions, rows: bool) -> Vec<String> {
    let Some(max) = options.max_chars else {
        return vec![text.to_string()];
    };
    if text.chars().count() <= max {
        return vec![text.to_string()];
    }
    // Units that must stay whole, each with the separator that follows it.
    let mut units: Vec<(String, &str)> = Vec::new();
    let blocks: Vec<&str> = if rows {
        text.lines().collect()
    } else {
        text.split("\n\n").collect()
    };
    let block_sep = if rows { "\n" } else { "\n\n" };
    for block in blocks {
        if block.chars().count() <= max || rows {
            units.push((block.to_string(), block_sep));
            continue;
        }
        for sentence in sentences(block) {
            if sentence.chars().count() <= max {
                units.push((sentence.to_string(), " "));
            } else {
                for word in sentence.split_whitespace() {
                    units.push((word.to_string(), " "));
                }
            }
        }
        // The last piece of a block is followed by a block break.
        if let Some(last) = units.last_mut() {
            last.1 = block_sep;
        }
    }
    let len = |s: &str| s.chars().count();
    // Joins units with the separator that follows each.
    let render = |idx: &[usize]| {
        let mut s = String::new();
        for (k, &j) in idx.iter().enumerate() {
            if k > 0 {
                s.push_str(units[idx[k - 1]].1);
            }
            s.push_str(&units[j].0);
        }
        s
    };
    let mut chunks: Vec<String> = Vec::new();
    let mut current: Vec<usize> = Vec::new();
    for i in 0..units.len() {
        let mut candidate = current.clone();
        candidate.push(i);
        if current.is_empty() || len(&render(&candidate)) <= max {
            current = candidate;
            continue;
        }
        chunks.push(render(&current));
        // Overlap: whole units from the end of the previous chunk.
        let mut carried = Vec::new();
        let mut total = 0;
        for &j in current.iter().rev() {
            total += len(&units[j].0) + 1;
            if total > options.overlap {
                break;
            }
            carried.push(j);
        }
        carried.reverse();
        carried.push(i);
        current = if len(&render(&carried)) <= max {
            carried
        } else {
            vec![i]
        };
    }
    if !current.is_empty() {
        chunks.push(render(&current));
    }
    chunks
}

/// Sentences: cut after `.`, `!` or `?` followed by a space and an upper-case letter, digit
/// or quote (so "e.g. this" and "3.5 m" stay whole).
fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for w in 0..chars.len().saturating_sub(2) {
        let (_, c) = chars[w];
        let (_, next) = chars[w + 1];
        let (at, after) = chars[w + 2];
        if matches!(c, '.' | '!' | '?' | '…')
            && next == ' '
            && (after.is_uppercase()
                || after.is_ascii_digit()
                || matches!(after, '"' | '“' | '\'' | '('))
        {
            out.push(text[start..at - 1].trim());
            start = at;
        }
    }
    out.push(text[start..].trim());
    out.retain(|s| !s.is_empty());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts(max: usize, overlap: usize) -> RecordOptions {
        RecordOptions::default().max_chars(max).overlap(overlap)
    }

    #[test]
    fn chunks_respect_sentences_and_words() {
        let text = "The first sentence is here. The second one follows it. A third closes the paragraph.\n\nAnother paragraph starts now.";
        let chunks = split(text, &opts(60, 0), false);
        assert!(chunks.len() > 1);
        for c in &chunks {
            assert!(c.chars().count() <= 60, "{c:?}");
        }
        // Every word of the text is in some chunk, and no chunk starts or ends inside a word.
        let words: Vec<&str> = text.split_whitespace().collect();
        let joined: Vec<&str> = chunks.iter().flat_map(|c| c.split_whitespace()).collect();
        assert_eq!(words, joined);
    }

    #[test]
    fn overlap_repeats_whole_units() {
        let text = "One two three four five six seven eight nine ten eleven twelve.";
        let chunks = split(text, &opts(20, 8), false);
        for pair in chunks.windows(2) {
            let last_word = pair[0].split_whitespace().last().unwrap();
            assert!(
                pair[1].split_whitespace().any(|w| w == last_word),
                "{pair:?}"
            );
        }
    }

    #[test]
    fn table_rows_are_never_cut() {
        let text = (0..20)
            .map(|i| format!("Step: {i}; Task: do thing number {i}"))
            .collect::<Vec<_>>()
            .join("\n");
        let chunks = split(&text, &opts(100, 0), true);
        let rows: Vec<&str> = text.lines().collect();
        let got: Vec<&str> = chunks.iter().flat_map(|c| c.lines()).collect();
        assert_eq!(rows, got);
    }

    #[test]
    fn sentence_split_keeps_abbreviations() {
        assert_eq!(
            sentences("Use e.g. salt. Then 3.5 m of rope! Done?"),
            vec!["Use e.g. salt.", "Then 3.5 m of rope!", "Done?"]
        );
    }
}
