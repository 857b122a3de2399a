//! WARC crawls as posts: each response record with an HTML payload is read as a saved page
//! (its charset from the HTTP header first), with `WARC-Target-URI` as its address and the
//! record's place in the file in `page.warc`, so that it can be fetched again; every other
//! record is skipped with its reason, and a record that cannot be read fails alone.

use std::io::BufRead;

use super::warc::{WarcItem, WarcPage, WarcReader};
use super::{Record, RecordReader, page};
use crate::article::WarcSource;
use crate::error::Location;

/// The posts of a WARC file.
pub(crate) struct WarcPages<R> {
    reader: WarcReader<R>,
    file: Option<String>,
    index: u64,
}

impl<R: BufRead> WarcPages<R> {
    /// Reads `input` (`.warc` or `.warc.gz`), named `file` in locations; page payloads over
    /// `max_record_bytes` fail.
    pub(crate) fn new(input: R, file: Option<String>, max_record_bytes: usize) -> Self {
        WarcPages {
            reader: WarcReader::new(input, file.clone(), max_record_bytes),
            file,
            index: 0,
        }
    }

    fn location(&self, offset: u64) -> Location {
        let mut l = Location::new()
            .with_index(self.index)
            .in_warc_records()
            .with_offset(offset);
        l.file = self.file.clone();
        l
    }

    fn page(&self, p: WarcPage) -> Record {
        let location = self.location(p.offset);
        let post = page::UnreadPage {
            bytes: p.body,
            url: Some(p.target_uri),
            content_type: p.content_type,
            file: None,
            warc: Some(WarcSource {
                file: self.file.clone(),
                record_id: p.record_id,
                offset: p.offset,
                length: p.length,
                status: p.status,
                fetched: p.date,
            }),
            warnings: p.warnings,
        }
        .into_post();
        Record::Post {
            post: Box::new(post),
            location,
        }
    }
}

impl<R: BufRead> Iterator for WarcPages<R> {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        let item = self.reader.next()?;
        let record = match item {
            WarcItem::Page(p) => self.page(p),
            WarcItem::Skipped { offset, reason, .. } => Record::Skipped {
                location: self.location(offset),
                reason,
            },
            WarcItem::Failed(e) => Record::Failed(e),
        };
        self.index += 1;
        Some(record)
    }
}

impl<R: BufRead> RecordReader for WarcPages<R> {
    fn bytes_read(&self) -> u64 {
        self.reader.bytes_read()
    }
}
