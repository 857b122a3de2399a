//! The batch path: the inputs ([`crate::inputs`]) read in batches and cleaned on the worker
//! pool, results handed on in input order, every post accounted for.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use anyhow::{Context as _, bail};
use rayon::prelude::*;
use wpclean::{Article, Error, Extractor, Options, Record, RuleGroup};

use crate::args::{InputArgs, input_format};
use crate::date_filter::DateFilter;
use crate::gate::{Admitted, Gate, Skip, SkipReasons, verbose_line};
use crate::inputs::{Input, expand};

/// What the workers produce for one record, in input order.
pub enum Outcome<T> {
    Done {
        value: T,
        removed: Vec<(String, u32)>,
        /// How the post was found, for one read from a saved page.
        found: Option<wpclean::FoundBy>,
    },
    Failed(Error),
    Skipped {
        location: wpclean::Location,
        reason: Skip,
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
    /// Arguments that named no file.
    missing: u64,
    removed: BTreeMap<String, u64>,
    /// Pages by how their post was found: marker, container, scorer.
    found: [u64; 3],
    bytes: u64,
}

impl Tally {
    pub fn exit_code(&self) -> u8 {
        if self.io_errors > 0 {
            2
        } else if self.failed > 0 || self.missing > 0 {
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
    if let Some(path) = &args.rules {
        options = options.rules(crate::rules_file::read(path)?);
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
    options = options
        .include_protected(args.include_protected)
        .all_page_kinds(args.all_page_kinds)
        .include_comments(args.comments);
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
    let (inputs, missing) = open_inputs(args)?;
    let pool = std::sync::Arc::new(worker_pool(args)?);
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
    let progress = progress_bar(args, total_bytes);
    let started = Instant::now();
    let mut tally = Tally {
        bytes: total_bytes,
        files: inputs.len() as u64,
        missing: missing.len() as u64,
        ..Tally::default()
    };
    let mut gate = Gate::new(args.keep_duplicates);
    let (rx, reader_thread) = spawn_reader(args, inputs, &extractor, &pool);
    for feed in rx.iter() {
        let Some((batch, bytes_done, name)) = open_feed(feed, args, &mut tally) else {
            continue;
        };
        tally.read += batch.len() as u64;
        let batch: Vec<Admitted> = batch
            .into_iter()
            .map(|r| dates.admit(gate.admit(&extractor, r)))
            .collect();
        let outcomes: Vec<Outcome<T>> = pool.install(|| {
            batch
                .into_par_iter()
                .map(|r| process(&extractor, r, &map))
                .collect()
        });
        if !hand_on(outcomes, args, &mut tally, &mut errors, &mut sink)? {
            break;
        }
        if let Some(bar) = &progress {
            bar.set_position(bytes_done);
            let secs = started.elapsed().as_secs_f64().max(1e-6);
            bar.set_message(format!(
                "{} posts ({:.0}/s) in {name}",
                tally.read,
                tally.read as f64 / secs
            ));
        }
    }
    // Stops the reader at its next batch when the loop ended early (`--fail-fast`).
    drop(rx);
    let _ = reader_thread.join();
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

/// The inputs the arguments name, and those that name no file. A missing input is reported
/// and the others are read, as cat does (exit 1); with none left, there is nothing to do
/// (exit 2).
fn open_inputs(args: &InputArgs) -> anyhow::Result<(Vec<Input>, Vec<String>)> {
    let (inputs, missing) = expand(&args.inputs)?;
    if inputs.is_empty() && !missing.is_empty() {
        bail!("{}", missing.join("; "));
    }
    for m in &missing {
        eprintln!("wpclean: error: {m}");
    }
    Ok((inputs, missing))
}

/// The worker pool, of `--jobs` threads (0: one per core).
fn worker_pool(args: &InputArgs) -> anyhow::Result<rayon::ThreadPool> {
    Ok(rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs.unwrap_or(0))
        // Generous stacks: nothing here recurses on document depth, but a worker must never
        // be the reason a deep document aborts the process.
        .stack_size(32 << 20)
        .build()?)
}

/// A progress bar over the inputs' bytes, when stderr is a terminal and not `--quiet`.
fn progress_bar(args: &InputArgs, total_bytes: u64) -> Option<indicatif::ProgressBar> {
    (!args.quiet && io::stderr().is_terminal()).then(|| {
        let bar = indicatif::ProgressBar::new(total_bytes);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{bar:30} {binary_bytes}/{binary_total_bytes} {binary_bytes_per_sec} ETA {eta} {msg}",
            )
            .expect("valid template"),
        );
        bar
    })
}

/// Starts the reader thread. One reader thread reads every input in turn and fills batches
/// that span files, while the workers clean the previous batch: a folder of one-post files
/// is cleaned in parallel like one big file.
fn spawn_reader(
    args: &InputArgs,
    inputs: Vec<Input>,
    extractor: &Extractor,
    pool: &std::sync::Arc<rayon::ThreadPool>,
) -> (mpsc::Receiver<Feed>, std::thread::JoinHandle<()>) {
    let (tx, rx) = mpsc::sync_channel::<Feed>(2);
    let format = input_format(args.input_format);
    let max_post_bytes = args.max_post_bytes;
    let html_url = args.url.clone();
    let limits = extractor.limits();
    let readers = pool.clone();
    let reader_thread = std::thread::spawn(move || {
        read_batches(
            inputs,
            format,
            max_post_bytes,
            html_url.as_deref(),
            limits,
            &readers,
            tx,
        )
    });
    (rx, reader_thread)
}

/// A batch's records, the bytes read so far and the last record's file; `None` (reported
/// and counted) for an input that could not be opened or held no posts.
fn open_feed(
    feed: Feed,
    args: &InputArgs,
    tally: &mut Tally,
) -> Option<(Vec<Record>, u64, String)> {
    match feed {
        Feed::Batch {
            records,
            bytes_done,
            file,
        } => Some((records, bytes_done, file)),
        Feed::OpenFailed(e) => {
            eprintln!("wpclean: error: {e}");
            tally.io_errors += 1;
            None
        }
        Feed::NoPosts(name) => {
            if !args.quiet {
                eprintln!("wpclean: warning: {name}: no posts");
            }
            None
        }
    }
}

/// Counts a batch's outcomes and hands the results on to `sink`, in order; false when a
/// failure stops the run (`--fail-fast`).
fn hand_on<T>(
    outcomes: Vec<Outcome<T>>,
    args: &InputArgs,
    tally: &mut Tally,
    errors: &mut Option<BufWriter<File>>,
    sink: &mut impl FnMut(T) -> anyhow::Result<()>,
) -> anyhow::Result<bool> {
    for outcome in outcomes {
        match outcome {
            Outcome::Done {
                value,
                removed,
                found,
            } => {
                tally.ok += 1;
                if let Some(by) = found {
                    tally.found[found_index(by)] += 1;
                }
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
                report(&e, errors)?;
                if args.fail_fast {
                    return Ok(false);
                }
            }
        }
    }
    Ok(true)
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

/// What the reader thread sends.
pub enum Feed {
    /// Records of one or more files, the bytes of all inputs read so far, and the file the
    /// last record came from.
    Batch {
        records: Vec<Record>,
        bytes_done: u64,
        file: String,
    },
    /// An input that could not be opened.
    OpenFailed(wpclean::Error),
    /// An input that held no posts.
    NoPosts(String),
}

/// Reads every input in turn and sends its records in batches of up to 128 posts or 4 MiB of
/// input, whichever comes first; a batch goes on into the next file. Two batches wait in the
/// channel at most, so memory stays bounded whatever the size of the input.
pub fn read_batches(
    inputs: Vec<Input>,
    format: wpclean::InputFormat,
    max_post_bytes: usize,
    html_url: Option<&str>,
    limits: wpclean::Limits,
    pool: &rayon::ThreadPool,
    tx: mpsc::SyncSender<Feed>,
) {
    const MAX_POSTS: usize = 128;
    const MAX_BYTES: u64 = 4 << 20;
    let mut batch = Vec::with_capacity(MAX_POSTS);
    let mut batch_bytes = 0u64;
    let mut done_bytes = 0u64;
    let mut name = String::new();
    for input in inputs {
        name = input.name();
        let options = wpclean::OpenOptions::default()
            .format(format)
            .max_post_bytes(max_post_bytes);
        let opened = match &input {
            Input::Stdin => wpclean::open_reader_with(
                Box::new(io::stdin()),
                Some("-".into()),
                &options.url(html_url),
            ),
            Input::File(p) | Input::HtmlInDirectory(p) => wpclean::open_path_with(p, &options),
            Input::Html(p) => wpclean::open_path_with(p, &options.url(html_url)),
        };
        let mut reader = match opened {
            Ok(r) => r,
            Err(e) => {
                if tx.send(Feed::OpenFailed(e)).is_err() {
                    return;
                }
                continue;
            }
        };
        let mut posts = 0u64;
        let mut counted = 0u64;
        while let Some(record) = reader.next() {
            posts += 1;
            batch.push(record);
            let read = reader.bytes_read();
            batch_bytes += read - counted;
            counted = read;
            if batch.len() >= MAX_POSTS || batch_bytes >= MAX_BYTES {
                let mut records = std::mem::replace(&mut batch, Vec::with_capacity(MAX_POSTS));
                prepare(pool, &limits, &mut records);
                batch_bytes = 0;
                let feed = Feed::Batch {
                    records,
                    bytes_done: done_bytes + read,
                    file: name.clone(),
                };
                if tx.send(feed).is_err() {
                    return;
                }
            }
        }
        done_bytes += reader.bytes_read();
        if posts == 0 && tx.send(Feed::NoPosts(name.clone())).is_err() {
            return;
        }
    }
    if !batch.is_empty() {
        prepare(pool, &limits, &mut batch);
        let _ = tx.send(Feed::Batch {
            records: batch,
            bytes_done: done_bytes,
            file: name,
        });
    }
}

/// Reads the saved pages of a batch (decoding, parsing, locating the post) on the worker
/// pool: the readers leave that work to their caller, and the gate needs each post's id and
/// kind before it admits it.
fn prepare(pool: &rayon::ThreadPool, limits: &wpclean::Limits, records: &mut [Record]) {
    pool.install(|| {
        records
            .par_iter_mut()
            .for_each(|r| r.prepare_within(limits))
    });
}

pub fn process<T>(
    extractor: &Extractor,
    record: Admitted,
    map: &(impl Fn(Article, &wpclean::Location) -> anyhow::Result<T> + Sync),
) -> Outcome<T> {
    let (post, location) = match record {
        Admitted::Go(Record::Post { post, location }) => (post, location),
        Admitted::Held { location, reason } => return Outcome::Skipped { location, reason },
        Admitted::Go(Record::Failed(e)) => return Outcome::Failed(e),
        Admitted::Go(_) => {
            return Outcome::Skipped {
                location: wpclean::Location::new(),
                reason: Skip::NotAPost,
            };
        }
    };
    // A bug must cost one post, not the run: a panic becomes this post's error. The post is
    // not used after: its metadata moves into the article.
    let article = match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        extractor.extract_owned(*post)
    })) {
        Ok(a) => a,
        Err(panic) => {
            return Outcome::Failed(Error::new(wpclean::ErrorKind::panic(&*panic)).at(location));
        }
    };
    let found = article.page.as_ref().map(|p| p.found_by);
    let mut removed: Vec<(String, u32)> = Vec::new();
    for r in &article.removed {
        match removed.iter_mut().find(|(g, _)| *g == r.group) {
            Some((_, n)) => *n += r.count,
            None => removed.push((r.group.clone(), r.count)),
        }
    }
    match map(article, &location) {
        Ok(value) => Outcome::Done {
            value,
            removed,
            found,
        },
        Err(e) => {
            // The kind of the io::Error behind the failure, when there is one.
            let kind = e
                .chain()
                .find_map(|c| c.downcast_ref::<std::io::Error>())
                .map_or(std::io::ErrorKind::Other, std::io::Error::kind);
            Outcome::Failed(
                Error::new(wpclean::ErrorKind::Io {
                    kind,
                    message: format!("cannot write the article: {e}"),
                })
                .at(location),
            )
        }
    }
}

/// The slot of a method in [`Tally::found`].
fn found_index(by: wpclean::FoundBy) -> usize {
    match by {
        wpclean::FoundBy::Marker => 0,
        wpclean::FoundBy::Container => 1,
        _ => 2,
    }
}

/// How the pages' posts were found (`; pages: 12 by marker, 3 by container, 1 by the
/// scorer`), empty when no page was read: a high scorer count says the site's theme is not
/// one wpclean knows.
fn found_summary(t: &Tally) -> String {
    let [marker, container, scorer] = t.found;
    if marker + container + scorer == 0 {
        return String::new();
    }
    format!("; pages: {marker} by marker, {container} by container, {scorer} by the scorer")
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
        "wpclean: {} files, {} posts read: {} ok, {} failed, {} skipped{}{}; removed {}; {:.2} s, {:.1} MB/s, {:.0} posts/s",
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
        found_summary(t),
        removed,
        secs,
        t.bytes as f64 / 1e6 / secs,
        t.read as f64 / secs
    )
}
