//! What is let through to cleaning: posts whose status the options publish, each post once.
//! Everything held back is counted as skipped, with its reason, so the summary still adds up
//! and `--verbose` can list it.

use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::hash::{DefaultHasher, Hash, Hasher};

use wpclean::{Extractor, Location, Post, Record, SkipReason};

use crate::date_filter::OutOfRange;

/// Why an item is not cleaned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Skip {
    /// Its reader, or the options' gate (a post's status, a page's kind), said why.
    Read(SkipReason),
    /// A post already let through in this run (same id and link).
    Duplicate { id: u64, link: Option<String> },
    /// Outside `--since`/`--until`.
    Dates(OutOfRange),
    /// A kind of record this version of the command does not know.
    NotAPost,
}

impl fmt::Display for Skip {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Skip::Read(r) => r.fmt(f),
            Skip::Duplicate { id, link } => write!(
                f,
                "duplicate of post {id} ({}) read earlier",
                link.as_deref().unwrap_or("no link")
            ),
            Skip::Dates(r) => r.fmt(f),
            Skip::NotAPost => f.write_str("not a post"),
        }
    }
}

/// A record on its way to the workers, or held back with the reason.
pub enum Admitted {
    Go(Record),
    Held { location: Location, reason: Skip },
}

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

    /// The record as it goes on, or held back with the reason (a record its reader skipped
    /// included).
    pub fn admit(&mut self, extractor: &Extractor, record: Record) -> Admitted {
        let (post, location) = match record {
            Record::Post { post, location } => (post, location),
            Record::Skipped { location, reason } => {
                let reason = Skip::Read(reason);
                return Admitted::Held { location, reason };
            }
            other => return Admitted::Go(other),
        };
        if let Some(reason) = extractor.skip_reason(&post) {
            let reason = Skip::Read(reason);
            return Admitted::Held { location, reason };
        }
        if !self.keep_duplicates
            && let Some(key) = identity(&post)
            && !self.seen.insert(key)
        {
            let reason = Skip::Duplicate {
                id: post.id.unwrap_or_default(),
                link: post.link.clone(),
            };
            return Admitted::Held { location, reason };
        }
        Admitted::Go(Record::Post { post, location })
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
pub struct SkipReasons {
    /// By status.
    statuses: BTreeMap<String, u64>,
    duplicates: u64,
    /// Every other reason, by its text.
    others: BTreeMap<String, u64>,
}

impl SkipReasons {
    pub fn add(&mut self, reason: &Skip) {
        match reason {
            Skip::Read(SkipReason::PostStatus(s)) => {
                *self.statuses.entry(s.clone()).or_default() += 1;
            }
            Skip::Duplicate { .. } => self.duplicates += 1,
            other => *self.others.entry(other.to_string()).or_default() += 1,
        }
    }

    /// `status draft 5, private 2; duplicate 3; post type "attachment" 4`: statuses together,
    /// duplicates together, then every other reason; each list most frequent first, then in
    /// alphabetical order.
    pub fn describe(&self) -> String {
        let statuses = by_count(&self.statuses);
        let duplicates = self.duplicates;
        let others = by_count(&self.others);
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
        self.statuses.is_empty() && self.duplicates == 0 && self.others.is_empty()
    }
}

/// `reason n` for each entry, the most frequent first, then in alphabetical order.
fn by_count(map: &BTreeMap<String, u64>) -> Vec<String> {
    let mut list: Vec<(&String, &u64)> = map.iter().collect();
    list.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    list.into_iter()
        .map(|(reason, n)| format!("{reason} {n}"))
        .collect()
}

/// The line `--verbose` prints for a skipped item.
pub fn verbose_line(location: &Location, reason: &Skip) -> String {
    format!("wpclean: skipped: {location}: {reason}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_groups_statuses_and_duplicates_and_counts_the_rest_by_their_text() {
        let mut reasons = SkipReasons::default();
        let status = |s: &str| Skip::Read(SkipReason::PostStatus(s.into()));
        for r in [
            status("private"),
            status("draft"),
            status("draft"),
            Skip::Duplicate { id: 3, link: None },
            Skip::Duplicate {
                id: 4,
                link: Some("https://example.com/a/".into()),
            },
            Skip::Read(SkipReason::PostType("attachment".into())),
            Skip::Dates(crate::date_filter::OutOfRange::NoDate),
            Skip::Dates(crate::date_filter::OutOfRange::NoDate),
        ] {
            reasons.add(&r);
        }
        assert_eq!(
            reasons.describe(),
            "status draft 2, private 1; duplicate 2; \
             no readable modified date (--since/--until) 2; post type \"attachment\" 1"
        );
        assert_eq!(
            Skip::Duplicate { id: 3, link: None }.to_string(),
            "duplicate of post 3 (no link) read earlier"
        );
        assert!(SkipReasons::default().is_empty());
    }
}
