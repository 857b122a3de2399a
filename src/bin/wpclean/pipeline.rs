//! The batch path: inputs found, posts read in batches and cleaned on the worker pool,
//! results handed on in input order, every post accounted for.

use std::collections::{BTreeMap, HashSet};
use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use anyhow::{Context as _, bail};
use rayon::prelude::*;
use wpclean::{Article, Error, Extractor, Options, Record, RecordReader, RuleGroup};

use crate::args::{InputArgs, input_format};
use crate::date_filter::DateFilter;
use crate::gate::{Gate, SkipReasons, verbose_line};
use crate::html_input::{self, HTML_WARNING, is_html};

/// One input to read.
pub enum Input {
    Stdin,
    File(PathBuf),
    /// An HTML file given explicitly: one bare post body.
    Html(PathBuf),
    /// An HTML file met in a directory: skipped, with the reason.
    HtmlInDirectory(PathBuf),
}

impl Input {
    pub fn name(&self) -> String {
        match self {
            Input::Stdin => "-".into(),
            Input::File(p) | Input::Html(p) | Input::HtmlInDirectory(p) => p.display().to_string(),
        }
    }

    fn path(&self) -> Option<&Path> {
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
/// patterns lead to it.
pub fn expand(inputs: &[String]) -> anyhow::Result<Vec<Input>> {
    let mut out = Vec::new();
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
                bail!("no file matches {arg:?}");
            }
            matched.sort();
            for f in matched {
                add(&mut out, f, Input::named);
            }
        } else {
            bail!("no such file or directory: {arg}");
        }
    }
    Ok(out)
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
    [".json", ".ndjson", ".jsonl", ".xml", ".wxr"]
        .iter()
        .any(|e| name.ends_with(e))
}

/// What the workers produce for one record, in input order.
pub enum Outcome<T> {
    Done {
        value: T,
        removed: Vec<(String, u32)>,
    },
    Failed(Error),
    Skipped {
        location: wpclean::Location,
        reason: String,
    },
}

#[derive(Default)]
pub struct Tally {
    files: u64,
    read: u64,
    ok: u64,
    failed: u64,
    skipped: u64,
    skip_reasons: SkipReasons,
    io_errors: u64,
    removed: BTreeMap<String, u64>,
    bytes: u64,
}

impl Tally {
    pub fn exit_code(&self) -> u8 {
        if self.io_errors > 0 {
            2
        } else if self.failed > 0 {
            1
        } else {
            0
        }
    }
}

pub fn extractor_for(args: &InputArgs) -> anyhow::Result<Extractor> {
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
    options
        .iframe_hosts
        .extend(args.iframe_hosts.iter().cloned());
    options.limits.max_post_bytes = args.max_post_bytes;
    options.limits.max_html_bytes = args.max_html_bytes;
    options.limits.max_depth = args.max_depth;
    options.limits.max_elements = args.max_elements;
    options.limits.max_table_cells = args.max_table_cells;
    if !args.status.is_empty() {
        options = if args.status.iter().any(|s| s == "any") {
            options.any_status()
        } else {
            options.statuses(args.status.iter().cloned())
        };
    }
    options = options.include_protected(args.include_protected);
    Extractor::new(&options).map_err(|e| match e.kind() {
        wpclean::ErrorKind::Selector { selector, .. } => {
            let flag = if args.drop.contains(selector) {
                "--drop"
            } else {
                "--keep"
            };
            anyhow::anyhow!("{flag}: {e}")
        }
        _ => e.into(),
    })
}

/// Reads every input, cleans every post on the worker pool, maps each article with `map`
/// (in parallel) and hands the results to `sink` in input order. Failures are reported (and
/// written to `--errors`) as they come.
pub fn pipeline<T, M, S>(args: &InputArgs, map: M, mut sink: S) -> anyhow::Result<Tally>
where
    T: Send,
    M: Fn(Article, &wpclean::Location) -> anyhow::Result<T> + Sync,
    S: FnMut(T) -> anyhow::Result<()>,
{
    let extractor = extractor_for(args)?;
    let dates = DateFilter {
        since: args.since.clone(),
        until: args.until.clone(),
    };
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
        .map(|i| {
            i.path()
                .and_then(|p| std::fs::metadata(p).ok())
                .map_or(0, |m| m.len())
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
    let mut gate = Gate::new(args.keep_duplicates);
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
            Input::Html(p) => Ok(Box::new(html_input::open(
                p,
                args.url.as_deref(),
                args.max_post_bytes,
            )) as Box<dyn RecordReader + Send>),
            Input::HtmlInDirectory(p) => {
                Ok(Box::new(html_input::skipped(p)) as Box<dyn RecordReader + Send>)
            }
        };
        let note = matches!(input, Input::Html(_)).then_some(HTML_WARNING);
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
            let batch: Vec<Record> = batch
                .into_iter()
                .map(|r| dates.admit(gate.admit(&extractor, r)))
                .collect();
            let outcomes: Vec<Outcome<T>> = pool.install(|| {
                batch
                    .into_par_iter()
                    .map(|r| process(&extractor, note, r, &map))
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
                    Outcome::Skipped { location, reason } => {
                        tally.skipped += 1;
                        tally.skip_reasons.add(&reason);
                        if args.verbose {
                            eprintln!("{}", verbose_line(&location, &reason));
                        }
                    }
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
        if let Some(p) = input.path() {
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

pub fn report(e: &Error, errors: &mut Option<BufWriter<File>>) -> anyhow::Result<()> {
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

/// Sends records in batches (up to 128 posts or 4 MiB of input, whichever comes first), each
/// with the bytes read so far. Two batches wait in the channel at most: memory stays bounded
/// whatever the size of the input.
pub fn read_batches(
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

/// Cleans one record's post; `note` is a warning every article of this input carries.
pub fn process<T>(
    extractor: &Extractor,
    note: Option<&str>,
    record: Record,
    map: &(impl Fn(Article, &wpclean::Location) -> anyhow::Result<T> + Sync),
) -> Outcome<T> {
    let (post, location) = match record {
        Record::Post { post, location } => (post, location),
        Record::Skipped { location, reason } => return Outcome::Skipped { location, reason },
        Record::Failed(e) => return Outcome::Failed(e),
        _ => {
            return Outcome::Skipped {
                location: wpclean::Location::new(),
                reason: "not a post".into(),
            };
        }
    };
    // A bug must cost one post, not the run: a panic becomes this post's error.
    let mut article =
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
    article.warnings.extend(note.map(str::to_string));
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

pub fn summary(t: &Tally, elapsed: Duration) -> String {
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
        "wpclean: {} files, {} posts read: {} ok, {} failed, {} skipped{}; removed {}; {:.2} s, {:.1} MB/s, {:.0} posts/s",
        t.files,
        t.read,
        t.ok,
        t.failed,
        t.skipped,
        if t.skip_reasons.is_empty() {
            String::new()
        } else {
            format!(" ({})", t.skip_reasons.describe())
        },
        removed,
        secs,
        t.bytes as f64 / 1e6 / secs,
        t.read as f64 / secs
    )
}
