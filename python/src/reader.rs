//! `wpclean.read_export`: the posts of any export the command line reads, streamed.

use std::path::PathBuf;
use std::sync::Mutex;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use wpclean::{InputFormat, Limits, Location, Record, RecordReader};

use crate::errors;

/// One post read from an export, ready for `Extractor.clean` (see `wpclean.pyi`).
#[pyclass(frozen, module = "wpclean", name = "Post")]
pub struct Post(pub wpclean::Post, pub Location);

#[pymethods]
impl Post {
    /// The post's WordPress id.
    #[getter]
    fn id(&self) -> Option<u64> {
        self.0.id
    }
    /// The post type (`post`, `page`, …).
    #[getter]
    fn r#type(&self) -> Option<&str> {
        self.0.kind.as_deref()
    }
    /// `publish`, `draft`, …
    #[getter]
    fn status(&self) -> Option<&str> {
        self.0.status.as_deref()
    }
    /// The URL slug.
    #[getter]
    fn slug(&self) -> Option<&str> {
        self.0.slug.as_deref()
    }
    /// The permalink.
    #[getter]
    fn link(&self) -> Option<&str> {
        self.0.link.as_deref()
    }
    /// The file the post was read from.
    #[getter]
    fn file(&self) -> Option<&str> {
        self.1.file.as_deref()
    }
    /// Its position in the file, from 0.
    #[getter]
    fn index(&self) -> Option<u64> {
        self.1.index
    }
    /// The byte offset where it starts in the file.
    #[getter]
    fn offset(&self) -> Option<u64> {
        self.1.offset
    }
    fn __repr__(&self) -> String {
        format!(
            "<wpclean.Post id={} at {}>",
            self.0.id.map_or("None".into(), |i| i.to_string()),
            self.1
        )
    }
}

/// Iterates the posts of one export; what is not a post, and what cannot be read, is
/// gathered in `skipped` and `failed` (lists of dicts) instead of being yielded.
#[pyclass(module = "wpclean")]
pub struct ExportReader {
    reader: Mutex<Box<dyn RecordReader + Send>>,
    skipped: Py<PyList>,
    failed: Py<PyList>,
}

#[pymethods]
impl ExportReader {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&self, py: Python<'_>) -> PyResult<Option<Post>> {
        loop {
            // A saved page is read here (decoded, parsed, its post located).
            let record = py.detach(|| {
                let mut record = self.reader.lock().unwrap_or_else(|p| p.into_inner()).next();
                if let Some(r) = record.as_mut() {
                    r.prepare();
                }
                record
            });
            match record {
                None => return Ok(None),
                Some(Record::Post { post, location }) => return Ok(Some(Post(*post, location))),
                Some(Record::Skipped { location, reason }) => {
                    let d = PyDict::new(py);
                    d.set_item("reason", reason.to_string())?;
                    d.set_item("file", location.file.as_deref())?;
                    d.set_item("index", location.index)?;
                    d.set_item("id", location.id)?;
                    d.set_item("offset", location.offset)?;
                    self.skipped.bind(py).append(d)?;
                }
                Some(Record::Failed(e)) => {
                    self.failed
                        .bind(py)
                        .append(errors::error_dict(py, &e.into())?)?;
                }
                Some(_) => {}
            }
        }
    }

    /// Items that are not posts (users, terms, attachments, …), with where and what.
    #[getter]
    fn skipped(&self, py: Python<'_>) -> Py<PyList> {
        self.skipped.clone_ref(py)
    }

    /// Posts that could not be read, as error dicts (`error`, `kind`, `file`, `index`, …).
    #[getter]
    fn failed(&self, py: Python<'_>) -> Py<PyList> {
        self.failed.clone_ref(py)
    }
}

/// The input format named `name` (`auto`, `json`, `wxr`, `html`, `page`, `warc`).
pub fn input_format(name: &str) -> PyResult<InputFormat> {
    Ok(match name {
        "auto" => InputFormat::Auto,
        "json" => InputFormat::Json,
        "wxr" => InputFormat::Wxr,
        "html" => InputFormat::Html,
        "page" => InputFormat::Page,
        "warc" => InputFormat::Warc,
        other => {
            return Err(PyValueError::new_err(format!(
                "unknown format {other:?} (auto, json, wxr, html, page or warc)"
            )));
        }
    })
}

/// Opens an export: REST JSON (one post, arrays, NDJSON), or WXR; gzipped or not.
#[pyfunction]
#[pyo3(signature = (path, format="auto", max_post_bytes=None))]
pub fn read_export(
    py: Python<'_>,
    path: PathBuf,
    format: &str,
    max_post_bytes: Option<usize>,
) -> PyResult<ExportReader> {
    let format = input_format(format)?;
    let max = max_post_bytes.unwrap_or(Limits::default().max_post_bytes);
    let reader = py
        .detach(|| wpclean::open_path(&path, format, max))
        .map_err(|e| errors::to_py(py, &e.into()))?;
    Ok(ExportReader {
        reader: Mutex::new(reader),
        skipped: PyList::empty(py).unbind(),
        failed: PyList::empty(py).unbind(),
    })
}
