//! HTML files as inputs. Given explicitly (`wpclean page.html`), a file is cleaned as a bare
//! post body: its name is the slug, `--url` its address, and the article says so in a
//! warning. Met while walking a directory, it is counted as skipped with the reason: a
//! directory of exports often holds saved pages that are not posts.

use std::io::Read as _;
use std::path::Path;

use wpclean::{Error, ErrorKind, Location, Post, Record, RecordReader};

/// The warning every article cleaned from an HTML file carries.
pub const HTML_WARNING: &str = "cleaned as a bare post body: an HTML file has no post metadata, and page furniture \
     (header, navigation, sidebar) is not told apart from the article";

/// Why HTML files met in a directory are skipped.
pub const SKIPPED_IN_DIRECTORY: &str =
    "HTML file met in a directory (give it as INPUT to clean it as a post body)";

/// Whether the file name says HTML (`.html`, `.htm`, possibly `.gz`).
pub fn is_html(p: &Path) -> bool {
    let name = p
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    name.ends_with(".html") || name.ends_with(".htm")
}

/// A reader of one record: the file's post, or the reason it is skipped.
pub struct OneRecord {
    record: Option<Record>,
    bytes: u64,
}

impl Iterator for OneRecord {
    type Item = Record;
    fn next(&mut self) -> Option<Record> {
        self.record.take()
    }
}

impl RecordReader for OneRecord {
    fn bytes_read(&self) -> u64 {
        if self.record.is_some() { 0 } else { self.bytes }
    }
}

fn location(p: &Path) -> Location {
    Location::new()
        .with_file(p.display().to_string())
        .with_index(0)
        .with_offset(0)
}

fn file_len(p: &Path) -> u64 {
    std::fs::metadata(p).map(|m| m.len()).unwrap_or(0)
}

/// The HTML file as one post (or one failed record when it cannot be read or is too big).
pub fn open(p: &Path, url: Option<&str>, max_bytes: usize) -> OneRecord {
    let record = match read(p, max_bytes) {
        Ok(html) => {
            let mut post = Post::from_html(html, url);
            post.slug = p
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .map(|n| {
                    let n = n.strip_suffix(".gz").unwrap_or(&n).to_string();
                    match n.rfind('.') {
                        Some(i) if i > 0 => n[..i].to_string(),
                        _ => n,
                    }
                });
            Record::Post {
                post: Box::new(post),
                location: location(p),
            }
        }
        Err(kind) => Record::Failed(Error::new(kind).at(location(p))),
    };
    OneRecord {
        record: Some(record),
        bytes: file_len(p),
    }
}

/// The HTML file met in a directory, as a skipped record.
pub fn skipped(p: &Path) -> OneRecord {
    OneRecord {
        record: Some(Record::Skipped {
            location: location(p),
            reason: SKIPPED_IN_DIRECTORY.to_string(),
        }),
        bytes: file_len(p),
    }
}

fn read(p: &Path, max_bytes: usize) -> Result<String, ErrorKind> {
    let file = std::fs::File::open(p).map_err(|e| ErrorKind::Io(e.to_string()))?;
    let gz = p.extension().is_some_and(|e| e.eq_ignore_ascii_case("gz"));
    let reader: Box<dyn std::io::Read> = if gz {
        Box::new(flate2::read::GzDecoder::new(file))
    } else {
        Box::new(file)
    };
    let mut bytes = Vec::new();
    reader
        .take(max_bytes as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| ErrorKind::Io(e.to_string()))?;
    if bytes.len() > max_bytes {
        return Err(ErrorKind::Limit(format!(
            "the HTML file is larger than --max-post-bytes ({max_bytes} bytes)"
        )));
    }
    // Saved pages are not always UTF-8; a lossy read keeps the rest of the text.
    Ok(String::from_utf8(bytes)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
}
