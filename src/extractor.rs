//! [`Extractor`]: one post in, one article out, through the passes of the engine (see the
//! README's "How it works"): clean (`clean`), extract (`extract`), render (`render`).

use crate::article::FaqEntry;
use crate::clean::Cleaned;
use crate::{
    Article, ContentFormat, Limits, Options, Post, Record, Removal, Result, SkipReason, clean,
    date, dom, extract, input, jsonld, limits, options, render, text,
};

/// Not part of the API (hidden, may change): checks the engine's properties P1 and P2 on one
/// body of HTML (see `src/clean/check.rs`), for the `html` fuzz target.
pub fn engine_properties(html: &str, options: &Options) -> Result<std::result::Result<(), String>> {
    let cleaner = clean::Cleaner::new(options)?;
    let base = Url::parse("https://example.com/post/").ok();
    Ok(clean::check::properties(&cleaner, html, base.as_ref()))
}

use url::Url;

/// Cleans and extracts posts with one set of compiled [`Options`].
///
/// ```
/// use wpclean::{Extractor, Options, Post};
///
/// let extractor = Extractor::new(&Options::default().drop_selector(".promo"))?;
/// let post = Post::from_html(
///     "<p>Kept.</p><div class=\"promo\">Buy now</div>",
///     Some("https://example.com/p/"),
/// );
/// let article = extractor.extract(&post);
/// assert_eq!(article.text, "Kept.");
/// assert_eq!(article.removed[0].group, "custom");
/// # Ok::<(), wpclean::Error>(())
/// ```
#[derive(Debug)]
pub struct Extractor {
    cleaner: clean::Cleaner,
    limits: Limits,
    statuses: Option<Vec<String>>,
    include_protected: bool,
    all_page_kinds: bool,
    include_comments: bool,
}

impl Extractor {
    /// Compiles the options (fails only on an invalid CSS selector).
    pub fn new(options: &Options) -> Result<Extractor> {
        Ok(Extractor {
            cleaner: clean::Cleaner::new(options)?,
            limits: options.limits,
            statuses: options.statuses.clone(),
            include_protected: options.include_protected,
            all_page_kinds: options.all_page_kinds,
            include_comments: options.include_comments,
        })
    }

    /// Why this post is not published under the options ([`SkipReason::PostStatus`], which
    /// reads `status draft`; [`SkipReason::PageKind`] for a saved page that is no article),
    /// or `None` when it is. [`Extractor::extract`] cleans whatever it is given: batch readers, the command
    /// line and the Python package ask this first and count the post as skipped.
    ///
    /// ```
    /// use wpclean::{Extractor, Options, Post, SkipReason};
    ///
    /// let draft = Post::from_json(r#"{"id": 3, "status": "draft", "content": {"rendered": "<p>Soon</p>"}}"#)?;
    /// let extractor = Extractor::new(&Options::default())?;
    /// let reason = extractor.skip_reason(&draft);
    /// assert_eq!(reason, Some(SkipReason::PostStatus("draft".into())));
    /// assert_eq!(reason.unwrap().to_string(), "status draft");
    /// let everything = Extractor::new(&Options::default().any_status())?;
    /// assert_eq!(everything.skip_reason(&draft), None);
    /// # Ok::<(), wpclean::Error>(())
    /// ```
    pub fn skip_reason(&self, post: &Post) -> Option<SkipReason> {
        if post.is_unread() {
            return self.skip_reason(&post.clone().read_within(&self.limits));
        }
        if let Some(page) = &post.page
            && !page.kind.is_article()
            && !self.all_page_kinds
        {
            return Some(SkipReason::PageKind(page.kind));
        }
        let status = post.status.as_deref();
        (!options::status_admitted(self.statuses.as_deref(), status))
            .then(|| SkipReason::PostStatus(status.unwrap_or("").trim().to_ascii_lowercase()))
    }

    /// The limits this extractor cleans within.
    pub fn limits(&self) -> Limits {
        self.limits
    }

    /// Reads a saved page a reader left unread ([`Record::prepare`]) within this
    /// extractor's limits, so that `--max-depth` and `--max-elements` bound the whole page's
    /// parse too, not only its post's.
    pub fn prepare(&self, record: &mut Record) {
        record.prepare_within(&self.limits);
    }

    /// Cleans one post and extracts its article.
    pub fn extract(&self, post: &Post) -> Article {
        if post.is_unread() {
            return self.extract(&post.clone().read_within(&self.limits));
        }
        let mut article = self.extract_content(
            post,
            post.warnings.clone(),
            post.schema_faq.clone(),
            post.parsed.clone(),
        );
        article.kind = post.kind.clone();
        article.status = post.status.clone();
        article.slug = post.slug.clone();
        article.url = post.link.clone();
        article.author = post.author.clone();
        article.categories = post.categories.clone();
        article.tags = post.tags.clone();
        article.featured_image = post.featured_image.clone();
        article.comments = post.comments.clone();
        article.page = post.page.as_deref().cloned();
        article
    }

