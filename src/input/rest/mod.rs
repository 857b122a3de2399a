//! WordPress REST API post objects (`/wp-json/wp/v2/posts`, `/pages`, custom types), read
//! leniently: real exports miss fields, change types and nest things differently.

use std::borrow::Cow;

use serde::de::{Deserialize, Deserializer};

use crate::article::{Author, FaqEntry, Image, Term};
use crate::date;
use crate::error::{Error, ErrorKind, Result};
use crate::text::html_to_text;

mod embedded;
mod lenient;
pub(crate) mod wire;

use embedded::{EmbeddedAuthor, Media, WireTerm};
use wire::{Field, Scalar, Wire, WirePost};

/// One WordPress post, as read from an export, before cleaning.
///
/// Build one from REST JSON with [`Post::from_json`], or from bare HTML with
/// [`Post::from_html`].
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct Post {
    /// The post id.
    pub id: Option<u64>,
    /// The post type (`post`, `page`, …).
    pub kind: Option<String>,
    /// The status (`publish`, …).
    pub status: Option<String>,
    /// The slug.
    pub slug: Option<String>,
    /// The permalink.
    pub link: Option<String>,
    /// Publication date (site time zone), `YYYY-MM-DDTHH:MM:SS` when it parses.
    pub date: Option<String>,
    /// Publication date (UTC), `YYYY-MM-DDTHH:MM:SSZ` when it parses.
    pub date_gmt: Option<String>,
    /// Modification date (site time zone).
    pub modified: Option<String>,
    /// Modification date (UTC).
    pub modified_gmt: Option<String>,
    /// The title as rendered HTML.
    pub title_html: String,
    /// The body as rendered HTML (`content.rendered`).
    pub content_html: String,
    /// The excerpt as rendered HTML.
    pub excerpt_html: String,
    /// Whether the content is password-protected (its HTML is then empty).
    pub protected: bool,
    /// The author.
    pub author: Option<Author>,
    /// Categories.
    pub categories: Vec<Term>,
    /// Tags.
    pub tags: Vec<Term>,
    /// The featured image.
    pub featured_image: Option<Image>,
    /// FAQ entries declared in the post's SEO metadata (Yoast's `yoast_head_json` schema).
    pub schema_faq: Vec<FaqEntry>,
    /// The post's comments (read from a saved page's comment thread).
    pub comments: Vec<crate::article::Comment>,
    /// Where and how the post was found in a saved page; `None` for REST and WXR posts.
    pub page: Option<Box<crate::article::PageInfo>>,
    /// Oddities met while reading the post (they go into the article's `warnings`).
    pub warnings: Vec<String>,
    /// Whether `content_html` is rendered HTML (REST `content.rendered`) or raw post content
    /// as stored in the database (WXR exports: block comments, shortcodes, no paragraphs).
    pub format: ContentFormat,
    /// A saved page not read yet: readers leave the costly part (decoding, parsing the whole
    /// page, locating the post) to [`Record::prepare`](crate::Record::prepare), which batch
    /// callers run on their workers.
    pub(crate) unread: Option<Box<crate::input::page::UnreadPage>>,
    /// A saved page's post body as the page stage parsed it, so that the cleaner does not
    /// parse again the HTML written from it (used only while `content_html` is unchanged).
    pub(crate) parsed: Option<Box<crate::input::page::ParsedBody>>,
}

/// What kind of HTML a post's content holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum ContentFormat {
    /// What WordPress sends to browsers (`content.rendered`): ready to clean.
    #[default]
    Rendered,
    /// Raw `post_content` (WXR `content:encoded`): Gutenberg block comments, shortcodes and
    /// classic-editor text without paragraphs, which wpclean renders first the way WordPress
    /// does (`wpautop`, core shortcodes).
    Raw,
}

