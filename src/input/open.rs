//! Opening inputs: files (plain or gzipped), standard input, with the format detected from
//! the file name and the first bytes.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use super::html::{HtmlMode, HtmlReader};
use super::json::JsonReader;
use super::warc_pages::WarcPages;
use super::wxr::WxrReader;
use super::{Record, RecordReader};
use crate::error::{Error, ErrorKind, Location, Result};

/// The format of an input.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum InputFormat {
    /// Detect from the file name and the first bytes: `{` or `[` is REST JSON; `<?xml` or
    /// `<rss` is WXR; `WARC/1.` (gzipped or not) is a WARC file; a doctype, `<html>`,
    /// `<head>` or `<body>` is a saved page; other HTML is a bare post body.
    #[default]
    Auto,
    /// REST API JSON: one post object, an array of posts, arrays of arrays, or NDJSON.
    Json,
    /// A WordPress eXtended RSS export (Tools → Export).
    Wxr,
    /// HTML: a whole document is read as a saved page, a fragment as a bare post body.
    Html,
    /// A saved page, whatever its first bytes: the post is found in it, with its metadata.
    Page,
    /// A WARC file (`.warc`, `.warc.gz`): each HTML response record is read as a page.
    Warc,
}

/// How an input is opened: its format, the largest post read, and the address of an HTML
/// input (saved pages name their own canonical address; a fragment has only this one).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct OpenOptions {
    /// The format (detected by default).
    pub format: InputFormat,
    /// Posts (and HTML inputs) larger than this fail (default 64 MiB).
    pub max_post_bytes: usize,
    /// The address of an HTML input, for resolving its relative links.
    pub url: Option<String>,
}

impl Default for OpenOptions {
    fn default() -> Self {
        OpenOptions {
            format: InputFormat::Auto,
            max_post_bytes: crate::Limits::default().max_post_bytes,
            url: None,
        }
    }
}

impl OpenOptions {
    /// Options with this format.
    pub fn format(mut self, format: InputFormat) -> Self {
        self.format = format;
        self
    }

    /// Options with this size limit.
    pub fn max_post_bytes(mut self, bytes: usize) -> Self {
        self.max_post_bytes = bytes;
        self
    }

    /// Options with this address for HTML inputs.
    pub fn url(mut self, url: Option<&str>) -> Self {
        self.url = url.map(str::to_string);
        self
    }
}

