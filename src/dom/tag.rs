//! Element names as a small enum, with what the engine knows of each tag in one table: the
//! tags rules and outputs ask about are one byte to compare, and anything else keeps its
//! name. The flags group tags as html5ever's `tag_sets.rs` does; every list of tag names the
//! passes used to spell out is a flag here, read through a method of [`Tag`].

use std::fmt;

use crate::safety::EmbedHosts;

/// The facts a row of the table may carry (bits of [`Tag::flags`]).
mod flag {
    /// Starts a new block of text.
    pub const BLOCK: u16 = 1;
    /// Has no children (no end tag when written).
    pub const VOID: u16 = 1 << 1;
    /// Its text is read raw by a parser, without character references.
    pub const RAW_TEXT: u16 = 1 << 2;
    /// Written as it is by the output policy.
    pub const ALLOWED: u16 = 1 << 3;
    /// Its content is never shown, or is active: left out whole.
    pub const NEVER_SHOWN: u16 = 1 << 4;
    /// Its text is one block: a paragraph, a heading, a list item, a cell…
    pub const TEXT_BLOCK: u16 = 1 << 5;
    /// Inline, and standing alone outside a paragraph, a label or a button.
    pub const INLINE_LABEL: u16 = 1 << 6;
    /// A tag of running text (the rule table's inline rows).
    pub const RUNNING_TEXT: u16 = 1 << 7;
    /// Shows something with no text inside (an image, a video…).
    pub const SHOWS_EMPTY: u16 = 1 << 8;
    /// Kept when empty: table structure, media, line breaks.
    pub const KEPT_EMPTY: u16 = 1 << 9;
}

macro_rules! tags {
    ($($variant:ident => $name:literal $([$($flag:ident)*])?,)*) => {
        /// An element's (lower-case, local) name.
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub(crate) enum Tag {
            $(
                #[doc = concat!("`<", $name, ">`")]
                $variant,
            )*
            /// Any other element (custom elements, SVG and MathML children…).
            Other(Box<str>),
        }

        impl Tag {
            /// The tag of an element called `name`.
            pub fn from_name(name: &str) -> Tag {
                match name {
                    $($name => Tag::$variant,)*
                    _ => Tag::Other(name.into()),
                }
            }

            /// The element's name as written in HTML.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Tag::$variant => $name,)*
                    Tag::Other(name) => name,
                }
            }

            /// The facts the table holds for this tag (none for other elements).
            fn flags(&self) -> u16 {
                match self {
                    $(Tag::$variant => 0 $($(| flag::$flag)*)?,)*
                    Tag::Other(_) => 0,
                }
            }
        }

        #[cfg(test)]
        impl Tag {
            /// Every tag of the table, in order.
            pub const ALL: &[Tag] = &[$(Tag::$variant,)*];
        }
    };
}

