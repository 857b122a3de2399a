//! The engine's modules import one another in one direction only.
//!
//! Every top-level module of `src/` has a place in [`ORDER`]: stages from the foundation up
//! to the [`Extractor`](wpclean::Extractor), and within a stage its modules, lowest first. A
//! module may use the modules listed before it, never one listed after it; what two modules
//! share lives in the lower one. `src/lib.rs` (which re-exports the public API) and
//! `src/bin/` (a crate of its own, on top of the library) are above every stage and are
//! not read.
//!
//! What counts as an import: every `crate::` path in the code, whether in a `use` item (with
//! its braces, nested: `use crate::{a, b::{c, d}}`; any visibility: `pub(crate) use
//! crate::x`) or written in full in an expression or a type (`crate::extract::faq::x(…)`).
//! A name re-exported at the crate root (`crate::Options`, `crate::Limits`) counts as the
//! module it comes from, read from `src/lib.rs`'s `pub use` items. Comments (so intra-doc
//! links, which are documentation, not dependencies) and string literals are not read;
//! `self::` and `super::` paths stay inside their module and are not read either.
//!
//! Test-only code (a `#[cfg(test)]` item, such as a `mod tests { … }`, and the files of a
//! `#[cfg(test)] mod tests;`) follows the same order, with one allowance: like the
//! integration tests in `tests/`, it may use the crate's public API through the root
//! (`crate::Extractor`, `crate::Options`, `crate::Post`…), whichever module defines it. It
//! may not reach into a higher module's internals (`crate::clean::attrs::…` from `rules`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The stages, lowest first, each with its modules, lowest first. A module may import any
/// module listed before it, in its own stage or a lower one.
const ORDER: &[(&str, &[&str])] = &[
    // Plain data and facts about strings and URLs; none of them reads HTML.
    (
        "foundation",
        &["error", "href", "safety", "date", "article"],
    ),
    // The tree: html5ever's sink, tag facts, canonical form, writer.
    ("dom", &["dom"]),
    // Small helpers that read HTML or bound its parse through the tree, and the reader of
    // schema.org JSON-LD values (their HTML answers become text).
    ("foundation over the tree", &["text", "limits", "jsonld"]),
    // Bytes to posts: REST JSON, WXR, raw `post_content`.
    ("input", &["input"]),
    // The rule table as data, with the accordion vocabulary it and the passes share.
    ("rules", &["rules"]),
    // What to clean and how: the caller's options, made of rule rows and groups.
    ("options", &["options"]),
    // The decision pass.
    ("clean", &["clean"]),
    // The block model walk.
    ("extract", &["extract"]),
    // What is made of the block model and the articles.
    ("outputs", &["render", "records", "index", "arrow"]),
    // One post in, one article out, through every pass.
    ("top", &["extractor"]),
];

/// Where a module sits: its rank in the flattened [`ORDER`] and its stage.
fn place(module: &str) -> Option<(usize, &'static str)> {
    ORDER
        .iter()
        .flat_map(|(stage, modules)| modules.iter().map(move |m| (*m, *stage)))
        .enumerate()
        .find(|(_, (m, _))| *m == module)
        .map(|(rank, (_, stage))| (rank, stage))
}

#[test]
fn every_module_imports_only_modules_below_it() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    read_sources(&root.join("src"), root, &mut files);
    assert!(
        files.len() > 50,
        "only {} source files under src/",
        files.len()
    );
    let problems = check(&files);
    assert!(
        problems.is_empty(),
        "imports against the order of the stages (see ORDER in tests/module_order.rs):\n{}",
        problems.join("\n")
    );
}

/// Every `.rs` file under `dir`, as (path relative to `root` with `/`, text).
fn read_sources(dir: &Path, root: &Path, out: &mut Vec<(String, String)>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("src/ is readable")
        .map(|e| e.expect("entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            read_sources(&path, root, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let rel = path.strip_prefix(root).expect("under the root");
            let rel = rel
                .components()
                .map(|c| c.as_os_str().to_str().expect("UTF-8 path"))
                .collect::<Vec<_>>()
                .join("/");
            let text = std::fs::read_to_string(&path).expect("source file");
            out.push((rel, text));
        }
    }
}

