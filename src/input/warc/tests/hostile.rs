//! Hostile input, built here: a record declaring 10 GB, a page past the limit, gzip bombs,
//! random bytes, damaged fixtures. Each gives a named error, and reading goes on.

use std::io::Write;

use super::*;

fn record(kind: &str, id: &str, declared: Option<u64>, block: &[u8]) -> Vec<u8> {
    let length = declared.unwrap_or(block.len() as u64);
    let mut r = format!(
        "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{id}>\r\n\
         WARC-Target-URI: https://example.com/{id}/\r\nContent-Length: {length}\r\n\r\n"
    )
    .into_bytes();
    r.extend_from_slice(block);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

fn html_response(extra_headers: &str, body: &[u8]) -> Vec<u8> {
    let mut r =
        format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n{extra_headers}\r\n").into_bytes();
    r.extend_from_slice(body);
    r
}

fn gz(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

const OK_PAGE: &[u8] = b"<!DOCTYPE html><p>fine</p>";

#[test]
fn a_record_declaring_10_gb_fails_with_its_id_and_offset_without_being_read() {
    let huge = record(
        "response",
        "huge",
        Some(10 << 30),
        &html_response("", b"<p>x"),
    );
    let after = record("response", "after", None, &html_response("", OK_PAGE));
    // Uncompressed: its first bytes are read (for its HTTP head), and the next record is
    // found among them.
    let items = read(&[huge.clone(), after.clone()].concat());
    assert_eq!(items.len(), 2, "{:?}", summary(&items));
    let WarcItem::Failed(e) = &items[0] else {
        panic!()
    };
    assert_eq!(
        e.to_string(),
        "t.warc, record #0, byte 0: limit exceeded: record <urn:uuid:huge> declares 10737418240 \
         bytes, more than max_record_bytes (67108864), and is cut short: another record starts \
         52 bytes into the 10737418240 bytes its Content-Length declares"
    );
    assert_eq!(summary(&items)[1], "page https://example.com/after/");
    // Past those first bytes, the rest is streamed to the end: the records there go with it
    // (there is no telling where the record really ends).
    let padded = record(
        "response",
        "huge",
        Some(10 << 30),
        &html_response("", &vec![b'x'; 100_000]),
    );
    let items = read(&[padded.clone(), after.clone()].concat());
    assert_eq!(
        summary(&items),
        [
            "fail limit exceeded: record <urn:uuid:huge> declares 10737418240 bytes, more than \
             max_record_bytes (67108864) (and cut short)"
        ]
    );
    // One gzip member per record: the member ends, and the next record is read.
    let items = read(&[gz(&padded), gz(&after)].concat());
    assert_eq!(
        summary(&items),
        [
            "fail limit exceeded: record <urn:uuid:huge> declares 10737418240 bytes, more than \
             max_record_bytes (67108864) (and cut short)",
            "page https://example.com/after/"
        ]
    );
    // A skipped type declaring as much is cut short, not read into memory either.
    let info = record("warcinfo", "info", Some(10 << 30), b"software: x");
    let items = read(&[gz(&info), gz(&after)].concat());
    assert!(summary(&items)[0].contains("cut short: 15 of the 10737418240 bytes"));
    assert_eq!(summary(&items)[1], "page https://example.com/after/");
}

#[test]
fn a_page_over_the_limit_fails_and_the_next_is_read() {
    let big = record("response", "big", None, &html_response("", &[b'x'; 5000]));
    let after = record("response", "after", None, &html_response("", OK_PAGE));
    // An image as large is no page: skipped (read a buffer at a time, not held).
    let png = b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG";
    let image = record("response", "image", None, &[&png[..], &[0; 5000]].concat());
    let bytes = [big, image, after].concat();
    let items: Vec<WarcItem> = WarcReader::new(&bytes[..], None, 1000).collect();
    assert_eq!(
        summary(&items),
        [
            "fail limit exceeded: record <urn:uuid:big> declares 5044 bytes, more than \
             max_record_bytes (1000)",
            "skip non-HTML payload (image/png)",
            "page https://example.com/after/"
        ]
    );
}

#[test]
fn a_gzip_bomb_payload_fails_its_record_only() {
    // 200 MB of zeros, compressed as it is made (about 200 KB).
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let zeros = vec![0u8; 1 << 20];
    for _ in 0..200 {
        e.write_all(&zeros).unwrap();
    }
    let bomb = e.finish().unwrap();
    assert!(bomb.len() < 1 << 20);
    let response = html_response("Content-Encoding: gzip\r\n", &bomb);
    let bytes = [
        gz(&record("response", "bomb", None, &response)),
        gz(&record(
            "response",
            "after",
            None,
            &html_response("", OK_PAGE),
        )),
    ]
    .concat();
    let items = read(&bytes);
    assert_eq!(
        summary(&items),
        [
            "fail limit exceeded: record <urn:uuid:bomb> has a gzip payload that decodes to \
             more than max_record_bytes (67108864)",
            "page https://example.com/after/"
        ]
    );
    // A bomb in the WARC's own gzip member: a record of 100 MB of zeros, skipped a piece
    // at a time (never held), then the next member.
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    e.write_all(b"WARC/1.0\r\nWARC-Type: resource\r\nContent-Length: 104857600\r\n\r\n")
        .unwrap();
    for _ in 0..100 {
        e.write_all(&zeros).unwrap();
    }
    e.write_all(b"\r\n\r\n").unwrap();
    let member = e.finish().unwrap();
    let after = gz(&record(
        "response",
        "after",
        None,
        &html_response("", OK_PAGE),
    ));
    let items = read(&[member, after].concat());
    assert_eq!(
        summary(&items),
        [
            "skip WARC resource record",
            "page https://example.com/after/"
        ]
    );
}

#[test]
fn random_bytes_are_one_named_error() {
    // A fixed generator: the same bytes every run.
    let mut x = 0x2545_f491_4f6c_dd1d_u64;
    let mut random = || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x as u8
    };
    let noise: Vec<u8> = (0..100_000).map(|_| random()).collect();
    let items = read(&noise);
    assert_eq!(
        summary(&items),
        [
            "fail invalid WARC: not a WARC file (no WARC/1.0 or WARC/1.1 header at its start); \
             100000 bytes skipped to the end"
        ]
    );
    let mut gzipped = vec![0x1f, 0x8b, 8, 0];
    gzipped.extend_from_slice(&noise);
    let s = summary(&read(&gzipped));
    assert_eq!(s.len(), 1, "{s:?}");
    assert!(s[0].starts_with("fail invalid WARC: "), "{s:?}");
    // Noise between two good records costs nothing but itself.
    let good = record("response", "good", None, &html_response("", OK_PAGE));
    let bytes = [good.clone(), noise.clone(), good.clone()].concat();
    let s = summary(&read(&bytes));
    assert_eq!(s.len(), 3, "{s:?}");
    assert_eq!(s[0], "page https://example.com/good/");
    assert!(s[1].starts_with("fail invalid WARC: not a WARC record header"));
    assert_eq!(s[2], "page https://example.com/good/");
    let bytes = [gz(&good), noise[..5000].to_vec(), gz(&good)].concat();
    let s = summary(&read(&bytes));
    assert_eq!(s[0], "page https://example.com/good/");
    assert!(
        s[1].starts_with("fail invalid WARC: not a gzip member"),
        "{s:?}"
    );
    assert_eq!(s[2], "page https://example.com/good/");
}

#[test]
fn empty_input_gives_nothing_and_errors_name_the_file_and_record() {
    assert!(read(b"").is_empty());
    assert!(read(b"\r\n\r\n").is_empty());
    let bytes = record(
        "response",
        "x",
        None,
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n",
    );
    let items = read(&bytes);
    let WarcItem::Failed(e) = &items[0] else {
        panic!()
    };
    assert_eq!(
        e.to_string(),
        "t.warc, record #0, byte 0: invalid WARC: record <urn:uuid:x> has an HTTP response head \
         that does not end"
    );
}

mod damaged {
    use super::*;
    use proptest::prelude::*;

    const FILES: [&str; 4] = [
        "warcio-cases.warc.gz",
        "lying-length.warc",
        "one-member.warc.gz",
        "wget-site.warc.gz",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Flipped bytes and a cut anywhere in real files: no panic, reading ends, and no
        /// page is larger than the limit.
        #[test]
        fn damaged_files_never_panic_and_no_page_passes_the_limit(
            file in 0..FILES.len(),
            flips in proptest::collection::vec((any::<usize>(), any::<u8>()), 0..8),
            cut in any::<usize>(),
        ) {
            let mut bytes = fixture(FILES[file]);
            for (at, value) in flips {
                let at = at % bytes.len();
                bytes[at] = value;
            }
            bytes.truncate(cut % (bytes.len() + 1));
            let limit = 4096;
            let items: Vec<WarcItem> = WarcReader::new(&bytes[..], None, limit).collect();
            prop_assert!(items.len() < 1000);
            for item in &items {
                if let WarcItem::Page(p) = item {
                    prop_assert!(p.body.len() <= limit);
                }
            }
        }
    }
}
