//! Boilerplate recognised by its words: short blocks that are only a prompt ("Share this:",
//! "You might also like", "Join our newsletter", "Advertisement"…), checked when the block
//! closes, against its whole text. Each pattern has a word cap: a real paragraph that
//! happens to start the same way is longer than the cap and stays.

use std::sync::LazyLock;

use std::collections::HashSet;

use regex::Regex;

use super::rules::{self, Rule};

/// What kind of prompt a short block is; some kinds also condemn their container or the list
/// after them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Prompt {
    Share,
    Follow,
    Newsletter,
    Related,
    AdLabel,
    Author,
    Comments,
    Loading,
    Appeal,
    Recipe,
}

impl Prompt {
    pub fn rule(self) -> Rule {
        match self {
            Prompt::Share | Prompt::Follow => rules::SHARE_PROMPT,
            Prompt::Newsletter => rules::NEWSLETTER_PROMPT,
            Prompt::Related => rules::RELATED_HEADING,
            Prompt::AdLabel => rules::AD_LABEL,
            Prompt::Author => rules::AUTHOR_BOX,
            Prompt::Comments => rules::COMMENTS,
            Prompt::Loading => rules::LOADING,
            Prompt::Appeal | Prompt::Recipe => rules::APPEAL,
        }
    }

    /// Prompts that make a small box around them a call-to-action box.
    pub fn marks_box(self) -> bool {
        matches!(self, Prompt::Newsletter | Prompt::Follow | Prompt::Related)
    }
}

struct Pattern {
    re: Regex,
    max_words: u32,
    prompt: Prompt,
}

/// The patterns, and the first words that the anchored ones can start with: a block whose
/// first word is not among them is not a short prompt, without running any regex.
struct Patterns {
    list: Vec<Pattern>,
    first_words: HashSet<&'static str>,
}

/// The longest cap of any pattern: blocks with more words are not looked at.
pub(crate) const MAX_WORDS: u32 = 70;

static PATTERNS: LazyLock<Patterns> = LazyLock::new(|| Patterns {
    list: patterns(),
    first_words: FIRST_WORDS.iter().copied().collect(),
});

/// Every word an anchored pattern below can start with (numbers are checked apart).
const FIRST_WORDS: &[&str] = &[
    "share",
    "sharing",
    "spread",
    "teilen",
    "diesen",
    "jetzt",
    "compartir",
    "partager",
    "condividi",
    "follow",
    "stay",
    "connect",
    "find",
    "folge",
    "síguenos",
    "suivez-nous",
    "join",
    "subscribe",
    "sign",
    "newsletter",
    "newsletters",
    "get",
    "suscríbete",
    "abonnez-vous",
    "related",
    "you",
    "other",
    "popular",
    "recent",
    "recently",
    "read",
    "keep",
    "more",
    "ähnliche",
    "das",
    "weitere",
    "artículos",
    "entradas",
    "articles",
    "leggi",
    "articoli",
    "pin",
    "advertisement",
    "advertisements",
    "advertising",
    "sponsored",
    "anzeige",
    "werbung",
    "publicidad",
    "publicité",
    "pubblicità",
    "article",
    "story",
    "continue",
    "about",
    "written",
    "über",
    "sobre",
    "à",
    "leave",
    "no",
    "comments",
    "kommentare",
    "comentarios",
    "commentaires",
    "loading",
    "please",
    "lädt",
    "cargando",
    "chargement",
];

/// Longer blocks (past the short prompts' caps) are only read when they contain one of the
/// words the long patterns need.
const SHORT_CAP: u32 = 14;

static LONG_PATTERN_WORDS: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
    aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        // A full DFA: this runs over most short blocks of text, and with case folding no
        // prefilter applies.
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .build([
            "consider",
            "funded by",
            "journalism",
            "become a",
            "donate",
            "newsletter",
            "recipe",
            "rating",
            "mention @",
        ])
        .expect("valid patterns")
});