// One row per tag: its variant, its name, its flags.
tags! {
    A => "a" [ALLOWED INLINE_LABEL RUNNING_TEXT],
    Abbr => "abbr" [ALLOWED RUNNING_TEXT],
    Address => "address" [BLOCK ALLOWED],
    Applet => "applet" [NEVER_SHOWN],
    Area => "area" [VOID KEPT_EMPTY],
    Article => "article" [BLOCK ALLOWED],
    Aside => "aside" [BLOCK ALLOWED],
    Audio => "audio" [BLOCK ALLOWED SHOWS_EMPTY KEPT_EMPTY],
    B => "b" [ALLOWED INLINE_LABEL RUNNING_TEXT],
    Base => "base" [VOID NEVER_SHOWN],
    Bdi => "bdi" [ALLOWED],
    Bdo => "bdo" [ALLOWED],
    Blockquote => "blockquote" [BLOCK ALLOWED],
    Body => "body" [BLOCK],
    Br => "br" [VOID ALLOWED KEPT_EMPTY],
    Button => "button" [NEVER_SHOWN],
    Canvas => "canvas" [BLOCK NEVER_SHOWN KEPT_EMPTY],
    Caption => "caption" [BLOCK ALLOWED TEXT_BLOCK KEPT_EMPTY],
    Center => "center" [BLOCK],
    Cite => "cite" [ALLOWED],
    Code => "code" [ALLOWED],
    Col => "col" [VOID ALLOWED KEPT_EMPTY],
    Colgroup => "colgroup" [ALLOWED KEPT_EMPTY],
    Data => "data",
    Datalist => "datalist" [NEVER_SHOWN],
    Dd => "dd" [BLOCK ALLOWED TEXT_BLOCK],
    Del => "del" [ALLOWED],
    Details => "details" [BLOCK ALLOWED],
    Dfn => "dfn" [ALLOWED],
    Dialog => "dialog" [BLOCK NEVER_SHOWN],
    Dir => "dir" [BLOCK],
    Div => "div" [BLOCK ALLOWED],
    Dl => "dl" [BLOCK ALLOWED],
    Dt => "dt" [BLOCK ALLOWED TEXT_BLOCK],
    Em => "em" [ALLOWED INLINE_LABEL RUNNING_TEXT],
    Embed => "embed" [BLOCK VOID NEVER_SHOWN KEPT_EMPTY],
    Fieldset => "fieldset",
    Figcaption => "figcaption" [BLOCK ALLOWED TEXT_BLOCK],
    Figure => "figure" [BLOCK ALLOWED],
    Font => "font",
    Footer => "footer" [BLOCK ALLOWED],
    Form => "form" [NEVER_SHOWN],
    Frame => "frame" [NEVER_SHOWN],
    Frameset => "frameset" [NEVER_SHOWN],
    H1 => "h1" [BLOCK ALLOWED TEXT_BLOCK],
    H2 => "h2" [BLOCK ALLOWED TEXT_BLOCK],
    H3 => "h3" [BLOCK ALLOWED TEXT_BLOCK],
    H4 => "h4" [BLOCK ALLOWED TEXT_BLOCK],
    H5 => "h5" [BLOCK ALLOWED TEXT_BLOCK],
    H6 => "h6" [BLOCK ALLOWED TEXT_BLOCK],
    Head => "head",
    Header => "header" [BLOCK ALLOWED],
    Hgroup => "hgroup" [BLOCK],
    Hr => "hr" [BLOCK VOID ALLOWED SHOWS_EMPTY KEPT_EMPTY],
    Html => "html",
    I => "i" [ALLOWED RUNNING_TEXT],
    Iframe => "iframe" [BLOCK RAW_TEXT ALLOWED SHOWS_EMPTY KEPT_EMPTY],
    Img => "img" [VOID ALLOWED SHOWS_EMPTY KEPT_EMPTY],
    Input => "input" [VOID NEVER_SHOWN],
    Ins => "ins" [ALLOWED],
    Kbd => "kbd" [ALLOWED],
    Label => "label" [INLINE_LABEL RUNNING_TEXT],
    Legend => "legend",
    Li => "li" [BLOCK ALLOWED TEXT_BLOCK],
    Link => "link" [VOID NEVER_SHOWN],
    Main => "main" [BLOCK ALLOWED],
    Mark => "mark" [ALLOWED],
    Math => "math" [NEVER_SHOWN KEPT_EMPTY],
    Menu => "menu" [BLOCK],
    Meta => "meta" [VOID NEVER_SHOWN],
    Nav => "nav" [BLOCK],
    Noembed => "noembed" [RAW_TEXT NEVER_SHOWN],
    Noframes => "noframes" [RAW_TEXT NEVER_SHOWN],
    Noscript => "noscript" [NEVER_SHOWN],
    Object => "object" [BLOCK NEVER_SHOWN KEPT_EMPTY],
    Ol => "ol" [BLOCK ALLOWED],
    Option => "option" [NEVER_SHOWN],
    Output => "output",
    P => "p" [BLOCK ALLOWED TEXT_BLOCK],
    Picture => "picture" [BLOCK ALLOWED],
    Plaintext => "plaintext" [RAW_TEXT NEVER_SHOWN],
    Portal => "portal" [NEVER_SHOWN],
    Pre => "pre" [BLOCK ALLOWED],
    Q => "q" [ALLOWED],
    Rp => "rp" [ALLOWED],
    Rt => "rt" [ALLOWED],
    Ruby => "ruby" [ALLOWED],
    S => "s" [ALLOWED],
    Samp => "samp" [ALLOWED],
    Script => "script" [RAW_TEXT NEVER_SHOWN],
    Section => "section" [BLOCK ALLOWED],
    Select => "select" [NEVER_SHOWN],
    Small => "small" [ALLOWED INLINE_LABEL RUNNING_TEXT],
    Source => "source" [VOID ALLOWED KEPT_EMPTY],
    Span => "span" [ALLOWED INLINE_LABEL RUNNING_TEXT],
    Strike => "strike",
    Strong => "strong" [ALLOWED INLINE_LABEL RUNNING_TEXT],
    Style => "style" [RAW_TEXT NEVER_SHOWN],
    Sub => "sub" [ALLOWED],
    Summary => "summary" [BLOCK ALLOWED],
    Sup => "sup" [ALLOWED],
    Svg => "svg" [NEVER_SHOWN],
    Table => "table" [BLOCK ALLOWED],
    Tbody => "tbody" [BLOCK ALLOWED KEPT_EMPTY],
    Td => "td" [BLOCK ALLOWED TEXT_BLOCK KEPT_EMPTY],
    Template => "template" [NEVER_SHOWN],
    Textarea => "textarea" [NEVER_SHOWN],
    Tfoot => "tfoot" [BLOCK ALLOWED KEPT_EMPTY],
    Th => "th" [BLOCK ALLOWED TEXT_BLOCK KEPT_EMPTY],
    Thead => "thead" [BLOCK ALLOWED KEPT_EMPTY],
    Time => "time" [ALLOWED RUNNING_TEXT],
    Title => "title" [NEVER_SHOWN],
    Tr => "tr" [BLOCK ALLOWED KEPT_EMPTY],
    Track => "track" [VOID ALLOWED KEPT_EMPTY],
    U => "u" [ALLOWED],
    Ul => "ul" [BLOCK ALLOWED],
    Var => "var" [ALLOWED],
    Video => "video" [BLOCK ALLOWED SHOWS_EMPTY KEPT_EMPTY],
    Wbr => "wbr" [VOID ALLOWED KEPT_EMPTY],
    Xmp => "xmp" [RAW_TEXT NEVER_SHOWN],
}

