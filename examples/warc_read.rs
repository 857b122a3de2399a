//! Reads a WARC file (`.warc` or `.warc.gz`, or standard input with `-`) with wpclean's
//! reader and prints what it found and how fast: the throughput of the reader alone, with
//! the payloads decoded but nothing cleaned.
//!
//! ```sh
//! python3 scripts/make-big-warc.py /tmp/big.warc.gz 200   # about 200 MB, from the fixtures
//! cargo build --release --example warc_read
//! /usr/bin/time -f '%M KB peak, %e s' target/release/examples/warc_read /tmp/big.warc.gz
//! target/release/examples/warc_read - < /tmp/big.warc.gz  # the same through a pipe
//! ```

use std::collections::BTreeMap;
use std::io::{BufReader, Read};
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .ok_or("usage: warc_read FILE.warc[.gz] (or - for standard input)")?;
    let input: Box<dyn Read> = if path == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        Box::new(std::fs::File::open(&path)?)
    };
    let limit = wpclean::Limits::default().max_post_bytes;
    let mut reader = wpclean::WarcReader::new(
        BufReader::with_capacity(256 << 10, input),
        Some(path),
        limit,
    );
    let start = Instant::now();
    let (mut pages, mut payload, mut failed) = (0u64, 0u64, 0u64);
    let mut skipped = BTreeMap::<String, u64>::new();
    for item in reader.by_ref() {
        match item {
            wpclean::WarcItem::Page(page) => {
                pages += 1;
                payload += page.body.len() as u64;
            }
            wpclean::WarcItem::Skipped { reason, .. } => {
                *skipped.entry(reason.to_string()).or_default() += 1;
            }
            wpclean::WarcItem::Failed(e) => {
                failed += 1;
                eprintln!("{e}");
            }
        }
    }
    let secs = start.elapsed().as_secs_f64();
    let read = reader.bytes_read() as f64 / 1e6;
    println!(
        "{pages} pages ({:.1} MB of payload), {failed} failed, {} skipped",
        payload as f64 / 1e6,
        skipped.values().sum::<u64>()
    );
    for (reason, n) in &skipped {
        println!("  {n:>8}  {reason}");
    }
    println!(
        "{read:.1} MB read in {secs:.2} s: {:.1} MB/s of file, {:.1} MB/s of page payload",
        read / secs,
        payload as f64 / 1e6 / secs
    );
    Ok(())
}
