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

/// Reads the body classes (the `class` attribute of `<body>`).
pub(crate) fn read(classes: &str) -> Markers {
    let mut m = Markers {
        kind: PageKind::Unknown,
        id: None,
        post_type: None,
        theme: None,
    };
    let mut single = false;
    let mut page = false;
    let mut listing = None;
    for c in classes.split_ascii_whitespace() {
        let number = |prefix: &str| c.strip_prefix(prefix).and_then(|n| n.parse::<u64>().ok());
        if let Some(n) = number("postid-") {
            m.id = Some(n);
            single = true;
        } else if let Some(n) = number("page-id-") {
            m.id = Some(n);
            page = true;
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
            let kind = match c {
                "single" => {
                    single = true;
                    None
                }
                "page" => {
                    page = true;
                    None
                }
                "attachment" => Some(PageKind::Attachment),
                "category" => Some(PageKind::Category),
                "tag" => Some(PageKind::Tag),
                "author" => Some(PageKind::Author),
                "date" => Some(PageKind::Date),
                "archive" | "post-type-archive" | "tax" => Some(PageKind::Archive),
                "search" | "search-results" | "search-no-results" => Some(PageKind::Search),
                "home" | "blog" => Some(PageKind::Home),
                "error404" => Some(PageKind::NotFound),
                _ => None,
            };
            // The most specific listing class wins: `archive category` is a category.
            if let Some(k) = kind
                && (listing.is_none() || listing == Some(PageKind::Archive))
            {
                listing = Some(k);
            }
        }
    }
    if m.kind == PageKind::Attachment {
        m.post_type = Some("attachment".to_string());
        return m;
    }
    // A static front page is `home page page-id-N`: one article, not the blog index.
    m.kind = if page && m.id.is_some() {
        PageKind::Page
    } else if single {
        PageKind::Single
    } else if let Some(k) = listing {
        k
    } else if page {
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
