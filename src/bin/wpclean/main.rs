//! The `wpclean` command: WordPress exports in, clean articles out.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Context as _, bail};
use clap::Parser;

use args::{CleanArgs, Cli, Command, Format, RecordFormat, RecordsArgs};
#[cfg(feature = "index")]
use args::{IndexArgs, SearchArgs};
use out_dir::{OutDir, PostName};
use output::{Sink, output, render, write_json};
use pipeline::pipeline;
mod args;
mod config;
mod date_filter;
mod gate;
mod generate;
mod inputs;
mod json;
mod out_dir;
mod output;
#[cfg(feature = "parquet")]
mod parquet;
mod pipeline;
mod rules_file;

/// The command's allocator (see its line in Cargo.toml for why).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let (argv, config) = match config::with_config(std::env::args_os().collect()) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("wpclean: {e:#}");
            return ExitCode::from(2);
        }
    };
    let cli = match Cli::try_parse_from(&argv) {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            if let Some(path) = config.filter(|_| e.use_stderr()) {
                eprintln!("(options were also read from {})", path.display());
            }
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    match run(&cli) {
        Ok(code) => ExitCode::from(code),
        // `wpclean … | head`: the reader has what it wanted. As ripgrep and cat do, the run
        // ends there, quietly and successfully (so `set -o pipefail` scripts go on).
        Err(e) if reader_gone(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("wpclean: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// Whether the error is a write to a pipe (or socket) whose reader has gone: EPIPE, which
/// the process sees as an error because Rust ignores SIGPIPE.
fn reader_gone(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        let kind = cause
            .downcast_ref::<std::io::Error>()
            .map(std::io::Error::kind)
            .or_else(|| {
                cause
                    .downcast_ref::<serde_json::Error>()
                    .and_then(serde_json::Error::io_error_kind)
            });
        kind == Some(std::io::ErrorKind::BrokenPipe)
    })
}

fn run(cli: &Cli) -> anyhow::Result<u8> {
    match &cli.command {
        None => run_clean(&cli.clean),
        Some(Command::Records(a)) => run_records(a),
        #[cfg(feature = "index")]
        Some(Command::Index(a)) => run_index(a),
        #[cfg(feature = "index")]
        Some(Command::Search(a)) => run_search(a),
        Some(Command::Completions { shell }) => {
            // clap_complete panics on a failed write: the script is written in one piece.
            let mut script = Vec::new();
            generate::completions(*shell, &mut script);
            std::io::stdout().write_all(&script)?;
            Ok(0)
        }
        Some(Command::Man) => generate::man(&mut std::io::stdout()).map(|()| 0),
        Some(Command::Schema { kind }) => {
            generate::schema(*kind, &mut std::io::stdout()).map(|()| 0)
        }
    }
}

fn run_clean(cli: &CleanArgs) -> anyhow::Result<u8> {
    #[cfg(feature = "parquet")]
    if cli.format == Format::Parquet {
        return parquet::run(cli);
    }
    #[cfg(not(feature = "parquet"))]
    if cli.format == Format::Parquet {
        bail!(
            "--format parquet needs the `parquet` cargo feature, which this wpclean was built \
             without; build it with: cargo install --path . --locked --features parquet"
        );
    }
    if !cli.fields.is_empty() && matches!(cli.format, Format::Text | Format::Markdown) {
        bail!(
            "--fields selects fields of JSON output: use it with --format ndjson or json (text and markdown are fixed renderings)"
        );
    }
    let (out, out_dir) = match &cli.out_dir {
        Some(dir) => {
            let ext = match cli.format {
                Format::Markdown => "md",
                Format::Text => "txt",
                Format::Json | Format::Ndjson => "json",
                Format::Parquet => unreachable!("Parquet is written by parquet::run"),
            };
            (None, Some(OutDir::open(dir, ext)?))
        }
        None => (Some(output(&cli.output)?), None),
    };
    let mut sink = Sink {
        format: cli.format,
        out,
        out_dir,
        first: true,
    };
    if cli.format == Format::Json && sink.out_dir.is_none() {
        sink.write_all(b"[")?;
    }
    let tally = pipeline(
        &cli.input,
        |article, _| {
            let name = PostName::of(&article);
            Ok((render(&article, cli)?, name))
        },
        |(bytes, name)| sink.article(&name, &bytes),
    )?;
    if cli.format == Format::Json && sink.out_dir.is_none() {
        sink.write_all(if sink.first { b"]\n" } else { b"\n]\n" })?;
    }
    // After the summary line, as part of it.
    if let Some(note) = sink.out_dir.as_ref().and_then(OutDir::displaced_note)
        && !cli.input.quiet
    {
        eprintln!("wpclean: {note}");
    }
    if let Some(out) = &mut sink.out {
        out.flush().context("writing output")?;
    }
    Ok(tally.exit_code())
}

fn run_records(a: &RecordsArgs) -> anyhow::Result<u8> {
    let options = a.chunks.options();
    let mut out = output(&a.output)?;
    let bulk = a.format == RecordFormat::Bulk;
    if a.index.is_some() {
        eprintln!("wpclean: warning: `records --index NAME` is deprecated: use `--es-index NAME`");
    }
    let index = a.es_index().to_string();
    let tally = pipeline(
        &a.input,
        |article, _| {
            let mut bytes = Vec::new();
            for r in wpclean::records(&article, &options) {
                if bulk {
                    let action = serde_json::json!({"index": {"_index": index, "_id": r.id}});
                    write_json(&mut bytes, &action, false)?;
                    bytes.push(b'\n');
                }
                write_json(&mut bytes, &r, false)?;
                bytes.push(b'\n');
            }
            Ok(bytes)
        },
        |bytes| Ok(out.write_all(&bytes)?),
    )?;
    out.flush().context("writing output")?;
    Ok(tally.exit_code())
}

#[cfg(feature = "index")]
fn run_index(a: &IndexArgs) -> anyhow::Result<u8> {
    let options = a.chunks.options();
    let index = wpclean::SearchIndex::open_or_create(&a.index)?;
    let mut writer = index.writer()?;
    let mut older = 0u64;
    let tally = pipeline(
        &a.input,
        |article, _| Ok(wpclean::records(&article, &options)),
        |records| {
            if writer.upsert(&records)? == wpclean::Upsert::KeptNewer {
                older += 1;
            }
            Ok(())
        },
    )?;
    writer.commit()?;
    if !a.input.quiet {
        eprintln!(
            "wpclean: index {} holds {} records{}",
            a.index.display(),
            index.len(),
            if older > 0 {
                format!("; {older} posts older than their indexed version were left out")
            } else {
                String::new()
            }
        );
    }
    Ok(tally.exit_code())
}

#[cfg(feature = "index")]
fn run_search(a: &SearchArgs) -> anyhow::Result<u8> {
    if !a.dir.join("meta.json").is_file() {
        bail!(
            "no index in {} (build one with `wpclean index`)",
            a.dir.display()
        );
    }
    let index = wpclean::SearchIndex::open_or_create(&a.dir)?;
    let mut options = wpclean::SearchOptions::default().limit(a.limit);
    if let Some(c) = &a.category {
        options = options.category(c.clone());
    }
    if let Some(t) = &a.tag {
        options = options.tag(t.clone());
    }
    let found = index.search_counted(&a.query, &options)?;
    let hits = &found.hits;
    let mut out = output(&None)?;
    for (n, h) in hits.iter().enumerate() {
        if a.json {
            let mut line = Vec::new();
            write_json(&mut line, h, false)?;
            out.write_all(&line)?;
            out.write_all(b"\n")?;
        } else {
            let path = if h.path.is_empty() {
                String::new()
            } else {
                format!(" › {}", h.path.join(" › "))
            };
            writeln!(out, "{}. [{:.2}] {}{}", n + 1, h.score, h.title, path)?;
            if let Some(u) = &h.url {
                writeln!(out, "   {u}")?;
            }
            writeln!(out, "   {}\n", h.snippet)?;
        }
    }
    // The summary follows the hits: standard output is flushed before it is written.
    out.flush()?;
    if !a.quiet {
        // Every match, and how many of them the limit let through when it cut.
        eprintln!(
            "wpclean: {} hit{} for {:?}{}",
            found.total,
            if found.total == 1 { "" } else { "s" },
            a.query,
            if hits.len() < found.total {
                format!(", {} shown", hits.len())
            } else {
                String::new()
            }
        );
    }
    // As grep and ripgrep do: 1 when nothing matches.
    Ok(if hits.is_empty() { 1 } else { 0 })
}
