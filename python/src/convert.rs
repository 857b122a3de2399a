//! Posts from Python values, and articles back as Python values through the JSON the
//! command line writes (so a dict has exactly the fields and values of an NDJSON line).

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyString};
use wpclean::{Error, ErrorKind, Limits, Location, Post};

/// A post as it was given, not yet parsed.
pub enum Input {
    /// REST API JSON of one post.
    Json(String),
    /// A post already read by `read_export`.
    Read(Box<Post>),
}

/// Takes a post: JSON `str` or `bytes`, a `dict`, or a `Post`. A value of another type is a
/// `TypeError`; bytes that are not UTF-8 are the post's error, not an exception.
pub fn input(obj: &Bound<'_, PyAny>) -> PyResult<Result<Input, Error>> {
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Ok(Input::Json(s.to_cow()?.into_owned())));
    }
    if let Ok(b) = obj.cast::<PyBytes>() {
        return Ok(match std::str::from_utf8(b.as_bytes()) {
            Ok(s) => Ok(Input::Json(s.to_owned())),
            Err(e) => Err(Error::new(ErrorKind::Json(format!(
                "invalid UTF-8 at byte {}",
                e.valid_up_to()
            )))
            .at(Location::new().with_offset(e.valid_up_to() as u64))),
        });
    }
    if let Ok(p) = obj.cast::<crate::reader::Post>() {
        return Ok(Ok(Input::Read(Box::new(p.get().0.clone()))));
    }
    if obj.is_instance_of::<PyDict>() {
        let json = obj
            .py()
            .import("json")?
            .call_method1("dumps", (obj,))?
            .extract::<String>()?;
        return Ok(Ok(Input::Json(json)));
    }
    Err(PyTypeError::new_err(format!(
        "a post is a JSON str or bytes, a dict or a wpclean.Post, not {}",
        obj.get_type().name()?
    )))
}

/// Takes every post of an iterable.
pub fn inputs(posts: &Bound<'_, PyAny>) -> PyResult<Vec<Result<Input, Error>>> {
    posts.try_iter()?.map(|p| input(&p?)).collect()
}

/// Parses a post, refusing JSON longer than `max_post_bytes` as the export readers do.
pub fn parse(input: Input, limits: &Limits) -> Result<Post, Error> {
    match input {
        Input::Read(post) => Ok(*post),
        Input::Json(json) => parse_str(&json, limits),
    }
}

/// Parses a post's JSON, refusing JSON longer than `max_post_bytes`.
pub fn parse_str(json: &str, limits: &Limits) -> Result<Post, Error> {
    if json.len() > limits.max_post_bytes {
        return Err(Error::new(ErrorKind::Limit(format!(
            "post is {} bytes of JSON, over max_post_bytes ({})",
            json.len(),
            limits.max_post_bytes
        ))));
    }
    Post::from_json(json)
}

/// Serialises a value as the command line does (one JSON line).
pub fn to_json(value: &impl serde::Serialize) -> String {
    // Articles and records are plain owned data: serialising them cannot fail.
    serde_json::to_string(value).expect("articles serialise to JSON")
}

/// Parses JSON text into Python values with the standard library's `json.loads`.
pub fn loads<'py>(py: Python<'py>, json: &str) -> PyResult<Bound<'py, PyAny>> {
    py.import("json")?.call_method1("loads", (json,))
}
