//! `wpclean.Error`, and the same facts as a dict for the per-post error rows.

use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use wpclean::{ErrorKind, Location};

create_exception!(
    wpclean,
    Error,
    PyException,
    "A post that cannot be read or cleaned, or options that do not compile.\n\n\
     Attributes: `kind` (`json`, `xml`, `not_a_post`, `selector`, `limit`, `io`, `panic` for \
     a bug met while cleaning the post, or `skipped` for a post the options do not publish, such as a draft), \
     `message` (what went wrong), and where it was found when known: `file`, `index`, \
     `id`, `offset` (byte offset in the post's JSON or the file), each `None` otherwise."
);

/// Why one post gave no article: an error, or the options hold it back (its status).
#[derive(Debug)]
pub enum Failure {
    /// The post could not be read or cleaned.
    Error(wpclean::Error),
    /// The post is fine but not published under the options (`skip_reason`).
    Skipped {
        /// `status draft`, …
        reason: String,
        /// Where the post was.
        location: Location,
    },
}

impl From<wpclean::Error> for Failure {
    fn from(e: wpclean::Error) -> Self {
        Failure::Error(e)
    }
}

impl Failure {
    /// Records the post's position in its batch.
    pub fn at_index(self, index: usize) -> Self {
        let at = Location::new().with_index(index as u64);
        match self {
            Failure::Error(e) => Failure::Error(e.at(at)),
            Failure::Skipped { reason, location } => Failure::Skipped {
                reason,
                location: location.with_index(index as u64),
            },
        }
    }

    fn location(&self) -> &Location {
        match self {
            Failure::Error(e) => e.location(),
            Failure::Skipped { location, .. } => location,
        }
    }

    fn kind(&self) -> &'static str {
        match self {
            Failure::Error(e) => kind_name(e.kind()),
            Failure::Skipped { .. } => "skipped",
        }
    }

    fn message(&self) -> String {
        match self {
            Failure::Error(e) => e.kind().to_string(),
            Failure::Skipped { reason, .. } => format!("skipped: {reason}"),
        }
    }
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Error(e) => e.fmt(f),
            Failure::Skipped { location, .. } => {
                let at = location.to_string();
                if at.is_empty() {
                    f.write_str(&self.message())
                } else {
                    write!(f, "{at}: {}", self.message())
                }
            }
        }
    }
}

/// The short name of an error kind, as `Error.kind` and the `kind` of error rows give it.
pub fn kind_name(kind: &ErrorKind) -> &'static str {
    match kind {
        ErrorKind::Json(_) => "json",
        ErrorKind::Xml(_) => "xml",
        ErrorKind::Warc(_) => "warc",
        ErrorKind::NotAPost(_) => "not_a_post",
        ErrorKind::Selector { .. } => "selector",
        ErrorKind::Rule { .. } => "rule",
        ErrorKind::Limit(_) => "limit",
        ErrorKind::Io { .. } => "io",
        ErrorKind::Panic(_) => "panic",
        ErrorKind::Index(_) => "index",
        _ => "other",
    }
}

/// The error's facts: `error` (the full message, with its location), `kind`, `message`,
/// `file`, `index`, `id`, `offset`.
pub fn error_dict<'py>(py: Python<'py>, e: &Failure) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    let l = e.location();
    d.set_item("error", e.to_string())?;
    d.set_item("kind", e.kind())?;
    d.set_item("message", e.message())?;
    d.set_item("file", l.file.as_deref())?;
    d.set_item("index", l.index)?;
    d.set_item("id", l.id)?;
    d.set_item("offset", l.offset)?;
    Ok(d)
}

/// A `wpclean.Error` carrying the error's facts as attributes.
pub fn to_py(py: Python<'_>, e: &Failure) -> PyErr {
    let err = Error::new_err(e.to_string());
    let set = || -> PyResult<()> {
        let value = err.value(py);
        for (k, v) in error_dict(py, e)?.iter() {
            let k: String = k.extract()?;
            if k != "error" {
                value.setattr(k.as_str(), v)?;
            }
        }
        Ok(())
    };
    match set() {
        Ok(()) => err,
        Err(other) => other,
    }
}