/// What the HTML writer does with an element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Policy {
    /// Written with its allowed attributes.
    Keep,
    /// Its tag is left out, its content written.
    Unwrap,
    /// Left out with everything in it.
    Drop,
}

impl Tag {
    fn has(&self, flag: u16) -> bool {
        self.flags() & flag != 0
    }

    /// Whether the element starts a new block of text.
    pub fn is_block(&self) -> bool {
        self.has(flag::BLOCK)
    }

    /// Whether the element has no children (no closing tag when serialised).
    pub fn is_void(&self) -> bool {
        self.has(flag::VOID)
    }

    /// Whether a parser reads the element's text raw, without character references.
    pub fn is_raw_text(&self) -> bool {
        self.has(flag::RAW_TEXT)
    }

    /// Whether the element's content is never shown or is active: left out whole, by the
    /// output policy and by the share guards' bound.
    pub fn is_never_shown(&self) -> bool {
        self.has(flag::NEVER_SHOWN)
    }

    /// Whether the element's text is one block: a paragraph, heading, list item…
    pub fn is_text_block(&self) -> bool {
        self.has(flag::TEXT_BLOCK)
    }

    /// Whether the element is inline and, standing alone outside a paragraph, a label or
    /// a button.
    pub fn is_inline_label(&self) -> bool {
        self.has(flag::INLINE_LABEL)
    }

    /// Whether the element is one of running text (the rule table's inline rows).
    pub fn is_running_text(&self) -> bool {
        self.has(flag::RUNNING_TEXT)
    }

    /// Whether the element is content even without text (an image, a video…): a wrapper
    /// holding one is not empty.
    pub fn shows_when_empty(&self) -> bool {
        self.has(flag::SHOWS_EMPTY)
    }

    /// Whether an element with nothing to show may be left out (not table structure,
    /// media or line breaks).
    pub fn may_drop_when_empty(&self) -> bool {
        !self.has(flag::KEPT_EMPTY)
    }

    /// Whether the element keeps the words on either side apart: a block, or a void
    /// element other than `wbr`.
    pub fn breaks_words(&self) -> bool {
        self.is_block() || (self.is_void() && *self != Tag::Wbr)
    }

    /// The heading level of `h1`…`h6`.
    pub fn heading_level(&self) -> Option<u8> {
        match self {
            Tag::H1 => Some(1),
            Tag::H2 => Some(2),
            Tag::H3 => Some(3),
            Tag::H4 => Some(4),
            Tag::H5 => Some(5),
            Tag::H6 => Some(6),
            _ => None,
        }
    }

    /// Whether the output policy leaves an element of this tag out and keeps its content
    /// (see [`Tag::policy`]): such an element is not in the output, so it gives what is
    /// inside it no context either.
    pub fn unwraps(&self) -> bool {
        *self != Tag::Iframe && !self.has(flag::ALLOWED) && !self.is_never_shown()
    }

    /// The output policy for an element of this tag: written when allowed, left out whole
    /// when never shown, its content written otherwise. `src` is the element's (already
    /// checked and resolved) source, for iframes: an iframe is kept only when the host a
    /// browser would load it from is on the allow-list.
    pub fn policy(&self, src: Option<&str>, iframe_hosts: &EmbedHosts) -> Policy {
        if *self == Tag::Iframe {
            return if iframe_hosts.allows_src(src) {
                Policy::Keep
            } else {
                Policy::Drop
            };
        }
        if self.unwraps() {
            // Unknown, custom or presentational elements (`font`, `center`, `amp-img`…).
            Policy::Unwrap
        } else if self.is_never_shown() {
            Policy::Drop
        } else {
            Policy::Keep
        }
    }
}

impl fmt::Display for Tag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests;
