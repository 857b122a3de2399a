//! `Extractor(**options)`: keyword arguments to the library's options.

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use wpclean::{Options, RecordOptions, RuleGroup, RuleGroups};

/// The keyword arguments `Extractor` accepts.
pub const NAMES: [&str; 15] = [
    "disable",
    "drop",
    "keep",
    "iframe_hosts",
    "max_post_bytes",
    "max_html_bytes",
    "max_depth",
    "max_elements",
    "max_table_cells",
    "max_chars",
    "overlap",
    "statuses",
    "include_protected",
    "all_page_kinds",
    "include_comments",
];

/// Options for cleaning and for cutting records.
pub struct Parsed {
    pub options: Options,
    pub records: RecordOptions,
}

fn strings(name: &str, v: &Bound<'_, PyAny>) -> PyResult<Vec<String>> {
    if v.is_instance_of::<pyo3::types::PyString>() {
        return Err(PyTypeError::new_err(format!(
            "{name} takes a list of strings, not one string"
        )));
    }
    v.try_iter()?
        .map(|item| item?.extract::<String>())
        .collect::<PyResult<Vec<String>>>()
        .map_err(|_| PyTypeError::new_err(format!("{name} takes a list of strings")))
}

fn count(name: &str, v: &Bound<'_, PyAny>) -> PyResult<usize> {
    v.extract::<usize>()
        .map_err(|_| PyValueError::new_err(format!("{name} takes a non-negative integer")))
}

/// Reads the keyword arguments; an unknown one is a `TypeError`, a bad value a
/// `ValueError` or `TypeError`.
pub fn parse(kwargs: Option<&Bound<'_, PyDict>>) -> PyResult<Parsed> {
    let mut options = Options::default();
    let mut records = RecordOptions::default();
    let Some(kwargs) = kwargs else {
        return Ok(Parsed { options, records });
    };
    for (k, v) in kwargs.iter() {
        let k: String = k.extract()?;
        if v.is_none() && k != "statuses" {
            continue;
        }
        match k.as_str() {
            "disable" => {
                for g in strings(&k, &v)? {
                    let group = RuleGroup::from_name(&g).ok_or_else(|| {
                        let known: Vec<&str> = RuleGroups::ALL.iter().map(RuleGroup::name).collect();
                        PyValueError::new_err(format!(
                            "unknown rule group {g:?} (known: {})",
                            known.join(", ")
                        ))
                    })?;
                    options = options.without(group);
                }
            }
            "drop" => {
                for s in strings(&k, &v)? {
                    options = options.drop_selector(s);
                }
            }
            "keep" => {
                for s in strings(&k, &v)? {
                    options = options.keep_selector(s);
                }
            }
            "iframe_hosts" => options = options.iframe_hosts(strings(&k, &v)?),
            "max_post_bytes" => options.limits.max_post_bytes = count(&k, &v)?,
            "max_html_bytes" => options.limits.max_html_bytes = count(&k, &v)?,
            "max_depth" => options.limits.max_depth = count(&k, &v)?,
            "max_elements" => options.limits.max_elements = count(&k, &v)?,
            "max_table_cells" => options.limits.max_table_cells = count(&k, &v)?,
            "max_chars" => records = records.max_chars(count(&k, &v)?),
            "overlap" => records = records.overlap(count(&k, &v)?),
            "statuses" => options = statuses(options, &v)?,
            "all_page_kinds" => {
                options = options.all_page_kinds(v.extract::<bool>().map_err(|_| {
                    PyTypeError::new_err("all_page_kinds takes True or False")
                })?)
            }
            "include_comments" => {
                options = options.include_comments(v.extract::<bool>().map_err(|_| {
                    PyTypeError::new_err("include_comments takes True or False")
                })?)
            }
            "include_protected" => {
                options =
                    options.include_protected(v.extract::<bool>().map_err(|_| {
                        PyTypeError::new_err("include_protected takes True or False")
                    })?)
            }
            _ => {
                return Err(PyTypeError::new_err(format!(
                    "unknown option {k:?} (known: {})",
                    NAMES.join(", ")
                )));
            }
        }
    }
    Ok(Parsed { options, records })
}

/// The status filter: a list of statuses, or `None` (or `"any"`) for every status.
fn statuses(options: Options, v: &Bound<'_, PyAny>) -> PyResult<Options> {
    if v.is_none() {
        return Ok(options.any_status());
    }
    if let Ok(s) = v.extract::<String>() {
        return if s == "any" {
            Ok(options.any_status())
        } else {
            Err(PyTypeError::new_err(
                "statuses takes a list of statuses, \"any\" or None",
            ))
        };
    }
    Ok(options.statuses(strings("statuses", v)?))
}
