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
    // Room for the JSON of most articles: the text is also in the sections and the search
    // text, and the Markdown and HTML are about as long again.
    let mut out = Vec::with_capacity(3 * a.text.len() + a.markdown.len() + a.html.len() + 4096);
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
        crate::json::to_line(out, value)?;
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
