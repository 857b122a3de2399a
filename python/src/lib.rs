//! The `wpclean._native` extension module: the Rust core of the `wpclean` Python package.
//!
//! Posts come in as JSON text (`str` or `bytes`), as `dict`s, or as the `Post`s that
//! `read_export` yields; articles go out as `dict`s built from the same JSON the command
//! line writes, or as Arrow record batches.
#![deny(missing_docs)]

use pyo3::prelude::*;

mod convert;
mod errors;
mod extractor;
mod files;
mod options;
mod pool;
mod reader;
mod table;

/// The extension module.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("Error", m.py().get_type::<errors::Error>())?;
    m.add_class::<extractor::Extractor>()?;
    m.add_class::<reader::Post>()?;
    m.add_class::<reader::ExportReader>()?;
    m.add_class::<files::FileBatches>()?;
    m.add_function(wrap_pyfunction!(reader::read_export, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("_PYARROW_MISSING", table::PYARROW_MISSING)?;
    Ok(())
}
