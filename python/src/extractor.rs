//! `wpclean.Extractor`: compiled options, and the per-post and batch calls.

use std::panic::{AssertUnwindSafe, catch_unwind};

use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use rayon::prelude::*;
use wpclean::{Article, Error, ErrorKind, IndexRecord, Limits, Location, Post, RecordOptions};

use crate::convert::{self, Input};
use crate::errors::{self, Failure};

/// Cleans WordPress posts with one set of compiled options (see `wpclean.pyi`).
#[pyclass(frozen, module = "wpclean")]
pub struct Extractor {
    inner: wpclean::Extractor,
    limits: Limits,
    records: RecordOptions,
}

/// The result of one post in a batch: its JSON (an article, or an array of records).
pub type Cleaned = Result<String, Failure>;

impl Extractor {
    /// Cleans one parsed post (its metadata moves into the article); a panic in the engine
    /// becomes this post's error.
    pub fn article(&self, post: Post) -> Result<Article, Error> {
        let id = post.id;
        catch_unwind(AssertUnwindSafe(|| self.inner.extract_owned(post))).map_err(|panic| {
            Error::new(ErrorKind::panic(&*panic)).at(Location::new().with_id(id))
        })
    }

    /// Cleans one parsed post the options publish.
    fn publish(&self, post: Post) -> Result<Article, Failure> {
        if let Some(reason) = self.inner.skip_reason(&post) {
            return Err(Failure::Skipped {
                reason: reason.to_string(),
                location: Location::new().with_id(post.id),
            });
        }
        Ok(self.article(post)?)
    }

    /// Cleans one post already read, if the options publish it.
    pub fn publish_post(&self, post: Post) -> Result<Article, Failure> {
        self.publish(post)
    }

    /// Reads a saved page left unread within the options' limits.
    pub fn prepare(&self, record: &mut wpclean::Record) {
        self.inner.prepare(record);
    }

    /// The largest post the options accept, in bytes.
    pub fn max_post_bytes(&self) -> usize {
        self.limits.max_post_bytes
    }

    /// Parses and cleans one post.
    pub fn clean_input(&self, input: Result<Input, Error>) -> Result<Article, Failure> {
        let post = convert::parse(input?, &self.limits)?;
        self.publish(post)
    }

    /// Parses and cleans one post given as JSON text.
    pub fn clean_str(&self, json: &str) -> Result<Article, Failure> {
        let post = convert::parse_str(json, &self.limits)?;
        self.publish(post)
    }

    /// The search records of one post.
    pub fn records_of(&self, article: &Article) -> Vec<IndexRecord> {
        wpclean::records(article, &self.records)
    }

    /// Runs `f` over `items` on the worker pool, in order, without the GIL.
    pub fn parallel<I, T, F>(
        py: Python<'_>,
        items: Vec<I>,
        threads: Option<usize>,
        f: F,
    ) -> PyResult<Vec<T>>
    where
        I: Send,
        T: Send,
        F: Fn(usize, I) -> T + Sync + Send,
    {
        let pool = crate::pool::pool(threads).map_err(PyValueError::new_err)?;
        Ok(py.detach(|| {
            pool.install(|| {
                items
                    .into_par_iter()
                    .enumerate()
                    .map(|(i, item)| f(i, item))
                    .collect()
            })
        }))
    }
}

/// Every post's result as a dict (the article, the records list, or the error row).
fn results_to_list<'py>(py: Python<'py>, results: Vec<Cleaned>) -> PyResult<Bound<'py, PyList>> {
    let list = PyList::empty(py);
    for r in results {
        match r {
            Ok(json) => list.append(convert::loads(py, &json)?)?,
            Err(e) => list.append(errors::error_dict(py, &e)?)?,
        }
    }
    Ok(list)
}

#[pymethods]
impl Extractor {
    #[new]
    #[pyo3(signature = (**options))]
    fn new(py: Python<'_>, options: Option<&Bound<'_, PyDict>>) -> PyResult<Self> {
        let parsed = crate::options::parse(options)?;
        let inner =
            wpclean::Extractor::new(&parsed.options).map_err(|e| errors::to_py(py, &e.into()))?;
        Ok(Extractor {
            inner,
            limits: parsed.options.limits,
            records: parsed.records,
        })
    }

