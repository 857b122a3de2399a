//! Writing results: articles rendered per format, JSON that line-oriented readers cannot
//! split, one file per post.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

use anyhow::Context as _;
use wpclean::Article;

use crate::args::{CleanArgs, Format};
use crate::out_dir::{OutDir, PostName};

/// Standard output, or the file given, buffered.
pub fn output(path: &Option<PathBuf>) -> anyhow::Result<Box<dyn Write>> {
    Ok(match path {
        Some(p) => Box::new(BufWriter::with_capacity(
            1 << 20,
            File::create(p).with_context(|| format!("creating {}", p.display()))?,
        )),
        None => Box::new(BufWriter::with_capacity(1 << 20, io::stdout())),
    })
}

/// The article in the output format, as bytes (separators between articles are the sink's).
pub fn render(a: &Article, cli: &CleanArgs) -> anyhow::Result<Vec<u8>> {
    let mut out = Vec::with_capacity(a.text.len() * 2 + 256);
    let per_file = cli.out_dir.is_some();
    match cli.format {
        Format::Ndjson | Format::Json => {
            let pretty = cli.format == Format::Json || per_file;
            if cli.fields.is_empty() {
                write_json(&mut out, a, pretty)?;
            } else {
                let mut v = serde_json::to_value(a)?;
                if let serde_json::Value::Object(m) = &mut v {
                    m.retain(|k, _| cli.fields.iter().any(|f| f == k));
                }
                write_json(&mut out, &v, pretty)?;
            }
            if per_file {
                out.push(b'\n');
            } else if cli.format == Format::Json {
                out = indent(&out);
            }
        }
        Format::Text => writeln!(out, "{}\n\n{}", a.title, a.text)?,
        Format::Markdown => {
            if per_file {
                front_matter(&mut out, a)?;
            }
            writeln!(out, "# {}\n\n{}", a.title, a.markdown)?;
        }
        Format::Parquet => unreachable!("Parquet is written by parquet::run"),
    }
    Ok(out)
}

/// Pretty JSON one level further in, as an element of the `--format json` array: two
/// spaces before each line (pretty JSON has line breaks only between tokens, never in a
/// string, which writes them `\n`).
fn indent(pretty: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(pretty.len() + pretty.len() / 16 + 2);
    out.extend_from_slice(b"  ");
    for &b in pretty {
        out.push(b);
        if b == b'\n' {
            out.extend_from_slice(b"  ");
        }
    }
    out
}

pub fn write_json(
    out: &mut Vec<u8>,
    value: &impl serde::Serialize,
    pretty: bool,
) -> anyhow::Result<()> {
    if pretty {
        serde_json::to_writer_pretty(out, value)?;
    } else {
        let mut ser = serde_json::Serializer::with_formatter(out, LineSafe);
        value.serialize(&mut ser)?;
    }
    Ok(())
}

/// YAML front matter; strings are written as JSON strings, which YAML reads as-is.
pub fn front_matter(out: &mut Vec<u8>, a: &Article) -> anyhow::Result<()> {
    let s = |v: &str| serde_json::to_string(v).unwrap_or_default();
    writeln!(out, "---")?;
    writeln!(out, "title: {}", s(&a.title))?;
    if let Some(id) = a.id {
        writeln!(out, "id: {id}")?;
    }
    if let Some(d) = &a.date {
        writeln!(out, "date: {}", s(d))?;
    }
    if let Some(u) = &a.url {
        writeln!(out, "url: {}", s(u))?;
    }
    let terms = |ts: &[wpclean::Term]| -> Vec<String> {
        ts.iter()
            .filter_map(|t| t.name.clone().or_else(|| t.slug.clone()))
            .map(|n| s(&n))
            .collect()
    };
    writeln!(out, "categories: [{}]", terms(&a.categories).join(", "))?;
    writeln!(out, "tags: [{}]", terms(&a.tags).join(", "))?;
    writeln!(out, "---\n")?;
    Ok(())
}

/// Writes cleaned articles: to one stream with separators, or one file per post.
pub struct Sink {
    pub format: Format,
    pub out: Option<Box<dyn Write>>,
    pub out_dir: Option<OutDir>,
    pub first: bool,
}

impl Sink {
    pub fn write_all(&mut self, b: &[u8]) -> anyhow::Result<()> {
        if let Some(o) = &mut self.out {
            o.write_all(b).context("writing output")?;
        }
        Ok(())
    }

    pub fn article(&mut self, name: &PostName, bytes: &[u8]) -> anyhow::Result<()> {
        if let Some(dir) = &mut self.out_dir {
            dir.write(name, bytes)?;
            return Ok(());
        }
        let sep: &[u8] = match (self.format, self.first) {
            (Format::Json, true) => b"\n",
            (Format::Json, false) => b",\n",
            (Format::Text, false) => b"\x0c\n",
            (Format::Markdown, false) => b"\n---\n\n",
            _ => b"",
        };
        self.first = false;
        self.write_all(sep)?;
        self.write_all(bytes)?;
        if self.format == Format::Ndjson {
            self.write_all(b"\n")?;
        }
        Ok(())
    }
}

/// Compact JSON that also escapes U+0085, U+2028 and U+2029: valid JSON leaves them raw, but
/// many line-oriented readers (Python's `splitlines`, JavaScript before ES2019) treat them
/// as line ends and would split an NDJSON record in two.
pub struct LineSafe;

impl serde_json::ser::Formatter for LineSafe {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        // U+0085 is C2 85 in UTF-8, U+2028 and U+2029 are E2 80 A8 and E2 80 A9: look for
        // their first bytes only, which most text never holds.
        let bytes = fragment.as_bytes();
        let mut start = 0;
        let mut at = 0;
        while let Some(p) = memchr::memchr2(0xC2, 0xE2, &bytes[at..]) {
            let i = at + p;
            let esc: &[u8] = match bytes.get(i..i + 3) {
                Some([0xC2, 0x85, ..]) => b"\\u0085",
                Some([0xE2, 0x80, 0xA8]) => b"\\u2028",
                Some([0xE2, 0x80, 0xA9]) => b"\\u2029",
                _ if bytes.get(i..i + 2) == Some(&[0xC2, 0x85]) => b"\\u0085",
                _ => {
                    at = i + 1;
                    continue;
                }
            };
            writer.write_all(&bytes[start..i])?;
            writer.write_all(esc)?;
            start = i + if bytes[i] == 0xC2 { 2 } else { 3 };
            at = start;
        }
        writer.write_all(&bytes[start..])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_separators_are_escaped_and_nothing_else_changes() {
        let text = "a\u{85}b\u{2028}c\u{2029}d é\u{2027}\u{20ac}\u{85}";
        let mut out = Vec::new();
        write_json(&mut out, &text, false).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert_eq!(
            out,
            "\"a\\u0085b\\u2028c\\u2029d é\u{2027}\u{20ac}\\u0085\""
        );
        let back: String = serde_json::from_str(&out).unwrap();
        assert_eq!(back, text);
    }
}