/// The imports of `files` (paths relative to the crate root, `src/lib.rs` among them) that
/// go against [`ORDER`], one line each: file and line, the path, both modules and stages.
fn check(files: &[(String, String)]) -> Vec<String> {
    let mut problems = Vec::new();
    let lib = &files
        .iter()
        .find(|(p, _)| p == "src/lib.rs")
        .expect("src/lib.rs")
        .1;
    let lib = strip(lib);
    let modules = declared_modules(&lib);
    for m in &modules {
        if place(m).is_none() {
            problems.push(format!(
                "src/lib.rs: module `{m}` has no place in ORDER: add it to the stage it belongs to"
            ));
        }
    }
    for (_, list) in ORDER {
        for m in *list {
            if !modules.contains(*m) {
                problems.push(format!(
                    "ORDER names `{m}`, which src/lib.rs does not declare"
                ));
            }
        }
    }
    let reexports = root_reexports(&lib);
    let test_files = test_only_files(files);
    for (path, text) in files {
        let Some(rest) = path.strip_prefix("src/") else {
            continue;
        };
        if rest == "lib.rs" || rest.starts_with("bin/") {
            continue;
        }
        let module = rest
            .split('/')
            .next()
            .unwrap_or_default()
            .trim_end_matches(".rs");
        let Some((rank, stage)) = place(module) else {
            problems.push(format!("{path}: module `{module}` has no place in ORDER"));
            continue;
        };
        let code = strip(text);
        let tests = test_ranges(&code);
        let whole_file_is_test = test_files.contains(path.as_str());
        for import in crate_paths(&code) {
            let line = code[..import.at].matches('\n').count() + 1;
            let in_test = whole_file_is_test || tests.iter().any(|r| r.contains(&import.at));
            let first = &import.path[0];
            let (target, via_root) = if modules.contains(first.as_str()) {
                (first.as_str(), false)
            } else if let Some(m) = reexports.get(first) {
                (m.as_str(), true)
            } else {
                problems.push(format!(
                    "{path}:{line}: `crate::{}` names neither a module nor a name src/lib.rs re-exports",
                    import.path.join("::")
                ));
                continue;
            };
            if in_test && via_root {
                continue;
            }
            let Some((target_rank, target_stage)) = place(target) else {
                continue; // Reported above, for src/lib.rs.
            };
            if target_rank > rank {
                let whose = if in_test { "test code of " } else { "" };
                let how = if target_stage == stage {
                    format!("listed after it in the same stage `{stage}`")
                } else {
                    format!("stage `{target_stage}`, above stage `{stage}`")
                };
                let allowance = if in_test {
                    " (test code may use the crate root's public API, `crate::Extractor`…, instead)"
                } else {
                    ""
                };
                problems.push(format!(
                    "{path}:{line}: `crate::{}`: {whose}`{module}` (stage `{stage}`) imports `{target}` ({how}){allowance}",
                    import.path.join("::")
                ));
            }
        }
    }
    problems
}

/// The modules `src/lib.rs` declares (`mod x;`, `pub mod x;`).
fn declared_modules(lib: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (i, _) in lib.match_indices("mod ") {
        if !starts_token(lib, i) {
            continue;
        }
        let rest = lib[i + 4..].trim_start();
        let name: String = rest.chars().take_while(|&c| is_ident(c)).collect();
        if rest[name.len()..].trim_start().starts_with(';') {
            out.insert(name);
        }
    }
    out
}

/// The names `src/lib.rs` re-exports (`pub use module::…::{Name, …};`), each with its module.
fn root_reexports(lib: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for (i, _) in lib.match_indices("use ") {
        if !starts_token(lib, i) {
            continue;
        }
        let end = i + lib[i..].find(';').expect("a use item ends");
        for path in expand(&lib[i + 4..end]) {
            if let (Some(module), Some(name)) = (path.first(), path.last()) {
                out.insert(name.clone(), module.clone());
            }
        }
    }
    out
}

/// Files that only tests compile: those of a `#[cfg(test)] mod x;` and everything under
/// such a module's folder.
fn test_only_files(files: &[(String, String)]) -> BTreeSet<&str> {
    let mut dirs = Vec::new();
    for (path, text) in files {
        let code = strip(text);
        // The folder a file's child modules live in.
        let dir = match path.rsplit_once('/') {
            Some((dir, "mod.rs" | "lib.rs" | "main.rs")) => dir.to_string(),
            _ => path.trim_end_matches(".rs").to_string(),
        };
        for r in test_ranges(&code) {
            let item = code[r].trim_end();
            if let Some(decl) = item.strip_suffix(';')
                && let Some(at) = decl.rfind("mod ")
            {
                let name = decl[at + 4..].trim();
                dirs.push(format!("{dir}/{name}"));
            }
        }
    }
    files
        .iter()
        .map(|(p, _)| p.as_str())
        .filter(|p| {
            dirs.iter().any(|d| {
                p.strip_prefix(d.as_str())
                    .is_some_and(|rest| rest == ".rs" || rest.starts_with('/'))
            })
        })
        .collect()
}

