//! The crate's error type: small, and always says where.

use std::fmt;

/// Where in the input a problem was found.
///
/// Every field is optional because not every input kind knows all of them: a single post
/// given as a string has no file, a streamed array element has an index but maybe no id yet.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Location {
    /// The file the post came from, when it came from a file.
    pub file: Option<String>,
    /// Zero-based index of the post within its file (array element, NDJSON line, WXR item).
    pub index: Option<u64>,
    /// The post's WordPress id, when it could be read.
    pub id: Option<u64>,
    /// Byte offset in the file (or string) where the post or the problem starts.
    pub offset: Option<u64>,
    /// What `index` counts: posts, or a WARC file's records.
    pub unit: Unit,
}

/// What a [`Location`]'s index counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum Unit {
    /// Posts of an export (array elements, NDJSON lines, WXR items).
    #[default]
    Post,
    /// Records of a WARC file (every record, kept or skipped).
    WarcRecord,
}

impl Location {
    /// A location with nothing known yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the file name.
    pub fn with_file(mut self, file: impl Into<String>) -> Self {
        self.file = Some(file.into());
        self
    }

    /// Sets the post index.
    pub fn with_index(mut self, index: u64) -> Self {
        self.index = Some(index);
        self
    }

    /// Counts the index in WARC records rather than posts.
    pub fn in_warc_records(mut self) -> Self {
        self.unit = Unit::WarcRecord;
        self
    }

    /// Sets the post id.
    pub fn with_id(mut self, id: Option<u64>) -> Self {
        self.id = id;
        self
    }

    /// Sets the byte offset.
    pub fn with_offset(mut self, offset: u64) -> Self {
        self.offset = Some(offset);
        self
    }

    fn is_empty(&self) -> bool {
        self.file.is_none() && self.index.is_none() && self.id.is_none() && self.offset.is_none()
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts = Vec::with_capacity(4);
        if let Some(file) = &self.file {
            parts.push(file.clone());
        }
        if let Some(index) = self.index {
            parts.push(match self.unit {
                Unit::Post => format!("post #{index}"),
                Unit::WarcRecord => format!("record #{index}"),
            });
        }
        if let Some(id) = self.id {
            parts.push(format!("id {id}"));
        }
        if let Some(offset) = self.offset {
            parts.push(format!("byte {offset}"));
        }
        f.write_str(&parts.join(", "))
    }
}

/// What went wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The input is not valid JSON, or not a post object.
    Json(String),
    /// A WXR export is not well-formed XML, or not WXR.
    Xml(String),
    /// A WARC record that cannot be read: not a record header, cut short, a corrupt gzip
    /// member, a Content-Length that does not end where it says.
    Warc(String),
    /// The JSON is valid but is not a WordPress post (for example a user or a term).
    NotAPost(String),
    /// A custom CSS selector in [`Options`](crate::Options) does not parse.
    Selector {
        /// The selector as given.
        selector: String,
        /// What is wrong with it, in words (`expected a namespace after "|"`, …).
        reason: String,
    },
    /// A rule in [`Options::rules`](crate::Options::rules) cannot be used.
    Rule {
        /// Its position in the list, from 0.
        index: usize,
        /// Its name as given.
        name: String,
        /// What is wrong with it, in words.
        reason: String,
    },
    /// The input exceeds one of the configured limits.
    Limit(String),
    /// Reading the input (or writing an output) failed.
    Io {
        /// The operating system's kind of failure (`NotFound`, `PermissionDenied`…), as the
        /// wrapped [`std::io::Error`] gave it; [`Other`](std::io::ErrorKind::Other) when the
        /// failure came from no `io::Error`.
        kind: std::io::ErrorKind,
        /// What failed, in words.
        message: String,
    },
    /// The engine panicked on a post: a bug, which costs that post only.
    Panic(String),
    /// The embedded search index cannot be opened, written or searched.
    Index(String),
}

