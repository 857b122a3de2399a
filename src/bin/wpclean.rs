//! The `wpclean` command: WordPress post exports in, clean articles out.

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::{Parser, ValueEnum};
use wpclean::{Article, Extractor, Options, Post, RuleGroup};

/// Clean WordPress posts (REST API JSON) into structured articles.
///
/// Reads each FILE (a post object or an array of posts) and writes one article per post,
/// in input order.
///
/// Exit codes: 0 every post was cleaned; 1 some posts failed (each is reported on stderr);
/// 2 usage or I/O error.
#[derive(Parser, Debug)]
#[command(version, about, long_about)]
struct Cli {
    /// Post JSON files.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Ndjson)]
    format: Format,
    /// Switch a built-in rule group off (repeatable): ads, toc, social, related, forms,
    /// hidden, boilerplate.
    #[arg(long = "no", value_name = "GROUP")]
    disable: Vec<String>,
    /// Also remove elements matching this CSS selector (repeatable).
    #[arg(long = "drop", value_name = "SELECTOR")]
    drop: Vec<String>,
    /// Never remove elements matching this CSS selector (repeatable).
    #[arg(long = "keep", value_name = "SELECTOR")]
    keep: Vec<String>,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
enum Format {
    /// One JSON article per line.
    Ndjson,
    /// A JSON array of articles, pretty-printed.
    Json,
    /// The plain text of each article, separated by a form feed line.
    Text,
    /// The Markdown of each article, with its title as a heading.
    Markdown,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(&cli) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) => {
            eprintln!("wpclean: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: &Cli) -> anyhow::Result<bool> {
    let mut options = Options::default();
    for g in &cli.disable {
        let group = RuleGroup::from_name(g).with_context(|| format!("unknown rule group {g:?}"))?;
        options = options.without(group);
    }
    for s in &cli.drop {
        options = options.drop_selector(s.clone());
    }
    for s in &cli.keep {
        options = options.keep_selector(s.clone());
    }
    let extractor = Extractor::new(&options)?;
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut all_ok = true;
    let mut first = true;
    if cli.format == Format::Json {
        out.write_all(b"[")?;
    }
    for path in &cli.files {
        let name = path.display().to_string();
        let data = std::fs::read_to_string(path).with_context(|| format!("reading {name}"))?;
        let data = data.strip_prefix('\u{feff}').unwrap_or(&data);
        let posts: Vec<Result<Post, wpclean::Error>> =
            match serde_json::from_str::<serde_json::Value>(data) {
                Ok(serde_json::Value::Array(items)) => items
                    .into_iter()
                    .map(|v| {
                        serde_json::from_value::<Post>(v).map_err(|e| {
                            wpclean::Error::new(wpclean::ErrorKind::NotAPost(e.to_string()))
                        })
                    })
                    .collect(),
                Ok(_) => vec![Post::from_json(data)],
                Err(_) => vec![Post::from_json(data)],
            };
        for (index, post) in posts.into_iter().enumerate() {
            match post {
                Ok(post) => {
                    let article = extractor.extract(&post);
                    write_article(&mut out, cli.format, &article, &mut first)?;
                }
                Err(e) => {
                    all_ok = false;
                    let e = e.at(wpclean::Location::new()
                        .with_file(&name)
                        .with_index(index as u64));
                    eprintln!("wpclean: {e}");
                }
            }
        }
    }
    if cli.format == Format::Json {
        out.write_all(b"\n]\n")?;
    }
    out.flush()?;
    Ok(all_ok)
}

fn write_article(
    out: &mut impl Write,
    format: Format,
    a: &Article,
    first: &mut bool,
) -> anyhow::Result<()> {
    match format {
        Format::Ndjson => write_json_line(out, a)?,
        Format::Json => {
            out.write_all(if *first { b"\n" } else { b",\n" })?;
            serde_json::to_writer_pretty(&mut *out, a)?;
        }
        Format::Text => {
            if !*first {
                out.write_all(b"\x0c\n")?;
            }
            writeln!(out, "{}\n\n{}", a.title, a.text)?;
        }
        Format::Markdown => {
            if !*first {
                out.write_all(b"\n---\n\n")?;
            }
            writeln!(out, "# {}\n\n{}", a.title, a.markdown)?;
        }
    }
    *first = false;
    Ok(())
}

/// Compact JSON that also escapes U+0085, U+2028 and U+2029: valid JSON leaves them raw, but
/// many line-oriented readers (Python's `splitlines`, JavaScript before ES2019) treat them
/// as line ends and would split an NDJSON record in two.
struct LineSafe;

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

fn write_json_line(out: &mut impl Write, a: &Article) -> anyhow::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(&mut *out, LineSafe);
    serde::Serialize::serialize(a, &mut ser)?;
    out.write_all(b"\n")?;
    Ok(())
}
