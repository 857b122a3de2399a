//! What is let through to cleaning: posts whose status the options publish, each post once.
//! Everything held back is counted as skipped, with its reason, so the summary still adds up
//! and `--verbose` can list it.

use std::collections::{BTreeMap, HashSet};
use std::hash::{DefaultHasher, Hash, Hasher};

use wpclean::{Extractor, Location, Post, Record};

/// Holds back posts the options do not publish, and posts already met in this run.
pub struct Gate {
    keep_duplicates: bool,
    /// 128-bit fingerprints of the (id, link) of every post let through: 16 bytes a post,
    /// whatever the size of the export.
    seen: HashSet<(u64, u64)>,
}

impl Gate {
    pub fn new(keep_duplicates: bool) -> Gate {
        Gate {
            keep_duplicates,
            seen: HashSet::new(),
        }
    }

    /// The record as it goes on: a post held back becomes `Skipped` with the reason.
    pub fn admit(&mut self, extractor: &Extractor, record: Record) -> Record {
        let Record::Post { post, location } = record else {
            return record;
        };
        if let Some(reason) = extractor.skip_reason(&post) {
            return Record::Skipped { location, reason };
        }
        if !self.keep_duplicates
            && let Some(key) = identity(&post)
            && !self.seen.insert(key)
        {
            let reason = format!(
                "duplicate of post {} ({}) read earlier",
                post.id.unwrap_or_default(),
                post.link.as_deref().unwrap_or("no link")
            );
            return Record::Skipped { location, reason };
        }
        Record::Post { post, location }
    }
}

/// A post's identity for duplicates: its id and link. Posts without an id are never taken
/// for duplicates (bare HTML, custom exports).
fn identity(post: &Post) -> Option<(u64, u64)> {
    let id = post.id?;
    let link = post.link.as_deref().map(str::trim).unwrap_or("");
    let half = |salt: u8| {
        let mut h = DefaultHasher::new();
        (salt, id, link).hash(&mut h);
        h.finish()
    };
    Some((half(1), half(2)))
}

/// Skip reasons and how often each was met, for the summary.
#[derive(Default)]
pub struct SkipReasons(BTreeMap<String, u64>);

impl SkipReasons {
    pub fn add(&mut self, reason: &str) {
        *self.0.entry(reason.to_string()).or_default() += 1;
    }

    /// `status draft 5, private 2; duplicate 3; post type "attachment" 4`: statuses together,
    /// duplicates together, then every other reason.
    pub fn describe(&self) -> String {
        let mut statuses = Vec::new();
        let mut duplicates = 0;
        let mut others = Vec::new();
        let mut by_count: Vec<(&String, &u64)> = self.0.iter().collect();
        by_count.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        for (reason, n) in by_count {
            if let Some(s) = reason.strip_prefix("status ") {
                statuses.push(format!("{s} {n}"));
            } else if reason.starts_with("duplicate of post") {
                duplicates += n;
            } else {
                others.push(format!("{reason} {n}"));
            }
        }
        let mut parts = Vec::new();
        if !statuses.is_empty() {
            parts.push(format!("status {}", statuses.join(", ")));
        }
        if duplicates > 0 {
            parts.push(format!("duplicate {duplicates}"));
        }
        parts.extend(others);
        parts.join("; ")
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// The line `--verbose` prints for a skipped item.
pub fn verbose_line(location: &Location, reason: &str) -> String {
    format!("wpclean: skipped: {location}: {reason}")
}
