//! Rows compiled into lookups: one hash table per exact key (tag, class, id), sorted prefix
//! tables, and one Aho-Corasick automaton over every word the class-word and id-word rows
//! name, which dismisses nearly every class with one scan. Rules are called for every
//! element, so what a class name finds in the built-in table is also remembered per thread.

use std::cell::RefCell;
use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use rustc_hash::FxHashMap;

use super::coded::{LazyStyle, declares, may_pass, passes};
use super::shape::{Does, Flag, Key, Mode, Row, Tags, When, WhenOff};
use super::table::{self, POST_CLASSES};
use super::{Action, Context, Group, RuleGroups, Verdict, View};

/// No entry.
const NONE: u32 = u32::MAX;

/// Bits of a row mask: bit `i` stands for the `i`-th row of its phase, and the last bit for
/// that row and every later one (rare: only a caller's long list of word rows gets there).
const MASK_BITS: usize = 64;

/// A compiled set of rows.
#[derive(Debug)]
pub(crate) struct Compiled {
    rows: Vec<Row>,
    /// Row lists that exact keys and prefixes point to.
    lists: Vec<Vec<u32>>,
    tags: FxHashMap<Box<str>, u32>,
    classes: FxHashMap<Box<str>, u32>,
    class_numbered: Vec<(Box<str>, u32)>,
    /// Sorted, so that the prefixes of a class are found by binary search.
    class_prefixes: Vec<(Box<str>, u32)>,
    class_tests: Vec<u32>,
    class_suffixes: Vec<(Box<str>, u32)>,
    element_tests: Vec<u32>,
    class_words: Vec<u32>,
    id_words: Vec<u32>,
    /// Every word of the class-word and id-word rows, and which rows each one is in.
    words: Option<AhoCorasick>,
    word_rows: Vec<(u64, u64)>,
    ids: FxHashMap<Box<str>, u32>,
    id_prefixes: Vec<(Box<str>, u32)>,
    any_id: Vec<u32>,
    attributes: Vec<u32>,
    /// Whether a row of phase 8 reads more than the view's flags and style.
    reads_any_attribute: bool,
    /// Whether a row reads attributes by name (which the tree keeps only on request).
    reads_attributes: bool,
    /// Whether what a class finds is remembered in [`TOKEN_FACTS`] (for one table only: the
    /// built-in one).
    cached: bool,
}

/// What the tables say of one class name, whatever element carries it.
#[derive(Clone, Copy)]
struct TokenFacts {
    exact: u32,
    numbered: u32,
    prefix: u32,
    /// The class-word rows whose words it holds.
    words: u64,
}

thread_local! {
    /// Class names repeat within a post and across a site's posts: each is looked up in the
    /// built-in table once per thread. Bounded: cleared when full.
    static TOKEN_FACTS: RefCell<FxHashMap<Box<str>, TokenFacts>> =
        RefCell::new(FxHashMap::default());
}

static BUILTIN: LazyLock<Compiled> = LazyLock::new(|| Compiled::new(table::rows(), true));

/// The built-in table, compiled on first use.
pub(crate) fn builtin() -> &'static Compiled {
    &BUILTIN
}

fn mask_bit(i: usize) -> u64 {
    1 << i.min(MASK_BITS - 1)
}

/// The mask of the rows of `list` that `keep` keeps.
fn masked_bits(list: &[u32], keep: impl Fn(u32) -> bool) -> u64 {
    list.iter()
        .enumerate()
        .filter(|&(_, &r)| keep(r))
        .fold(0, |m, (i, _)| m | mask_bit(i))
}

/// The rows of `list` whose bit is set in `mask`, in order.
fn masked(list: &[u32], mask: u64) -> impl Iterator<Item = u32> + '_ {
    list.iter()
        .enumerate()
        .filter(move |&(i, _)| mask & mask_bit(i) != 0)
        .map(|(_, &r)| r)
}

