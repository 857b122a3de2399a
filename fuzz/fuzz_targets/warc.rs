//! A WARC file, plain or gzipped: record headers, HTTP heads, chunked and compressed payloads,
//! and the resynchronisation after broken records. The limit is small so that the payload
//! decoders reach it; nothing may panic, no page may exceed it, and reading must end.
#![no_main]

use libfuzzer_sys::fuzz_target;

const LIMIT: usize = 1 << 16;

fuzz_target!(|data: &[u8]| {
    for item in wpclean::WarcReader::new(data, None, LIMIT).take(100_000) {
        if let wpclean::WarcItem::Page(page) = item {
            assert!(page.body.len() <= LIMIT);
        }
    }
});
