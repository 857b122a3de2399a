//! Opening inputs: files (plain or gzipped), standard input, with the format detected from
//! the first bytes.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use super::json::JsonReader;
use super::wxr::WxrReader;
use super::{Record, RecordReader};
use crate::error::{Error, ErrorKind, Location, Result};

/// The format of an export.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum InputFormat {
    /// Detect from the first bytes: `<` is WXR, `{` or `[` is REST JSON.
    #[default]
    Auto,
    /// REST API JSON: one post object, an array of posts, arrays of arrays, or NDJSON.
    Json,
    /// A WordPress eXtended RSS export (Tools → Export).
    Wxr,
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
    let name = path.display().to_string();
    let file = std::fs::File::open(path).map_err(|e| {
        Error::new(ErrorKind::Io(e.to_string())).at(Location::new().with_file(name.clone()))
    })?;
    let mut format = format;
    if format == InputFormat::Auto {
        let lower = name.to_ascii_lowercase();
        if lower.ends_with(".xml") || lower.ends_with(".xml.gz") || lower.ends_with(".wxr") {
            format = InputFormat::Wxr;
        }
    }
    // A buffer no larger than the file: many scrapes are folders of small one-post files,
    // and a buffer is zeroed when first filled.
    let size = file.metadata().map(|m| m.len()).unwrap_or(u64::MAX);
    let capacity = size.saturating_add(1).clamp(4 << 10, BUFFER as u64) as usize;
    open_buffered(Box::new(file), Some(name), format, max_post_bytes, capacity)
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
    open_buffered(reader, name, format, max_post_bytes, BUFFER)
}

fn open_buffered(
    reader: Box<dyn Read + Send>,
    name: Option<String>,
    format: InputFormat,
    max_post_bytes: usize,
    capacity: usize,
) -> Result<Box<dyn RecordReader + Send>> {
    let count = Arc::new(AtomicU64::new(0));
    let counted = Counting {
        inner: reader,
        count: count.clone(),
    };
    let mut raw = BufReader::with_capacity(capacity, counted);
    let io = |e: std::io::Error| {
        let mut l = Location::new().with_offset(0);
        l.file = name.clone();
        Error::new(ErrorKind::Io(e.to_string())).at(l)
    };
    let gzip = raw.fill_buf().map_err(io)?.starts_with(&[0x1f, 0x8b]);
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
    let inner: Box<dyn RecordReader + Send> = match format {
        InputFormat::Wxr => Box::new(WxrReader::new(input, name)),
        _ => Box::new(JsonReader::new(input, name, max_post_bytes)),
    };
    Ok(Box::new(Opened { inner, count }))
}

/// `<` after optional whitespace and byte-order mark means XML; anything else is JSON.
fn sniff(input: &mut Box<dyn BufRead + Send>) -> std::io::Result<InputFormat> {
    let head = input.fill_buf()?;
    let first = head
        .iter()
        .copied()
        .find(|b| !matches!(b, b' ' | b'\t' | b'\r' | b'\n' | 0xEF | 0xBB | 0xBF));
    Ok(if first == Some(b'<') {
        InputFormat::Wxr
    } else {
        InputFormat::Json
    })
}
