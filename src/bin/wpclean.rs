//! The `wpclean` command: WordPress exports in, clean articles out.

use std::collections::{BTreeMap, HashSet};
use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use anyhow::{Context as _, bail};
use clap::{Args, Parser, Subcommand, ValueEnum};
use rayon::prelude::*;
use wpclean::{Article, Error, Extractor, InputFormat, Options, Record, RecordReader, RuleGroup};

/// Clean WordPress exports into structured articles.
///
/// INPUT is a file (REST API JSON: one post, an array of posts, NDJSON; or a WXR export;
/// any of them gzipped), a directory (searched recursively, in sorted order), a glob
/// pattern, or `-` for standard input. Articles come out in input order, one per post.
///
/// Every post is accounted for: posts read = articles written + posts failed + skipped
/// (items that are not posts or pages). A post that cannot be read or cleaned is reported
/// on standard error with its file, index, id and byte offset, and the run goes on.
///
/// Exit codes: 0 every post was cleaned; 1 some posts failed; 2 usage or I/O error.
#[derive(Parser, Debug)]
#[command(
    version,
    about,
    long_about,
    args_conflicts_with_subcommands = true,
    subcommand_negates_reqs = true
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    clean: CleanArgs,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Search records: one per section, FAQ entry and table, as NDJSON (Meilisearch,
    /// Typesense) or Elasticsearch/OpenSearch bulk lines.
    Records(RecordsArgs),
    /// Build or update an embedded search index of the records (re-indexing a post replaces
    /// its records; the newer `modified` wins).
    #[cfg(feature = "index")]
    Index(IndexArgs),
    /// Search an index built by `wpclean index`.
    #[cfg(feature = "index")]
    Search(SearchArgs),
}

/// Where posts come from and how they are cleaned (shared by every command).
#[derive(Args, Debug)]
struct InputArgs {
    /// Files, directories, glob patterns, or `-` for standard input.
    #[arg(required = true, value_name = "INPUT")]
    inputs: Vec<String>,
    /// Input format (detected from the first bytes by default).
    #[arg(long, value_enum, default_value_t = InFormat::Auto)]
    input_format: InFormat,
    /// Worker threads (default: all cores).
    #[arg(short, long, value_name = "N")]
    jobs: Option<usize>,
    /// No progress bar and no summary line.
    #[arg(short, long)]
    quiet: bool,
    /// Also write one NDJSON error record per failed post to this file.
    #[arg(long, value_name = "FILE")]
    errors: Option<PathBuf>,
    /// Stop at the first post that fails.
    #[arg(long)]
    fail_fast: bool,
    /// Switch a rule group off (repeatable): ads, toc, social, related, forms, hidden,
    /// boilerplate.
    #[arg(long = "no", value_name = "GROUP")]
    disable: Vec<String>,
    /// Also remove elements matching this CSS selector (repeatable).
    #[arg(long = "drop", value_name = "SELECTOR")]
    drop: Vec<String>,
    /// Never remove elements matching this CSS selector (repeatable).
    #[arg(long = "keep", value_name = "SELECTOR")]
    keep: Vec<String>,
    /// Largest post JSON accepted, in bytes; larger posts fail.
    #[arg(long, value_name = "BYTES", default_value_t = wpclean::Limits::default().max_post_bytes)]
    max_post_bytes: usize,
    /// Largest post HTML cleaned, in bytes; longer content is cut (with a warning).
    #[arg(long, value_name = "BYTES", default_value_t = wpclean::Limits::default().max_html_bytes)]
    max_html_bytes: usize,
    /// Deepest element nesting; content is cut where it would go deeper.
    #[arg(long, value_name = "N", default_value_t = wpclean::Limits::default().max_depth)]
    max_depth: usize,
    /// Most elements in one post; content is cut after them.
    #[arg(long, value_name = "N", default_value_t = wpclean::Limits::default().max_elements)]
    max_elements: usize,
    /// Most cells in one table after span expansion; the table is cut after them.
    #[arg(long, value_name = "N", default_value_t = wpclean::Limits::default().max_table_cells)]
    max_table_cells: usize,
}

#[derive(Args, Debug)]
struct CleanArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Ndjson)]
    format: Format,
    /// Write to this file instead of standard output.
    #[arg(short, long, value_name = "FILE", conflicts_with = "out_dir")]
    output: Option<PathBuf>,
    /// Write one file per post into this directory: `{slug or id}.md` with YAML front
    /// matter for `--format markdown`, `.json` for json/ndjson, `.txt` for text.
    #[arg(long, value_name = "DIR")]
    out_dir: Option<PathBuf>,
    /// Keep only these article fields in JSON output (comma-separated, e.g. `id,url,text`).
    #[arg(long, value_delimiter = ',', value_name = "FIELDS")]
    fields: Vec<String>,
}

