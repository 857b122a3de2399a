//! What WordPress writes down about a page in the classes of its `<body>`
//! (`get_body_class()`): the kind of page, the post it shows, and the theme.

use crate::article::PageKind;

/// What the body classes say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Markers {
    /// The kind of page.
    pub kind: PageKind,
    /// The post id (`postid-N`, `page-id-N`, `attachmentid-N`).
    pub id: Option<u64>,
    /// The post type: `single-{type}`, `page` for pages.
    pub post_type: Option<String>,
    /// The theme (`wp-theme-{slug}`, or the older `theme-{slug}`).
    pub theme: Option<String>,
}

/// Whether a class attribute carries another post's `post_class()` than `own`'s: a `post-M`
/// word, M a number that is not `own` (any M when the page names no id). Query loops,
/// related-post boxes and sidebars mark their posts so.
pub(crate) fn marks_other_post(class: Option<&str>, own: Option<u64>) -> bool {
    class.is_some_and(|c| {
        c.split_ascii_whitespace().any(|c| {
            c.strip_prefix("post-")
                .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
                .is_some_and(|n| own.is_none_or(|own| n.parse() != Ok(own)))
        })
    })
}

/// Reads the body classes (the `class` attribute of `<body>`).
pub(crate) fn read(classes: &str) -> Markers {
    let mut scan = BodyClasses {
        m: Markers {
            kind: PageKind::Unknown,
            id: None,
            post_type: None,
            theme: None,
        },
        single: false,
        page: false,
        listing: None,
    };
    for c in classes.split_ascii_whitespace() {
        scan.class(c);
    }
    scan.finish()
}

/// The body classes read so far.
struct BodyClasses {
    m: Markers,
    /// `single` or `postid-N`.
    single: bool,
    /// `page` or `page-id-N`.
    page: bool,
    /// The most specific listing class so far.
    listing: Option<PageKind>,
}

impl BodyClasses {
    /// One class word.
    fn class(&mut self, c: &str) {
        let m = &mut self.m;
        let number = |prefix: &str| c.strip_prefix(prefix).and_then(|n| n.parse::<u64>().ok());
        if let Some(n) = number("postid-") {
            m.id = Some(n);
            self.single = true;
        } else if let Some(n) = number("page-id-") {
            m.id = Some(n);
            self.page = true;
        } else if let Some(n) = number("attachmentid-") {
            m.id = Some(n);
            m.kind = PageKind::Attachment;
        } else if let Some(theme) = c.strip_prefix("wp-theme-") {
            m.theme = Some(theme.to_string());
        } else if let Some(theme) = c.strip_prefix("theme-")
            && m.theme.is_none()
            && !theme.is_empty()
        {
            m.theme = Some(theme.to_string());
        } else if let Some(t) = c.strip_prefix("single-")
            && !t.is_empty()
            && !t.starts_with("format-")
            && !t.contains("template")
            && !t.starts_with("post-")
            && m.post_type.is_none()
        {
            m.post_type = Some(t.to_string());
        } else {
            match c {
                "single" => self.single = true,
                "page" => self.page = true,
                _ => {
                    // The most specific listing class wins: `archive category` is a category.
                    if let Some(k) = listing_kind(c)
                        && (self.listing.is_none() || self.listing == Some(PageKind::Archive))
                    {
                        self.listing = Some(k);
                    }
                }
            }
        }
    }

    /// The page kind and post type all the classes give together.
    fn finish(self) -> Markers {
        let mut m = self.m;
        if m.kind == PageKind::Attachment {
            m.post_type = Some("attachment".to_string());
            return m;
        }
        // A static front page is `home page page-id-N`: one article, not the blog index.
        m.kind = if self.page && m.id.is_some() {
            PageKind::Page
        } else if self.single {
            PageKind::Single
        } else if let Some(k) = self.listing {
            k
        } else if self.page {
            PageKind::Page
        } else {
            PageKind::Unknown
        };
        match m.kind {
            PageKind::Page => m.post_type = Some("page".to_string()),
            PageKind::Single if m.post_type.is_none() => m.post_type = Some("post".to_string()),
            PageKind::Single => {}
            _ => m.post_type = None,
        }
        m
    }
}

/// The kind of page a listing's (or an attachment's) body class names.
fn listing_kind(class: &str) -> Option<PageKind> {
    Some(match class {
        "attachment" => PageKind::Attachment,
        "category" => PageKind::Category,
        "tag" => PageKind::Tag,
        "author" => PageKind::Author,
        "date" => PageKind::Date,
        "archive" | "post-type-archive" | "tax" => PageKind::Archive,
        "search" | "search-results" | "search-no-results" => PageKind::Search,
        "home" | "blog" => PageKind::Home,
        "error404" => PageKind::NotFound,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_single_post_gives_its_id_type_and_theme() {
        let m = read(
            "post-template-default single single-post postid-4122 single-format-standard \
             wp-custom-logo wp-embed-responsive wp-theme-generatepress right-sidebar",
        );
        assert_eq!(m.kind, PageKind::Single);
        assert_eq!(m.id, Some(4122));
        assert_eq!(m.post_type.as_deref(), Some("post"));
        assert_eq!(m.theme.as_deref(), Some("generatepress"));
    }

    #[test]
    fn a_custom_post_type_is_named_by_single_type() {
        let m = read("recipe-template-default single single-recipe postid-77 wp-theme-kadence");
        assert_eq!(m.post_type.as_deref(), Some("recipe"));
        assert_eq!(m.kind, PageKind::Single);
    }

    #[test]
    fn a_static_front_page_is_a_page_not_the_blog_index() {
        let m = read("home page-template-default page page-id-12 wp-theme-astra");
        assert_eq!(m.kind, PageKind::Page);
        assert_eq!(m.id, Some(12));
        assert!(m.kind.is_article());
        let index = read("home blog wp-theme-astra");
        assert_eq!(index.kind, PageKind::Home);
        assert!(!index.kind.is_article());
    }

    #[test]
    fn listings_take_their_most_specific_class() {
        assert_eq!(
            read("archive category category-news category-3").kind,
            PageKind::Category
        );
        assert_eq!(read("archive tag tag-tips").kind, PageKind::Tag);
        assert_eq!(read("search search-results").kind, PageKind::Search);
        assert_eq!(read("error404 wp-theme-x").kind, PageKind::NotFound);
        assert_eq!(
            read("attachment single attachmentid-9").kind,
            PageKind::Attachment
        );
        assert_eq!(read("").kind, PageKind::Unknown);
    }
}
