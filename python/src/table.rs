//! `clean_arrow` and `records_arrow`: a PyArrow batch of posts in, a batch of articles or
//! records out, through the Arrow C data interface (no Python object per row).

use arrow_array::cast::AsArray;
use arrow_array::{Array, RecordBatch};
use arrow_pyarrow::{FromPyArrow, ToPyArrow};
use pyo3::exceptions::{PyImportError, PyKeyError, PyTypeError};
use pyo3::prelude::*;
use wpclean::arrow::{articles_to_batch, records_to_batch};
use wpclean::{Error, ErrorKind, Location};

use crate::errors::Failure;
use crate::extractor::Extractor;

/// What the Arrow calls say when pyarrow is not installed: it is an optional extra.
pub const PYARROW_MISSING: &str = "wpclean's Arrow calls need pyarrow, which is not installed: \
     pip install 'wpclean[arrow]' (from a checkout: pip install './python[arrow]')";

/// Imports pyarrow, or fails with an `ImportError` naming the extra that installs it (the bare
/// `No module named 'pyarrow'` as its cause).
fn require_pyarrow(py: Python<'_>) -> PyResult<()> {
    match py.import("pyarrow") {
        Ok(_) => Ok(()),
        Err(e) if e.is_instance_of::<PyImportError>(py) => {
            let err = PyImportError::new_err(PYARROW_MISSING);
            err.set_cause(py, Some(e));
            Err(err)
        }
        Err(e) => Err(e),
    }
}

/// The posts of one column: JSON text per row, or why a row has none.
fn posts<'a>(batch: &'a RecordBatch, column: &str) -> PyResult<Vec<Result<&'a str, Error>>> {
    let col = batch.column_by_name(column).ok_or_else(|| {
        let names: Vec<String> = batch
            .schema()
            .fields()
            .iter()
            .map(|f| f.name().clone())
            .collect();
        PyKeyError::new_err(format!(
            "no column {column:?} in the batch (columns: {})",
            names.join(", ")
        ))
    })?;
    let null = |i: usize| {
        Err(
            Error::new(ErrorKind::NotAPost("the row's post is null".into()))
                .at(Location::new().with_index(i as u64)),
        )
    };
    let bytes = |i: usize, b: &'a [u8]| {
        std::str::from_utf8(b).map_err(|e| {
            Error::new(ErrorKind::Json(format!(
                "invalid UTF-8 at byte {}",
                e.valid_up_to()
            )))
            .at(Location::new()
                .with_index(i as u64)
                .with_offset(e.valid_up_to() as u64))
        })
    };
    use arrow_schema::DataType;
    let rows = (0..col.len()).map(|i| (i, col.is_null(i)));
    Ok(match col.data_type() {
        DataType::Utf8 => {
            let a = col.as_string::<i32>();
            rows.map(|(i, n)| if n { null(i) } else { Ok(a.value(i)) })
                .collect()
        }
        DataType::LargeUtf8 => {
            let a = col.as_string::<i64>();
            rows.map(|(i, n)| if n { null(i) } else { Ok(a.value(i)) })
                .collect()
        }
        DataType::Utf8View => {
            let a = col.as_string_view();
            rows.map(|(i, n)| if n { null(i) } else { Ok(a.value(i)) })
                .collect()
        }
        DataType::Binary => {
            let a = col.as_binary::<i32>();
            rows.map(|(i, n)| if n { null(i) } else { bytes(i, a.value(i)) })
                .collect()
        }
        DataType::LargeBinary => {
            let a = col.as_binary::<i64>();
            rows.map(|(i, n)| if n { null(i) } else { bytes(i, a.value(i)) })
                .collect()
        }
        other => {
            return Err(PyTypeError::new_err(format!(
                "column {column:?} holds {other}: posts are JSON strings or binary"
            )));
        }
    })
}

fn arrow_error(e: arrow_schema::ArrowError) -> PyErr {
    pyo3::exceptions::PyRuntimeError::new_err(format!("building the Arrow batch: {e}"))
}

/// Cleans every row's post; the output has one row per input row, in order.
pub fn clean_arrow<'py>(
    ex: &Extractor,
    py: Python<'py>,
    batch: &Bound<'py, PyAny>,
    column: &str,
    threads: Option<usize>,
) -> PyResult<Bound<'py, PyAny>> {
    require_pyarrow(py)?;
    let batch = RecordBatch::from_pyarrow_bound(batch)?;
    let rows = posts(&batch, column)?;
    let articles = Extractor::parallel(py, rows, threads, |i, row| {
        row.map_err(Failure::from)
            .and_then(|json| ex.clean_str(json))
            .map_err(|e| e.at_index(i))
    })?;
    let out = py
        .detach(|| articles_to_batch(articles.iter().map(|r| r.as_ref())))
        .map_err(arrow_error)?;
    out.to_pyarrow(py)
}

/// The search records of every row's post, each tagged with its input row.
pub fn records_arrow<'py>(
    ex: &Extractor,
    py: Python<'py>,
    batch: &Bound<'py, PyAny>,
    column: &str,
    threads: Option<usize>,
) -> PyResult<Bound<'py, PyAny>> {
    require_pyarrow(py)?;
    let batch = RecordBatch::from_pyarrow_bound(batch)?;
    let rows = posts(&batch, column)?;
    let records = Extractor::parallel(py, rows, threads, |i, row| {
        row.map_err(Failure::from)
            .and_then(|json| ex.clean_str(json))
            .map(|a| ex.records_of(&a))
            .map_err(|e| e.at_index(i))
    })?;
    let out = py
        .detach(|| {
            records_to_batch(
                records
                    .iter()
                    .enumerate()
                    .map(|(i, r)| (i as u64, r.as_ref().map(Vec::as_slice))),
            )
        })
        .map_err(arrow_error)?;
    out.to_pyarrow(py)
}
