//! Post dates in one ISO 8601 form, parsed and compared as times.
//!
//! WordPress writes `2013-01-11 20:22:19` in WXR exports and `2013-01-11T20:22:19` in REST
//! responses, `0000-00-00 00:00:00` for "no date" (drafts' UTC dates), and other tools add
//! fractions of seconds, `Z` or an offset. Local dates (the site's time zone) come out as
//! `YYYY-MM-DDTHH:MM:SS`, `_gmt` dates as `YYYY-MM-DDTHH:MM:SSZ`, to the second.

use jiff::Timestamp;
use jiff::civil::DateTime;
use jiff::tz::TimeZone;

/// A local date in its canonical form, `None` when it is not one.
pub(crate) fn local(raw: &str) -> Option<String> {
    parse_local(raw).map(|d| d.strftime("%Y-%m-%dT%H:%M:%S").to_string())
}

/// A UTC date in its canonical form, `None` when it is not one.
pub(crate) fn gmt(raw: &str) -> Option<String> {
    parse_gmt(raw).map(|t| t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string())
}

/// WordPress's "no date".
pub(crate) fn is_zero(raw: &str) -> bool {
    raw.trim().starts_with("0000-00-00")
}

/// A local date as read from an export: canonical when it parses, `None` for the zero date,
/// else kept as written (the article then leaves it out with a warning).
pub(crate) fn read_local(raw: Option<String>) -> Option<String> {
    read(raw, local)
}

/// A UTC date as read from an export (see [`read_local`]).
pub(crate) fn read_gmt(raw: Option<String>) -> Option<String> {
    read(raw, gmt)
}

fn read(raw: Option<String>, canonical: fn(&str) -> Option<String>) -> Option<String> {
    let raw = raw?;
    if is_zero(&raw) {
        return None;
    }
    canonical(&raw).or(Some(raw))
}

/// The civil date and time of a local date; an offset or `Z`, if written, is ignored (the
/// wall-clock time is the local date).
fn parse_local(raw: &str) -> Option<DateTime> {
    let s = raw.trim();
    if is_zero(s) {
        return None;
    }
    // A civil date and time parses with a numeric offset (ignored) but not with `Z`.
    let d: DateTime = match s.parse() {
        Ok(d) => d,
        Err(_) => s
            .parse::<Timestamp>()
            .ok()?
            .to_zoned(TimeZone::UTC)
            .datetime(),
    };
    d.with().subsec_nanosecond(0).build().ok()
}

/// A date written for readers, as themes print it without a `datetime`: `March 27, 2024`,
/// `Mar 27, 2024`, `27 March 2024`, `27. März 2024` is not read (English month names only),
/// `2024-03-27`, `2024/03/27`. Gives the day as a local date (`2024-03-27T00:00:00`); the
/// first date in `text` counts.
pub(crate) fn from_text(text: &str) -> Option<String> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let words: Vec<String> = text
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '.' | '|' | '·' | '•'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    // A month's name, or its first three letters (`sept` too).
    let month = |w: &str| {
        MONTHS
            .iter()
            .position(|m| *m == w || (w.len() >= 3 && w.len() <= 4 && m.starts_with(w)))
            .map(|i| i as i8 + 1)
    };
    let number = |w: &str| {
        w.trim_end_matches(|c: char| c.is_ascii_alphabetic())
            .parse::<i16>()
            .ok()
    };
    let day_of = |y: i16, m: i8, d: i16| {
        let d = i8::try_from(d).ok()?;
        jiff::civil::Date::new(y, m, d)
            .ok()
            .filter(|_| (1990..=2100).contains(&y))
            .map(|date| date.strftime("%Y-%m-%dT00:00:00").to_string())
    };
    for (i, w) in words.iter().enumerate() {
        if let Some(m) = month(w) {
            // Month Day Year, or Day Month Year.
            let next = words.get(i + 1).and_then(|w| number(w));
            let after = words.get(i + 2).and_then(|w| number(w));
            let before = i.checked_sub(1).and_then(|j| number(&words[j]));
            if let (Some(d), Some(y)) = (next, after)
                && let Some(date) = day_of(y, m, d)
            {
                return Some(date);
            }
            if let (Some(d), Some(y)) = (before, next)
                && let Some(date) = day_of(y, m, d)
            {
                return Some(date);
            }
        }
        let parts: Vec<&str> = w.split(['-', '/']).collect();
        if parts.len() == 3
            && parts[0].len() == 4
            && let (Ok(y), Ok(m), Ok(d)) = (parts[0].parse(), parts[1].parse(), parts[2].parse())
            && let Some(date) = day_of(y, m, d)
        {
            return Some(date);
        }
    }
    None
}