impl Compiled {
    pub fn new(rows: Vec<Row>, cached: bool) -> Self {
        let mut c = Compiled::empty(cached);
        let mut keys = Keys::default();
        for (i, row) in rows.iter().enumerate() {
            c.index_row(i as u32, row, &mut keys);
        }
        c.class_prefixes = keys.class_prefixes.into_iter().collect();
        c.class_prefixes.sort();
        c.id_prefixes = keys.id_prefixes.into_iter().collect();
        c.id_prefixes.sort();
        if !keys.words.is_empty() {
            c.words = Some(
                AhoCorasick::builder()
                    .ascii_case_insensitive(true)
                    .build(keys.words.iter().map(|w| w.as_bytes()))
                    .expect("plain words always build"),
            );
        }
        c.word_rows = keys.word_rows;
        c.rows = rows;
        c
    }

    /// A set with no rows.
    fn empty(cached: bool) -> Self {
        Compiled {
            rows: Vec::new(),
            lists: Vec::new(),
            tags: FxHashMap::default(),
            classes: FxHashMap::default(),
            class_numbered: Vec::new(),
            class_prefixes: Vec::new(),
            class_tests: Vec::new(),
            class_suffixes: Vec::new(),
            element_tests: Vec::new(),
            class_words: Vec::new(),
            id_words: Vec::new(),
            words: None,
            word_rows: Vec::new(),
            ids: FxHashMap::default(),
            id_prefixes: Vec::new(),
            any_id: Vec::new(),
            attributes: Vec::new(),
            reads_any_attribute: false,
            reads_attributes: false,
            cached,
        }
    }

    /// Files row `i` under its key: in a lookup, in a phase's list, or with its words.
    fn index_row(&mut self, i: u32, row: &Row, keys: &mut Keys) {
        let lists = &mut self.lists;
        let mut push = |map: &mut FxHashMap<Box<str>, u32>, key: &str| {
            let at = *map.entry(key.into()).or_insert_with(|| {
                lists.push(Vec::new());
                (lists.len() - 1) as u32
            });
            lists[at as usize].push(i);
        };
        match &row.key {
            Key::Tag(tags) => {
                for t in tags {
                    push(&mut self.tags, t);
                }
            }
            Key::Class(name) => push(&mut self.classes, name),
            Key::ClassNumbered(p) => self.class_numbered.push((p.clone(), i)),
            Key::ClassPrefix(p) => push(&mut keys.class_prefixes, p),
            Key::ClassTest => self.class_tests.push(i),
            Key::ClassSuffix(s) => self.class_suffixes.push((s.clone(), i)),
            Key::ElementTest => self.element_tests.push(i),
            Key::ClassWord(ws, _) => {
                let bit = mask_bit(self.class_words.len());
                self.class_words.push(i);
                for w in ws {
                    keys.add_word(w, bit, 0);
                }
            }
            Key::IdWord(ws, _) => {
                let bit = mask_bit(self.id_words.len());
                self.id_words.push(i);
                for w in ws {
                    keys.add_word(w, 0, bit);
                }
            }
            Key::Id(id) => push(&mut self.ids, id),
            Key::IdPrefix(p) => push(&mut keys.id_prefixes, p),
            Key::AnyId => self.any_id.push(i),
            Key::Flag(_) | Key::Style(_) => self.attributes.push(i),
            Key::Attribute(_) => {
                self.attributes.push(i);
                self.reads_any_attribute = true;
                self.reads_attributes = true;
            }
            Key::StyleDecl(..) => {
                self.attributes.push(i);
                self.reads_any_attribute = true;
            }
            Key::Text(_) | Key::Size(_) | Key::Walk(_) => {}
        }
    }

    /// Whether a row reads attributes that only a full attribute list holds.
    pub fn reads_attributes(&self) -> bool {
        self.reads_attributes
    }

