//! The prompts on sentences, and the gates that spare most blocks the patterns.

use super::*;
use crate::rules::Rule;

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
    use crate::rules::shape::Key;
    use crate::rules::table::rows;
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
    assert!(credit_only("(image credit: wareable)", 3, 8));
    assert!(credit_only("source: blog.hubspot.com", 2, 8));
    assert!(!credit_only(
        "shot on the canon r5. photo credit: alec",
        8,
        8
    ));
    assert!(!credit_only(
        "credit cards are accepted at most stations in japan",
        9,
        8
    ));
    // The cap is the image-credit row's.
    assert!(crate::rules::measured::SIZE_RULES.contains(
        &crate::rules::measured::SizeRule::ImageCredit {
            rule: crate::rules::IMAGE_CREDIT,
            max_words: 8
        }
    ));
    assert!(!credit_only(
        "image credit: a photo by a friend of mine",
        9,
        8
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

#[test]
fn the_gates_caps_agree_with_the_rows() {
    // The longest cap, and the longest of the anchored patterns (which the first-word gate
    // lets through), are the rows' own.
    assert_eq!(MAX_WORDS, 70);
    let anchored_cap = PROMPTS
        .iter()
        .filter(|p| first_words::is_anchored(p.pattern))
        .map(|p| p.max_words)
        .max();
    assert_eq!(anchored_cap, Some(SHORT_CAP));
    // A pattern anchored at the start needs no words; every other one names some.
    for p in PROMPTS {
        assert_eq!(
            first_words::is_anchored(p.pattern),
            p.needs.is_empty(),
            "{}",
            p.pattern
        );
    }
}