/// The instant of a UTC date: a civil date and time without offset is UTC (WordPress's
/// `date_gmt`), one with `Z` or an offset is that instant.
fn parse_gmt(raw: &str) -> Option<Timestamp> {
    let s = raw.trim();
    if is_zero(s) {
        return None;
    }
    let t = match s.parse::<Timestamp>() {
        Ok(t) => t,
        Err(_) => {
            let d: DateTime = s.parse().ok()?;
            d.to_zoned(TimeZone::UTC).ok()?.timestamp()
        }
    };
    Timestamp::from_second(t.as_second()).ok()
}

/// Whether a copy modified at `new` (local, UTC) is older than one modified at `old`. UTC
/// times are compared when both copies have one, else local times; when neither pair can
/// be compared the copy counts as not older.
#[cfg(feature = "index")]
pub(crate) fn is_older(
    new: (Option<&str>, Option<&str>),
    old: (Option<&str>, Option<&str>),
) -> bool {
    if let (Some(n), Some(o)) = (new.1.and_then(parse_gmt), old.1.and_then(parse_gmt)) {
        return n < o;
    }
    match (new.0.and_then(parse_local), old.0.and_then(parse_local)) {
        (Some(n), Some(o)) => n < o,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_written_for_readers() {
        for (text, day) in [
            ("March 27, 2024", "2024-03-27"),
            ("Posted on Mar 27, 2024 by Ann", "2024-03-27"),
            ("By Dr. O - Mar 27, 2024", "2024-03-27"),
            ("27 March 2024", "2024-03-27"),
            ("Updated: 2024/03/27", "2024-03-27"),
            ("September 3rd, 2024", "2024-09-03"),
        ] {
            assert_eq!(
                from_text(text).as_deref().map(|d| &d[..10]),
                Some(day),
                "{text}"
            );
        }
        for none in [
            "5 min read",
            "Chapter 3 of 2024 pages",
            "March 32, 2024",
            "Maybe 12, 2024",
        ] {
            assert_eq!(from_text(none), None, "{none}");
        }
    }

    #[test]
    fn local_dates_in_every_written_form() {
        for raw in [
            "2013-01-11 20:22:19",
            "2013-01-11T20:22:19",
            " 2013-01-11T20:22:19.123456 ",
            "2013-01-11T20:22:19+01:00",
            "2013-01-11T20:22:19Z",
        ] {
            assert_eq!(local(raw).as_deref(), Some("2013-01-11T20:22:19"), "{raw}");
        }
        assert_eq!(local("2013-01-11").as_deref(), Some("2013-01-11T00:00:00"));
        for bad in [
            "0000-00-00 00:00:00",
            "",
            "last Tuesday",
            "2013-13-01 00:00:00",
        ] {
            assert_eq!(local(bad), None, "{bad}");
        }
    }

    #[test]
    fn utc_dates_are_marked_and_offsets_applied() {
        for raw in [
            "2013-01-11 19:22:19",
            "2013-01-11T19:22:19",
            "2013-01-11T19:22:19Z",
            "2013-01-11T21:22:19+02:00",
            "2013-01-11T19:22:19.9Z",
        ] {
            assert_eq!(gmt(raw).as_deref(), Some("2013-01-11T19:22:19Z"), "{raw}");
        }
        assert_eq!(gmt("0000-00-00 00:00:00"), None);
    }

    #[test]
    fn reading_keeps_what_does_not_parse_and_drops_the_zero_date() {
        assert_eq!(read_local(Some("0000-00-00 00:00:00".into())), None);
        assert_eq!(
            read_local(Some("2013-01-11 20:22:19".into())).as_deref(),
            Some("2013-01-11T20:22:19")
        );
        assert_eq!(
            read_gmt(Some("soon".into())).as_deref(),
            Some("soon"),
            "left for the article to warn about"
        );
    }

    #[test]
    #[cfg(feature = "index")]
    fn older_compares_times_not_strings() {
        let wxr = (Some("2013-01-11 21:00:00"), None);
        let rest = (Some("2013-01-11T20:22:19"), None);
        assert!(is_older(rest, wxr));
        assert!(!is_older(wxr, rest));
        assert!(!is_older(wxr, wxr), "the same time is not older");
        // UTC decides when both have it.
        let a = (Some("2024-03-01T09:30:00"), Some("2024-03-01T07:30:00Z"));
        let b = (Some("2024-03-01T09:00:00"), Some("2024-03-01T08:00:00Z"));
        assert!(is_older(a, b));
        // Only one has UTC: local times.
        assert!(!is_older((a.0, None), b));
        // Nothing to compare.
        assert!(!is_older((None, None), b));
        assert!(!is_older(
            (Some("junk"), None),
            (Some("2024-01-01T00:00:00"), None)
        ));
    }
}