/// How records are cut (shared by `records` and `index`).
#[derive(Args, Debug)]
struct ChunkArgs {
    /// Split records longer than this many characters (at paragraph, sentence or word
    /// boundaries; tables between rows).
    #[arg(long, value_name = "N")]
    max_chars: Option<usize>,
    /// Characters of each chunk repeated at the start of the next (whole words).
    #[arg(long, value_name = "N", default_value_t = 0)]
    overlap: usize,
}

impl ChunkArgs {
    fn options(&self) -> wpclean::RecordOptions {
        let mut o = wpclean::RecordOptions::default().overlap(self.overlap);
        if let Some(n) = self.max_chars {
            o = o.max_chars(n);
        }
        o
    }
}

#[derive(Args, Debug)]
struct RecordsArgs {
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    chunks: ChunkArgs,
    /// `ndjson`: one record per line; `bulk`: Elasticsearch/OpenSearch bulk lines (an
    /// `index` action line before each record).
    #[arg(long, value_enum, default_value_t = RecordFormat::Ndjson)]
    format: RecordFormat,
    /// Index name for the bulk action lines.
    #[arg(long, value_name = "NAME", default_value = "wpclean")]
    index: String,
    /// Write to this file instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
enum RecordFormat {
    /// One record per line.
    Ndjson,
    /// Elasticsearch / OpenSearch `_bulk` body.
    Bulk,
}

#[cfg(feature = "index")]
#[derive(Args, Debug)]
struct IndexArgs {
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    chunks: ChunkArgs,
    /// The index directory (created when absent).
    #[arg(long, value_name = "DIR")]
    index: PathBuf,
}

#[cfg(feature = "index")]
#[derive(Args, Debug)]
struct SearchArgs {
    /// The index directory.
    dir: PathBuf,
    /// The query (words; `"a phrase"`, `+required`, `-excluded`).
    query: String,
    /// Most hits shown.
    #[arg(long, default_value_t = 10)]
    limit: usize,
    /// Only hits from posts in this category (name or slug).
    #[arg(long)]
    category: Option<String>,
    /// Only hits from posts with this tag (name or slug).
    #[arg(long)]
    tag: Option<String>,
    /// One JSON hit per line instead of text.
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
enum InFormat {
    /// Detect: `<` starts WXR, anything else is JSON.
    Auto,
    /// REST API JSON (object, array, NDJSON).
    Json,
    /// WordPress eXtended RSS.
    Wxr,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
enum Format {
    /// One JSON article per line.
    Ndjson,
    /// A JSON array of articles, pretty-printed.
    Json,
    /// Each article's title and plain text, separated by a form-feed line.
    Text,
    /// Each article as Markdown, title first.
    Markdown,
}

/// The article fields `--fields` accepts.
const FIELDS: [&str; 26] = [
    "id",
    "type",
    "status",
    "slug",
    "url",
    "title",
    "date",
    "date_gmt",
    "modified",
    "excerpt",
    "author",
    "categories",
    "tags",
    "featured_image",
    "headings",
    "faq",
    "tables",
    "links",
    "images",
    "lists",
    "sections",
    "text",
    "markdown",
    "html",
    "removed",
    "warnings",
];

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    match run(&cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("wpclean: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// One input to read.
enum Input {
    Stdin,
    File(PathBuf),
}

impl Input {
    fn name(&self) -> String {
        match self {
            Input::Stdin => "-".into(),
            Input::File(p) => p.display().to_string(),
        }
    }
}

/// Expands directories (recursively, sorted) and glob patterns.
fn expand(inputs: &[String]) -> anyhow::Result<Vec<Input>> {
    let mut out = Vec::new();
    for arg in inputs {
        if arg == "-" {
            out.push(Input::Stdin);
            continue;
        }
        let path = Path::new(arg);
        if path.is_dir() {
            let mut files = Vec::new();
            walk_dir(path, &mut files).with_context(|| format!("reading directory {arg}"))?;
            files.sort();
            out.extend(files.into_iter().map(Input::File));
        } else if path.exists() {
            out.push(Input::File(path.to_path_buf()));
        } else if arg.contains(['*', '?', '[']) {
            let mut matched: Vec<PathBuf> = glob::glob(arg)
                .with_context(|| format!("bad glob pattern {arg:?}"))?
                .filter_map(Result::ok)
                .filter(|p| p.is_file())
                .collect();
            if matched.is_empty() {
                bail!("no file matches {arg:?}");
            }
            matched.sort();
            out.extend(matched.into_iter().map(Input::File));
        } else {
            bail!("no such file or directory: {arg}");
        }
    }
    Ok(out)
}

fn walk_dir(dir: &Path, out: &mut Vec<PathBuf>) -> io::Result<()> {
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d)? {
            let p = entry?.path();
            if p.is_dir() {
                stack.push(p);
            } else if is_export(&p) {
                out.push(p);
            }
        }
    }
    Ok(())
}

fn is_export(p: &Path) -> bool {
    let name = p
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    [".json", ".ndjson", ".jsonl", ".xml", ".wxr"]
        .iter()
        .any(|e| name.ends_with(e))
}

/// What the workers produce for one record, in input order.
enum Outcome<T> {
    Done {
        value: T,
        removed: Vec<(String, u32)>,
    },
    Failed(Error),
    Skipped,
}

#[derive(Default)]
struct Tally {
    files: u64,
    read: u64,
    ok: u64,
    failed: u64,
    skipped: u64,
    io_errors: u64,
    removed: BTreeMap<String, u64>,
    bytes: u64,
}

impl Tally {
    fn exit_code(&self) -> u8 {
        if self.io_errors > 0 {
            2
        } else if self.failed > 0 {
            1
        } else {
            0
        }
    }
}

fn run(cli: &Cli) -> anyhow::Result<u8> {
    match &cli.command {
        None => run_clean(&cli.clean),
        Some(Command::Records(a)) => run_records(a),
        #[cfg(feature = "index")]
        Some(Command::Index(a)) => run_index(a),
        #[cfg(feature = "index")]
        Some(Command::Search(a)) => run_search(a),
    }
}

fn extractor_for(args: &InputArgs) -> anyhow::Result<Extractor> {
    let mut options = Options::default();
    for g in &args.disable {
        let group = RuleGroup::from_name(g).with_context(|| format!("unknown rule group {g:?}"))?;
        options = options.without(group);
    }
    for s in &args.drop {
        options = options.drop_selector(s.clone());
    }
    for s in &args.keep {
        options = options.keep_selector(s.clone());
    }
    options.limits.max_post_bytes = args.max_post_bytes;
    options.limits.max_html_bytes = args.max_html_bytes;
    options.limits.max_depth = args.max_depth;
    options.limits.max_elements = args.max_elements;
    options.limits.max_table_cells = args.max_table_cells;
    Ok(Extractor::new(&options)?)
}

fn output(path: &Option<PathBuf>) -> anyhow::Result<Box<dyn Write>> {
    Ok(match path {
        Some(p) => Box::new(BufWriter::with_capacity(
            1 << 20,
            File::create(p).with_context(|| format!("creating {}", p.display()))?,
        )),
        None => Box::new(BufWriter::with_capacity(1 << 20, io::stdout())),
    })
}

/// Reads every input, cleans every post on the worker pool, maps each article with `map`
/// (in parallel) and hands the results to `sink` in input order. Failures are reported (and
/// written to `--errors`) as they come.
fn pipeline<T, M, S>(args: &InputArgs, map: M, mut sink: S) -> anyhow::Result<Tally>
where
    T: Send,
    M: Fn(Article, &wpclean::Location) -> anyhow::Result<T> + Sync,
    S: FnMut(T) -> anyhow::Result<()>,
{
    let extractor = extractor_for(args)?;
    let inputs = expand(&args.inputs)?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs.unwrap_or(0))
        // Generous stacks: nothing here recurses on document depth, but a worker must never
        // be the reason a deep document aborts the process.
        .stack_size(32 << 20)
        .build()?;
    let mut errors = match &args.errors {
        Some(p) => Some(BufWriter::new(
            File::create(p).with_context(|| format!("creating {}", p.display()))?,
        )),
        None => None,
    };
    let total_bytes: u64 = inputs
        .iter()
        .map(|i| match i {
            Input::File(p) => std::fs::metadata(p).map(|m| m.len()).unwrap_or(0),
            Input::Stdin => 0,
        })
        .sum();
    let progress = (!args.quiet && io::stderr().is_terminal()).then(|| {
        let bar = indicatif::ProgressBar::new(total_bytes);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{bar:30} {binary_bytes}/{binary_total_bytes} {binary_bytes_per_sec} ETA {eta} {msg}",
            )
            .expect("valid template"),
        );
        bar
    });
    let started = Instant::now();
    let mut tally = Tally {
        bytes: total_bytes,
        ..Tally::default()
    };
    let mut done_bytes = 0u64;
    'inputs: for input in &inputs {
        tally.files += 1;
        let name = input.name();
        let format = input_format(args.input_format);
        let opened = match input {
            Input::Stdin => wpclean::open_reader(
                Box::new(io::stdin()),
                Some("-".into()),
                format,
                args.max_post_bytes,
            ),
            Input::File(p) => wpclean::open_path(p, format, args.max_post_bytes),
        };
        let reader = match opened {
            Ok(r) => r,
            Err(e) => {
                eprintln!("wpclean: error: {e}");
                tally.io_errors += 1;
                continue;
            }
        };
        let read_before = tally.read;
        // A reader thread fills batches while the workers clean the previous one.
        let (tx, rx) = mpsc::sync_channel::<(Vec<Record>, u64)>(2);
        let reader_thread = std::thread::spawn(move || read_batches(reader, tx));
        for (batch, bytes_read) in rx.iter() {
            tally.read += batch.len() as u64;
            let outcomes: Vec<Outcome<T>> = pool.install(|| {
                batch
                    .into_par_iter()
                    .map(|r| process(&extractor, r, &map))
                    .collect()
            });
            for outcome in outcomes {
                match outcome {
                    Outcome::Done { value, removed } => {
                        tally.ok += 1;
                        for (g, n) in removed {
                            *tally.removed.entry(g).or_default() += u64::from(n);
                        }
                        sink(value)?;
                    }
                    Outcome::Skipped => tally.skipped += 1,
                    Outcome::Failed(e) => {
                        tally.failed += 1;
                        report(&e, &mut errors)?;
                        if args.fail_fast {
                            drop(rx);
                            let _ = reader_thread.join();
                            break 'inputs;
                        }
                    }
                }
            }
            if let Some(bar) = &progress {
                bar.set_position(done_bytes + bytes_read);
                let secs = started.elapsed().as_secs_f64().max(1e-6);
                bar.set_message(format!(
                    "{} posts ({:.0}/s) in {name}",
                    tally.read,
                    tally.read as f64 / secs
                ));
            }
        }
        let _ = reader_thread.join();
        if tally.read == read_before && !args.quiet {
            eprintln!("wpclean: warning: {name}: no posts");
        }
        if let Input::File(p) = input {
            done_bytes += std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
        }
    }
    if let Some(e) = &mut errors {
        e.flush().context("writing the error file")?;
    }
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    if !args.quiet {
        eprintln!("{}", summary(&tally, started.elapsed()));
    }
    Ok(tally)
}

