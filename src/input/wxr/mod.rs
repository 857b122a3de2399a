//! WordPress eXtended RSS (WXR) exports, read as a stream of items.
//!
//! A WXR file is an RSS 2.0 document whose `<channel>` holds one `<item>` per post, page,
//! attachment, menu item… with WordPress fields in the `wp:`, `dc:`, `content:` and
//! `excerpt:` namespaces. Elements are matched by their qualified name as written, so the
//! namespace URI's version (`export/1.0/`, `1.1/`, `1.2/`, `http` or `https`) does not matter.
//!
//! The reader never holds more than one item in memory. It never expands a DTD: only the
//! five predefined XML entities and numeric character references are decoded, and any other
//! entity reference is kept as literal text (`&name;`).

use std::io::BufRead;

use quick_xml::Reader;
use quick_xml::events::{BytesRef, BytesStart, Event};

use crate::article::{Author, Term};
use crate::date;
use crate::error::{Error, ErrorKind, Location};
use crate::input::rest::{ContentFormat, Post, percent_decode};
use crate::input::{Record, RecordReader, SkipReason};

/// Reads the items of a WXR export one at a time, as [`Record`]s.
///
/// Items of type `post` and `page` become [`Record::Post`] (with
/// [`ContentFormat::Raw`] content), other types [`Record::Skipped`]. Malformed XML yields one
/// [`Record::Failed`] naming the byte offset, after the items read before it, and ends the
/// stream.
pub struct WxrReader<R: BufRead> {
    reader: Reader<R>,
    buf: Vec<u8>,
    file: Option<String>,
    /// Index of the next item.
    index: u64,
    /// Elements open outside the current item (to notice a truncated file).
    depth: usize,
    /// The document element's name, once seen.
    root: Option<String>,
    done: bool,
}

/// The item child whose text is being collected.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Field {
    Title,
    Link,
    PostId,
    Date,
    DateGmt,
    Modified,
    ModifiedGmt,
    Status,
    Name,
    Type,
    Creator,
    Excerpt,
    Content,
    /// A `<category>` of the `category` (true) or `post_tag` (false) taxonomy, with its
    /// nicename.
    Term(bool, Option<String>),
    /// `wp:post_password`: the post is password-protected when it is not empty.
    Password,
    /// Anything else: read past.
    Other,
}

impl Field {
    fn of(e: &BytesStart<'_>) -> Field {
        match e.name().as_ref() {
            b"title" => Field::Title,
            b"link" => Field::Link,
            b"wp:post_id" => Field::PostId,
            b"wp:post_date" => Field::Date,
            b"wp:post_date_gmt" => Field::DateGmt,
            b"wp:post_modified" => Field::Modified,
            b"wp:post_modified_gmt" => Field::ModifiedGmt,
            b"wp:status" => Field::Status,
            b"wp:post_password" => Field::Password,
            b"wp:post_name" => Field::Name,
            b"wp:post_type" => Field::Type,
            b"dc:creator" => Field::Creator,
            b"excerpt:encoded" => Field::Excerpt,
            b"content:encoded" => Field::Content,
            b"category" => {
                let mut domain = None;
                let mut nicename = None;
                for attr in e.attributes().flatten() {
                    let value = unescape_attr(&String::from_utf8_lossy(&attr.value));
                    match attr.key.as_ref() {
                        b"domain" => domain = Some(value),
                        b"nicename" => nicename = Some(value),
                        _ => {}
                    }
                }
                // WXR 1.0 repeats each term as a bare RSS `<category>` (no domain) and calls
                // tags `tag`: the bare duplicates are dropped in `into_record`.
                match domain.as_deref() {
                    Some("category") | None => Field::Term(true, nicename),
                    Some("post_tag" | "tag") => Field::Term(false, nicename),
                    _ => Field::Other,
                }
            }
            _ => Field::Other,
        }
    }
}

/// What has been read of one `<item>`.
#[derive(Debug, Default)]
struct Item {
    offset: u64,
    post: Post,
    id: Option<u64>,
    kind: Option<String>,
    /// Open elements inside the item (1 = a direct child).
    depth: usize,
    field: Option<Field>,
    text: String,
}