impl ErrorKind {
    /// The kind of a wrapped [`std::io::Error`], keeping its [`std::io::ErrorKind`].
    pub fn io(e: &std::io::Error) -> Self {
        ErrorKind::Io {
            kind: e.kind(),
            message: e.to_string(),
        }
    }

    /// The kind of a panic caught while cleaning a post, from its payload.
    pub fn panic(payload: &(dyn std::any::Any + Send)) -> Self {
        let msg = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown".into());
        ErrorKind::Panic(msg)
    }
}

/// An error, with the place it happened.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct Error {
    kind: ErrorKind,
    location: Box<Location>,
}

impl Error {
    /// Creates an error of the given kind, with no location yet.
    pub fn new(kind: ErrorKind) -> Self {
        Error {
            kind,
            location: Box::default(),
        }
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    /// Where it went wrong.
    pub fn location(&self) -> &Location {
        &self.location
    }

    /// Replaces the location, keeping the fields of the old one that the new one lacks.
    pub fn at(mut self, location: Location) -> Self {
        let old = std::mem::take(&mut *self.location);
        *self.location = Location {
            file: location.file.or(old.file),
            index: location.index.or(old.index),
            id: location.id.or(old.id),
            offset: location.offset.or(old.offset),
            // The new index's unit, when it brings one.
            unit: if location.index.is_some() {
                location.unit
            } else {
                old.unit
            },
        };
        self
    }

    pub(crate) fn json(msg: impl Into<String>) -> Self {
        Self::new(ErrorKind::Json(msg.into()))
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ErrorKind::Json(m) => write!(f, "invalid JSON: {m}"),
            ErrorKind::Xml(m) => write!(f, "invalid WXR: {m}"),
            ErrorKind::Warc(m) => write!(f, "invalid WARC: {m}"),
            ErrorKind::NotAPost(m) => write!(f, "not a WordPress post: {m}"),
            ErrorKind::Selector { selector, reason } => {
                write!(f, "invalid CSS selector {selector:?}: {reason}")
            }
            ErrorKind::Rule {
                index,
                name,
                reason,
            } => write!(f, "invalid rule #{} ({name:?}): {reason}", index + 1),
            ErrorKind::Limit(m) => write!(f, "limit exceeded: {m}"),
            ErrorKind::Io { message, .. } => write!(f, "I/O error: {message}"),
            ErrorKind::Panic(m) => write!(f, "internal error while cleaning: {m}"),
            ErrorKind::Index(m) => write!(f, "search index: {m}"),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.location.is_empty() {
            write!(f, "{}", self.kind)
        } else {
            write!(f, "{}: {}", self.location, self.kind)
        }
    }
}

impl From<serde_json::Error> for Error {
    fn from(e: serde_json::Error) -> Self {
        Error::json(e.to_string())
    }
}

/// The crate's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wrapped_io_error_keeps_its_kind_and_message() {
        let e = std::io::Error::new(std::io::ErrorKind::PermissionDenied, "no entry");
        let kind = ErrorKind::io(&e);
        assert_eq!(
            kind,
            ErrorKind::Io {
                kind: std::io::ErrorKind::PermissionDenied,
                message: "no entry".into()
            }
        );
        assert_eq!(kind.to_string(), "I/O error: no entry");
    }

    #[test]
    fn a_panic_is_its_own_kind_with_its_message() {
        let caught = std::panic::catch_unwind(|| panic!("at {}", 3)).unwrap_err();
        let kind = ErrorKind::panic(&*caught);
        assert_eq!(kind, ErrorKind::Panic("at 3".into()));
        assert_eq!(kind.to_string(), "internal error while cleaning: at 3");
        let caught = std::panic::catch_unwind(|| std::panic::panic_any(7u8)).unwrap_err();
        assert_eq!(
            ErrorKind::panic(&*caught),
            ErrorKind::Panic("unknown".into())
        );
    }
}