    /// The verdict of the first row that fires, `None` when no row fires.
    pub fn classify(&self, v: &View<'_>, ctx: Context, enabled: RuleGroups) -> Option<Verdict> {
        let p = Probe {
            c: self,
            v,
            ctx,
            enabled,
        };
        // 1. Tags.
        if let Some(&list) = self.tags.get(v.tag)
            && let Some(d) = p.first(list, "")
        {
            return Some(d);
        }
        // 2. Classes. What the first classes find is kept for phase 4.
        let mut seen = [None; 8];
        if let Some(d) = p.by_class(&mut seen) {
            return Some(d);
        }
        // 3. Whole-element tests.
        if let Some(d) = self.element_tests.iter().find_map(|&i| p.fire(i, "")) {
            return Some(d);
        }
        // 4. Words in classes.
        if let Some(d) = p.by_class_word(&seen) {
            return Some(d);
        }
        // 5 to 7: the id.
        if !v.id.is_empty()
            && let Some(d) = p.by_id()
        {
            return Some(d);
        }
        // 8. Attributes and inline styles.
        p.by_attribute()
    }

    /// Whether an id alone would make a row remove its element.
    pub fn is_furniture_id(&self, id: &str) -> bool {
        if self.ids.contains_key(id) || longest_prefix(&self.id_prefixes, id).is_some() {
            return true;
        }
        let mask = self.word_mask(id).1;
        mask != 0 && {
            let id = id.to_ascii_lowercase();
            masked(&self.id_words, mask).any(|i| self.words_match(i, &id))
        }
    }

    /// Row `i` fires on this element (and, for class and id rows, this class or id): its
    /// decision, or `None` to let the next row try.
    #[inline]
    fn fire(
        &self,
        i: u32,
        v: &View<'_>,
        ctx: Context,
        enabled: RuleGroups,
        token: &str,
    ) -> Option<Verdict> {
        let row = &self.rows[i as usize];
        let tag_ok = match &row.tags {
            Tags::Any => true,
            Tags::Only(tags) => tags.iter().any(|t| **t == *v.tag),
            Tags::Inline => v.running_text,
            Tags::Block => !v.running_text,
        };
        let context_ok = match row.context {
            When::Anywhere => true,
            When::InHeading => ctx.in_heading,
            When::InSummary => ctx.in_summary,
            When::InHeadingOrSummary => ctx.in_heading || ctx.in_summary,
        };
        if !tag_ok || !context_ok || !row.test.is_none_or(|t| passes(t, v, token)) {
            return None;
        }
        let on = match row.rule.group {
            Group::Builtin(g) => enabled.contains(g),
            _ => true,
        };
        if !on {
            match row.off {
                WhenOff::Keeps => return Some(Verdict::Keep),
                WhenOff::StepsAside => return None,
                WhenOff::Fires => {}
            }
        }
        Some(match (row.does, row.guard) {
            (Does::Keep, _) => Verdict::Keep,
            (Does::Unwrap, _) => Verdict::Act(Action::Unwrap(row.rule)),
            (Does::Drop, None) => Verdict::Act(Action::Drop(row.rule)),
            (Does::Drop, Some(g)) => Verdict::Act(Action::Defer(row.rule, g)),
        })
    }

    /// Whether a word row's words are in `s` (lower-cased), compared as the row says.
    fn words_match(&self, i: u32, s: &str) -> bool {
        let (Key::ClassWord(words, mode) | Key::IdWord(words, mode)) = &self.rows[i as usize].key
        else {
            return false;
        };
        words.iter().any(|w| mode_matches(*mode, w, s))
    }

    /// The class-word and id-word rows whose words `s` holds.
    fn word_mask(&self, s: &str) -> (u64, u64) {
        let Some(ac) = &self.words else {
            return (0, 0);
        };
        ac.find_overlapping_iter(s).fold((0, 0), |acc, m| {
            let (c, i) = self.word_rows[m.pattern().as_usize()];
            (acc.0 | c, acc.1 | i)
        })
    }

    fn facts(&self, c: &str) -> TokenFacts {
        if !self.cached {
            return self.facts_of(c);
        }
        const MAX_TOKENS: usize = 16_384;
        if let Some(f) = TOKEN_FACTS.with_borrow(|m| m.get(c).copied()) {
            return f;
        }
        let facts = self.facts_of(c);
        TOKEN_FACTS.with_borrow_mut(|m| {
            if m.len() >= MAX_TOKENS {
                m.clear();
            }
            m.insert(c.into(), facts);
        });
        facts
    }