/// Whether a block of `words` words with these text pieces could be a prompt at all: a short
/// one must start with a word some pattern starts with, a longer one must contain a word the
/// long patterns need (`has_long_word` says so, for the caller may know it already). Cheap,
/// so most blocks are never normalised or matched.
pub(crate) fn worth_reading<'a>(
    pieces: impl Iterator<Item = &'a str> + Clone,
    words: u32,
    has_long_word: impl FnOnce() -> bool,
) -> bool {
    if words > MAX_WORDS {
        return false;
    }
    if words <= SHORT_CAP {
        let mut start = pieces.flat_map(|p| p.split_whitespace());
        let first = start.next().unwrap_or("");
        let first = first.trim_matches(|c: char| !c.is_alphanumeric());
        if first.starts_with(|c: char| c.is_ascii_digit()) {
            // Only "12 comments" (and its translations) starts with a number.
            let second = start.next().unwrap_or("").as_bytes();
            let starts =
                |w: &[u8]| second.len() >= w.len() && second[..w.len()].eq_ignore_ascii_case(w);
            if starts(b"comment") || starts(b"kommentar") {
                return true;
            }
        } else {
            let mut buf = [0u8; 24];
            if first.len() <= buf.len() {
                let lower = &mut buf[..first.len()];
                lower.copy_from_slice(first.as_bytes());
                lower.make_ascii_lowercase();
                if let Ok(w) = std::str::from_utf8(lower)
                    && PATTERNS.first_words.contains(w)
                {
                    return true;
                }
            }
        }
    }
    has_long_word()
}

/// Whether a text holds one of the words the long patterns need.
pub(crate) fn has_long_word(text: &str) -> bool {
    LONG_PATTERN_WORDS.is_match(text)
}

/// Lower-cases and collapses whitespace in one pass.
pub(crate) fn normalise<'a>(pieces: impl Iterator<Item = &'a str>) -> String {
    let mut out = String::new();
    let mut space = false;
    for piece in pieces {
        for c in piece.chars() {
            if c.is_whitespace() {
                space = !out.is_empty();
            } else if !crate::text::is_invisible(c) {
                if space {
                    out.push(' ');
                    space = false;
                }
                if c.is_ascii() {
                    out.push(c.to_ascii_lowercase());
                } else {
                    out.extend(c.to_lowercase());
                }
            }
        }
        space = !out.is_empty();
    }
    out
}

fn patterns() -> Vec<Pattern> {
    let p = |re: &str, max_words: u32, prompt: Prompt| Pattern {
        re: Regex::new(re).expect("valid pattern"),
        max_words,
        prompt,
    };
    vec![
        p(
            r"^(share|share this|share (this|the) (post|article|story|page|recipe)|share (on|via|with) [\w ]+|share this (on|with)|share post|sharing is caring|spread the word|teilen|diesen (beitrag|artikel) teilen|jetzt teilen|compartir|compartir en [\w ]+|partager|partager sur [\w ]+|condividi)$",
            10,
            Prompt::Share,
        ),
        p(
            r"^(follow (us|me)( on [\w ]+)?|stay connected( with (us|me))?|connect with (us|me)( on [\w ]+)?|find us on [\w ]+|folge (uns|mir)( auf [\w ]+)?|síguenos( en [\w ]+)?|suivez-nous( sur [\w ]+)?)$",
            6,
            Prompt::Follow,
        ),
        p(
            r"^(join (our|the|my) (newsletter|mailing list|community|list)|subscribe|subscribe( now)?( to (our|the|my) (newsletter|blog|mailing list|channel|podcast|updates))?( for [\w ]+)?|sign up( now)?( for| to)? ((our|the|my) )?(newsletter|mailing list|updates)|newsletters?|get (our|the) newsletter|newsletter abonnieren|suscríbete( a [\w ]+)?|abonnez-vous( à [\w ]+)?)$",
            14,
            Prompt::Newsletter,
        ),
        p(
            r"^(related|related (posts|articles|reading|stories|content|links|guides)|you (might|may) also (like|enjoy)|other posts you (might|may) (like|enjoy)|popular posts|recent(ly)? (posts|stories|articles)( by [\w .'-]+)?|read next|keep reading|more (posts|stories|articles) (like this|from (us|the blog))|ähnliche (beiträge|artikel)|das könnte dich auch interessieren|weitere (beiträge|artikel)|artículos relacionados|entradas relacionadas|articles similaires|articles liés|leggi anche|articoli correlati)$",
            8,
            Prompt::Related,
        ),
        p(r"^pin (this|it) for later$", 6, Prompt::Recipe),
        p(
            r"^(advertisement|advertisements|advertising|sponsored|anzeige|werbung|publicidad|publicité|pubblicità|article continues below|story continues below|continue reading below|(article|story) continues after (this )?(advertisement|ad))$",
            5,
            Prompt::AdLabel,
        ),
        p(
            r"^(about the author|about the authors|written by [\w .'-]+|über den autor|über die autorin|sobre el autor|à propos de l'auteur)$",
            5,
            Prompt::Author,
        ),
        p(
            r"^(\d+ comments?|leave a (reply|comment)|no comments( yet)?|join the discussion|comments|kommentare|\d+ kommentare?|comentarios|commentaires)$",
            5,
            Prompt::Comments,
        ),
        p(
            r"^(loading|please wait|lädt|cargando|chargement)$",
            3,
            Prompt::Loading,
        ),
        p(
            r"please consider (liking|sharing|subscribing|supporting|donating)|funded by readers|support (our|independent) journalism|become a (patron|member|supporter)\b|donate (now|today)",
            70,
            Prompt::Appeal,
        ),
        p(
            r"\b(sign up|subscribe)\b.*\bnewsletter",
            40,
            Prompt::Newsletter,
        ),
        p(
            r"did you (make|try) (this|one of (my|our)|my|our) [\w ]*recipes?|tried this recipe|leave a (star )?rating|mention @\w+",
            60,
            Prompt::Recipe,
        ),
    ]
}

