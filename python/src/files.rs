//! `Extractor.clean_file_arrow`: the posts of one file (an export, a saved page, a WARC
//! crawl) cleaned a batch at a time into Arrow record batches, for the Spark and Ray jobs
//! that spread files over their workers. A record that cannot be read becomes an error row;
//! what is not a post, or not published under the options, is left out.

use std::path::PathBuf;
use std::sync::Mutex;

use arrow_pyarrow::ToPyArrow;
use pyo3::prelude::*;
use wpclean::arrow::articles_to_batch;
use wpclean::{OpenOptions, Record, RecordReader};

use crate::errors::{self, Failure};
use crate::extractor::Extractor;

/// Iterates the article batches of one file (see the module documentation).
#[pyclass(module = "wpclean")]
pub struct FileBatches {
    extractor: Py<Extractor>,
    reader: Mutex<Box<dyn RecordReader + Send>>,
    batch_size: usize,
    threads: Option<usize>,
}

impl FileBatches {
    /// Opens `path` in `format` for `extractor`.
    pub fn open(
        py: Python<'_>,
        extractor: Py<Extractor>,
        path: PathBuf,
        format: wpclean::InputFormat,
        batch_size: usize,
        threads: Option<usize>,
    ) -> PyResult<FileBatches> {
        let max = extractor.get().max_post_bytes();
        let options = OpenOptions::default().format(format).max_post_bytes(max);
        let reader = py
            .detach(|| wpclean::open_path_with(&path, &options))
            .map_err(|e| errors::to_py(py, &e.into()))?;
        Ok(FileBatches {
            extractor,
            reader: Mutex::new(reader),
            batch_size: batch_size.max(1),
            threads,
        })
    }
}

#[pymethods]
impl FileBatches {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        loop {
            let records: Vec<Record> = py.detach(|| {
                let mut reader = self.reader.lock().unwrap_or_else(|p| p.into_inner());
                reader.by_ref().take(self.batch_size).collect()
            });
            if records.is_empty() {
                return Ok(None);
            }
            let ex = self.extractor.get();
            let cleaned = Extractor::parallel(py, records, self.threads, |_, mut record| {
                // Saved pages are read here, on the workers, once.
                ex.prepare(&mut record);
                match record {
                    Record::Post { post, .. } => Some(ex.publish_post(*post)),
                    Record::Failed(e) => Some(Err(Failure::from(e))),
                    _ => None,
                }
            })?;
            let kept: Vec<_> = cleaned
                .into_iter()
                .flatten()
                .filter(|r| !matches!(r, Err(Failure::Skipped { .. })))
                .collect();
            if kept.is_empty() {
                continue;
            }
            let batch = py
                .detach(|| articles_to_batch(kept.iter().map(|r| r.as_ref())))
                .map_err(|e| {
                    pyo3::exceptions::PyRuntimeError::new_err(format!(
                        "building the Arrow batch: {e}"
                    ))
                })?;
            return batch.to_pyarrow(py).map(Some);
        }
    }
}
