//! Which characters of inline text need a look: Markdown syntax to escape, entities a
//! renderer would decode, and the plain runs copied whole.

/// After an `&`: whether the text reads as an entity (`amp;`, `#38;`, `#x26;`), which a
/// renderer would decode.
pub(super) fn starts_entity(s: &str) -> bool {
    let b = s.as_bytes();
    let (digits, rest): (fn(&u8) -> bool, &[u8]) = match b {
        [b'#', b'x' | b'X', rest @ ..] => (u8::is_ascii_hexdigit, rest),
        [b'#', rest @ ..] => (u8::is_ascii_digit, rest),
        _ => (u8::is_ascii_alphanumeric, b),
    };
    let n = rest.iter().take_while(|c| digits(c)).count();
    n > 0 && rest.get(n) == Some(&b';')
}

/// ASCII bytes that need no attention in inline text: not whitespace, not Markdown syntax.
pub(super) static PLAIN: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0x21;
    while b < 0x7f {
        t[b] = !matches!(
            b as u8,
            b'\\' | b'`' | b'*' | b'_' | b'[' | b']' | b'<' | b'>' | b'|' | b'&'
        );
        b += 1;
    }
    // Non-ASCII: continuation bytes and the lead bytes of characters that are never spaces
    // or invisible. Leads 0xC2 (no-break space, soft hyphen), 0xE1 (U+1680), 0xE2
    // (U+2000–U+206F), 0xE3 (U+3000) and 0xEF (BOM) take the slow path.
    let mut b = 0x80;
    while b < 0x100 {
        t[b] = matches!(b, 0x80..=0xBF | 0xC3..=0xDF | 0xE4..=0xEE | 0xF0..=0xF4);
        b += 1;
    }
    t
};

/// For text made of plain characters separated by single ASCII spaces: whether it starts
/// and ends with a space, and the range between. `None` for anything else.
pub(super) fn simple_text(bytes: &[u8]) -> Option<(bool, std::ops::Range<usize>, bool)> {
    let lead = bytes.first() == Some(&b' ');
    let trail = bytes.len() > 1 && bytes.last() == Some(&b' ');
    let start = usize::from(lead);
    let end = bytes.len() - usize::from(trail && bytes.len() > start);
    let mut prev_space = true;
    for &b in &bytes[start..end.max(start)] {
        if b == b' ' {
            if prev_space {
                return None;
            }
            prev_space = true;
        } else if PLAIN[b as usize] {
            prev_space = false;
        } else {
            return None;
        }
    }
    if end > start && prev_space {
        return None;
    }
    Some((lead, start..end.max(start), trail))
}

pub(super) fn is_md_special(c: char) -> bool {
    matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_are_recognised() {
        assert!(starts_entity("lt;span"));
        assert!(starts_entity("#38;"));
        assert!(starts_entity("#x26;"));
        assert!(!starts_entity("T"));
        assert!(!starts_entity(" b;"));
        assert!(!starts_entity("#;"));
    }
}
