//! FAQ entries: from FAQ markup (Yoast, Rank Math, `details`, accordions) and from a heading
//! such as "Frequently Asked Questions" followed by question headings (FAQPage JSON-LD is
//! read by [`crate::jsonld`]).

use std::sync::LazyLock;

use regex::Regex;

use super::{Block, BlockKind, FaqGroup, Role};
use crate::article::{FaqEntry, Heading, push_faq_entry};

/// Headings that open an FAQ section, in the languages WordPress sites use most.
static FAQ_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(faqs?|frequently asked questions|frequent questions|common questions|häufig gestellte fragen|häufige fragen|preguntas frecuentes|questions fréquentes|foire aux questions|domande frequenti|perguntas frequentes|veelgestelde vragen|często zadawane pytania)\b",
    )
    .expect("valid regex")
});

pub(crate) fn is_faq_heading(text: &str) -> bool {
    text.chars().count() <= 120 && FAQ_HEADING.is_match(text)
}

/// Builds the FAQ from the block model: the entries of FAQ markup, then those of question
/// headings under an FAQ heading.
pub(crate) fn from_blocks(
    blocks: &[Block],
    groups: &[FaqGroup],
    headings: &[Heading],
) -> Vec<FaqEntry> {
    let faq_sections = faq_section_ranges(blocks);
    let mut entries = from_markup(blocks, groups, headings, &faq_sections);
    from_headings(blocks, headings, &faq_sections, &mut entries);
    entries
}

/// The entries of FAQ markup (Yoast, Rank Math, `details`, accordions): a group's question
/// blocks and answer blocks, for the groups that are FAQs (see [`FaqGroup::explicit`]);
/// entries without a question or an answer are dropped.
fn from_markup(
    blocks: &[Block],
    groups: &[FaqGroup],
    headings: &[Heading],
    faq_sections: &[(usize, usize)],
) -> Vec<FaqEntry> {
    let section_of = |i: usize| faq_sections.iter().find(|&&(s, e)| i > s && i < e);
    let reads_as_questions = accordions_reading_as_questions(blocks, groups);
    let mut entries: Vec<FaqEntry> = Vec::new();
    let mut by_group: Vec<(u32, usize)> = Vec::new();
    for (i, b) in blocks.iter().enumerate() {
        let (g, question) = match b.role {
            Role::Question(g) => (g, true),
            Role::Answer(g) => (g, false),
            Role::None => continue,
        };
        let group = &groups[g as usize];
        let section = section_of(i);
        if !(group.explicit
            || group.in_faq_container
            || section.is_some()
            || reads_as_questions.contains(&accordion_key(g, group)))
        {
            continue;
        }
        let at = match by_group.iter().find(|(x, _)| *x == g) {
            Some(&(_, at)) => at,
            None => {
                let question_heading = match b.kind {
                    BlockKind::Heading { heading, .. } if question => Some(heading),
                    _ => None,
                };
                let anchor = entry_anchor(group, question_heading, section, blocks, headings);
                entries.push(FaqEntry {
                    anchor,
                    ..FaqEntry::default()
                });
                by_group.push((g, entries.len() - 1));
                entries.len() - 1
            }
        };
        if question {
            append(&mut entries[at].question, &b.text, " ");
        } else {
            append(&mut entries[at].answer, &b.text, "\n\n");
        }
    }
    entries.retain(|e| !e.question.is_empty() && !e.answer.is_empty());
    entries
}

/// Where a link to an entry of markup lands: the pane's own id, else its question heading's
/// (the index in `headings` of the group's first block, when that is a question heading),
/// else its accordion's, else the FAQ section's heading's.
fn entry_anchor(
    group: &FaqGroup,
    question_heading: Option<usize>,
    section: Option<&(usize, usize)>,
    blocks: &[Block],
    headings: &[Heading],
) -> Option<String> {
    let heading_anchor = question_heading.and_then(|h| headings[h].anchor.clone());
    let section_anchor = section.and_then(|&(s, _)| match blocks[s].kind {
        BlockKind::Heading { heading, .. } => headings[heading].anchor.clone(),
        _ => None,
    });
    group
        .anchor
        .clone()
        .or(heading_anchor)
        .or_else(|| group.accordion_anchor.clone())
        .or(section_anchor)
}

