//! Boilerplate recognised by its words: short blocks that are only a prompt ("Share this:",
//! "You might also like", "Join our newsletter", "Advertisement"…), checked when the block
//! closes, against its whole text. Each pattern has a word cap: a real paragraph that
//! happens to start the same way is longer than the cap and stays.

use std::sync::LazyLock;

use regex::Regex;

use super::first_words::{self, FirstWords};
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
    BackToTop,
    EmbedFallback,
    ShopButton,
    Toc,
    Dateline,
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
            Prompt::BackToTop => rules::BACK_TO_TOP,
            Prompt::EmbedFallback => rules::EMBED_FALLBACK,
            Prompt::ShopButton => rules::BUTTON,
            Prompt::Toc => rules::GENERIC_TOC,
            Prompt::Dateline => rules::POST_META,
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
    /// Whether it matches only at the start of a block (its first word is then in
    /// [`Patterns::first_words`]).
    anchored: bool,
}

/// The patterns, and the first words that the anchored ones can start with, derived from
/// them: a block whose first word is not among them is not a short prompt, without running
/// any regex.
struct Patterns {
    list: Vec<Pattern>,
    first_words: FirstWords,
}

/// The longest cap of any pattern: blocks with more words are not looked at.
pub(crate) const MAX_WORDS: u32 = 70;

static PATTERNS: LazyLock<Patterns> = LazyLock::new(|| {
    let list = patterns();
    let first_words = FirstWords::of(list.iter().filter(|p| p.anchored).map(|p| p.re.as_str()));
    Patterns { list, first_words }
});

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
            "pitching in",
            "favor to ask",
            "favour to ask",
        ])
        .expect("valid patterns")
});

/// Whether a block of `words` words with these text pieces could be a prompt at all: a short
/// one must start with a word some anchored pattern starts with (or a number some pattern
/// starts with, followed by a word that follows it there), a longer one must contain a word the
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
    if words <= SHORT_CAP
        && PATTERNS
            .first_words
            .admits_any_case(first_words::lead_of(pieces))
    {
        return true;
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
            } else if !crate::dom::is_invisible(c) {
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
        anchored: first_words::is_anchored(re),
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
            r"^(join (our|the|my) (newsletter|mailing list|community|list)|subscribe|subscribe( now)?( to (our|the|my) (newsletter|blog|mailing list|channel|podcast|updates))?( for [\w ]+)?|sign up( now)?( for| to)? ((our|the|my) )?(newsletter|mailing list|updates)|newsletters?|get (our|the) newsletter|subscribe to (get|receive) (the latest|new|our latest) (posts|updates|articles|stories)( sent)?( (to|in) your (email|inbox))?|discover more from [\w .'&’-]+|newsletter abonnieren|suscríbete( a [\w ]+)?|abonnez-vous( à [\w ]+)?)$",
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
            r"^(back|return|scroll|go) to (the )?top( of (the )?page)?$",
            6,
            Prompt::BackToTop,
        ),
        p(
            r"^(last )?(updated|modified|published|posted)( on)?:? ((jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}(st|nd|rd|th)?,? \d{4}|\d{1,2}(st|nd|rd|th)? (jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*,? \d{4}|\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4})( (at|@) \d{1,2}:\d{2}( ?[ap]m)?)?$",
            12,
            Prompt::Dateline,
        ),
        p(
            r"^view (this )?post on (imgur(\.com)?|instagram|tiktok)$",
            6,
            Prompt::EmbedFallback,
        ),
        p(
            r"^(check|see|view) (the )?(current |latest |today's )?(price|prices|deal|deals)( (on|at) amazon)?$",
            6,
            Prompt::ShopButton,
        ),
        p(
            r"^(table of contents|contents|in this (article|post|guide))( \[?hide\]?( \[?show\]?)?)?$",
            6,
            Prompt::Toc,
        ),
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
            r"please consider (liking|sharing|subscribing|supporting|donating|pitching in|making a (donation|gift))|small favou?r to ask|funded by readers|support (our|independent) journalism|become a (patron|member|supporter)\b|donate (now|today)",
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

static RELATED_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(also read|read also|also see|see also|related|related (posts?|articles?|reading|stories|content)|read more|more reading|further reading|recommended( reading)?|must read|don't miss|don’t miss|you (might|may) also (like|enjoy)|read next|keep reading) ?:").expect("valid pattern")
});