    /// [`Extractor::extract`] for a post the caller has no more use for: its metadata (slug,
    /// URL, author, terms, featured image, comments…) moves into the article instead of
    /// being copied.
    ///
    /// ```
    /// use wpclean::{Extractor, Options, Post};
    ///
    /// let post = Post::from_json(
    ///     r#"{"id": 7, "slug": "hello", "link": "https://example.com/hello/",
    ///         "title": {"rendered": "Hello"}, "content": {"rendered": "<p>Hi there.</p>"}}"#,
    /// )?;
    /// let extractor = Extractor::new(&Options::default())?;
    /// let article = extractor.extract_owned(post);
    /// assert_eq!(article.slug.as_deref(), Some("hello"));
    /// assert_eq!(article.url.as_deref(), Some("https://example.com/hello/"));
    /// assert_eq!(article.text, "Hi there.");
    /// # Ok::<(), wpclean::Error>(())
    /// ```
    pub fn extract_owned(&self, post: Post) -> Article {
        let mut post = post.read_within(&self.limits);
        let warnings = std::mem::take(&mut post.warnings);
        let schema_faq = std::mem::take(&mut post.schema_faq);
        let parsed = post.parsed.take();
        let mut article = self.extract_content(&post, warnings, schema_faq, parsed);
        article.kind = post.kind;
        article.status = post.status;
        article.slug = post.slug;
        article.url = post.link;
        article.author = post.author;
        article.categories = post.categories;
        article.tags = post.tags;
        article.featured_image = post.featured_image;
        article.comments = post.comments;
        article.page = post.page.map(|p| *p);
        article
    }

    /// Whether the post's body, excerpt and FAQ schema are withheld: they are what a
    /// password guards, left out unless the caller opted in.
    fn withheld(&self, post: &Post, warnings: &mut Vec<String>) -> bool {
        let withheld = post.protected && !self.include_protected;
        if withheld {
            warnings.push(
                "content is password-protected: withheld (opt in with `include_protected`, \
                 `--include-protected`)"
                    .to_string(),
            );
        } else if post.protected && post.content_html.trim().is_empty() {
            warnings.push("content is password-protected: no body".to_string());
        }
        withheld
    }

    /// The post's body (`body`: its content, or nothing when withheld) rendered if raw, cut
    /// to the size limit, and cleaned. A saved page's body parsed with the page (`parsed`)
    /// is not parsed again, unless cut here or edited since.
    fn clean_body(
        &self,
        post: &Post,
        body: &str,
        parsed: Option<Box<input::page::ParsedBody>>,
        page: Option<&Url>,
        warnings: &mut Vec<String>,
    ) -> Cleaned {
        let rendered;
        let content = match post.format {
            ContentFormat::Rendered => body,
            ContentFormat::Raw => {
                rendered = input::raw::render_raw(body, warnings);
                rendered.as_str()
            }
        };
        let (content, cut) = limits::cut_to_size(content, &self.limits);
        let fragment = parsed
            .filter(|_| cut.is_none() && post.format == ContentFormat::Rendered)
            .and_then(|p| p.into_fragment_for(content));
        warnings.extend(cut);
        match fragment {
            Some(f) => self.cleaner.clean_fragment(f, content, page),
            None => self.cleaner.clean(content, page),
        }
    }

    /// The article of a post that has been read, but for the metadata its callers copy or
    /// move in; `warnings` and `schema_faq` are the post's.
    fn extract_content(
        &self,
        post: &Post,
        mut warnings: Vec<String>,
        schema_faq: Vec<FaqEntry>,
        parsed: Option<Box<input::page::ParsedBody>>,
    ) -> Article {
        let page = page_url(post, &mut warnings);
        let withheld = self.withheld(post, &mut warnings);
        let body: &str = if withheld { "" } else { &post.content_html };
        let parsed = parsed.filter(|_| !withheld);
        let mut cleaned = self.clean_body(post, body, parsed, page.as_ref(), &mut warnings);
        warnings.append(&mut cleaned.warnings);
        let mut ex = extract::extract(
            &cleaned.doc,
            cleaned.root,
            page.as_ref(),
            self.limits.max_table_cells,
        );
        warnings.append(&mut ex.warnings);

        let mut faq = extract::faq::from_blocks(&ex.blocks, &ex.faq_groups, &ex.headings);
        faq_of_json_ld(&cleaned.json_ld, &mut faq, &mut warnings);
        if !withheld {
            extract::faq::merge(&mut faq, schema_faq);
        }

        // After the FAQ is read: a commenter's question is not the post's FAQ.
        if self.include_comments && !withheld {
            extract::comments::append(&mut ex, &post.comments);
        }
        let text = render::text(&ex.blocks);
        if text.is_empty() && !cleaned.removed.is_empty() && !body.trim().is_empty() {
            warnings.push(
                "no text left after cleaning: every element was removed by a rule".to_string(),
            );
        }
        let markdown = render::markdown(&ex.blocks);
        let sections = render::sections(&ex.blocks, &ex.headings, page.as_ref());
        let removed = removals(&cleaned.removed);
        let [date, date_gmt, modified, modified_gmt] = article_dates(post, &mut warnings);
        Article {
            id: post.id,
            title: text::html_to_text(&post.title_html),
            date,
            date_gmt,
            modified,
            modified_gmt,
            excerpt: if withheld {
                String::new()
            } else {
                excerpt(&post.excerpt_html)
            },
            headings: ex
                .headings
                .into_iter()
                .filter(|h| !h.text.is_empty())
                .collect(),
            faq,
            tables: ex.tables,
            links: ex.links,
            images: ex.images,
            lists: ex.lists,
            sections,
            text,
            markdown,
            html: cleaned.html(),
            removed,
            warnings,
            ..Article::default()
        }
    }
}