impl Post {
    /// A post made of bare HTML, with the page URL used to resolve relative links.
    ///
    /// ```
    /// let post = wpclean::Post::from_html("<p>Hello</p>", Some("https://example.com/hello/"));
    /// assert_eq!(post.link.as_deref(), Some("https://example.com/hello/"));
    /// ```
    pub fn from_html(html: impl Into<String>, link: Option<&str>) -> Post {
        Post {
            content_html: html.into(),
            link: link.map(str::to_string),
            ..Post::default()
        }
    }

    /// The post of a whole saved WordPress page (as the site served it: theme, menus,
    /// sidebars, comments and all), found with WordPress's own markers, with the metadata
    /// and comments the page holds. `url` is the page's address.
    ///
    /// ```
    /// let html = r#"<!DOCTYPE html><html lang="en"><head><title>Hi | Site</title></head>
    ///   <body class="single single-post postid-7 wp-theme-twentytwentyone">
    ///   <nav>Home · About</nav>
    ///   <article id="post-7" class="post-7 post type-post hentry">
    ///     <h1 class="entry-title">Hi</h1>
    ///     <div class="entry-content"><p>The article.</p></div>
    ///   </article>
    ///   <footer>© Site</footer></body></html>"#;
    /// let post = wpclean::Post::from_page(html, Some("https://example.com/hi/"));
    /// assert_eq!(post.id, Some(7));
    /// let article = wpclean::Extractor::new(&wpclean::Options::default())?.extract(&post);
    /// assert_eq!(article.title, "Hi");
    /// assert_eq!(article.text, "The article.");
    /// assert_eq!(article.page.unwrap().container, "entry-content");
    /// # Ok::<(), wpclean::Error>(())
    /// ```
    pub fn from_page(html: &str, url: Option<&str>) -> Post {
        crate::input::page::read_page(html, url, None, &crate::Limits::default())
    }

    /// [`Post::from_page`] for a page as bytes, in whatever encoding the site served it:
    /// decoded in the HTML Standard's order (a byte-order mark, the HTTP `Content-Type`
    /// header's charset when given, the `<meta>` charset, detection), the encoding used
    /// reported in the article's `page.encoding`.
    ///
    /// ```
    /// // "Привет" in windows-1251, declared only by the page's <meta>.
    /// let mut html = b"<!DOCTYPE html><html><head><meta charset=\"windows-1251\"></head>\
    ///     <body class=\"single postid-3\"><article class=\"post-3\"><div class=\"entry-content\"><p>".to_vec();
    /// html.extend_from_slice(&[0xCF, 0xF0, 0xE8, 0xE2, 0xE5, 0xF2]);
    /// html.extend_from_slice(b"</p></div></article></body></html>");
    /// let post = wpclean::Post::from_page_bytes(&html, None, None);
    /// let article = wpclean::Extractor::new(&wpclean::Options::default())?.extract(&post);
    /// assert_eq!(article.text, "Привет");
    /// assert_eq!(article.page.unwrap().encoding.as_deref(), Some("windows-1251"));
    /// # Ok::<(), wpclean::Error>(())
    /// ```
    pub fn from_page_bytes(bytes: &[u8], url: Option<&str>, content_type: Option<&str>) -> Post {
        crate::input::page::read_page_bytes(bytes, url, content_type, &crate::Limits::default())
    }

    /// Whether this post is a saved page a reader has not read yet (see
    /// [`Record::prepare`](crate::Record::prepare)).
    pub fn is_unread(&self) -> bool {
        self.unread.is_some()
    }

    /// The post itself: a saved page left unread by its reader is read now (its metadata,
    /// comments and body found in it); any other post is given back as it is.
    pub fn read(self) -> Post {
        self.read_within(&crate::Limits::default())
    }

    /// [`Post::read`], the page parsed within `limits` (its nesting and element counts).
    pub fn read_within(self, limits: &crate::Limits) -> Post {
        match self.unread {
            Some(page) => page.read(limits),
            None => self,
        }
    }