fn report(e: &Error, errors: &mut Option<BufWriter<File>>) -> anyhow::Result<()> {
    eprintln!("wpclean: error: {e}");
    if let Some(w) = errors {
        let l = e.location();
        let record = serde_json::json!({
            "file": l.file,
            "index": l.index,
            "id": l.id,
            "offset": l.offset,
            "error": e.kind().to_string(),
        });
        serde_json::to_writer(&mut *w, &record)?;
        w.write_all(b"\n")?;
    }
    Ok(())
}

fn run_clean(cli: &CleanArgs) -> anyhow::Result<u8> {
    for f in &cli.fields {
        if !FIELDS.contains(&f.as_str()) {
            bail!(
                "unknown field {f:?} for --fields (known: {})",
                FIELDS.join(", ")
            );
        }
    }
    let out = match &cli.out_dir {
        Some(dir) => {
            std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
            None
        }
        None => Some(output(&cli.output)?),
    };
    let mut sink = Sink {
        format: cli.format,
        out,
        out_dir: cli.out_dir.clone(),
        used_names: HashSet::new(),
        first: true,
    };
    if cli.format == Format::Json && sink.out_dir.is_none() {
        sink.write_all(b"[")?;
    }
    let tally = pipeline(
        &cli.input,
        |article, _| {
            let name = file_stem(&article);
            Ok((render(&article, cli)?, name))
        },
        |(bytes, name)| sink.article(&bytes, &name),
    )?;
    if cli.format == Format::Json && sink.out_dir.is_none() {
        sink.write_all(b"\n]\n")?;
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
    let index = a.index.clone();
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
            if !writer.upsert(&records)? {
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
    let hits = index.search(&a.query, &options)?;
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
    out.flush()?;
    if hits.is_empty() && !a.json {
        eprintln!("wpclean: no hits for {:?}", a.query);
    }
    Ok(0)
}

fn input_format(f: InFormat) -> InputFormat {
    match f {
        InFormat::Auto => InputFormat::Auto,
        InFormat::Json => InputFormat::Json,
        InFormat::Wxr => InputFormat::Wxr,
    }
}

/// Sends records in batches (up to 128 posts or 4 MiB of input, whichever comes first), each
/// with the bytes read so far. Two batches wait in the channel at most: memory stays bounded
/// whatever the size of the input.
fn read_batches(
    mut reader: Box<dyn RecordReader + Send>,
    tx: mpsc::SyncSender<(Vec<Record>, u64)>,
) {
    const MAX_POSTS: usize = 128;
    const MAX_BYTES: u64 = 4 << 20;
    loop {
        let start = reader.bytes_read();
        let mut batch = Vec::with_capacity(MAX_POSTS);
        while batch.len() < MAX_POSTS && reader.bytes_read() - start < MAX_BYTES {
            match reader.next() {
                Some(r) => batch.push(r),
                None => break,
            }
        }
        if batch.is_empty() {
            return;
        }
        if tx.send((batch, reader.bytes_read())).is_err() {
            return;
        }
    }
}

fn process<T>(
    extractor: &Extractor,
    record: Record,
    map: &(impl Fn(Article, &wpclean::Location) -> anyhow::Result<T> + Sync),
) -> Outcome<T> {
    let (post, location) = match record {
        Record::Post { post, location } => (post, location),
        Record::Skipped { .. } => return Outcome::Skipped,
        Record::Failed(e) => return Outcome::Failed(e),
        _ => return Outcome::Skipped,
    };
    // A bug must cost one post, not the run: a panic becomes this post's error.
    let article =
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| extractor.extract(&post))) {
            Ok(a) => a,
            Err(panic) => {
                let msg = panic
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "unknown".into());
                return Outcome::Failed(
                    Error::new(wpclean::ErrorKind::Io(format!(
                        "internal error while cleaning: {msg}"
                    )))
                    .at(location),
                );
            }
        };
    let mut removed: Vec<(String, u32)> = Vec::new();
    for r in &article.removed {
        match removed.iter_mut().find(|(g, _)| *g == r.group) {
            Some((_, n)) => *n += r.count,
            None => removed.push((r.group.clone(), r.count)),
        }
    }
    match map(article, &location) {
        Ok(value) => Outcome::Done { value, removed },
        Err(e) => Outcome::Failed(
            Error::new(wpclean::ErrorKind::Io(format!(
                "cannot write the article: {e}"
            )))
            .at(location),
        ),
    }
}

