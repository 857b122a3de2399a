//! The string escape of the NDJSON writer: a string as serde_json writes it, with U+0085,
//! U+2028 and U+2029 escaped too, found eight bytes at a time: a word's bytes are checked
//! together with bit tricks on a `u64`, and runs that need no escape are copied whole.

/// Bytes repeated in each of a word's eight lanes.
const fn lanes(byte: u8) -> u64 {
    u64::from_le_bytes([byte; 8])
}

/// The high bit of each lane of `word` that is below `n` (at most 0x80). The lowest marked
/// lane is exact; a borrow may also mark lanes above it.
fn below(word: u64, n: u8) -> u64 {
    word.wrapping_sub(lanes(n)) & !word & lanes(0x80)
}

fn equal(word: u64, byte: u8) -> u64 {
    below(word ^ lanes(byte), 1)
}

/// Where in the eight bytes of `word` (read little-endian) the first byte that may need an
/// escape is: a control character, `"`, `\`, or the first byte of U+0085 (C2 85) or of
/// U+2028 and U+2029 (E2 80 A8, E2 80 A9).
fn first_to_look_at(word: u64) -> Option<usize> {
    let marks = below(word, 0x20)
        | equal(word, b'"')
        | equal(word, b'\\')
        // 0xC2 and 0xE2 differ in bit 0x20 only.
        | equal(word | lanes(0x20), 0xE2);
    (marks != 0).then(|| marks.trailing_zeros() as usize / 8)
}

/// The escape of the character starting at `bytes[i]`, and how many bytes it replaces.
fn escape_at(bytes: &[u8], i: usize) -> Option<([u8; 6], usize)> {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let short = |c: u8| Some(([b'\\', c, 0, 0, 0, 0], 1));
    match bytes[i] {
        b'"' => short(b'"'),
        b'\\' => short(b'\\'),
        0x08 => short(b'b'),
        0x09 => short(b't'),
        0x0A => short(b'n'),
        0x0C => short(b'f'),
        0x0D => short(b'r'),
        c @ 0x00..=0x1F => Some((
            [
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[usize::from(c >> 4)],
                HEX[usize::from(c & 0xF)],
            ],
            1,
        )),
        0xC2 if bytes.get(i + 1) == Some(&0x85) => Some((*b"\\u0085", 2)),
        0xE2 => match bytes.get(i + 1..i + 3) {
            Some([0x80, 0xA8]) => Some((*b"\\u2028", 3)),
            Some([0x80, 0xA9]) => Some((*b"\\u2029", 3)),
            _ => None,
        },
        _ => None,
    }
}

/// Appends `s` as a JSON string: see the module's documentation.
pub fn write_str(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    // `run` is where the bytes not yet written start; `i` the next byte to look at.
    let (mut run, mut i) = (0, 0);
    while i < bytes.len() {
        let at = match bytes.get(i..i + 8) {
            Some(word) => {
                match first_to_look_at(u64::from_le_bytes(word.try_into().expect("eight bytes"))) {
                    Some(lane) => i + lane,
                    None => {
                        i += 8;
                        continue;
                    }
                }
            }
            // The last few bytes, one at a time.
            None => i,
        };
        match escape_at(bytes, at) {
            Some((escape, len)) => {
                out.extend_from_slice(&bytes[run..at]);
                let written = if escape[1] == b'u' { 6 } else { 2 };
                out.extend_from_slice(&escape[..written]);
                i = at + len;
                run = i;
            }
            None => i = at + 1,
        }
    }
    out.extend_from_slice(&bytes[run..]);
    out.push(b'"');
}