    /// Reads one post object from REST API JSON.
    ///
    /// ```
    /// let post = wpclean::Post::from_json(r#"{"id": 7, "title": {"rendered": "Hi &amp; bye"},
    ///     "content": {"rendered": "<p>Body</p>"}}"#).unwrap();
    /// assert_eq!(post.id, Some(7));
    /// ```
    pub fn from_json(json: &str) -> Result<Post> {
        let json = json.strip_prefix('\u{feff}').unwrap_or(json);
        let wire: Wire<'_> = serde_json::from_str(json).map_err(|e| {
            let offset = line_col_to_offset(json, e.line(), e.column());
            Error::from(e).at(crate::Location::new().with_offset(offset as u64))
        })?;
        Post::from_wire(wire)
    }

    /// Builds a post from its fields as read from JSON (see [`wire`]).
    pub(crate) fn from_wire(wire: Wire<'_>) -> Result<Post> {
        let o = match wire {
            Wire::Object(o) => *o,
            Wire::Not(found) => {
                return Err(Error::new(ErrorKind::NotAPost(format!(
                    "expected a JSON object, found {found}"
                ))));
            }
        };
        let id = o.id.as_ref().and_then(Scalar::as_u64);
        if let Some(what) = not_an_article(&o) {
            return Err(
                Error::new(ErrorKind::NotAPost(what)).at(crate::Location::new().with_id(id))
            );
        }
        let protected = o
            .content
            .as_ref()
            .and_then(Field::protected)
            .unwrap_or(false);
        let string = |f: Option<Field>| f.and_then(Field::into_string);
        let rendered = |f: Option<Field>| f.map(Field::into_rendered).unwrap_or_default();
        let (categories, tags) = terms(o.categories, o.tags, o.class_list, o.embedded.terms);
        let mut post = Post {
            id,
            kind: string(o.kind),
            status: string(o.status),
            slug: string(o.slug).map(|s| percent_decode(&s)),
            link: string(o.link),
            date: date::read_local(string(o.date)),
            date_gmt: date::read_gmt(string(o.date_gmt)),
            modified: date::read_local(string(o.modified)),
            modified_gmt: date::read_gmt(string(o.modified_gmt)),
            title_html: rendered(o.title),
            content_html: rendered(o.content),
            excerpt_html: rendered(o.excerpt),
            protected,
            author: author(o.author, o.embedded.author),
            categories,
            tags,
            featured_image: o.embedded.media.and_then(featured_image),
            ..Post::default()
        };
        if let Some(schema) = o.schema {
            crate::jsonld::faq(&schema, &mut post.schema_faq);
        }
        Ok(post)
    }
}

/// Why an object is not an article: it has neither `content` nor `title` (a user, a
/// term…), or it is of a type that is not (comments also have `content`).
fn not_an_article(o: &WirePost<'_>) -> Option<String> {
    let kind = o.kind.as_ref().and_then(Field::as_str);
    if o.content.is_none() && o.title.is_none() {
        return Some(
            kind.map(|t| format!("an object of type {t:?}"))
                .unwrap_or_else(|| "an object without `content` or `title`".to_string()),
        );
    }
    kind.filter(|t| {
        matches!(
            *t,
            "comment"
                | "attachment"
                | "nav_menu_item"
                | "wp_template"
                | "wp_template_part"
                | "wp_navigation"
                | "wp_global_styles"
        )
    })
    .map(|t| format!("an object of type {t:?}"))
}

impl<'de> Deserialize<'de> for Post {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let wire = Wire::deserialize(d)?;
        Post::from_wire(wire).map_err(serde::de::Error::custom)
    }
}

pub(crate) fn line_col_to_offset(s: &str, line: usize, col: usize) -> usize {
    if line == 0 {
        return 0;
    }
    let mut offset = 0;
    for (i, l) in s.split_inclusive('\n').enumerate() {
        if i + 1 == line {
            return offset + col.saturating_sub(1).min(l.len());
        }
        offset += l.len();
    }
    s.len()
}