/// The article in the output format, as bytes (separators between articles are the sink's).
fn render(a: &Article, cli: &CleanArgs) -> anyhow::Result<Vec<u8>> {
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
    }
    Ok(out)
}

fn write_json(
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
fn front_matter(out: &mut Vec<u8>, a: &Article) -> anyhow::Result<()> {
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
fn file_stem(a: &Article) -> String {
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
struct Sink {
    format: Format,
    out: Option<Box<dyn Write>>,
    out_dir: Option<PathBuf>,
    used_names: HashSet<String>,
    first: bool,
}

impl Sink {
    fn write_all(&mut self, b: &[u8]) -> anyhow::Result<()> {
        if let Some(o) = &mut self.out {
            o.write_all(b).context("writing output")?;
        }
        Ok(())
    }

    fn article(&mut self, bytes: &[u8], name: &str) -> anyhow::Result<()> {
        if let Some(dir) = self.out_dir.clone() {
            let ext = match self.format {
                Format::Markdown => "md",
                Format::Text => "txt",
                Format::Json | Format::Ndjson => "json",
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

fn summary(t: &Tally, elapsed: Duration) -> String {
    let secs = elapsed.as_secs_f64().max(1e-9);
    let removed = if t.removed.is_empty() {
        "nothing".to_string()
    } else {
        t.removed
            .iter()
            .map(|(g, n)| format!("{g} {n}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    format!(
        "wpclean: {} files, {} posts read: {} ok, {} failed, {} skipped; removed {}; {:.2} s, {:.1} MB/s, {:.0} posts/s",
        t.files,
        t.read,
        t.ok,
        t.failed,
        t.skipped,
        removed,
        secs,
        t.bytes as f64 / 1e6 / secs,
        t.read as f64 / secs
    )
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