/// Adds the FAQ entries of the content's FAQPage JSON-LD scripts to `faq`; a script that is
/// not JSON is a warning.
fn faq_of_json_ld(scripts: &[String], faq: &mut Vec<FaqEntry>, warnings: &mut Vec<String>) {
    let mut from_ld = Vec::new();
    for script in scripts {
        match serde_json::from_str::<serde_json::Value>(script) {
            Ok(v) => jsonld::faq(&v, &mut from_ld),
            Err(e) => warnings.push(format!("unreadable JSON-LD in content: {e}")),
        }
    }
    extract::faq::merge(faq, from_ld);
}

/// What the rules removed, by group and rule, in that order.
fn removals(removed: &[(crate::rules::Rule, u32)]) -> Vec<Removal> {
    let mut removed: Vec<Removal> = removed
        .iter()
        .map(|(r, n)| Removal {
            group: r.group.name().to_string(),
            rule: r.name.to_string(),
            count: *n,
        })
        .collect();
    removed.sort_by(|a, b| (&a.group, &a.rule).cmp(&(&b.group, &b.rule)));
    removed
}

/// The post's URL, which its relative links are resolved against (a warning when it is not
/// an absolute URL).
fn page_url(post: &Post, warnings: &mut Vec<String>) -> Option<Url> {
    let page = post.link.as_deref().and_then(|l| Url::parse(l.trim()).ok());
    if post.link.is_some() && page.is_none() {
        warnings.push(format!(
            "link {:?} is not an absolute URL: relative links stay relative",
            post.link.as_deref().unwrap_or("")
        ));
    }
    page
}

/// The post's dates in their canonical form: publication and modification, local and UTC.
fn article_dates(post: &Post, warnings: &mut Vec<String>) -> [Option<String>; 4] {
    [
        article_date("date", &post.date, date::local, warnings),
        article_date("date_gmt", &post.date_gmt, date::gmt, warnings),
        article_date("modified", &post.modified, date::local, warnings),
        article_date("modified_gmt", &post.modified_gmt, date::gmt, warnings),
    ]
}

/// A date of the post in its canonical form; one that is not a date is left out, with a
/// warning naming it.
fn article_date(
    field: &str,
    raw: &Option<String>,
    canonical: fn(&str) -> Option<String>,
    warnings: &mut Vec<String>,
) -> Option<String> {
    let raw = raw.as_deref()?;
    if date::is_zero(raw) {
        return None;
    }
    let d = canonical(raw);
    if d.is_none() {
        warnings.push(format!("{field} {raw:?} is not an ISO 8601 date: left out"));
    }
    d
}

/// Cleans one post given as REST API JSON, with the given options.
pub fn extract_json(json: &str, options: &Options) -> Result<Article> {
    let post = Post::from_json(json)?;
    let extractor = Extractor::new(options)?;
    Ok(extractor.extract(&post))
}

/// The excerpt as plain text, without "read more" links and the `[…]` marker.
fn excerpt(html: &str) -> String {
    let text = text::html_to_text_with(html, |el| {
        el.tag == dom::Tag::A
            && el
                .attr("class")
                .is_some_and(|c| c.contains("more-link") || c.contains("read-more"))
    });
    let mut t = text.trim_end().to_string();
    for marker in ["[&hellip;]", "[\u{2026}]", "[...]", "\u{2026}", "..."] {
        if let Some(s) = t.strip_suffix(marker) {
            t = s.trim_end().to_string();
        }
    }
    for phrase in [
        "Continue reading",
        "Read more",
        "Read More",
        "Weiterlesen",
        "Leer más",
        "Lire la suite",
    ] {
        if let Some(i) = t.rfind(phrase)
            && t.len() - i < phrase.len() + 80
        {
            t.truncate(i);
            t = t.trim_end().to_string();
            for marker in ["[\u{2026}]", "[...]", "\u{2026}"] {
                if let Some(s) = t.strip_suffix(marker) {
                    t = s.trim_end().to_string();
                }
            }
        }
    }
    t
}

#[cfg(test)]
mod tests {
    #[test]
    fn extractor_is_send_and_sync() {
        fn assert<T: Send + Sync>() {}
        assert::<super::Extractor>();
    }
}