/// The words [`RELATED_LEAD`] can start with.
static LEAD_WORDS: LazyLock<FirstWords> = LazyLock::new(|| FirstWords::of([RELATED_LEAD.as_str()]));

/// Whether a block's first word could start a lead-in such as "Also read:" (cheap: most
/// blocks are never normalised for [`related_lead`]).
pub(crate) fn may_be_lead<'a>(pieces: impl Iterator<Item = &'a str>) -> bool {
    LEAD_WORDS.admits_any_case(first_words::lead_of(pieces))
}

/// A block that is a lead-in ("Also read:", "Related:") followed by a link: the words of the
/// lead-in, when the text starts with one.
pub(crate) fn related_lead(text: &str) -> Option<u32> {
    let m = RELATED_LEAD.find(text.trim_start_matches(|c: char| !c.is_alphanumeric()))?;
    Some(m.as_str().split_whitespace().count() as u32)
}

static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\(?((image|photo|photograph|picture|featured image|header image|img) )?(credits?|source|courtesy( of)?) ?:").expect("valid pattern")
});

/// A caption that is only an image credit ("Image credit: Wareable", "Source: statista.com").
pub(crate) fn credit_only(text: &str, words: u32) -> bool {
    words <= 8 && CREDIT.is_match(text.trim())
}

/// Punctuation and arrows around a prompt ("Share this:", "< Back to top", "Read next ›").
const PROMPT_PUNCTUATION: &[char] = &[
    ':', '!', '.', '…', '›', '»', '→', '➔', '-', '|', '*', '<', '‹', '«', '←', '↑', '^',
];