impl Item {
    fn new(offset: u64) -> Item {
        Item {
            offset,
            ..Item::default()
        }
    }

    /// Stores the collected text of a direct child of the item.
    fn finish_field(&mut self, field: Field) {
        let text = std::mem::take(&mut self.text);
        let value = || Some(text.trim().to_string()).filter(|s| !s.is_empty());
        let p = &mut self.post;
        match field {
            Field::Title => p.title_html = text,
            Field::Link => p.link = value(),
            Field::PostId => self.id = text.trim().parse().ok(),
            Field::Date => p.date = date::read_local(value()),
            Field::DateGmt => p.date_gmt = date::read_gmt(value()),
            Field::Modified => p.modified = date::read_local(value()),
            Field::ModifiedGmt => p.modified_gmt = date::read_gmt(value()),
            Field::Status => p.status = value(),
            // The password itself is never kept: only that there is one.
            Field::Password => p.protected = !text.trim().is_empty(),
            Field::Name => p.slug = value().map(|s| percent_decode(&s)),
            Field::Type => self.kind = value(),
            Field::Creator => {
                p.author = value().map(|slug| Author {
                    slug: Some(slug),
                    name: None,
                    id: None,
                })
            }
            Field::Excerpt => p.excerpt_html = text,
            Field::Content => p.content_html = text,
            Field::Term(is_category, nicename) => {
                let name = crate::text::html_to_text(&text);
                let term = Term {
                    id: None,
                    slug: nicename
                        .filter(|s| !s.is_empty())
                        .map(|s| percent_decode(&s)),
                    name: Some(name).filter(|n| !n.is_empty()),
                };
                if is_category {
                    p.categories.push(term);
                } else {
                    p.tags.push(term);
                }
            }
            Field::Other => {}
        }
    }

    fn into_record(mut self, location: Location) -> Record {
        let location = location.with_id(self.id);
        dedup_terms(&mut self.post.categories);
        dedup_terms(&mut self.post.tags);
        match self.kind.as_deref() {
            Some(t @ ("post" | "page")) => {
                self.post.id = self.id;
                self.post.kind = Some(t.to_string());
                self.post.format = ContentFormat::Raw;
                Record::Post {
                    post: Box::new(self.post),
                    location,
                }
            }
            Some(t) => Record::Skipped {
                location,
                reason: SkipReason::PostType(t.to_string()),
            },
            None => Record::Skipped {
                location,
                reason: SkipReason::NoPostType,
            },
        }
    }
}

impl<R: BufRead> WxrReader<R> {
    /// A reader of the WXR document in `reader`; `file` names it in locations.
    pub fn new(reader: R, file: Option<String>) -> Self {
        let mut reader = Reader::from_reader(reader);
        let config = reader.config_mut();
        // A bare `&` (common in hand-made or broken exports) is kept as text.
        config.allow_dangling_amp = true;
        config.check_end_names = true;
        config.expand_empty_elements = false;
        WxrReader {
            reader,
            buf: Vec::with_capacity(8 * 1024),
            file,
            index: 0,
            depth: 0,
            root: None,
            done: false,
        }
    }

    fn location(&self) -> Location {
        let mut l = Location::new();
        l.file = self.file.clone();
        l
    }

    /// A failure that ends the stream.
    fn fail(&mut self, message: String, location: Location) -> Record {
        self.done = true;
        Record::Failed(Error::new(ErrorKind::Xml(message)).at(location))
    }

    /// Reads events until an item is complete, the document ends, or an error.
    fn read_next(&mut self) -> Option<Record> {
        // An event borrows the buffer it was read into: the buffer is taken out of `self`
        // meanwhile, so that the steps below can update the reader's state.
        let mut buf = std::mem::take(&mut self.buf);
        let record = self.read_events(&mut buf);
        self.buf = buf;
        record
    }