    /// Cleans one post into an article dict; a malformed post raises `wpclean.Error`.
    fn clean<'py>(&self, py: Python<'py>, post: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let input = convert::input(post)?;
        let article = py
            .detach(|| self.clean_input(input).map(|a| convert::to_json(&a)))
            .map_err(|e| errors::to_py(py, &e))?;
        convert::loads(py, &article)
    }

    /// Cleans one whole saved page (`str`, or `bytes` in any encoding) into an article dict:
    /// the post found with WordPress's markers, its metadata and comments read from the
    /// page. A page that is not an article (an archive, search results, a 404) raises
    /// `wpclean.Error` with kind `skipped`, unless `all_page_kinds=True`.
    #[pyo3(signature = (html, url=None, content_type=None))]
    fn clean_page<'py>(
        &self,
        py: Python<'py>,
        html: &Bound<'py, PyAny>,
        url: Option<&str>,
        content_type: Option<&str>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let bytes: Vec<u8> = if let Ok(s) = html.cast::<pyo3::types::PyString>() {
            s.to_cow()?.as_bytes().to_vec()
        } else if let Ok(b) = html.cast::<pyo3::types::PyBytes>() {
            b.as_bytes().to_vec()
        } else {
            return Err(pyo3::exceptions::PyTypeError::new_err(format!(
                "a page is a str or bytes, not {}",
                html.get_type().name()?
            )));
        };
        // A str is already text: only bytes are decoded by their declared encoding.
        let text_given = html.cast::<pyo3::types::PyString>().is_ok();
        let article = py
            .detach(|| {
                let post = if text_given {
                    Post::from_page(std::str::from_utf8(&bytes).unwrap_or_default(), url)
                } else {
                    Post::from_page_bytes(&bytes, url, content_type)
                };
                self.publish(post).map(|a| convert::to_json(&a))
            })
            .map_err(|e| errors::to_py(py, &e))?;
        convert::loads(py, &article)
    }

    /// The articles of one file (an export, a saved page, a WARC crawl), `batch_size` posts
    /// at a time, as `pyarrow.RecordBatch`es of the article schema: a record that cannot be
    /// read is an error row; what is not a post, or not published, is left out.
    #[pyo3(signature = (path, format="auto", batch_size=64, threads=None))]
    fn clean_file_arrow(
        slf: Py<Self>,
        py: Python<'_>,
        path: std::path::PathBuf,
        format: &str,
        batch_size: usize,
        threads: Option<usize>,
    ) -> PyResult<crate::files::FileBatches> {
        let format = crate::reader::input_format(format)?;
        crate::files::FileBatches::open(py, slf, path, format, batch_size, threads)
    }

    /// Cleans many posts on every core (or `threads` of them), without the GIL; a post that
    /// fails gives an error dict in its place.
    #[pyo3(signature = (posts, threads=None))]
    fn clean_many<'py>(
        &self,
        py: Python<'py>,
        posts: &Bound<'py, PyAny>,
        threads: Option<usize>,
    ) -> PyResult<Bound<'py, PyList>> {
        let inputs = convert::inputs(posts)?;
        let results = Self::parallel(py, inputs, threads, |i, input| {
            self.clean_input(input)
                .map(|a| convert::to_json(&a))
                .map_err(|e| e.at_index(i))
        })?;
        results_to_list(py, results)
    }

    /// The search records of one post, as dicts (the command's `records` lines).
    fn records<'py>(
        &self,
        py: Python<'py>,
        post: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let input = convert::input(post)?;
        let records = py
            .detach(|| {
                self.clean_input(input)
                    .map(|a| convert::to_json(&self.records_of(&a)))
            })
            .map_err(|e| errors::to_py(py, &e))?;
        convert::loads(py, &records)
    }

    /// The search records of many posts, a list per post (an error dict for a failed one).
    #[pyo3(signature = (posts, threads=None))]
    fn records_many<'py>(
        &self,
        py: Python<'py>,
        posts: &Bound<'py, PyAny>,
        threads: Option<usize>,
    ) -> PyResult<Bound<'py, PyList>> {
        let inputs = convert::inputs(posts)?;
        let results = Self::parallel(py, inputs, threads, |i, input| {
            self.clean_input(input)
                .map(|a| convert::to_json(&self.records_of(&a)))
                .map_err(|e| e.at_index(i))
        })?;
        results_to_list(py, results)
    }

    /// Cleans the posts in one column of a `pyarrow.RecordBatch` into a batch of articles.
    #[pyo3(signature = (batch, column="post", threads=None))]
    fn clean_arrow<'py>(
        &self,
        py: Python<'py>,
        batch: &Bound<'py, PyAny>,
        column: &str,
        threads: Option<usize>,
    ) -> PyResult<Bound<'py, PyAny>> {
        crate::table::clean_arrow(self, py, batch, column, threads)
    }

    /// The search records of the posts in one column of a `pyarrow.RecordBatch`.
    #[pyo3(signature = (batch, column="post", threads=None))]
    fn records_arrow<'py>(
        &self,
        py: Python<'py>,
        batch: &Bound<'py, PyAny>,
        column: &str,
        threads: Option<usize>,
    ) -> PyResult<Bound<'py, PyAny>> {
        crate::table::records_arrow(self, py, batch, column, threads)
    }

    /// Refuses pickling with a clear message: build an `Extractor` where it is used.
    fn __reduce__(&self) -> PyResult<()> {
        Err(PyRuntimeError::new_err(
            "an Extractor is not sent between processes: build one in each worker \
             (wpclean.spark and wpclean.ray do)",
        ))
    }
}