/// Counts the bytes read from the underlying input (compressed bytes for gzip), for progress.
struct Counting<R> {
    inner: R,
    count: Arc<AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// A reader of an opened input, counting raw bytes.
struct Opened {
    inner: Box<dyn RecordReader + Send>,
    count: Arc<AtomicU64>,
}

impl Iterator for Opened {
    type Item = Record;
    fn next(&mut self) -> Option<Record> {
        self.inner.next()
    }
}

impl RecordReader for Opened {
    fn bytes_read(&self) -> u64 {
        self.count.load(Ordering::Relaxed)
    }
}

/// Opens a file of posts (REST JSON or WXR, gzipped or not). Posts whose JSON is larger
/// than `max_post_bytes` fail (the usual value is `Limits::default().max_post_bytes`).
///
/// `bytes_read()` of the returned reader counts bytes of the file itself (compressed bytes
/// for a `.gz`), so it can be compared with the file's size for progress.
pub fn open_path(
    path: &Path,
    format: InputFormat,
    max_post_bytes: usize,
) -> Result<Box<dyn RecordReader + Send>> {
    open_path_with(
        path,
        &OpenOptions::default()
            .format(format)
            .max_post_bytes(max_post_bytes),
    )
}

/// [`open_path`] with all the [`OpenOptions`]: a file named `.html` or `.htm` (possibly
/// gzipped) is HTML, read as a page or a fragment by its first bytes.
///
/// ```
/// use wpclean::{InputFormat, OpenOptions, Record};
///
/// let path = std::env::temp_dir().join(format!("wpclean-open-{}.html", std::process::id()));
/// std::fs::write(&path, "<!DOCTYPE html><body class=\"single postid-5\"><article class=\"post-5\">\
///     <div class=\"entry-content\"><p>Hello.</p></div></article></body>")?;
/// let mut reader = wpclean::open_path_with(&path, &OpenOptions::default().url(Some("https://example.com/hello/")))?;
/// let mut record = reader.next().expect("one record");
/// record.prepare(); // reads the saved page (batch callers do this on their workers)
/// let Record::Post { post, .. } = record else { panic!("a post") };
/// assert_eq!(post.id, Some(5));
/// assert_eq!(post.link.as_deref(), Some("https://example.com/hello/"));
/// # std::fs::remove_file(&path).ok();
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn open_path_with(path: &Path, options: &OpenOptions) -> Result<Box<dyn RecordReader + Send>> {
    let name = path.display().to_string();
    let format = options.format;
    let file = std::fs::File::open(path)
        .map_err(|e| Error::new(ErrorKind::io(&e)).at(Location::new().with_file(name.clone())))?;
    let mut format = format;
    if format == InputFormat::Auto {
        let lower = name.to_ascii_lowercase();
        let bare = lower.strip_suffix(".gz").unwrap_or(&lower);
        if bare.ends_with(".xml") || bare.ends_with(".wxr") {
            format = InputFormat::Wxr;
        } else if bare.ends_with(".html") || bare.ends_with(".htm") {
            format = InputFormat::Html;
        } else if bare.ends_with(".warc") {
            format = InputFormat::Warc;
        }
    }
    // A buffer no larger than the file: many scrapes are folders of small one-post files,
    // and a buffer is zeroed when first filled. An HTML file is read whole into a buffer of
    // its own size, past a small read buffer that only shows its first bytes (gzip or not):
    // copying it through a large one would cost a pass over it.
    let size = file.metadata().map(|m| m.len()).unwrap_or(u64::MAX);
    let capacity = if format == InputFormat::Html {
        4 << 10
    } else {
        size.saturating_add(1).clamp(4 << 10, BUFFER as u64) as usize
    };
    let options = OpenOptions {
        format,
        ..options.clone()
    };
    let hint = usize::try_from(size.saturating_add(1)).unwrap_or(BUFFER);
    open_buffered(Box::new(file), Some(name), &options, capacity, hint)
}

/// The read buffer for inputs of unknown or large size.
const BUFFER: usize = 256 << 10;

/// Opens any byte stream of posts (standard input, a socket…). Gzip is detected by its
/// magic bytes.
pub fn open_reader(
    reader: Box<dyn Read + Send>,
    name: Option<String>,
    format: InputFormat,
    max_post_bytes: usize,
) -> Result<Box<dyn RecordReader + Send>> {
    let options = OpenOptions::default()
        .format(format)
        .max_post_bytes(max_post_bytes);
    open_buffered(reader, name, &options, BUFFER, BUFFER)
}

/// [`open_reader`] with all the [`OpenOptions`].
pub fn open_reader_with(
    reader: Box<dyn Read + Send>,
    name: Option<String>,
    options: &OpenOptions,
) -> Result<Box<dyn RecordReader + Send>> {
    open_buffered(reader, name, options, BUFFER, BUFFER)
}

/// Opens `reader` read through a buffer of `capacity` bytes; `size_hint` is the size the
/// input likely has (a file's), allocated at once for an HTML input, which is read whole.
fn open_buffered(
    reader: Box<dyn Read + Send>,
    name: Option<String>,
    options: &OpenOptions,
    capacity: usize,
    size_hint: usize,
) -> Result<Box<dyn RecordReader + Send>> {
    let (format, max_post_bytes) = (options.format, options.max_post_bytes);
    let count = Arc::new(AtomicU64::new(0));
    let counted = Counting {
        inner: reader,
        count: count.clone(),
    };
    let mut raw = BufReader::with_capacity(capacity, counted);
    let io = |e: std::io::Error| {
        let mut l = Location::new().with_offset(0);
        l.file = name.clone();
        Error::new(ErrorKind::io(&e)).at(l)
    };
    let head = raw.fill_buf().map_err(io)?;
    let gzip = head.starts_with(&[0x1f, 0x8b]);
    // A WARC file reads its gzip members itself (their offsets are the records').
    if format == InputFormat::Warc || (format == InputFormat::Auto && is_warc(head, gzip)) {
        let inner = Box::new(WarcPages::new(raw, name, max_post_bytes));
        return Ok(Box::new(Opened { inner, count }));
    }
    let mut input: Box<dyn BufRead + Send> = if gzip {
        Box::new(BufReader::with_capacity(
            BUFFER,
            flate2::read::MultiGzDecoder::new(raw),
        ))
    } else {
        Box::new(raw)
    };
    let format = match format {
        InputFormat::Auto => sniff(&mut input).map_err(io)?,
        f => f,
    };
    let url = options.url.as_deref();
    let inner: Box<dyn RecordReader + Send> = match format {
        InputFormat::Wxr => Box::new(WxrReader::new(input, name)),
        InputFormat::Html => Box::new(HtmlReader::new(
            input,
            name,
            url,
            HtmlMode::Detect,
            max_post_bytes,
            size_hint,
        )),
        InputFormat::Page => Box::new(HtmlReader::new(
            input,
            name,
            url,
            HtmlMode::Page,
            max_post_bytes,
            size_hint,
        )),
        InputFormat::Auto | InputFormat::Json | InputFormat::Warc => {
            Box::new(JsonReader::new(input, name, max_post_bytes))
        }
    };
    Ok(Box::new(Opened { inner, count }))
}

/// Whether the first bytes are a WARC record's (`WARC/1.`), once gunzipped for a gzip file.
fn is_warc(head: &[u8], gzip: bool) -> bool {
    if !gzip {
        return head.starts_with(b"WARC/1.");
    }
    let mut start = [0u8; 7];
    let mut decoder = flate2::bufread::GzDecoder::new(head);
    let mut got = 0;
    while got < start.len() {
        match std::io::Read::read(&mut decoder, &mut start[got..]) {
            Ok(0) | Err(_) => return false,
            Ok(n) => got += n,
        }
    }
    &start == b"WARC/1."
}

/// The format of an input by its first bytes (after white space and a byte-order mark):
/// `<?xml` or `<rss` is WXR, any other `<` is HTML (a page or a fragment), anything else is
/// JSON.
fn sniff(input: &mut Box<dyn BufRead + Send>) -> std::io::Result<InputFormat> {
    let head = input.fill_buf()?;
    let start = head
        .iter()
        .position(|b| !matches!(b, b' ' | b'\t' | b'\r' | b'\n' | 0xEF | 0xBB | 0xBF))
        .unwrap_or(head.len());
    let head = &head[start..];
    if !head.starts_with(b"<") {
        return Ok(InputFormat::Json);
    }
    let lower: Vec<u8> = head.iter().take(5).map(u8::to_ascii_lowercase).collect();
    Ok(
        if lower.starts_with(b"<?xml") || lower.starts_with(b"<rss") {
            InputFormat::Wxr
        } else {
            InputFormat::Html
        },
    )
}
