//! How the index cuts text into words, for every script a WordPress site is written in.
//!
//! Latin, Cyrillic, Greek… text is cut at whatever is not a letter or a digit, lowercased and
//! folded to ASCII where a letter has an ASCII base (`Hühner` and `huhner` are one word,
//! `régimen` and `regimen` too). There is no stemming: posts come in any language and carry
//! no reliable language tag, and an English stemmer applied to German or Spanish words merges
//! words that differ.
//!
//! Chinese, Japanese and Korean are written without spaces, so a run of Han, Hiragana,
//! Katakana or Hangul is indexed as overlapping character pairs (`数据库` → `数据`, `据库`),
//! each at the position of its first character, with each character also indexed alone at
//! the same position. A query cuts the same runs into pairs only (a run of one character stays
//! one character), so a query of several characters is a phrase of consecutive pairs, which
//! matches where those characters stand together, and a query of one character finds it
//! inside longer words. This is the CJK bigram approach of Lucene's `CJKBigramFilter`; the
//! dictionary segmenters made for tantivy each cover one language and carry dictionaries of
//! tens of megabytes, and no crate offers bigrams for tantivy 0.25, hence this file.

use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RemoveLongFilter, TextAnalyzer, Token, TokenStream, Tokenizer,
};

/// The name the schema's text fields give their tokenizer. Indexes made before it (with
/// tantivy's `default`) have another schema and are refused with a message to rebuild them.
pub(crate) const NAME: &str = "wpclean_words";

/// Words longer than this many bytes are left out, as tantivy's default tokenizer does.
const MAX_WORD_BYTES: usize = 40;

/// What the text is cut for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Documents: pairs and single characters of CJK runs.
    Index,
    /// Queries: pairs of CJK runs, a single character only for a run of one.
    Query,
}

/// The analyzer of documents.
pub(crate) fn index_analyzer() -> TextAnalyzer {
    analyzer(Mode::Index)
}

/// The analyzer of queries (the same words, CJK runs cut into pairs only).
pub(crate) fn query_analyzer() -> TextAnalyzer {
    analyzer(Mode::Query)
}

fn analyzer(mode: Mode) -> TextAnalyzer {
    TextAnalyzer::builder(WordTokenizer {
        mode,
        token: Token::default(),
        run: Vec::new(),
    })
    .filter(RemoveLongFilter::limit(MAX_WORD_BYTES))
    .filter(LowerCaser)
    .filter(AsciiFoldingFilter)
    .build()
}

/// Whether `c` belongs to a script written without spaces between words: Han (with its
/// iteration marks), Hiragana, Katakana (with the prolonged sound mark and half-width forms)
/// or Hangul.
fn is_cjk(c: char) -> bool {
    matches!(c,
        // Han: radicals, iteration and numeral marks, the unified ideographs and extensions,
        // compatibility ideographs.
        '\u{2E80}'..='\u{2FDF}'
        | '\u{3005}'..='\u{3007}'
        | '\u{3021}'..='\u{3029}'
        | '\u{3038}'..='\u{303B}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{3FFFF}'
        // Hiragana; Katakana without the middle dot (a separator); phonetic extensions;
        // half-width Katakana.
        | '\u{3041}'..='\u{309F}'
        | '\u{30A0}'..='\u{30FA}'
        | '\u{30FC}'..='\u{30FF}'
        | '\u{31F0}'..='\u{31FF}'
        | '\u{FF66}'..='\u{FF9F}'
        // Hangul: Jamo, compatibility Jamo, extended Jamo, syllables.
        | '\u{1100}'..='\u{11FF}'
        | '\u{3130}'..='\u{318F}'
        | '\u{A960}'..='\u{A97F}'
        | '\u{AC00}'..='\u{D7FF}'
    )
}

/// Cuts text into words: runs of letters and digits, CJK runs into characters and pairs.
#[derive(Debug, Clone)]
struct WordTokenizer {
    mode: Mode,
    token: Token,
    /// Byte offsets of the characters of the current CJK run, and of its end.
    run: Vec<usize>,
}

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = WordStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordStream<'a> {
        self.token.reset();
        self.run.clear();
        WordStream {
            text,
            at: 0,
            position: 0,
            mode: self.mode,
            token: &mut self.token,
            run: &mut self.run,
            run_position: 0,
            step: 0,
        }
    }
}

struct WordStream<'a> {
    text: &'a str,
    /// Byte offset where reading goes on.
    at: usize,
    /// Position of the next word.
    position: usize,
    mode: Mode,
    token: &'a mut Token,
    run: &'a mut Vec<usize>,
    /// Position of the current run's first character.
    run_position: usize,
    /// Next word of the current run: in index mode, even steps are single characters and odd
    /// steps pairs; in query mode, each step is a pair.
    step: usize,
}