/// The byte ranges of `#[cfg(test)]` items in stripped code: from the attribute to the end
/// of the item it stands on (its `;`, or its braced body).
fn test_ranges(code: &str) -> Vec<std::ops::Range<usize>> {
    let b = code.as_bytes();
    let mut out = Vec::new();
    for (i, _) in code.match_indices("cfg") {
        // `#[cfg(test)]`, spaced any way.
        let Some(open) = code[..i].trim_end().strip_suffix('[') else {
            continue;
        };
        if !open.trim_end().ends_with('#') {
            continue;
        }
        let after: String = code[i + 3..]
            .chars()
            .take_while(|&c| c != ']')
            .filter(|c| !c.is_whitespace())
            .collect();
        if after != "(test)" {
            continue;
        }
        let start = open.trim_end().len() - 1;
        let mut j = i + code[i..].find(']').expect("attribute closes") + 1;
        // The item: up to its `;` or through its body, brackets of its signature skipped.
        let mut depth = 0i32;
        while j < b.len() {
            match b[j] {
                b'(' | b'[' => depth += 1,
                b')' | b']' => depth -= 1,
                b';' if depth == 0 => {
                    j += 1;
                    break;
                }
                b'{' if depth == 0 => {
                    j = matching(code, j) + 1;
                    break;
                }
                _ => {}
            }
            j += 1;
        }
        out.push(start..j.min(b.len()));
    }
    out
}

/// The index of the `}` closing the `{` at `open` (the end of `code` when none does).
fn matching(code: &str, open: usize) -> usize {
    let mut depth = 0;
    for (k, c) in code[open..].char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return open + k;
                }
            }
            _ => {}
        }
    }
    code.len()
}

/// One `crate::` path: where it starts and its segments after `crate` (for a braced group,
/// one path per leaf).
#[derive(Debug, PartialEq)]
struct Import {
    at: usize,
    path: Vec<String>,
}

/// Every `crate::` path in stripped code.
fn crate_paths(code: &str) -> Vec<Import> {
    let mut out = Vec::new();
    for (i, _) in code.match_indices("crate") {
        if !starts_token(code, i) || code[..i].ends_with('$') {
            continue;
        }
        let rest = code[i + 5..].trim_start();
        let Some(rest) = rest.strip_prefix("::") else {
            continue; // `pub(crate)`, or `crate` alone.
        };
        let rest = rest.trim_start();
        let tree = if rest.starts_with('{') {
            let offset = code.len() - rest.len();
            &code[offset..=matching(code, offset).min(code.len() - 1)]
        } else {
            // A plain path: segments and `::`, up to the first other character.
            let mut end = 0;
            let mut s = rest;
            loop {
                let name = s.len() - s.trim_start_matches(is_ident).len();
                if name == 0 {
                    break;
                }
                end = rest.len() - s.len() + name;
                s = &s[name..];
                let Some(next) = s.trim_start().strip_prefix("::") else {
                    break;
                };
                let next = next.trim_start();
                let offset = code.len() - next.len();
                if next.starts_with('{') {
                    // A group closing the path: `crate::a::{b, c}`.
                    end = matching(code, offset) + 1 - (code.len() - rest.len());
                    break;
                }
                if next.starts_with('*') {
                    end = offset + 1 - (code.len() - rest.len());
                    break;
                }
                s = next;
            }
            &rest[..end]
        };
        for path in expand(tree) {
            if !path.is_empty() {
                out.push(Import { at: i, path });
            }
        }
    }
    out
}

