//! Command-line arguments: the clap definitions and the option values they accept.
//!
//! Help texts are one line each; the README's "Command line" section has the details.

use std::path::PathBuf;

use clap::builder::PossibleValuesParser;
use clap::{Args, Parser, Subcommand, ValueEnum};
use wpclean::{InputFormat, RuleGroup, RuleGroups};

use crate::date_filter::{Bound, parse_since, parse_until};

/// Clean WordPress exports (REST JSON, NDJSON, WXR, gzipped or not) into structured articles.
///
/// INPUT is a file, a directory (read recursively), a glob pattern, or `-` for standard input.
/// An INPUT that names no file is reported and the others are read, as cat does.
/// Exit codes: 0 every post was cleaned; 1 some posts failed, or some INPUT names no file;
/// 2 usage or I/O error (every INPUT missing, an unreadable input, an unwritable output).
/// Details: the README's "Command line" section, or `wpclean man`.
#[derive(Parser, Debug)]
#[command(
    name = "wpclean",
    version,
    about,
    long_about,
    args_conflicts_with_subcommands = true,
    subcommand_negates_reqs = true
)]
pub struct Cli {
    /// Read options from this TOML file (keys are long option names; flags given here win).
    #[arg(long, value_name = "FILE", global = true)]
    pub config: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub clean: CleanArgs,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Write search records (sections, FAQ entries, tables) as NDJSON or Elasticsearch bulk lines.
    Records(RecordsArgs),
    /// Build or update an embedded search index of the records.
    #[cfg(feature = "index")]
    Index(IndexArgs),
    /// Search an index built by `wpclean index` (exit 1 when nothing matches).
    #[cfg(feature = "index")]
    Search(SearchArgs),
    /// Print a shell completion script.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff).
    Man,
    /// Print the JSON Schema of an output type.
    Schema {
        /// `article` (the clean output) or `record` (the `records` output).
        kind: SchemaKind,
    },
}

/// Where posts come from and how they are cleaned (shared by every command that reads posts).
#[derive(Args, Debug)]
pub struct InputArgs {
    /// Files, directories, glob patterns, or `-` for standard input (one that names no file
    /// is reported, the others are read, and the exit code is 1).
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<String>,
    /// Input format (detected from the file name and the first bytes by default).
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t = InFormat::Auto)]
    pub input_format: InFormat,
    /// Worker threads (default: all cores).
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<usize>,
    /// No progress bar and no summary line.
    #[arg(short, long)]
    pub quiet: bool,
    /// Also write one NDJSON error record per failed post to this file.
    #[arg(long, value_name = "FILE")]
    pub errors: Option<PathBuf>,
    /// Stop at the first post that fails.
    #[arg(long)]
    pub fail_fast: bool,
    /// Switch a rule group off (repeatable).
    #[arg(long = "no", value_name = "GROUP", value_parser = rule_groups())]
    pub disable: Vec<String>,
    /// Also remove elements matching this CSS selector (repeatable).
    #[arg(long = "drop", value_name = "SELECTOR")]
    pub drop: Vec<String>,
    /// Never remove elements matching this CSS selector (repeatable).
    #[arg(long = "keep", value_name = "SELECTOR")]
    pub keep: Vec<String>,
    /// Also apply the rules of this TOML or JSON file, before the built-in ones.
    #[arg(long = "rules", value_name = "FILE")]
    pub rules: Option<PathBuf>,
    /// Also keep iframes from this host and its subdomains (repeatable).
    #[arg(long = "iframe-host", value_name = "HOST")]
    pub iframe_hosts: Vec<String>,
    /// The address of HTML files given as INPUT (and of HTML on standard input), for
    /// resolving their relative links; a saved page's own canonical URL on the same site wins.
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,
    /// Only posts modified on or after this date (`2024-01-31` or `2024-01-31T08:00:00`).
    #[arg(long, value_name = "DATE", value_parser = parse_since)]
    pub since: Option<Bound>,
    /// Only posts modified on or before this date (a bare date includes the whole day).
    #[arg(long, value_name = "DATE", value_parser = parse_until)]
    pub until: Option<Bound>,
    /// Post statuses to publish, comma-separated (default `publish`; `any` for all).
    #[arg(long, value_delimiter = ',', value_name = "LIST")]
    pub status: Vec<String>,
    /// Keep the content of password-protected posts (withheld by default).
    #[arg(long)]
    pub include_protected: bool,
    /// Also clean saved pages that are not one article: archives, blog indexes, search
    /// results, 404s and attachment pages (skipped by default, with the page kind).
    #[arg(long)]
    pub all_page_kinds: bool,
    /// Put a page's comments into the text, Markdown and search records too, as a
    /// "Comments" section after the post (they are always in the `comments` field).
    #[arg(long)]
    pub comments: bool,
    /// Clean every copy of a post met more than once (by default only the first).
    #[arg(long)]
    pub keep_duplicates: bool,
    /// List each skipped item, with its reason, on standard error.
    #[arg(short, long)]
    pub verbose: bool,
    /// Largest post JSON accepted, in bytes; larger posts fail.
    #[arg(long, value_name = "BYTES", default_value_t = wpclean::Limits::default().max_post_bytes)]
    pub max_post_bytes: usize,
    /// Largest post HTML cleaned, in bytes; longer content is cut (with a warning).
    #[arg(long, value_name = "BYTES", default_value_t = wpclean::Limits::default().max_html_bytes)]
    pub max_html_bytes: usize,
    /// Deepest element nesting; content is cut where it would go deeper.
    #[arg(long, value_name = "N", default_value_t = wpclean::Limits::default().max_depth)]
    pub max_depth: usize,
    /// Most elements in one post; content is cut after them.
    #[arg(long, value_name = "N", default_value_t = wpclean::Limits::default().max_elements)]
    pub max_elements: usize,
    /// Most cells in one table after span expansion; the table is cut after them.
    #[arg(long, value_name = "N", default_value_t = wpclean::Limits::default().max_table_cells)]
    pub max_table_cells: usize,
}