/// The entries of question headings (or bold questions) under an FAQ heading, their answer
/// the blocks up to the next question, added to `entries` when not already there.
fn from_headings(
    blocks: &[Block],
    headings: &[Heading],
    faq_sections: &[(usize, usize)],
    entries: &mut Vec<FaqEntry>,
) {
    for &(start, end) in faq_sections {
        let BlockKind::Heading {
            level: faq_level, ..
        } = blocks[start].kind
        else {
            continue;
        };
        let mut current: Option<FaqEntry> = None;
        for b in &blocks[start + 1..end] {
            if b.role != Role::None {
                continue;
            }
            match b.kind {
                BlockKind::Heading { level, heading } if level > faq_level => {
                    let anchor = headings[heading].anchor.clone();
                    next_question(entries, &mut current, b, anchor);
                }
                BlockKind::Paragraph if is_bold_question(b) => {
                    next_question(entries, &mut current, b, None);
                }
                _ => {
                    if let Some(e) = current.as_mut() {
                        append(&mut e.answer, &b.text, "\n\n");
                    }
                }
            }
        }
        if let Some(e) = current.take() {
            push_faq_entry(entries, e);
        }
    }
}

/// Ends the entry being read, if any, and starts one asking block `b`'s question.
fn next_question(
    entries: &mut Vec<FaqEntry>,
    current: &mut Option<FaqEntry>,
    b: &Block,
    anchor: Option<String>,
) {
    if let Some(e) = current.take() {
        push_faq_entry(entries, e);
    }
    *current = Some(FaqEntry {
        question: b.text.clone(),
        answer: String::new(),
        anchor,
    });
}

/// Groups of one accordion share a key; a group outside any known accordion is its own.
fn accordion_key(g: u32, group: &FaqGroup) -> u64 {
    match group.accordion {
        Some(a) => u64::from(a),
        None => (1 << 32) | u64::from(g),
    }
}

/// The accordions (by [`accordion_key`]) whose panes read as questions: at least half of
/// the panes with a question end in a question mark.
fn accordions_reading_as_questions(blocks: &[Block], groups: &[FaqGroup]) -> Vec<u64> {
    // The question text of every group, in group order.
    let mut questions: Vec<String> = vec![String::new(); groups.len()];
    for b in blocks {
        if let Role::Question(g) = b.role {
            append(&mut questions[g as usize], &b.text, " ");
        }
    }
    // (key, panes with a question, of those reading as one)
    let mut counts: Vec<(u64, u32, u32)> = Vec::new();
    for (g, q) in questions.iter().enumerate() {
        if q.is_empty() {
            continue;
        }
        let key = accordion_key(g as u32, &groups[g]);
        let asks = u32::from(reads_as_question(q));
        match counts.iter_mut().find(|c| c.0 == key) {
            Some(c) => {
                c.1 += 1;
                c.2 += asks;
            }
            None => counts.push((key, 1, asks)),
        }
    }
    counts
        .into_iter()
        .filter(|&(_, n, asks)| asks > 0 && asks * 2 >= n)
        .map(|(k, _, _)| k)
        .collect()
}

/// Whether a question reads as one: it ends in a question mark (Latin, Arabic or
/// full-width), or starts with an inverted one.
fn reads_as_question(text: &str) -> bool {
    let t = text.trim();
    (t.chars().count() > 1 && t.ends_with(['?', '？', '؟'])) || t.starts_with('¿')
}

/// A question written as a bold paragraph ("**How long does it take?**").
fn is_bold_question(b: &Block) -> bool {
    let md = b.md.trim();
    b.text.ends_with('?')
        && b.text.chars().count() <= 250
        && md.starts_with("**")
        && md.ends_with("**")
        && !b.text.contains('\n')
}

