//! The tokenizer in front of html5ever's tree builder: html5gum's, a byte-oriented WHATWG
//! tokenizer, whose tokens this module hands to the tree builder one at a time, as
//! html5ever's own tokenizer would.
//!
//! Why not html5ever's own: on saved pages, most of the bytes are tags and attributes
//! (WCXB's 437 WordPress pages: 41 of 86 MB), which html5ever's tokenizer reads a character
//! at a time, each through a queue of tendrils; html5gum finds the end of each run with a
//! byte search. Over those pages the whole process ran 22% fewer instructions (see the
//! README's "Quality and speed"). The tree the two give is the same: the tests parse tricky
//! inputs, the fixture pages, and every corpus body and WCXB page both ways and compare the
//! trees ([`super::reference`]).
//!
//! What the tree builder expects of a tokenizer, and this module does:
//! - a U+0000 in the data state comes as its own `NullCharacterToken` (the tree builder
//!   drops it there, and keeps it in foreign content);
//! - a byte-order mark at the start is dropped (html5ever's `discard_bom`);
//! - after each start tag, the tokenizer switches to the state the tree builder asks for
//!   (raw text for `<style>`, script data for `<script>`, …), and a CDATA section is read
//!   as one only where the tree builder says the current node is foreign.

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::{self, RawKind};
use html5ever::tokenizer::{Doctype, Tag, TagKind, Token, TokenSink, TokenSinkResult};
use html5ever::tree_builder::{TreeBuilder, TreeSink};
use html5ever::{Attribute, LocalName, QualName, ns};
use html5gum::{Emitter, State, Tokenizer};
use rustc_hash::FxHashMap;

/// Tokenizes `html` into `builder` until its end (then ends the tree builder's parse) or
/// until `stop` says so after a token. Returns the bytes of `html` the tokenizer had read
/// for the token it stopped after (with any text just before it), `None` when it read
/// everything.
pub(super) fn run<S: TreeSink>(
    builder: &TreeBuilder<S::Handle, S>,
    html: &str,
    first: states::State,
    stop: impl Fn(&S) -> bool,
) -> Option<(usize, usize)>
where
    S::Handle: Clone,
{
    let source = html;
    let html = html.strip_prefix('\u{feff}').unwrap_or(html);
    let skipped = source.len() - html.len();
    let mut tokenizer = Tokenizer::new_with_emitter(html, Feed::new(builder));
    if let Some(state) = gum_state(first) {
        tokenizer.set_state(state);
    }
    for step in tokenizer {
        let Ok(fed) = step;
        if stop(&builder.sink) {
            // What follows is not read: the tree ends as html5ever's parse ends at the end
            // of its input.
            let _ = builder.process_token(Token::EOFToken, 1);
            builder.end();
            let offset = |read| skipped + source_offset(html, read);
            return Some((offset(fed.from), offset(fed.to)));
        }
    }
    builder.end();
    None
}

/// The byte offset in `html` of the `read`-th byte the tokenizer saw: it sees a CR LF pair
/// as one LF.
fn source_offset(html: &str, read: usize) -> usize {
    let bytes = html.as_bytes();
    let mut offset = read;
    for cr in memchr::memchr_iter(b'\r', bytes) {
        if cr >= offset {
            break;
        }
        if bytes.get(cr + 1) == Some(&b'\n') {
            offset += 1;
        }
    }
    offset.min(html.len())
}

/// html5gum's name for a tokenizer state html5ever's tree builder asks for.
fn gum_state(state: states::State) -> Option<State> {
    match state {
        states::State::Data => Some(State::Data),
        states::State::Plaintext => Some(State::PlainText),
        states::State::RawData(RawKind::Rcdata) => Some(State::RcData),
        states::State::RawData(RawKind::Rawtext) => Some(State::RawText),
        states::State::RawData(RawKind::ScriptData) => Some(State::ScriptData),
        _ => None,
    }
}

/// What [`run`] learns after each token (or tag with the text before it): the bytes the
/// tokenizer read for it, as it counts them (a CR LF pair as one byte).
struct Fed {
    from: usize,
    to: usize,
}

