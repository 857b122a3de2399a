//! Functions that fit on a screen: no function of `src/` (the library, the command and the
//! Python package's Rust side) runs past [`MAX_LINES`] lines, except table data
//! ([`TABLES`]) and tests, which read as lists of cases.
//!
//! A function is counted from its `fn` line to the closing brace at the same indentation
//! (rustfmt's layout, which CI checks); a declaration without a body (`fn f();` in a trait)
//! has none.

use std::path::{Path, PathBuf};

/// The most lines a function may take, its signature and closing brace included.
const MAX_LINES: usize = 80;

/// Functions that are table data: (file, function).
const TABLES: &[(&str, &str)] = &[("src/rules/table.rs", "rows")];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The name of the function a line starts, if it starts one with a body.
fn fn_name(line: &str) -> Option<&str> {
    let mut words = line.split_whitespace();
    let mut word = words.next()?;
    while matches!(
        word,
        "pub" | "const" | "async" | "unsafe" | "extern" | "\"C\""
    ) || word.starts_with("pub(")
    {
        word = words.next()?;
    }
    if word != "fn" || line.trim_end().ends_with(';') {
        return None;
    }
    let name = words.next()?;
    Some(name.split(['(', '<']).next().unwrap_or(name))
}

/// Whether a file holds only tests (`tests.rs`, `tests/…`).
fn is_test_file(path: &Path) -> bool {
    path.file_name().is_some_and(|n| n == "tests.rs")
        || path.components().any(|c| c.as_os_str() == "tests")
}

#[test]
fn no_function_outside_tables_and_tests_is_longer_than_a_screen() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    rust_files(&root.join("python/src"), &mut files);
    let mut long = Vec::new();
    for path in files.iter().filter(|p| !is_test_file(p)) {
        let text = std::fs::read_to_string(path).unwrap();
        let rel = path
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let lines: Vec<&str> = text.lines().collect();
        // Lines from a `#[cfg(test)]` module on are tests.
        let end = lines
            .iter()
            .position(|l| l.trim() == "#[cfg(test)]")
            .unwrap_or(lines.len());
        for (i, line) in lines[..end].iter().enumerate() {
            let Some(name) = fn_name(line) else { continue };
            let indent = line.len() - line.trim_start().len();
            let close = format!("{}}}", " ".repeat(indent));
            let Some(len) = lines[i..].iter().position(|l| l.trim_end() == close) else {
                continue;
            };
            if len + 1 > MAX_LINES && !TABLES.contains(&(rel.as_str(), name)) {
                long.push(format!("{rel}:{} {name}: {} lines", i + 1, len + 1));
            }
        }
    }
    assert!(
        long.is_empty(),
        "functions over {MAX_LINES} lines (split them by what they do):\n{}",
        long.join("\n")
    );
}

#[test]
fn the_counter_finds_functions_and_skips_declarations() {
    assert_eq!(
        fn_name("    pub(crate) fn read(doc: &Document) -> Meta {"),
        Some("read")
    );
    assert_eq!(fn_name("pub fn f<T>(x: T)"), Some("f"));
    assert_eq!(fn_name("    fn bytes_read(&self) -> u64;"), None);
    assert_eq!(fn_name("    let f = fn_name(x);"), None);
}