impl WordStream<'_> {
    /// Sets the token to `text[from..to]` at `position`, spanning `length` positions.
    fn emit(&mut self, from: usize, to: usize, position: usize, length: usize) -> bool {
        self.token.text.clear();
        self.token.text.push_str(&self.text[from..to]);
        self.token.offset_from = from;
        self.token.offset_to = to;
        self.token.position = position;
        self.token.position_length = length;
        true
    }

    /// The next word of the current CJK run, if any is left.
    fn next_in_run(&mut self) -> Option<(usize, usize, usize, usize)> {
        let chars = self.run.len().checked_sub(1)?;
        let step = self.step;
        let (first, length) = match (self.mode, chars) {
            (_, 1) => (step, 1),
            (Mode::Index, _) => (step / 2, 1 + step % 2),
            (Mode::Query, _) => (step, 2),
        };
        if first + length > chars {
            return None;
        }
        self.step += 1;
        Some((
            self.run[first],
            self.run[first + length],
            self.run_position + first,
            length,
        ))
    }
}

impl TokenStream for WordStream<'_> {
    fn advance(&mut self) -> bool {
        if let Some((from, to, position, length)) = self.next_in_run() {
            return self.emit(from, to, position, length);
        }
        self.run.clear();
        let rest = &self.text[self.at..];
        let Some((skip, first)) = rest.char_indices().find(|(_, c)| c.is_alphanumeric()) else {
            self.at = self.text.len();
            return false;
        };
        let from = self.at + skip;
        if is_cjk(first) {
            for (i, c) in self.text[from..].char_indices() {
                if !is_cjk(c) {
                    break;
                }
                self.run.push(from + i);
            }
            let end = self.run.last().map_or(from, |&o| {
                o + self.text[o..].chars().next().map_or(0, char::len_utf8)
            });
            self.run.push(end);
            self.at = end;
            self.run_position = self.position;
            self.position += self.run.len() - 1;
            self.step = 0;
            let (from, to, position, length) = self
                .next_in_run()
                .expect("a run holds at least one character");
            return self.emit(from, to, position, length);
        }
        let to = self.text[from..]
            .char_indices()
            .find(|&(_, c)| !c.is_alphanumeric() || is_cjk(c))
            .map_or(self.text.len(), |(i, _)| from + i);
        self.at = to;
        self.position += 1;
        self.emit(from, to, self.position - 1, 1)
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The words of `text`, each with its position.
    fn words(mut analyzer: TextAnalyzer, text: &str) -> Vec<(String, usize)> {
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        stream.process(&mut |t| out.push((t.text.clone(), t.position)));
        out
    }

    fn texts(words: &[(String, usize)]) -> Vec<&str> {
        words.iter().map(|(w, _)| w.as_str()).collect()
    }

    #[test]
    fn european_words_are_lowercased_and_folded() {
        let w = words(
            index_analyzer(),
            "Die Hühner, el régimen; Ça va? Don't 2024",
        );
        assert_eq!(
            texts(&w),
            [
                "die", "huhner", "el", "regimen", "ca", "va", "don", "t", "2024"
            ]
        );
        let positions: Vec<usize> = w.iter().map(|(_, p)| *p).collect();
        assert_eq!(positions, [0, 1, 2, 3, 4, 5, 6, 7, 8]);
    }

    #[test]
    fn cjk_runs_become_pairs_and_single_characters() {
        let w = words(index_analyzer(), "数据库");
        assert_eq!(
            w,
            [
                ("数".into(), 0),
                ("数据".into(), 0),
                ("据".into(), 1),
                ("据库".into(), 1),
                ("库".into(), 2)
            ]
        );
        assert_eq!(
            words(query_analyzer(), "数据库"),
            [("数据".into(), 0), ("据库".into(), 1)]
        );
        assert_eq!(words(query_analyzer(), "堺"), [("堺".into(), 0)]);
        assert_eq!(words(index_analyzer(), "堺"), [("堺".into(), 0)]);
    }

    #[test]
    fn scripts_mix_and_punctuation_splits_runs() {
        // Katakana with the prolonged sound mark, Hiragana, Han, a Latin word inside.
        assert_eq!(
            texts(&words(
                query_analyzer(),
                "古潭ラーメンが美味い！iPhone用、한국어"
            )),
            [
                "古潭", "潭ラ", "ラー", "ーメ", "メン", "ンが", "が美", "美味", "味い", "iphone",
                "用", "한국", "국어"
            ]
        );
        // The Katakana middle dot separates words.
        assert_eq!(
            texts(&words(query_analyzer(), "ジョン・スミス")),
            ["ジョ", "ョン", "スミ", "ミス"]
        );
        // Positions go on after a run: a Latin word after 3 characters is at position 3.
        let w = words(index_analyzer(), "数据库 SQL");
        assert_eq!(w.last().unwrap(), &("sql".to_string(), 3));
        let w = words(query_analyzer(), "数据库 SQL");
        assert_eq!(w.last().unwrap(), &("sql".to_string(), 3));
    }

    #[test]
    fn empty_and_separator_only_text_has_no_words() {
        assert!(words(index_analyzer(), "").is_empty());
        assert!(words(index_analyzer(), " 、。!? ・").is_empty());
    }
}
