//! `wpclean.Error`, and the same facts as a dict for the per-post error rows.

use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use wpclean::ErrorKind;

create_exception!(
    wpclean,
    Error,
    PyException,
    "A post that cannot be read or cleaned, or options that do not compile.\n\n\
     Attributes: `kind` (`json`, `xml`, `not_a_post`, `selector`, `limit`, `io`), \
     `message` (what went wrong), and where it was found when known: `file`, `index`, \
     `id`, `offset` (byte offset in the post's JSON or the file), each `None` otherwise."
);

/// The short name of an error kind, as `Error.kind` and the `kind` of error rows give it.
pub fn kind_name(kind: &ErrorKind) -> &'static str {
    match kind {
        ErrorKind::Json(_) => "json",
        ErrorKind::Xml(_) => "xml",
        ErrorKind::NotAPost(_) => "not_a_post",
        ErrorKind::Selector(_) => "selector",
        ErrorKind::Limit(_) => "limit",
        ErrorKind::Io(_) => "io",
        _ => "other",
    }
}

/// The error's facts: `error` (the full message, with its location), `kind`, `message`,
/// `file`, `index`, `id`, `offset`.
pub fn error_dict<'py>(py: Python<'py>, e: &wpclean::Error) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    let l = e.location();
    d.set_item("error", e.to_string())?;
    d.set_item("kind", kind_name(e.kind()))?;
    d.set_item("message", e.kind().to_string())?;
    d.set_item("file", l.file.as_deref())?;
    d.set_item("index", l.index)?;
    d.set_item("id", l.id)?;
    d.set_item("offset", l.offset)?;
    Ok(d)
}

/// A `wpclean.Error` carrying the error's facts as attributes.
pub fn to_py(py: Python<'_>, e: &wpclean::Error) -> PyErr {
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