/// html5gum's emitter, building html5ever's tokens and handing each to the tree builder.
struct Feed<'t, S: TreeSink> {
    builder: &'t TreeBuilder<S::Handle, S>,
    /// Characters not handed over yet: runs are joined, and handed over before the next
    /// other token.
    text: Vec<u8>,
    tag: TagKind,
    name: Vec<u8>,
    self_closing: bool,
    /// The tag's attributes so far (the tag gets a copy of its exact size).
    attrs: Vec<Attribute>,
    duplicate_attrs: bool,
    /// Whether an attribute is being read, and its name and value so far.
    in_attr: bool,
    attr_name: Vec<u8>,
    attr_value: Vec<u8>,
    /// The name of the last start tag handed over (for the end of raw text).
    last_start: Vec<u8>,
    comment: Vec<u8>,
    doctype: Doctype,
    /// Bytes read so far (html5gum reports each move).
    at: isize,
    /// Bytes read before the last token handed over.
    handed_at: isize,
    /// Whether a token reached the tree builder since the last look.
    handed: bool,
    /// The tag and attribute names met so far, by their bytes: a page names the same few
    /// dozen again and again, and an atom is looked up in a hash of every name (html5ever's
    /// static set, or a global table behind a lock for the rest).
    names: FxHashMap<Vec<u8>, LocalName>,
}

impl<'t, S: TreeSink> Feed<'t, S>
where
    S::Handle: Clone,
{
    fn new(builder: &'t TreeBuilder<S::Handle, S>) -> Self {
        Feed {
            builder,
            text: Vec::new(),
            tag: TagKind::StartTag,
            name: Vec::new(),
            self_closing: false,
            attrs: Vec::new(),
            duplicate_attrs: false,
            in_attr: false,
            attr_name: Vec::new(),
            attr_value: Vec::new(),
            last_start: Vec::new(),
            comment: Vec::new(),
            doctype: empty_doctype(),
            at: 0,
            handed_at: 0,
            handed: false,
            names: FxHashMap::default(),
        }
    }

    /// Hands `token` to the tree builder, returning the tokenizer state it asks for.
    fn hand(&mut self, token: Token) -> Option<State> {
        self.handed = true;
        match self.builder.process_token(token, 1) {
            TokenSinkResult::Plaintext => Some(State::PlainText),
            TokenSinkResult::RawData(kind) => gum_state(states::State::RawData(kind)),
            TokenSinkResult::Continue
            | TokenSinkResult::Script(_)
            | TokenSinkResult::EncodingIndicator(_) => None,
        }
    }

    /// Hands over the characters read since the last token, a U+0000 as its own token.
    fn flush_text(&mut self) {
        if self.text.is_empty() {
            return;
        }
        let mut text = std::mem::take(&mut self.text);
        let mut rest = &text[..];
        while let Some(nul) = memchr::memchr(0, rest) {
            if nul > 0 {
                self.hand(Token::CharacterTokens(tendril(&rest[..nul])));
            }
            self.hand(Token::NullCharacterToken);
            rest = &rest[nul + 1..];
        }
        if !rest.is_empty() {
            self.hand(Token::CharacterTokens(tendril(rest)));
        }
        text.clear();
        self.text = text;
    }

    /// Adds the attribute being read to the tag, unless the tag has one of that name.
    fn finish_attr(&mut self) {
        if !std::mem::take(&mut self.in_attr) {
            return;
        }
        let name = local_name(&mut self.names, &self.attr_name);
        if self.attrs.iter().any(|a| a.name.local == name) {
            self.duplicate_attrs = true;
            return;
        }
        self.attrs.push(Attribute {
            name: QualName::new(None, ns!(), name),
            value: tendril(&self.attr_value),
        });
    }
}

/// How many distinct names [`local_name`] remembers: enough for any real page, and a bound
/// on what a page of made-up names can make it hold.
const NAMES_KEPT: usize = 4096;

/// The atom of the tag or attribute name `bytes`, from `names` when it was met before.
fn local_name(names: &mut FxHashMap<Vec<u8>, LocalName>, bytes: &[u8]) -> LocalName {
    if let Some(name) = names.get(bytes) {
        return name.clone();
    }
    let name = LocalName::from(utf8(bytes));
    if names.len() < NAMES_KEPT {
        names.insert(bytes.to_vec(), name.clone());
    }
    name
}

/// The tree builder's tokens are `str`; html5gum's are bytes of the `str` it was given, cut
/// where a run ends, which is always between characters once the run is whole.
fn utf8(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    // `from_utf8_lossy` checks a byte at a time; `from_utf8` a word at a time.
    match std::str::from_utf8(bytes) {
        Ok(text) => text.into(),
        Err(_) => String::from_utf8_lossy(bytes),
    }
}

fn tendril(bytes: &[u8]) -> StrTendril {
    StrTendril::from_slice(&utf8(bytes))
}

fn empty_doctype() -> Doctype {
    Doctype {
        name: None,
        public_id: None,
        system_id: None,
        force_quirks: false,
    }
}

fn push_opt(to: &mut Option<StrTendril>, s: &[u8]) {
    to.get_or_insert_with(StrTendril::new).push_slice(&utf8(s));
}

