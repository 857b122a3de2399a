//! Command-line arguments: the clap definitions and the option values they accept.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use wpclean::InputFormat;

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
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub clean: CleanArgs,
}

#[derive(Subcommand, Debug)]
pub enum Command {
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
pub struct InputArgs {
    /// Files, directories, glob patterns, or `-` for standard input.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<String>,
    /// Input format (detected from the first bytes by default).
    #[arg(long, value_enum, default_value_t = InFormat::Auto)]
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
    /// Switch a rule group off (repeatable): ads, toc, social, related, forms, hidden,
    /// boilerplate.
    #[arg(long = "no", value_name = "GROUP")]
    pub disable: Vec<String>,
    /// Also remove elements matching this CSS selector (repeatable).
    #[arg(long = "drop", value_name = "SELECTOR")]
    pub drop: Vec<String>,
    /// Never remove elements matching this CSS selector (repeatable).
    #[arg(long = "keep", value_name = "SELECTOR")]
    pub keep: Vec<String>,
    /// Post statuses to publish, comma-separated (default `publish`; `any` for all). Others
    /// are counted as skipped.
    #[arg(long, value_delimiter = ',', value_name = "LIST")]
    pub status: Vec<String>,
    /// Keep the content of password-protected posts (withheld by default).
    #[arg(long)]
    pub include_protected: bool,
    /// Clean every copy of a post met more than once (same id and link); by default only
    /// the first is written and the others are counted as skipped.
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
    /// Write one file per post into this directory: `{slug or id}.md` with YAML front
    /// matter for `--format markdown`, `.json` for json/ndjson, `.txt` for text.
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
    /// Keep only these article fields in JSON output (comma-separated, e.g. `id,url,text`).
    #[arg(long, value_delimiter = ',', value_name = "FIELDS")]
    pub fields: Vec<String>,
}

/// How records are cut (shared by `records` and `index`).
#[derive(Args, Debug)]
pub struct ChunkArgs {
    /// Split records longer than this many characters (at paragraph, sentence or word
    /// boundaries; tables between rows).
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
    /// `ndjson`: one record per line; `bulk`: Elasticsearch/OpenSearch bulk lines (an
    /// `index` action line before each record).
    #[arg(long, value_enum, default_value_t = RecordFormat::Ndjson)]
    pub format: RecordFormat,
    /// Index name for the bulk action lines.
    #[arg(long, value_name = "NAME", default_value = "wpclean")]
    pub index: String,
    /// Write to this file instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum RecordFormat {
    /// One record per line.
    Ndjson,
    /// Elasticsearch / OpenSearch `_bulk` body.
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
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    /// Only hits from posts in this category (name or slug).
    #[arg(long)]
    pub category: Option<String>,
    /// Only hits from posts with this tag (name or slug).
    #[arg(long)]
    pub tag: Option<String>,
    /// One JSON hit per line instead of text.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum InFormat {
    /// Detect: `<` starts WXR, anything else is JSON.
    Auto,
    /// REST API JSON (object, array, NDJSON).
    Json,
    /// WordPress eXtended RSS.
    Wxr,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum Format {
    /// One JSON article per line.
    Ndjson,
    /// A JSON array of articles, pretty-printed.
    Json,
    /// Each article's title and plain text, separated by a form-feed line.
    Text,
    /// Each article as Markdown, title first.
    Markdown,
    /// One Parquet file of every article (`-o FILE`), columns as `wpclean::arrow` documents.
    #[cfg(feature = "parquet")]
    Parquet,
}

/// The article fields `--fields` accepts.
pub const FIELDS: [&str; 26] = [
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

pub fn input_format(f: InFormat) -> InputFormat {
    match f {
        InFormat::Auto => InputFormat::Auto,
        InFormat::Json => InputFormat::Json,
        InFormat::Wxr => InputFormat::Wxr,
    }
}