    fn read_events(&mut self, buf: &mut Vec<u8>) -> Option<Record> {
        let mut item: Option<Item> = None;
        loop {
            let before = self.reader.buffer_position();
            buf.clear();
            let event = match self.reader.read_event_into(buf) {
                Ok(e) => e,
                Err(e) => {
                    let at = self.reader.error_position();
                    let mut loc = self.location().with_offset(at);
                    if let Some(it) = &item {
                        loc = loc.with_index(self.index).with_id(it.id);
                    }
                    return Some(self.fail(format!("malformed XML at byte {at}: {e}"), loc));
                }
            };
            let step = match item.as_mut() {
                None => self.between_items(event, before),
                Some(it) => self.in_item(it, event),
            };
            match step {
                Step::Next => {}
                Step::Item(it) => item = Some(*it),
                Step::Yield(record) => return record,
            }
        }
    }

    /// An event outside any item (read at byte `before`): looking for the next one.
    fn between_items(&mut self, event: Event<'_>, before: u64) -> Step {
        match event {
            Event::Start(e) if e.name().as_ref() == b"item" => {
                Step::Item(Box::new(Item::new(before)))
            }
            Event::Start(e) => {
                if self.root.is_none() {
                    self.root = Some(String::from_utf8_lossy(e.name().as_ref()).into());
                }
                self.depth += 1;
                Step::Next
            }
            Event::End(_) => {
                self.depth = self.depth.saturating_sub(1);
                Step::Next
            }
            Event::Empty(e) if e.name().as_ref() == b"item" => {
                let loc = self.location().with_index(self.index).with_offset(before);
                self.index += 1;
                Step::Yield(Some(Item::new(before).into_record(loc)))
            }
            Event::Eof => Step::Yield(self.end_of_document()),
            _ => Step::Next,
        }
    }

    /// The document ends outside any item: the end of the stream, or an error when elements
    /// are still open or it was no WXR export.
    fn end_of_document(&mut self) -> Option<Record> {
        self.done = true;
        let at = self.reader.buffer_position();
        if self.depth > 0 {
            let loc = self.location().with_offset(at);
            return Some(self.fail(
                format!(
                    "malformed XML at byte {at}: the document ends with {} element(s) still \
                     open (truncated export?)",
                    self.depth
                ),
                loc,
            ));
        }
        let problem = match self.root.as_deref() {
            None => Some("no XML element found".to_string()),
            Some(root) if root != "rss" && self.index == 0 => {
                Some(format!("the document element is <{root}>, not <rss>"))
            }
            _ => None,
        };
        problem.map(|p| {
            let loc = self.location().with_offset(0);
            self.fail(format!("not a WXR export ({at} bytes read): {p}"), loc)
        })
    }

    /// An event inside item `it`: its fields' text is collected, and `</item>` ends it.
    fn in_item(&mut self, it: &mut Item, event: Event<'_>) -> Step {
        match event {
            Event::Start(e) => {
                it.depth += 1;
                if it.depth == 1 {
                    let field = Field::of(&e);
                    it.text.clear();
                    it.field = (field != Field::Other).then_some(field);
                }
            }
            Event::Empty(e) if it.depth == 0 => {
                // `<title/>`, `<wp:post_password/>`…: an empty value.
                let field = Field::of(&e);
                if field != Field::Other {
                    it.text.clear();
                    it.finish_field(field);
                }
            }
            Event::End(_) if it.depth == 0 => {
                // `</item>`.
                let loc = self
                    .location()
                    .with_index(self.index)
                    .with_offset(it.offset);
                self.index += 1;
                return Step::Yield(Some(std::mem::take(it).into_record(loc)));
            }
            Event::End(_) => {
                if it.depth == 1
                    && let Some(field) = it.field.take()
                {
                    it.finish_field(field);
                }
                it.depth -= 1;
            }
            Event::Text(t) if it.field.is_some() => push_text(&mut it.text, &t),
            Event::CData(t) if it.field.is_some() => push_text(&mut it.text, &t),
            Event::GeneralRef(r) if it.field.is_some() => push_ref(&mut it.text, &r),
            Event::Eof => {
                let at = self.reader.buffer_position();
                let loc = self
                    .location()
                    .with_index(self.index)
                    .with_id(it.id)
                    .with_offset(it.offset);
                return Step::Yield(Some(self.fail(
                    format!(
                        "malformed XML at byte {at}: the document ends inside the <item> \
                         starting at byte {} (truncated export?)",
                        it.offset
                    ),
                    loc,
                )));
            }
            _ => {}
        }
        Step::Next
    }
}

