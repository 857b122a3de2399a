//! Adding records to a [`SearchIndex`], so that none is lost without the caller knowing.

use std::collections::HashMap;

use tantivy::{Term, doc};

use super::{Modified, SearchIndex, err};
use crate::error::Result;
use crate::records::IndexRecord;

/// What [`IndexWriter::upsert`] did with the records of a post.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
#[must_use = "a copy older than the indexed one is left out: check whether the records were indexed"]
pub enum Upsert {
    /// The records were added, replacing the post's earlier records, if any.
    Indexed,
    /// The index holds a newer copy of the post (by `modified_gmt` when both copies have it,
    /// else `modified`, compared as times): these records were left out.
    KeptNewer,
}

/// Adds records to a [`SearchIndex`].
///
/// Records become searchable, and are on disk, when the writer commits. [`commit`]
/// (which consumes the writer) says whether that worked. A writer dropped without it commits
/// what it was given, as [`std::io::BufWriter`] flushes when dropped, and like it cannot
/// report a failure then; a writer dropped while its thread panics commits nothing, so a batch
/// cut short by a panic is not half-written.
///
/// [`commit`]: IndexWriter::commit
#[must_use = "records become searchable when the writer commits: call `commit()`"]
pub struct IndexWriter<'a> {
    owner: &'a SearchIndex,
    /// `None` once committed.
    writer: Option<tantivy::IndexWriter>,
    /// Posts written by this writer, with their modification dates.
    seen: HashMap<u64, Modified>,
    /// Whether records were added or deleted since the last commit.
    pending: bool,
}

impl std::fmt::Debug for IndexWriter<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IndexWriter")
            .field("pending", &self.pending)
            .finish_non_exhaustive()
    }
}

impl<'a> IndexWriter<'a> {
    pub(super) fn new(owner: &'a SearchIndex, writer: tantivy::IndexWriter) -> Self {
        IndexWriter {
            owner,
            writer: Some(writer),
            seen: HashMap::new(),
            pending: false,
        }
    }

    /// Replaces the records of one post (all `records` must share its `post_id`). The newer
    /// modification date wins, compared as times (UTC when both copies have one): a copy
    /// older than the one already indexed is left out ([`Upsert::KeptNewer`]). A copy whose
    /// date cannot be compared replaces the indexed one. Records without a post id are only
    /// added.
    pub fn upsert(&mut self, records: &[IndexRecord]) -> Result<Upsert> {
        let Some(first) = records.first() else {
            return Ok(Upsert::Indexed);
        };
        let f = self.owner.fields;
        let writer = self
            .writer
            .as_mut()
            .expect("a writer is only committed by `commit(self)` or on drop");
        if let Some(post_id) = first.post_id {
            let existing = match self.seen.get(&post_id) {
                Some(m) => Some(m.clone()),
                None => self.owner.modified_of(post_id)?,
            };
            let modified = Modified::of(first);
            if existing.is_some_and(|old| modified.is_older_than(&old)) {
                return Ok(Upsert::KeptNewer);
            }
            writer.delete_term(Term::from_field_u64(f.post_id, post_id));
            self.pending = true;
            self.seen.insert(post_id, modified);
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
                f.modified_gmt => r.modified_gmt.clone().unwrap_or_default(),
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
            writer.add_document(d).map_err(err)?;
            self.pending = true;
        }
        Ok(Upsert::Indexed)
    }

    /// Makes the written records searchable and durable, and says whether that worked.
    pub fn commit(mut self) -> Result<()> {
        self.finish()
    }

    fn finish(&mut self) -> Result<()> {
        let Some(mut writer) = self.writer.take() else {
            return Ok(());
        };
        if self.pending {
            writer.commit().map_err(err)?;
            self.pending = false;
        }
        writer.wait_merging_threads().map_err(err)?;
        self.owner.reader.reload().map_err(err)?;
        Ok(())
    }
}

impl Drop for IndexWriter<'_> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            return;
        }
        // No caller is left to tell: `commit()` is the way to see an error (documented).
        let _ = self.finish();
    }
}