/// The rule group names `--no` accepts, from the library's own list.
fn rule_groups() -> PossibleValuesParser {
    PossibleValuesParser::new(RuleGroups::ALL.iter().map(RuleGroup::name))
}

#[derive(Args, Debug)]
pub struct CleanArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Ndjson)]
    pub format: Format,
    /// Write to this file instead of standard output.
    #[arg(short, long, value_name = "FILE", conflicts_with = "out_dir")]
    pub output: Option<PathBuf>,
    /// Write one file per post into this directory (`{slug or post-id}.{md,json,txt}`).
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
    /// Keep only these article fields (comma-separated; JSON formats only).
    #[arg(long, value_delimiter = ',', value_name = "FIELDS", value_parser = PossibleValuesParser::new(FIELDS), hide_possible_values = true)]
    pub fields: Vec<String>,
}

/// How records are cut (shared by `records` and `index`).
#[derive(Args, Debug)]
pub struct ChunkArgs {
    /// Split records longer than this many characters (at paragraph, sentence or word ends).
    #[arg(long, value_name = "N")]
    pub max_chars: Option<usize>,
    /// Characters of each chunk repeated at the start of the next (whole words).
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub overlap: usize,
}

impl ChunkArgs {
    pub fn options(&self) -> wpclean::RecordOptions {
        let mut o = wpclean::RecordOptions::default().overlap(self.overlap);
        if let Some(n) = self.max_chars {
            o = o.max_chars(n);
        }
        o
    }
}

#[derive(Args, Debug)]
pub struct RecordsArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub chunks: ChunkArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = RecordFormat::Ndjson)]
    pub format: RecordFormat,
    /// Elasticsearch/OpenSearch index name in the bulk action lines.
    #[arg(
        long,
        value_name = "NAME",
        default_value = "wpclean",
        conflicts_with = "index"
    )]
    pub es_index: String,
    /// Deprecated spelling of `--es-index`.
    #[arg(long, value_name = "NAME", hide = true)]
    pub index: Option<String>,
    /// Write to this file instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

impl RecordsArgs {
    /// The Elasticsearch index name, from `--es-index` or the deprecated `--index`.
    pub fn es_index(&self) -> &str {
        self.index.as_deref().unwrap_or(&self.es_index)
    }
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum RecordFormat {
    // One record per line.
    Ndjson,
    // Elasticsearch / OpenSearch `_bulk` body: an `index` action line before each record.
    Bulk,
}

#[cfg(feature = "index")]
#[derive(Args, Debug)]
pub struct IndexArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub chunks: ChunkArgs,
    /// The index directory (created when absent).
    #[arg(long, value_name = "DIR")]
    pub index: PathBuf,
}

#[cfg(feature = "index")]
#[derive(Args, Debug)]
pub struct SearchArgs {
    /// The index directory.
    pub dir: PathBuf,
    /// The query (words; `"a phrase"`, `+required`, `-excluded`).
    pub query: String,
    /// Most hits shown.
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub limit: usize,
    /// Only hits from posts in this category (name or slug).
    #[arg(long, value_name = "NAME")]
    pub category: Option<String>,
    /// Only hits from posts with this tag (name or slug).
    #[arg(long, value_name = "NAME")]
    pub tag: Option<String>,
    /// One JSON hit per line instead of text.
    #[arg(long)]
    pub json: bool,
    /// No summary line.
    #[arg(short, long)]
    pub quiet: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum InFormat {
    // Detect: `<?xml` or `<rss` is WXR, `WARC/1.` a WARC file, other `<` is HTML, anything
    // else is JSON.
    Auto,
    // REST API JSON (object, array, NDJSON).
    Json,
    // WordPress eXtended RSS.
    Wxr,
    // HTML: a whole document is a saved page, a fragment a bare post body.
    Html,
    // A saved page, whatever its first bytes.
    Page,
    // A WARC crawl (`.warc`, `.warc.gz`): each HTML response is a page.
    Warc,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum Format {
    // One JSON article per line.
    Ndjson,
    // A JSON array of articles, pretty-printed.
    Json,
    // Each article's title and plain text, separated by a form-feed line.
    Text,
    // Each article as Markdown, title first.
    Markdown,
    /// One Parquet file of every article (`-o FILE`), columns as `wpclean::arrow` documents.
    // Without the `parquet` feature the value is hidden, and refused with how to build it.
    #[cfg_attr(not(feature = "parquet"), value(hide = true))]
    Parquet,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum SchemaKind {
    // `Article`: one per post, from the default command.
    Article,
    // `IndexRecord`: one per section, FAQ entry or table, from `records`.
    Record,
}

/// The article fields `--fields` accepts.
pub const FIELDS: [&str; 27] = [
    "id",
    "type",
    "status",
    "slug",
    "url",
    "title",
    "date",
    "date_gmt",
    "modified",
    "modified_gmt",
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

pub fn input_format(f: InFormat) -> InputFormat {
    match f {
        InFormat::Auto => InputFormat::Auto,
        InFormat::Json => InputFormat::Json,
        InFormat::Wxr => InputFormat::Wxr,
        InFormat::Html => InputFormat::Html,
        InFormat::Page => InputFormat::Page,
        InFormat::Warc => InputFormat::Warc,
    }
}