    fn facts_of(&self, c: &str) -> TokenFacts {
        let words = if c.len() < 3 || is_post_class(c) {
            0
        } else {
            self.word_mask(c).0
        };
        TokenFacts {
            exact: self.classes.get(c).copied().unwrap_or(NONE),
            numbered: self
                .class_numbered
                .iter()
                .find(|(p, _)| is_numbered(c, p))
                .map_or(NONE, |&(_, i)| i),
            prefix: longest_prefix(&self.class_prefixes, c).unwrap_or(NONE),
            words,
        }
    }
}

/// The entry of a sorted prefix table that `s` starts with, the longest if several do.
/// Every prefix of `s` sorts at or before `s`, so only the entries just before its position
/// need a look.
fn longest_prefix(table: &[(Box<str>, u32)], s: &str) -> Option<u32> {
    let at = table.partition_point(|(p, _)| **p <= *s);
    table[..at]
        .iter()
        .rev()
        .take_while(|(p, _)| p.as_bytes().first() == s.as_bytes().first())
        .find(|(p, _)| s.starts_with(&**p))
        .map(|&(_, l)| l)
}

fn mode_matches(mode: Mode, word: &str, s: &str) -> bool {
    match mode {
        Mode::Contains => s.contains(word),
        Mode::Word => s.split(['-', '_']).any(|p| p == word),
        Mode::Prefix => s.starts_with(word),
        Mode::Exact => s == word,
        Mode::Numbered => is_numbered(s, word),
    }
}

