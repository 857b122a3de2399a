//! Where themes and page builders put the post's content (`the_content()`), as rows: the
//! first row that matches inside the post's scope names the container. Each row's class is
//! the one the theme's own templates write around `the_content()`.

/// How a row matches an element.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Match {
    /// One of the element's classes is exactly this.
    Class(&'static str),
    /// An attribute has this value (`itemprop="articleBody"`).
    Attr(&'static str, &'static str),
}

/// One content container.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Container {
    /// The name reported in the article (`page.container`).
    pub name: &'static str,
    /// How it is recognised.
    pub matches: Match,
}

const fn class(name: &'static str) -> Container {
    Container {
        name,
        matches: Match::Class(name),
    }
}

/// The containers, most specific first: page builders' post-content widgets before the
/// classic `entry-content` that many of them also write around the whole template.
pub(crate) const CONTAINERS: &[Container] = &[
    // Elementor Pro's theme builder: the Post Content widget of a single-post template.
    class("elementor-widget-theme-post-content"),
    // Divi's theme builder: the Post Content module.
    class("et_pb_post_content"),
    // Beaver Themer: the post content module.
    class("fl-post-content"),
    // Bricks: the post content element.
    class("brxe-post-content"),
    // Oxygen: the inner content of a template.
    class("ct-inner-content"),
    // tagDiv (Newspaper, Newsmag): the cloud template's content block, then the classic one.
    class("tdb_single_content"),
    class("td-post-content"),
    // Thrive Theme Builder.
    class("tcb-post-content"),
    // Core block themes: the Post Content block.
    class("wp-block-post-content"),
    // Classic themes and most frameworks (Twenty*, GeneratePress, Astra, Kadence, OceanWP,
    // Neve, Genesis, Blocksy, Hello Elementor's own single template, Divi's default post).
    class("entry-content"),
    // Avada, Soledad, Impreza and many custom themes.
    class("post-content"),
    class("post_content"),
    class("single-post-content"),
    class("single-content"),
    class("article-content"),
    class("article-body"),
    class("post-body"),
    class("post-entry"),
    class("the-content"),
    class("content-inner"),
    class("blog-content"),
    // Schema.org microdata some themes write.
    Container {
        name: "itemprop=articleBody",
        matches: Match::Attr("itemprop", "articleBody"),
    },
];