/// The paths of a use tree (`a::b`, `a::{b, c::{d, self}}`, `a as b`, `a::*`), each as its
/// segments; an alias is read as the name it gives.
fn expand(tree: &str) -> Vec<Vec<String>> {
    let tree = tree.trim();
    if let Some(inner) = tree.strip_prefix('{').and_then(|t| t.strip_suffix('}')) {
        let mut out = Vec::new();
        let (mut depth, mut from) = (0, 0);
        for (k, c) in inner.char_indices() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    out.extend(expand(&inner[from..k]));
                    from = k + 1;
                }
                _ => {}
            }
        }
        out.extend(expand(&inner[from..]));
        return out;
    }
    if tree.is_empty() {
        return Vec::new();
    }
    match tree.split_once("::") {
        Some((head, rest)) => {
            let head = head.trim().to_string();
            let mut out: Vec<Vec<String>> = expand(rest)
                .into_iter()
                .map(|mut p| {
                    if p.first().is_some_and(|s| s == "self") {
                        p.remove(0);
                    }
                    p.insert(0, head.clone());
                    p
                })
                .collect();
            if out.is_empty() {
                out.push(vec![head]);
            }
            out
        }
        None => {
            let name = match tree.split_once(" as ") {
                Some((_, alias)) => alias.trim(),
                None => tree,
            };
            vec![vec![name.to_string()]]
        }
    }
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Whether the word at `i` starts a token (no identifier character before it).
fn starts_token(code: &str, i: usize) -> bool {
    !code[..i].chars().next_back().is_some_and(is_ident)
}