/// Matches a block's whole text (already lower-cased and whitespace-collapsed) against the
/// prompt patterns.
pub(crate) fn prompt(text: &str, words: u32) -> Option<Prompt> {
    let text = text.trim_matches(|c: char| c.is_whitespace() || PROMPT_PUNCTUATION.contains(&c));
    if text.is_empty() {
        return None;
    }
    let patterns = &*PATTERNS;
    let short_candidate =
        words <= SHORT_CAP && patterns.first_words.admits(first_words::lead(text));
    let long_candidate = LONG_PATTERN_WORDS.is_match(text);
    if !short_candidate && !long_candidate {
        return None;
    }
    patterns
        .list
        .iter()
        .filter(|p| words <= p.max_words)
        .filter(|p| {
            if p.anchored {
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
        assert_eq!(
            check("Subscribe to get the latest posts sent to your email."),
            Some(Prompt::Newsletter)
        );
        assert_eq!(
            check("Discover more from Tiny House Journey"),
            Some(Prompt::Newsletter)
        );
        assert_eq!(check("< back to top"), Some(Prompt::BackToTop));
        assert_eq!(check("View post on imgur.com"), Some(Prompt::EmbedFallback));
        assert_eq!(
            check("View this post on Instagram"),
            Some(Prompt::EmbedFallback)
        );
        assert_eq!(check("CHECK PRICE"), Some(Prompt::ShopButton));
        assert_eq!(check("Check Price on Amazon"), Some(Prompt::ShopButton));
        assert_eq!(check("Table of Contents"), Some(Prompt::Toc));
        assert_eq!(
            check("Last updated on September 16th, 2023 at 09:27 am"),
            Some(Prompt::Dateline)
        );
        assert_eq!(
            check("Published On: 15 August 2025"),
            Some(Prompt::Dateline)
        );
        assert_eq!(
            check("Since you made it to the bottom of this article, we have a small favor to ask."),
            Some(Prompt::Appeal)
        );
    }

    #[test]
    fn every_prompt_is_listed_in_the_rule_table() {
        use crate::rules::table::{Key, rows};
        let listed: Vec<Rule> = rows()
            .into_iter()
            .filter(|r| matches!(r.key, Key::Text(_)))
            .map(|r| r.rule)
            .collect();
        let every = |p: Prompt| match p {
            // A new prompt must be added here, and listed in the table.
            Prompt::Share
            | Prompt::Follow
            | Prompt::Newsletter
            | Prompt::Related
            | Prompt::AdLabel
            | Prompt::Author
            | Prompt::Comments
            | Prompt::Loading
            | Prompt::Appeal
            | Prompt::Recipe
            | Prompt::BackToTop
            | Prompt::EmbedFallback
            | Prompt::ShopButton
            | Prompt::Toc
            | Prompt::Dateline => p.rule(),
        };
        for p in [
            Prompt::Share,
            Prompt::Follow,
            Prompt::Newsletter,
            Prompt::Related,
            Prompt::AdLabel,
            Prompt::Author,
            Prompt::Comments,
            Prompt::Loading,
            Prompt::Appeal,
            Prompt::Recipe,
            Prompt::BackToTop,
            Prompt::EmbedFallback,
            Prompt::ShopButton,
            Prompt::Toc,
            Prompt::Dateline,
        ] {
            assert!(listed.contains(&every(p)), "{p:?} is not listed");
        }
    }

    #[test]
    fn every_pattern_compiles_and_gives_its_first_words() {
        // Compiling derives the gates' words, and panics naming a pattern whose first word
        // cannot be listed.
        let patterns = &*PATTERNS;
        assert!(patterns.list.iter().any(|p| p.anchored));
        assert!(patterns.list.iter().any(|p| !p.anchored));
        assert!(patterns.first_words.words().contains("share"));
        LazyLock::force(&LEAD_WORDS);
        LazyLock::force(&CREDIT);
    }

    #[test]
    fn the_derived_gate_holds_every_word_the_hand_kept_list_held() {
        // The list the gate used before its words were derived from the patterns, each word
        // cut at its first character that is not a letter or digit as the gate now reads
        // words ("suivez-nous" is looked up as "suivez"). "buy" and "since" were in it, but
        // no anchored pattern starts with them ("since you made it…" is the unanchored
        // appeal), so they are left out.
        let before = [
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
            "suivez",
            "join",
            "subscribe",
            "sign",
            "newsletter",
            "newsletters",
            "get",
            "suscríbete",
            "abonnez",
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
            "discover",
            "back",
            "return",
            "scroll",
            "go",
            "view",
            "check",
            "see",
            "table",
            "contents",
            "in",
            "last",
            "updated",
            "modified",
            "published",
            "posted",
        ];
        let derived = &PATTERNS.first_words;
        for word in before {
            assert!(
                derived.admits(first_words::Lead::Word(word)),
                "{word} is not gated in"
            );
        }
        // Numbers were let through when "comment…" or "kommentar…" followed.
        for word in ["comment", "comments", "kommentar", "kommentare"] {
            assert!(derived.admits(first_words::Lead::AfterNumber(word)));
        }
        // The lead-ins' list, likewise.
        for word in [
            "also",
            "read",
            "see",
            "related",
            "more",
            "further",
            "recommended",
            "must",
            "don",
            "you",
            "keep",
        ] {
            assert!(LEAD_WORDS.admits(first_words::Lead::Word(word)), "{word}");
        }
    }

    #[test]
    fn blocks_the_old_gate_read_wrongly_reach_the_patterns() {
        // The old gate looked up "updated:" (the text up to its first space) and the ASCII
        // lower case of "Über" ("Über" itself); both are prompts by their patterns.
        assert_eq!(check("Updated: May 5, 2024"), Some(Prompt::Dateline));
        assert!(worth_reading(["Über den Autor"].into_iter(), 3, || false));
        assert!(worth_reading(["12 ", "Comments"].into_iter(), 2, || false));
        assert!(!worth_reading(["12 reasons to go"].into_iter(), 4, || {
            false
        }));
        assert!(may_be_lead(["» Also read: ", "Kyoto"].into_iter()));
        assert!(!may_be_lead(["Kyoto on a budget"].into_iter()));
    }

    #[test]
    fn lead_ins_and_credits() {
        assert_eq!(related_lead("also read: kyoto on a budget"), Some(2));
        assert_eq!(related_lead("you might also like: palm oil"), Some(4));
        assert_eq!(related_lead("related research shows the opposite"), None);
        assert!(credit_only("(image credit: wareable)", 3));
        assert!(credit_only("source: blog.hubspot.com", 2));
        assert!(!credit_only("shot on the canon r5. photo credit: alec", 8));
        assert!(!credit_only(
            "credit cards are accepted at most stations in japan",
            9
        ));
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
        assert_eq!(check("Updated rules for the 2024 season"), None);
        assert_eq!(check("Back to the drawing board"), None);
        assert_eq!(check("Contents of a basic first-aid kit"), None);
        assert_eq!(
            check("We subscribe to the view that soil comes first."),
            None
        );
    }
}
