//! Finding the inputs: standard input, files, directories (walked recursively, sorted,
//! links followed, loops reported) and glob patterns; exports, saved pages and WARC files
//! told apart by their names. HTML files named as `INPUT` get `--url` as their address;
//! those met in a directory (a `wget --mirror` folder) name their own.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use anyhow::Context as _;

/// One input to read.
pub enum Input {
    Stdin,
    File(PathBuf),
    /// An HTML file given explicitly (a page or a fragment): `--url` is its address.
    Html(PathBuf),
    /// An HTML file met in a directory (a `wget --mirror` folder): a page names its own
    /// address.
    HtmlInDirectory(PathBuf),
}

impl Input {
    pub fn name(&self) -> String {
        match self {
            Input::Stdin => "-".into(),
            Input::File(p) | Input::Html(p) | Input::HtmlInDirectory(p) => p.display().to_string(),
        }
    }

    pub fn path(&self) -> Option<&Path> {
        match self {
            Input::Stdin => None,
            Input::File(p) | Input::Html(p) | Input::HtmlInDirectory(p) => Some(p),
        }
    }

    /// A file the user named (or a glob matched).
    fn named(p: PathBuf) -> Input {
        if is_html(&p) {
            Input::Html(p)
        } else {
            Input::File(p)
        }
    }

    /// A file met while walking a directory.
    fn walked(p: PathBuf) -> Input {
        if is_html(&p) {
            Input::HtmlInDirectory(p)
        } else {
            Input::File(p)
        }
    }
}

/// Expands directories (recursively, sorted; symbolic links followed, loops reported and
/// not entered) and glob patterns. Each file is read once, however many arguments, links or
/// patterns lead to it. Arguments that name no file (a missing path, a pattern that matches
/// nothing) come back apart, as what to say of them.
pub fn expand(inputs: &[String]) -> anyhow::Result<(Vec<Input>, Vec<String>)> {
    let mut out = Vec::new();
    let mut missing = Vec::new();
    let mut seen = HashSet::new();
    let mut add = |out: &mut Vec<Input>, p: PathBuf, make: fn(PathBuf) -> Input| {
        let key = std::fs::canonicalize(&p).unwrap_or_else(|_| p.clone());
        if seen.insert(key) {
            out.push(make(p));
        }
    };
    for arg in inputs {
        if arg == "-" {
            out.push(Input::Stdin);
            continue;
        }
        let path = Path::new(arg);
        if path.is_dir() {
            let mut files = walk_dir(path);
            files.sort();
            for f in files {
                add(&mut out, f, Input::walked);
            }
        } else if path.exists() {
            add(&mut out, path.to_path_buf(), Input::named);
        } else if arg.contains(['*', '?', '[']) {
            let mut matched: Vec<PathBuf> = glob::glob(arg)
                .with_context(|| format!("bad glob pattern {arg:?}"))?
                .filter_map(Result::ok)
                .filter(|p| p.is_file())
                .collect();
            if matched.is_empty() {
                missing.push(format!("no file matches {arg:?}"));
                continue;
            }
            matched.sort();
            for f in matched {
                add(&mut out, f, Input::named);
            }
        } else {
            missing.push(format!("no such file or directory: {arg}"));
        }
    }
    Ok((out, missing))
}

/// The export (and HTML) files under `dir`. A directory that cannot be read, or a link that
/// leads back into a directory being walked, is reported on standard error and left out.
pub fn walk_dir(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(dir).follow_links(true) {
        match entry {
            Ok(e) if e.file_type().is_file() && (is_export(e.path()) || is_html(e.path())) => {
                out.push(e.into_path())
            }
            Ok(_) => {}
            Err(e) => eprintln!("wpclean: warning: {e}"),
        }
    }
    out
}

pub fn is_export(p: &Path) -> bool {
    let name = p
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    [".json", ".ndjson", ".jsonl", ".xml", ".wxr", ".warc"]
        .iter()
        .any(|e| name.ends_with(e))
}

/// Whether the file name says HTML (`.html`, `.htm`, possibly `.gz`).
pub fn is_html(p: &Path) -> bool {
    let name = p
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    name.ends_with(".html") || name.ends_with(".htm")
}