/// Matches a block's whole text (already lower-cased and whitespace-collapsed) against the
/// prompt patterns.
pub(crate) fn prompt(text: &str, words: u32) -> Option<Prompt> {
    let text = text.trim_matches(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                ':' | '!' | '.' | '…' | '›' | '»' | '→' | '➔' | '-' | '|' | '*'
            )
    });
    if text.is_empty() {
        return None;
    }
    let patterns = &*PATTERNS;
    let first = text.split(' ').next().unwrap_or("");
    let short_candidate = words <= SHORT_CAP
        && (patterns.first_words.contains(first)
            || first.starts_with(|c: char| c.is_ascii_digit()));
    let long_candidate = LONG_PATTERN_WORDS.is_match(text);
    if !short_candidate && !long_candidate {
        return None;
    }
    patterns
        .list
        .iter()
        .filter(|p| words <= p.max_words)
        .filter(|p| {
            if p.re.as_str().starts_with('^') {
                short_candidate
            } else {
                long_candidate
            }
        })
        .find(|p| p.re.is_match(text))
        .map(|p| p.prompt)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(s: &str) -> Option<Prompt> {
        let lower = s.to_lowercase();
        prompt(&lower, lower.split_whitespace().count() as u32)
    }

    #[test]
    fn prompts_are_recognised() {
        assert_eq!(check("Share this:"), Some(Prompt::Share));
        assert_eq!(check("SHARE THIS ARTICLE"), Some(Prompt::Share));
        assert_eq!(check("You Might Also Like"), Some(Prompt::Related));
        assert_eq!(check("Join Our Newsletter"), Some(Prompt::Newsletter));
        assert_eq!(check("Advertisement"), Some(Prompt::AdLabel));
        assert_eq!(check("About the Author"), Some(Prompt::Author));
        assert_eq!(check("124 Comments"), Some(Prompt::Comments));
        assert_eq!(check("Follow Us On Social Media"), Some(Prompt::Follow));
        assert_eq!(check("Pin this for later!"), Some(Prompt::Recipe));
    }

    #[test]
    fn real_sentences_are_not_prompts() {
        assert_eq!(
            check("Share prices fell sharply after the announcement of the merger."),
            None
        );
        assert_eq!(
            check("Related research shows the opposite effect in cold climates."),
            None
        );
        assert_eq!(
            check(
                "Comments from readers shaped the second edition of this guide, and we thank them all."
            ),
            None
        );
        assert_eq!(check("Subscribe"), Some(Prompt::Newsletter));
        assert_eq!(
            check("We subscribe to the view that soil comes first."),
            None
        );
    }
}