/// `s` is `prefix` and then one or more ASCII digits.
fn is_numbered(s: &str, prefix: &str) -> bool {
    s.strip_prefix(prefix)
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

fn is_post_class(c: &str) -> bool {
    POST_CLASSES.iter().any(|&(m, w)| mode_matches(m, w, c))
}

/// The bookkeeping of [`Compiled::new`]: prefixes before they are sorted, and every word of
/// the word rows with the rows each is in.
#[derive(Default)]
struct Keys {
    class_prefixes: FxHashMap<Box<str>, u32>,
    id_prefixes: FxHashMap<Box<str>, u32>,
    words: Vec<Box<str>>,
    word_index: FxHashMap<Box<str>, usize>,
    /// For each word, the class-word rows and the id-word rows it is in.
    word_rows: Vec<(u64, u64)>,
}

impl Keys {
    fn add_word(&mut self, w: &str, class_bit: u64, id_bit: u64) {
        let lower: Box<str> = w.to_ascii_lowercase().into();
        let (words, word_rows) = (&mut self.words, &mut self.word_rows);
        let at = *self.word_index.entry(lower.clone()).or_insert_with(|| {
            words.push(lower);
            word_rows.push((0, 0));
            words.len() - 1
        });
        word_rows[at].0 |= class_bit;
        word_rows[at].1 |= id_bit;
    }
}

/// One element being classified: the phases of [`Compiled::classify`].
struct Probe<'c, 'v> {
    c: &'c Compiled,
    v: &'c View<'v>,
    ctx: Context,
    enabled: RuleGroups,
}

impl Probe<'_, '_> {
    #[inline]
    fn fire(&self, i: u32, token: &str) -> Option<Verdict> {
        self.c.fire(i, self.v, self.ctx, self.enabled, token)
    }

    /// The first row of the list `list` that fires.
    fn first(&self, list: u32, token: &str) -> Option<Verdict> {
        self.c.lists[list as usize]
            .iter()
            .find_map(|&i| self.fire(i, token))
    }

    /// Phase 2, each class in turn: exact, numbered, prefixed, tested, suffixed. What the
    /// first classes find is kept in `seen`. Class tests that need what this element lacks
    /// are left out once, not for every class.
    fn by_class(&self, seen: &mut [Option<TokenFacts>; 8]) -> Option<Verdict> {
        let (c, v) = (self.c, self.v);
        let class_tests = masked_bits(&c.class_tests, |i| {
            c.rows[i as usize].test.is_some_and(|t| may_pass(t, v))
        });
        for (k, class) in v.classes().enumerate() {
            let facts = c.facts(class);
            if let Some(slot) = seen.get_mut(k) {
                *slot = Some(facts);
            }
            if facts.exact != NONE
                && let Some(d) = self.first(facts.exact, class)
            {
                return Some(d);
            }
            if facts.numbered != NONE
                && let Some(d) = self.fire(facts.numbered, class)
            {
                return Some(d);
            }
            if facts.prefix != NONE
                && let Some(d) = self.first(facts.prefix, class)
            {
                return Some(d);
            }
            if class_tests != 0
                && let Some(d) = masked(&c.class_tests, class_tests)
                    .filter(|&i| c.rows[i as usize].test.is_some_and(|t| passes(t, v, class)))
                    .find_map(|i| self.fire(i, class))
            {
                return Some(d);
            }
            if let Some(d) = c
                .class_suffixes
                .iter()
                .filter(|(s, _)| class.len() > s.len() && class.ends_with(&**s))
                .find_map(|&(_, i)| self.fire(i, class))
            {
                return Some(d);
            }
        }
        None
    }

    /// Phase 4: words in classes, with what phase 2 found of the first classes.
    fn by_class_word(&self, seen: &[Option<TokenFacts>; 8]) -> Option<Verdict> {
        let c = self.c;
        if c.class_words.is_empty() {
            return None;
        }
        for (k, class) in self.v.classes().enumerate() {
            let facts = seen.get(k).copied().flatten();
            let mask = facts.unwrap_or_else(|| c.facts(class)).words;
            if mask == 0 {
                continue;
            }
            let lower;
            let class = if class.bytes().any(|b| b.is_ascii_uppercase()) {
                lower = class.to_ascii_lowercase();
                lower.as_str()
            } else {
                class
            };
            if let Some(d) = masked(&c.class_words, mask)
                .filter(|&i| c.words_match(i, class))
                .find_map(|i| self.fire(i, class))
            {
                return Some(d);
            }
        }
        None
    }

    /// Phases 5 to 7, for an element with an id: words in the id, the id, its prefix, any id.
    fn by_id(&self) -> Option<Verdict> {
        let (c, id) = (self.c, self.v.id);
        // 5. Words in the id.
        let mask = c.word_mask(id).1;
        if mask != 0 {
            let lower = id.to_ascii_lowercase();
            if let Some(d) = masked(&c.id_words, mask)
                .filter(|&i| c.words_match(i, &lower))
                .find_map(|i| self.fire(i, &lower))
            {
                return Some(d);
            }
        }
        // 6. The id, then its prefix.
        if let Some(&list) = c.ids.get(id)
            && let Some(d) = self.first(list, id)
        {
            return Some(d);
        }
        if let Some(list) = longest_prefix(&c.id_prefixes, id)
            && let Some(d) = self.first(list, id)
        {
            return Some(d);
        }
        // 7. Any id.
        c.any_id.iter().find_map(|&i| self.fire(i, id))
    }

    /// Phase 8: attributes and inline styles.
    fn by_attribute(&self) -> Option<Verdict> {
        let (c, v) = (self.c, self.v);
        let any = v.advads_prefix.is_some() || v.data_ad || v.hidden || !v.style.is_empty();
        if !(any || c.reads_any_attribute) || c.attributes.is_empty() {
            return None;
        }
        let style = LazyStyle::new(v.style);
        for &i in &c.attributes {
            let hit = match &c.rows[i as usize].key {
                Key::Flag(Flag::AdvadsTrackid) => v.advads_prefix.is_some(),
                Key::Flag(Flag::AdData) => v.data_ad,
                Key::Flag(Flag::Hidden) => v.hidden,
                Key::Attribute(name) => v.attrs.iter().any(|a| *a.name == **name),
                Key::Style(kind) => style.kind() == Some(*kind),
                Key::StyleDecl(p, value) => declares(v.style, p, value),
                _ => false,
            };
            if hit && let Some(d) = self.fire(i, "") {
                return Some(d);
            }
        }
        None
    }
}