/// What one event of [`WxrReader::read_next`] leads to.
enum Step {
    /// Read on.
    Next,
    /// An item starts (boxed: it is large, and the other steps are small).
    Item(Box<Item>),
    /// The record to return (`None`: the stream ends).
    Yield(Option<Record>),
}

impl<R: BufRead> Iterator for WxrReader<R> {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        if self.done {
            return None;
        }
        let record = self.read_next();
        if record.is_none() {
            self.done = true;
        }
        record
    }
}

impl<R: BufRead> RecordReader for WxrReader<R> {
    fn bytes_read(&self) -> u64 {
        self.reader.buffer_position()
    }
}

impl<R: BufRead> std::fmt::Debug for WxrReader<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WxrReader")
            .field("file", &self.file)
            .field("index", &self.index)
            .field("bytes_read", &self.reader.buffer_position())
            .field("done", &self.done)
            .finish()
    }
}

/// Appends character data (text or CDATA), with XML's line-end normalisation. Invalid UTF-8
/// is replaced rather than failing the whole item.
fn push_text(out: &mut String, bytes: &[u8]) {
    let s = String::from_utf8_lossy(bytes);
    if !s.contains('\r') {
        out.push_str(&s);
        return;
    }
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            if chars.peek() == Some(&'\n') {
                chars.next();
            }
            out.push('\n');
        } else {
            out.push(c);
        }
    }
}

/// Appends an entity or character reference: the predefined entities and valid character
/// references are decoded, anything else (a DTD-declared or undefined entity) stays literal.
fn push_ref(out: &mut String, r: &BytesRef<'_>) {
    let name = String::from_utf8_lossy(r);
    match resolve(&name) {
        Some(c) => out.push(c),
        None => {
            out.push('&');
            out.push_str(&name);
            out.push(';');
        }
    }
}

/// The character an XML reference name (`amp`, `#38`, `#x26`) stands for, when it is one of
/// the five predefined entities or a valid character reference.
fn resolve(name: &str) -> Option<char> {
    match name {
        "lt" => Some('<'),
        "gt" => Some('>'),
        "amp" => Some('&'),
        "apos" => Some('\''),
        "quot" => Some('"'),
        _ => {
            let num = name.strip_prefix('#')?;
            let code = match num.strip_prefix('x').or_else(|| num.strip_prefix('X')) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse().ok()?,
            };
            char::from_u32(code).filter(|&c| c != '\0')
        }
    }
}

/// Decodes the references in an attribute value the same way as in text.
fn unescape_attr(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        match after.find(';').filter(|&semi| semi <= 32) {
            Some(semi) if resolve(&after[..semi]).is_some() => {
                out.extend(resolve(&after[..semi]));
                rest = &after[semi + 1..];
            }
            _ => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Drops terms without a slug that repeat the name of another term (WXR 1.0 writes each term
/// twice: as a plain RSS `<category>` and with its domain and nicename), and exact repeats.
fn dedup_terms(terms: &mut Vec<Term>) {
    let named: Vec<Option<String>> = terms
        .iter()
        .filter(|t| t.slug.is_some())
        .map(|t| t.name.clone())
        .collect();
    let mut seen: Vec<Term> = Vec::with_capacity(terms.len());
    for t in terms.drain(..) {
        let repeat = t.slug.is_none() && named.contains(&t.name);
        if !repeat && !seen.contains(&t) {
            seen.push(t);
        }
    }
    *terms = seen;
}

#[cfg(test)]
mod tests;
