//! Writing results: articles rendered per format, JSON that line-oriented readers cannot
//! split, one file per post.

use std::collections::HashSet;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

use anyhow::Context as _;
use wpclean::Article;

use crate::args::{CleanArgs, Format};

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
            }
        }
        Format::Text => writeln!(out, "{}\n\n{}", a.title, a.text)?,
        Format::Markdown => {
            if per_file {
                front_matter(&mut out, a)?;
            }
            writeln!(out, "# {}\n\n{}", a.title, a.markdown)?;
        }
        #[cfg(feature = "parquet")]
        Format::Parquet => unreachable!("Parquet is written by parquet::run"),
    }
    Ok(out)
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

/// A file name for the post: its slug, else `post-{id}`, made safe for any file system.
pub fn file_stem(a: &Article) -> String {
    let raw = a
        .slug
        .clone()
        .filter(|s| !s.trim().is_empty())
        .or_else(|| a.id.map(|id| format!("post-{id}")))
        .unwrap_or_else(|| "post".into());
    let mut name: String = raw
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '-'
            }
        })
        .collect();
    name = name.trim_matches(['.', '-']).to_string();
    if name.is_empty() {
        name = "post".into();
    }
    // Stay well under file-name limits (255 bytes) on a char boundary.
    while name.len() > 120 {
        name.pop();
    }
    name
}

/// Writes cleaned articles: to one stream with separators, or one file per post.
pub struct Sink {
    pub format: Format,
    pub out: Option<Box<dyn Write>>,
    pub out_dir: Option<PathBuf>,
    pub used_names: HashSet<String>,
    pub first: bool,
}

impl Sink {
    pub fn write_all(&mut self, b: &[u8]) -> anyhow::Result<()> {
        if let Some(o) = &mut self.out {
            o.write_all(b).context("writing output")?;
        }
        Ok(())
    }

    pub fn article(&mut self, bytes: &[u8], name: &str) -> anyhow::Result<()> {
        if let Some(dir) = self.out_dir.clone() {
            let ext = match self.format {
                Format::Markdown => "md",
                Format::Text => "txt",
                Format::Json | Format::Ndjson => "json",
                #[cfg(feature = "parquet")]
                Format::Parquet => unreachable!("Parquet is written by parquet::run"),
            };
            // Unique among this run's files, and never over a file that was already there.
            let mut n = 1;
            let path = loop {
                let stem = if n == 1 {
                    name.to_string()
                } else {
                    format!("{name}-{n}")
                };
                let candidate = dir.join(format!("{stem}.{ext}"));
                if !self.used_names.contains(&stem) && !candidate.exists() {
                    self.used_names.insert(stem);
                    break candidate;
                }
                n += 1;
            };
            std::fs::write(&path, bytes).with_context(|| format!("writing {}", path.display()))?;
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
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            let esc = match c {
                '\u{85}' => "\\u0085",
                '\u{2028}' => "\\u2028",
                '\u{2029}' => "\\u2029",
                _ => continue,
            };
            writer.write_all(&fragment.as_bytes()[start..i])?;
            writer.write_all(esc.as_bytes())?;
            start = i + c.len_utf8();
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }
}