/// The code with comments and the insides of string and character literals blanked (line
/// breaks kept, so lines still count), so that only code is searched.
fn strip(src: &str) -> String {
    let chars: Vec<char> = src.chars().collect();
    let mut out = String::with_capacity(src.len());
    let blank = |out: &mut String, c: char| {
        if c == '\n' {
            out.push('\n');
        } else {
            out.extend(std::iter::repeat_n(' ', c.len_utf8()));
        }
    };
    let ident_before = |k: usize| k > 0 && is_ident(chars[k - 1]);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                blank(&mut out, chars[i]);
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    out.push_str("  ");
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    out.push_str("  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    blank(&mut out, chars[i]);
                    i += 1;
                }
            }
        } else if (c == 'r' || (c == 'b' && next == Some('r'))) && !ident_before(i) && {
            let mut k = i + if c == 'b' { 2 } else { 1 };
            while chars.get(k) == Some(&'#') {
                k += 1;
            }
            chars.get(k) == Some(&'"')
        } {
            // A raw string: `r#"…"#`, as many `#` at the end as at the start.
            let mut k = i + if c == 'b' { 2 } else { 1 };
            let mut hashes = 0;
            while chars[k] == '#' {
                hashes += 1;
                k += 1;
            }
            out.extend(chars[i..=k].iter());
            i = k + 1;
            while i < chars.len() {
                if chars[i] == '"' && (1..=hashes).all(|h| chars.get(i + h) == Some(&'#')) {
                    out.extend(chars[i..=i + hashes].iter());
                    i += hashes + 1;
                    break;
                }
                blank(&mut out, chars[i]);
                i += 1;
            }
        } else if c == '"' {
            out.push('"');
            i += 1;
            while i < chars.len() {
                match chars[i] {
                    '\\' => {
                        blank(&mut out, '\\');
                        if let Some(&e) = chars.get(i + 1) {
                            blank(&mut out, e);
                        }
                        i += 2;
                    }
                    '"' => {
                        out.push('"');
                        i += 1;
                        break;
                    }
                    x => {
                        blank(&mut out, x);
                        i += 1;
                    }
                }
            }
        } else if c == '\'' {
            // A character literal (`'a'`, `'\''`, `'"'`), or a lifetime or label (`'a`).
            let end = if next == Some('\\') {
                (i + 2..chars.len()).find(|&k| chars[k] == '\'')
            } else if chars.get(i + 2) == Some(&'\'') {
                Some(i + 2)
            } else {
                None
            };
            match end {
                Some(end) => {
                    out.push('\'');
                    for &x in &chars[i + 1..end] {
                        blank(&mut out, x);
                    }
                    out.push('\'');
                    i = end + 1;
                }
                None => {
                    out.push('\'');
                    i += 1;
                }
            }
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

#[test]
fn paths_are_read_in_every_form() {
    let code = strip(
        r##"
use crate::dom::tree::{Data, NodeId};
pub(crate) use crate::rules;
use crate::{
    article::{FaqEntry, Heading},
    error::{self, Result}, href,
    text::html_to_text as to_text,
};
fn f() {
    let x = crate::extract::faq::from_blocks(a, b);
    let y: crate::Limits = crate :: limits
        ::bounds();
    // crate::clean::ignored in a comment
    let s = "crate::clean::ignored in a string";
    let c = '"'; let q = '\''; let r = r#"crate::clean::"raw""#;
    /* crate::clean /* nested */ crate::clean */
    let z = <crate::options::Options as Default>::default();
    let w = Vec::<crate::article::Link>::new();
    pub(in crate::input) fn g() {}
}
"##,
    );
    let paths: Vec<String> = crate_paths(&code)
        .into_iter()
        .map(|i| i.path.join("::"))
        .collect();
    assert_eq!(
        paths,
        [
            "dom::tree::Data",
            "dom::tree::NodeId",
            "rules",
            "article::FaqEntry",
            "article::Heading",
            "error",
            "error::Result",
            "href",
            "text::to_text",
            "extract::faq::from_blocks",
            "Limits",
            "limits::bounds",
            "options::Options",
            "article::Link",
            "input",
        ]
    );
}

#[test]
fn test_code_is_told_apart() {
    let code = strip(
        "use crate::dom;\n#[cfg(test)]\nmod tests {\n    use crate::clean;\n    fn f() { if x { crate::a(); } }\n}\nuse crate::href;\n#[cfg(test)] pub fn g(x: [u8; 2]) -> u8 { 0 }\n#[ cfg( test ) ]\nmod more;\n",
    );
    let ranges = test_ranges(&code);
    let in_test: Vec<(String, bool)> = crate_paths(&code)
        .into_iter()
        .map(|i| (i.path.join("::"), ranges.iter().any(|r| r.contains(&i.at))))
        .collect();
    assert_eq!(
        in_test,
        [
            ("dom".to_string(), false),
            ("clean".to_string(), true),
            ("a".to_string(), true),
            ("href".to_string(), false),
        ]
    );
    assert_eq!(ranges.len(), 3);
    assert!(code[ranges[1].clone()].ends_with("{ 0 }"));
    assert!(code[ranges[2].clone()].ends_with("mod more;"));
}

/// The check itself, on a small crate: a lower module reaching up is reported with its
/// file, line, path and both stages; test code may use the root's re-exports but not a
/// higher module's internals; a module missing from ORDER is reported.
#[test]
fn an_upward_import_is_reported() {
    let file = |p: &str, t: &str| (p.to_string(), t.to_string());
    let mut lib: String = ORDER
        .iter()
        .flat_map(|(_, modules)| modules.iter())
        .map(|m| format!("mod {m};\n"))
        .collect();
    lib.push_str("mod widgets;\npub use extractor::Extractor;\npub use rules::{RuleRow, RuleGroup as Group};\n");
    let files = [
        file("src/lib.rs", &lib),
        file(
            "src/dom/canon.rs",
            "use crate::dom::tree::Data;\nuse crate::{\n    error,\n    clean::{has_visible_text, other},\n};\n",
        ),
        file(
            "src/rules/mod.rs",
            "use crate::dom;\n#[cfg(test)]\nmod tests;\nfn f() -> crate::Group { crate::href::x() }\n",
        ),
        file(
            "src/rules/tests.rs",
            "use crate::Extractor;\nuse crate::clean::attrs::view_of;\n",
        ),
        file(
            "src/text.rs",
            "fn f() { crate::Extractor::new(); crate::jsonld::faq(); }\n",
        ),
        file("src/widgets.rs", "use crate::dom;\n"),
    ];
    assert_eq!(
        check(&files),
        [
            "src/lib.rs: module `widgets` has no place in ORDER: add it to the stage it belongs to",
            "src/dom/canon.rs:2: `crate::clean::has_visible_text`: `dom` (stage `dom`) imports `clean` (stage `clean`, above stage `dom`)",
            "src/dom/canon.rs:2: `crate::clean::other`: `dom` (stage `dom`) imports `clean` (stage `clean`, above stage `dom`)",
            "src/rules/tests.rs:2: `crate::clean::attrs::view_of`: test code of `rules` (stage `rules`) imports `clean` (stage `clean`, above stage `rules`) (test code may use the crate root's public API, `crate::Extractor`…, instead)",
            "src/text.rs:1: `crate::Extractor::new`: `text` (stage `foundation over the tree`) imports `extractor` (stage `top`, above stage `foundation over the tree`)",
            "src/text.rs:1: `crate::jsonld::faq`: `text` (stage `foundation over the tree`) imports `jsonld` (listed after it in the same stage `foundation over the tree`)",
            "src/widgets.rs: module `widgets` has no place in ORDER",
        ]
    );
}
