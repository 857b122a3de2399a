//! Element names as a small enum: the tags rules and outputs ask about are one byte to
//! compare, and anything else keeps its name.

use std::fmt;
use std::ops::Deref;

macro_rules! tags {
    ($($variant:ident => $name:literal,)*) => {
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
        }
    };
}

tags! {
    A => "a",
    Abbr => "abbr",
    Address => "address",
    Area => "area",
    Article => "article",
    Aside => "aside",
    Audio => "audio",
    B => "b",
    Base => "base",
    Bdi => "bdi",
    Bdo => "bdo",
    Blockquote => "blockquote",
    Body => "body",
    Br => "br",
    Button => "button",
    Canvas => "canvas",
    Caption => "caption",
    Center => "center",
    Cite => "cite",
    Code => "code",
    Col => "col",
    Colgroup => "colgroup",
    Data => "data",
    Dd => "dd",
    Del => "del",
    Details => "details",
    Dfn => "dfn",
    Dialog => "dialog",
    Dir => "dir",
    Div => "div",
    Dl => "dl",
    Dt => "dt",
    Em => "em",
    Embed => "embed",
    Fieldset => "fieldset",
    Figcaption => "figcaption",
    Figure => "figure",
    Font => "font",
    Footer => "footer",
    Form => "form",
    H1 => "h1",
    H2 => "h2",
    H3 => "h3",
    H4 => "h4",
    H5 => "h5",
    H6 => "h6",
    Head => "head",
    Header => "header",
    Hgroup => "hgroup",
    Hr => "hr",
    Html => "html",
    I => "i",
    Iframe => "iframe",
    Img => "img",
    Input => "input",
    Ins => "ins",
    Kbd => "kbd",
    Label => "label",
    Legend => "legend",
    Li => "li",
    Link => "link",
    Main => "main",
    Mark => "mark",
    Math => "math",
    Menu => "menu",
    Meta => "meta",
    Nav => "nav",
    Noscript => "noscript",
    Object => "object",
    Ol => "ol",
    Option => "option",
    P => "p",
    Picture => "picture",
    Pre => "pre",
    Q => "q",
    S => "s",
    Samp => "samp",
    Script => "script",
    Section => "section",
    Select => "select",
    Small => "small",
    Source => "source",
    Span => "span",
    Strike => "strike",
    Strong => "strong",
    Style => "style",
    Sub => "sub",
    Summary => "summary",
    Sup => "sup",
    Svg => "svg",
    Table => "table",
    Tbody => "tbody",
    Td => "td",
    Template => "template",
    Textarea => "textarea",
    Tfoot => "tfoot",
    Th => "th",
    Thead => "thead",
    Time => "time",
    Title => "title",
    Tr => "tr",
    Track => "track",
    U => "u",
    Ul => "ul",
    Var => "var",
    Video => "video",
    Wbr => "wbr",
}

impl Deref for Tag {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl fmt::Display for Tag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::Tag;

    #[test]
    fn names_round_trip() {
        for name in ["p", "h6", "wbr", "my-widget", "foreignObject"] {
            assert_eq!(Tag::from_name(name).as_str(), name);
        }
        assert_eq!(Tag::from_name("p"), Tag::P);
        assert!(matches!(Tag::from_name("x-y"), Tag::Other(_)));
    }
}
