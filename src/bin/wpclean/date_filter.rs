//! `--since` / `--until`: posts kept by their `modified` date.
//!
//! WordPress writes local times without a zone, as `2013-01-11T20:22:19` (REST) or
//! `2013-01-11 20:22:19` (WXR). Both are read into the same value and compared as dates, never
//! as strings. A post outside the range, or without a readable `modified`, is counted as
//! skipped with the reason.

use std::fmt;

use jiff::civil::{Date, DateTime, Time};
use wpclean::{Post, Record};

use crate::gate::{Admitted, Skip};

/// Why a post is outside the range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OutOfRange {
    /// It has no `modified` date that reads as one.
    NoDate,
    /// Modified before `--since` (as the user gave it).
    Before(String),
    /// Modified after `--until` (as the user gave it).
    After(String),
}

impl fmt::Display for OutOfRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OutOfRange::NoDate => f.write_str("no readable modified date (--since/--until)"),
            OutOfRange::Before(given) => write!(f, "modified before --since {given}"),
            OutOfRange::After(given) => write!(f, "modified after --until {given}"),
        }
    }
}

/// One end of the range, with the text the user gave (for the skip reasons).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bound {
    at: DateTime,
    given: String,
}

/// Reads a local date: `YYYY-MM-DD`, optionally with `T` or a space and a time (fractions
/// of seconds, `Z` or an offset are accepted and ignored: WordPress's `modified` is a
/// wall-clock time). A bare date is the start of the day, or its last second when
/// `end_of_day`. WordPress's zero date (`0000-00-00 00:00:00`) is no date.
pub fn parse(s: &str, end_of_day: bool) -> Option<DateTime> {
    let s = s.trim();
    if s.len() == 10 {
        let day: Date = s.parse().ok()?;
        let time = if end_of_day {
            Time::constant(23, 59, 59, 0)
        } else {
            Time::midnight()
        };
        return Some(day.to_datetime(time));
    }
    // A civil date-time parses with a numeric offset (dropped) but not with `Z`.
    let d: DateTime = match s.parse() {
        Ok(d) => d,
        Err(_) => s
            .parse::<jiff::Timestamp>()
            .ok()?
            .to_zoned(jiff::tz::TimeZone::UTC)
            .datetime(),
    };
    d.with().subsec_nanosecond(0).build().ok()
}

const EXPECTED: &str = "expected an ISO date such as 2024-01-31 or 2024-01-31T08:00:00";

/// clap's parser for `--since`.
pub fn parse_since(s: &str) -> Result<Bound, String> {
    bound(s, false)
}

/// clap's parser for `--until` (a bare date includes its whole day).
pub fn parse_until(s: &str) -> Result<Bound, String> {
    bound(s, true)
}

fn bound(s: &str, end_of_day: bool) -> Result<Bound, String> {
    let at = parse(s, end_of_day).ok_or_else(|| EXPECTED.to_string())?;
    Ok(Bound {
        at,
        given: s.trim().to_string(),
    })
}

/// The range posts must fall in; both ends optional and inclusive.
#[derive(Debug, Clone, Default)]
pub struct DateFilter {
    pub since: Option<Bound>,
    pub until: Option<Bound>,
}

impl DateFilter {
    /// The record as it goes on: a post outside the range is held back with the reason.
    pub fn admit(&self, admitted: Admitted) -> Admitted {
        match admitted {
            Admitted::Go(Record::Post { post, location }) => match self.reject(&post) {
                Some(why) => Admitted::Held {
                    location,
                    reason: Skip::Dates(why),
                },
                None => Admitted::Go(Record::Post { post, location }),
            },
            other => other,
        }
    }

    /// Why this post is left out, or `None` to keep it.
    pub fn reject(&self, post: &Post) -> Option<OutOfRange> {
        if self.since.is_none() && self.until.is_none() {
            return None;
        }
        let Some(modified) = post.modified.as_deref().and_then(|m| parse(m, false)) else {
            return Some(OutOfRange::NoDate);
        };
        if let Some(b) = &self.since
            && modified < b.at
        {
            return Some(OutOfRange::Before(b.given.clone()));
        }
        if let Some(b) = &self.until
            && modified > b.at
        {
            return Some(OutOfRange::After(b.given.clone()));
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> String {
        parse(s, false)
            .map(|d| d.strftime("%Y-%m-%dT%H:%M:%S").to_string())
            .unwrap_or_default()
    }

    #[test]
    fn rest_and_wxr_forms_are_the_same_date() {
        assert_eq!(at("2013-01-11T20:22:19"), "2013-01-11T20:22:19");
        assert_eq!(at("2013-01-11 20:22:19"), "2013-01-11T20:22:19");
        assert_eq!(at("2013-01-11T20:22:19.123Z"), "2013-01-11T20:22:19");
        assert_eq!(at("2013-01-11T20:22:19+02:00"), "2013-01-11T20:22:19");
        assert_eq!(at("2013-01-11T20:22:19-05:00"), "2013-01-11T20:22:19");
        assert_eq!(at("2013-01-11T20:22"), "2013-01-11T20:22:00");
        assert_eq!(at("2013-01-11"), "2013-01-11T00:00:00");
        assert_eq!(
            parse("2013-01-11", true)
                .unwrap()
                .strftime("%Y-%m-%dT%H:%M:%S")
                .to_string(),
            "2013-01-11T23:59:59"
        );
    }

    #[test]
    fn impossible_dates_are_refused() {
        for s in [
            "",
            "2013",
            "2013-1-11",
            "0000-00-00 00:00:00",
            "2013-02-29",
            "2013-13-01",
            "2013-01-11T25:00:00",
            "11/01/2013",
            "2013-01-11-02",
        ] {
            assert_eq!(parse(s, false), None, "{s:?}");
        }
        assert!(parse("2012-02-29", false).is_some());
    }

    #[test]
    fn comparison_is_by_date_not_by_string() {
        // As strings, "2013-01-11 ..." sorts before "2013-01-11T..." whatever the times.
        let filter = DateFilter {
            since: Some(parse_since("2013-01-11T21:00:00").unwrap()),
            until: None,
        };
        let post = |m: &str| {
            let mut p = Post::default();
            p.modified = Some(m.to_string());
            p
        };
        assert!(filter.reject(&post("2013-01-11 22:00:00")).is_none());
        assert!(filter.reject(&post("2013-01-11 20:00:00")).is_some());
        assert!(filter.reject(&Post::default()).is_some());
    }
}