fn author(id: Option<Scalar<'_>>, embedded: Option<EmbeddedAuthor<'_>>) -> Option<Author> {
    let id = id.as_ref().and_then(Scalar::as_u64);
    let emb = embedded.filter(|a| !a.code);
    if id.is_none() && emb.is_none() {
        return None;
    }
    let emb = emb.unwrap_or_default();
    Some(Author {
        id: id.or_else(|| emb.id.as_ref().and_then(Scalar::as_u64)),
        name: emb
            .name
            .as_ref()
            .and_then(Scalar::as_str)
            .map(html_to_text)
            .filter(|s| !s.is_empty()),
        slug: emb
            .slug
            .as_ref()
            .and_then(Scalar::as_str)
            .map(str::to_string),
    })
}

/// Categories and tags: from `_embedded["wp:term"]` when present (ids, names, slugs), else
/// ids from `categories`/`tags` and slugs from `class_list`.
fn terms(
    cat_ids: Vec<u64>,
    tag_ids: Vec<u64>,
    classes: Vec<Cow<'_, str>>,
    embedded: Option<Vec<WireTerm<'_>>>,
) -> (Vec<Term>, Vec<Term>) {
    if let Some(embedded) = embedded {
        let mut cats = Vec::new();
        let mut tags = Vec::new();
        for t in embedded {
            let term = Term {
                id: t.id.as_ref().and_then(Scalar::as_u64),
                slug: t.slug.as_ref().and_then(Scalar::as_str).map(percent_decode),
                name: t.name.as_ref().and_then(Scalar::as_str).map(html_to_text),
            };
            match t.taxonomy.as_ref().and_then(Scalar::as_str) {
                Some("category") => cats.push(term),
                Some("post_tag") => tags.push(term),
                _ => {}
            }
        }
        if !cats.is_empty() || !tags.is_empty() {
            return (cats, tags);
        }
    }
    let slugs = |prefix: &str| -> Vec<String> {
        classes
            .iter()
            .filter_map(|c| c.strip_prefix(prefix))
            .map(percent_decode)
            .collect()
    };
    (
        pair(cat_ids, slugs("category-")),
        pair(tag_ids, slugs("tag-")),
    )
}

/// Pairs term ids with class_list slugs. Both lists come from `get_the_terms()` in the same
/// order (by name), so when their lengths agree they line up; otherwise each is kept alone
/// rather than risk a wrong pairing.
fn pair(ids: Vec<u64>, slugs: Vec<String>) -> Vec<Term> {
    if ids.len() == slugs.len() {
        ids.into_iter()
            .zip(slugs)
            .map(|(id, slug)| Term {
                id: Some(id),
                slug: Some(slug),
                name: None,
            })
            .collect()
    } else {
        ids.into_iter()
            .map(|id| Term {
                id: Some(id),
                ..Term::default()
            })
            .chain(slugs.into_iter().map(|slug| Term {
                slug: Some(slug),
                ..Term::default()
            }))
            .collect()
    }
}

fn featured_image(m: Media<'_>) -> Option<Image> {
    let src = m.source_url.as_ref().and_then(Scalar::as_str)?.to_string();
    let dim = |d: Option<Scalar<'_>>| {
        d.as_ref()
            .and_then(Scalar::as_u64)
            .and_then(|n| u32::try_from(n).ok())
    };
    Some(Image {
        src,
        alt: m
            .alt_text
            .as_ref()
            .and_then(Scalar::as_str)
            .map(html_to_text)
            .unwrap_or_default(),
        caption: Some(html_to_text(
            &m.caption.map(Field::into_rendered).unwrap_or_default(),
        ))
        .filter(|c| !c.is_empty()),
        width: dim(m.width),
        height: dim(m.height),
    })
}

/// Slugs of non-ASCII terms are percent-encoded UTF-8; decode them when that is valid.
pub(crate) fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_string();
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

#[cfg(test)]
mod tests;