fn append(buf: &mut String, text: &str, sep: &str) {
    if text.is_empty() {
        return;
    }
    if !buf.is_empty() {
        buf.push_str(sep);
    }
    buf.push_str(text);
}

/// `(heading block, end block)` for every FAQ heading: the section runs to the next heading of
/// the same or a higher level.
fn faq_section_ranges(blocks: &[Block]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (i, b) in blocks.iter().enumerate() {
        if let BlockKind::Heading { level, .. } = b.kind
            && is_faq_heading(&b.text)
        {
            let end = blocks[i + 1..]
                .iter()
                .position(|x| matches!(x.kind, BlockKind::Heading { level: l, .. } if l <= level))
                .map_or(blocks.len(), |p| i + 1 + p);
            out.push((i, end));
        }
    }
    out
}

/// Adds entries not already present (by question text).
pub(crate) fn merge(into: &mut Vec<FaqEntry>, more: Vec<FaqEntry>) {
    for e in more {
        push_faq_entry(into, e);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn questions() {
        assert!(reads_as_question("How long does it take?"));
        assert!(reads_as_question("Wie lange dauert es ?  "));
        assert!(reads_as_question("¿Cuánto cuesta"));
        assert!(reads_as_question("所要時間は？"));
        assert!(!reads_as_question("Opening hours"));
        assert!(!reads_as_question("?"));
    }

    /// Every fixture of `fixtures/plugins/faq/` whose manifest `rule` names a family of the
    /// accordion table (`rules/accordion.rs`) gets its FAQ entries from that family's
    /// markup: each expected entry is a pane group of that family whose question blocks are
    /// the entry's question (not a heading that a section heuristic took for one). A fixture
    /// expecting no entries gets none.
    #[test]
    fn fixtures_are_read_by_their_family() {
        use crate::extract::{Role, extract};
        use crate::rules::accordion::FAMILIES;
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/plugins/faq");
        let manifest = std::fs::read_to_string(format!("{dir}/manifest.json")).expect("manifest");
        let cases: Vec<serde_json::Value> = serde_json::from_str(&manifest).expect("parses");
        let cleaner = crate::clean::Cleaner::new(&crate::Options::default()).expect("cleaner");
        let mut checked = 0;
        for case in &cases {
            let rule = case["rule"].as_str().expect("rule");
            let Some(family) = FAMILIES.iter().find(|f| f.name == rule) else {
                continue;
            };
            let file = case["file"].as_str().expect("file");
            let html = std::fs::read_to_string(format!("{dir}/{file}")).expect("fixture");
            let cleaned = cleaner.clean(&html, None);
            let ex = extract(&cleaned.doc, cleaned.root, None, 10_000);
            let entries = from_blocks(&ex.blocks, &ex.faq_groups, &ex.headings);
            let expected: Vec<&str> = case["faq"]
                .as_array()
                .expect("faq")
                .iter()
                .map(|e| e["question"].as_str().expect("question"))
                .collect();
            assert_eq!(entries.len(), expected.len(), "{file}: {entries:?}");
            // The question text of every pane group of this family.
            let mut questions = vec![String::new(); ex.faq_groups.len()];
            for b in &ex.blocks {
                if let Role::Question(g) = b.role {
                    let q = &mut questions[g as usize];
                    if !q.is_empty() {
                        q.push(' ');
                    }
                    q.push_str(&b.text);
                }
            }
            for q in expected {
                let from_markup = ex
                    .faq_groups
                    .iter()
                    .zip(&questions)
                    .any(|(g, text)| g.family == Some(family.name) && text.trim() == q);
                assert!(from_markup, "{file}: {q:?} is not a {rule} pane's question");
            }
            checked += 1;
        }
        assert!(
            checked >= FAMILIES.len(),
            "only {checked} fixtures name a family"
        );
        // Every family has a fixture.
        for f in FAMILIES {
            assert!(
                cases.iter().any(|c| c["rule"] == f.name),
                "no fixture for {}",
                f.name
            );
        }
    }
}
