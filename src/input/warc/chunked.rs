//! HTTP/1.1 chunked transfer coding (RFC 9112, 7.1), undone on a payload held in memory. It
//! never makes more bytes than it is given, so it needs no limit of its own. Crawlers record
//! what they got, so chunk streams can be cut short, and some servers say `chunked` and then
//! send a plain body: the decoder says which, and the caller keeps what it can.

/// What a payload that says it is chunked turned out to be.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Dechunked {
    /// Chunks up to the last (size 0) chunk.
    Whole(Vec<u8>),
    /// Chunks that stop before the last chunk: the data of those that were there.
    Cut(Vec<u8>),
    /// Not chunked at all: the first line is not a chunk size.
    NotChunked,
}

/// Undoes chunked coding. Line ends may be CRLF or a bare LF; chunk extensions
/// (`;name=value`) and trailer fields are dropped.
pub(super) fn dechunk(raw: &[u8]) -> Dechunked {
    if raw.is_empty() {
        return Dechunked::Whole(Vec::new());
    }
    let mut out = Vec::with_capacity(raw.len());
    let mut at = 0;
    loop {
        let rest = &raw[at..];
        let size = memchr::memchr(b'\n', rest).and_then(|nl| {
            let line = &rest[..nl];
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            let digits = line.split(|b| *b == b';').next().unwrap_or(line);
            chunk_size(digits.trim_ascii()).map(|size| (size, nl + 1))
        });
        let Some((size, line_len)) = size else {
            return if at == 0 {
                Dechunked::NotChunked
            } else {
                Dechunked::Cut(out)
            };
        };
        at += line_len;
        if size == 0 {
            return Dechunked::Whole(out);
        }
        let data = &raw[at..];
        if size > data.len() as u64 {
            out.extend_from_slice(data);
            return Dechunked::Cut(out);
        }
        let size = size as usize;
        out.extend_from_slice(&data[..size]);
        at += size;
        let after = &raw[at..];
        if after.starts_with(b"\r\n") {
            at += 2;
        } else if after.starts_with(b"\n") {
            at += 1;
        } else {
            // The data does not end where the size says: the sizes cannot be trusted further.
            return Dechunked::Cut(out);
        }
    }
}

/// A chunk size: hexadecimal digits, not too many for a u64.
fn chunk_size(digits: &[u8]) -> Option<u64> {
    if digits.is_empty() || digits.len() > 16 {
        return None;
    }
    digits.iter().try_fold(0u64, |n, d| {
        let v = (*d as char).to_digit(16)?;
        Some(n << 4 | u64::from(v))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Chunks `data` at the given cut points, as a server would send it.
    fn chunk(data: &[u8], cuts: &[usize], extension: bool) -> Vec<u8> {
        let mut points: Vec<usize> = cuts.iter().map(|c| c % (data.len() + 1)).collect();
        points.push(0);
        points.push(data.len());
        points.sort_unstable();
        points.dedup();
        let mut out = Vec::new();
        for w in points.windows(2) {
            let part = &data[w[0]..w[1]];
            let ext = if extension { ";name=value" } else { "" };
            out.extend_from_slice(format!("{:X}{ext}\r\n", part.len()).as_bytes());
            out.extend_from_slice(part);
            out.extend_from_slice(b"\r\n");
        }
        out.extend_from_slice(b"0\r\nX-Trailer: 1\r\n\r\n");
        out
    }

    #[test]
    fn chunks_are_joined_and_extensions_and_trailers_dropped() {
        let raw = b"5;ext=1\r\nhello\r\n1\r\n \r\n5\nworld\n0\r\nTrailer: x\r\n\r\n";
        assert_eq!(dechunk(raw), Dechunked::Whole(b"hello world".to_vec()));
        assert_eq!(
            dechunk(b"000A\r\n0123456789\r\n0\r\n\r\n"),
            Dechunked::Whole(b"0123456789".to_vec())
        );
    }

    #[test]
    fn a_cut_or_lying_chunk_stream_keeps_what_came() {
        // The record ends inside the second chunk.
        assert_eq!(
            dechunk(b"5\r\nhello\r\n10\r\nwor"),
            Dechunked::Cut(b"hellowor".to_vec())
        );
        // The record ends before the last chunk.
        assert_eq!(
            dechunk(b"5\r\nhello\r\n"),
            Dechunked::Cut(b"hello".to_vec())
        );
        // A size that is wrong: the data runs on past it.
        assert_eq!(
            dechunk(b"3\r\nhello\r\n0\r\n\r\n"),
            Dechunked::Cut(b"hel".to_vec())
        );
        // A size too large for any payload.
        assert_eq!(
            dechunk(b"FFFFFFFFFFFFFFFF\r\nab"),
            Dechunked::Cut(b"ab".to_vec())
        );
        assert_eq!(dechunk(b"1FFFFFFFFFFFFFFFF\r\nab"), Dechunked::NotChunked);
    }

    #[test]
    fn a_plain_body_is_not_chunked() {
        assert_eq!(dechunk(b"<!DOCTYPE html><p>x</p>"), Dechunked::NotChunked);
        assert_eq!(dechunk(b"<html>\r\n<p>x</p>\r\n"), Dechunked::NotChunked);
        assert_eq!(dechunk(b""), Dechunked::Whole(Vec::new()));
    }

    proptest! {
        #[test]
        fn chunking_then_dechunking_gives_the_data_back(
            data in proptest::collection::vec(any::<u8>(), 0..2000),
            cuts in proptest::collection::vec(any::<usize>(), 0..20),
            extension in any::<bool>(),
        ) {
            let raw = chunk(&data, &cuts, extension);
            prop_assert_eq!(dechunk(&raw), Dechunked::Whole(data.clone()));
            // Any cut of the stream gives a prefix of the data, never more.
            let cut = &raw[..raw.len() / 2];
            match dechunk(cut) {
                Dechunked::Whole(d) | Dechunked::Cut(d) => prop_assert!(data.starts_with(&d)),
                Dechunked::NotChunked => prop_assert!(!cut.contains(&b'\n')),
            }
        }

        #[test]
        fn any_bytes_dechunk_to_no_more_than_they_are(raw in proptest::collection::vec(any::<u8>(), 0..500)) {
            match dechunk(&raw) {
                Dechunked::Whole(d) | Dechunked::Cut(d) => prop_assert!(d.len() <= raw.len()),
                Dechunked::NotChunked => {}
            }
        }
    }
}