impl<S: TreeSink> Emitter for Feed<'_, S>
where
    S::Handle: Clone,
{
    type Token = Fed;

    fn set_last_start_tag(&mut self, last_start_tag: Option<&[u8]>) {
        self.last_start.clear();
        self.last_start
            .extend_from_slice(last_start_tag.unwrap_or_default());
    }

    fn emit_eof(&mut self) {
        self.flush_text();
        self.hand(Token::EOFToken);
    }

    fn emit_error(&mut self, _error: html5gum::Error) {}

    fn should_emit_errors(&mut self) -> bool {
        false
    }

    fn pop_token(&mut self) -> Option<Fed> {
        if !std::mem::take(&mut self.handed) {
            return None;
        }
        let from = std::mem::replace(&mut self.handed_at, self.at);
        Some(Fed {
            from: from.max(0) as usize,
            to: self.at.max(0) as usize,
        })
    }

    fn emit_string(&mut self, c: &[u8]) {
        self.text.extend_from_slice(c);
    }

    fn init_start_tag(&mut self) {
        self.init_tag(TagKind::StartTag);
    }

    fn init_end_tag(&mut self) {
        self.init_tag(TagKind::EndTag);
    }

    fn init_comment(&mut self) {
        self.comment.clear();
    }

    fn emit_current_tag(&mut self) -> Option<State> {
        self.flush_text();
        self.finish_attr();
        let name = local_name(&mut self.names, &self.name);
        if self.tag == TagKind::StartTag {
            self.last_start.clear();
            self.last_start.extend_from_slice(&self.name);
        }
        let tag = Tag {
            kind: self.tag,
            name,
            self_closing: self.self_closing,
            attrs: self.attrs.drain(..).collect(),
            had_duplicate_attributes: self.duplicate_attrs,
        };
        let state = self.hand(Token::TagToken(tag));
        // The tokenizer leaves the raw-text states on its own, at the appropriate end tag.
        if self.tag == TagKind::EndTag {
            return None;
        }
        state
    }

    fn emit_current_comment(&mut self) {
        self.flush_text();
        let comment = tendril(&self.comment);
        self.hand(Token::CommentToken(comment));
    }

    fn emit_current_doctype(&mut self) {
        self.flush_text();
        let doctype = std::mem::replace(&mut self.doctype, empty_doctype());
        self.hand(Token::DoctypeToken(doctype));
    }

    fn set_self_closing(&mut self) {
        self.self_closing = true;
    }

    fn set_force_quirks(&mut self) {
        self.doctype.force_quirks = true;
    }

    fn push_tag_name(&mut self, s: &[u8]) {
        self.name.extend_from_slice(s);
    }

    fn push_comment(&mut self, s: &[u8]) {
        self.comment.extend_from_slice(s);
    }

    fn push_doctype_name(&mut self, s: &[u8]) {
        push_opt(&mut self.doctype.name, s);
    }

    fn init_doctype(&mut self) {
        self.doctype = empty_doctype();
    }

    fn init_attribute(&mut self) {
        self.finish_attr();
        self.in_attr = true;
        self.attr_name.clear();
        self.attr_value.clear();
    }

    fn push_attribute_name(&mut self, s: &[u8]) {
        self.attr_name.extend_from_slice(s);
    }

    fn push_attribute_value(&mut self, s: &[u8]) {
        self.attr_value.extend_from_slice(s);
    }

    fn set_doctype_public_identifier(&mut self, value: &[u8]) {
        self.doctype.public_id = Some(tendril(value));
    }

    fn set_doctype_system_identifier(&mut self, value: &[u8]) {
        self.doctype.system_id = Some(tendril(value));
    }

    fn push_doctype_public_identifier(&mut self, s: &[u8]) {
        push_opt(&mut self.doctype.public_id, s);
    }

    fn push_doctype_system_identifier(&mut self, s: &[u8]) {
        push_opt(&mut self.doctype.system_id, s);
    }

    fn current_is_appropriate_end_tag_token(&mut self) -> bool {
        self.tag == TagKind::EndTag && !self.last_start.is_empty() && self.name == self.last_start
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&mut self) -> bool {
        self.builder
            .adjusted_current_node_present_but_not_in_html_namespace()
    }

    fn move_position(&mut self, offset: isize) {
        self.at += offset;
    }
}

impl<S: TreeSink> Feed<'_, S>
where
    S::Handle: Clone,
{
    fn init_tag(&mut self, kind: TagKind) {
        self.tag = kind;
        self.name.clear();
        self.self_closing = false;
        self.attrs.clear();
        self.duplicate_attrs = false;
        self.in_attr = false;
    }
}
