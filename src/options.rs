//! What to clean, and how.

use serde::{Deserialize, Serialize};

use crate::rules::{RuleGroup, RuleGroups, RuleRow};

/// How posts are cleaned and extracted.
///
/// Every built-in rule group is on by default. Scripts, styles and templates are always
/// removed: they are never article content.
///
/// ```
/// use wpclean::{Options, RuleGroup};
///
/// let options = Options::default()
///     .without(RuleGroup::Toc)
///     .drop_selector(".my-theme-promo")
///     .keep_selector(".keep-me");
/// assert!(!options.is_enabled(RuleGroup::Toc));
/// assert!(options.is_enabled(RuleGroup::Ads));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct Options {
    /// Built-in rule groups that are switched off.
    pub disabled_groups: Vec<RuleGroup>,
    /// Extra CSS selectors whose elements are removed (reported as group `custom`).
    pub drop_selectors: Vec<String>,
    /// CSS selectors whose elements are never removed by any rule.
    pub keep_selectors: Vec<String>,
    /// The caller's own rules, tried before the built-in ones (see [`RuleRow`]).
    pub rules: Vec<RuleRow>,
    /// Hosts whose `iframe`s are kept in the cleaned HTML (a host matches itself and its
    /// subdomains). Every other iframe is left out. Defaults to common video, audio and map
    /// embeds (YouTube, Vimeo, SoundCloud, Spotify, TED, Dailymotion, Google, Twitch).
    ///
    /// The host compared is the one a browser loads the iframe from (WHATWG URL parsing:
    /// `https://evil.example\@www.youtube.com/` is from `evil.example`). Entries are host names
    /// in any case, Unicode or punycode (`bücher.example`, `xn--bcher-kva.example`), or IP
    /// addresses (`[::1]`); a URL stands for its host, and an entry that is none of these
    /// matches nothing.
    pub iframe_hosts: Vec<String>,
    /// Size and nesting limits.
    pub limits: crate::Limits,
    /// The post statuses that are published: posts with another status are skipped by
    /// [`Extractor::skip_reason`](crate::Extractor::skip_reason) (and so by the command line
    /// and every batch reader). `None` admits every status. Default: `publish` only, which
    /// is what a site shows to strangers. A post without a status (REST responses to
    /// anonymous clients only hold published posts, and many scrapes drop the field) counts
    /// as published.
    pub statuses: Option<Vec<String>>,
    /// Whether password-protected posts keep their content. Default `false`: their text,
    /// Markdown, HTML, sections and everything extracted from the body are left empty, and
    /// the article's `warnings` say why.
    pub include_protected: bool,
    /// Whether saved pages that are not one article (archives, blog indexes, search results,
    /// 404s, attachment pages) are cleaned too. Default `false`: they are skipped by
    /// [`Extractor::skip_reason`](crate::Extractor::skip_reason) with the page kind as the
    /// reason (`page kind: category archive`).
    pub all_page_kinds: bool,
    /// Whether a page's comment thread also goes into the article's text, Markdown, headings
    /// and sections (so into search records), as a "Comments" section after the post.
    /// Default `false`: comments are only in [`Article::comments`](crate::Article::comments).
    pub include_comments: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            disabled_groups: Vec::new(),
            drop_selectors: Vec::new(),
            keep_selectors: Vec::new(),
            rules: Vec::new(),
            iframe_hosts: crate::safety::DEFAULT_IFRAME_HOSTS
                .iter()
                .map(|h| h.to_string())
                .collect(),
            limits: crate::Limits::default(),
            statuses: Some(vec!["publish".to_string()]),
            include_protected: false,
            all_page_kinds: false,
            include_comments: false,
        }
    }
}

impl Options {
    /// Switches a built-in rule group off.
    pub fn without(mut self, group: RuleGroup) -> Self {
        if !self.disabled_groups.contains(&group) {
            self.disabled_groups.push(group);
        }
        self
    }

    /// Adds a CSS selector whose elements are removed.
    pub fn drop_selector(mut self, selector: impl Into<String>) -> Self {
        self.drop_selectors.push(selector.into());
        self
    }

    /// Adds a CSS selector whose elements are kept whatever the rules say.
    pub fn keep_selector(mut self, selector: impl Into<String>) -> Self {
        self.keep_selectors.push(selector.into());
        self
    }

    /// Adds a rule of the caller's, tried after the ones added before it (see [`RuleRow`]).
    pub fn rule(mut self, row: RuleRow) -> Self {
        self.rules.push(row);
        self
    }

    /// Adds rules of the caller's, in order (see [`RuleRow`]).
    ///
    /// ```
    /// use wpclean::{Options, RuleAction, RuleMatch, RuleRow};
    ///
    /// let options = Options::default().rules([
    ///     RuleRow::new("promo", RuleMatch::Class("promo".into())),
    ///     RuleRow::new("pull-quote", RuleMatch::Class("pull".into())).action(RuleAction::Unwrap),
    /// ]);
    /// assert_eq!(options.rules.len(), 2);
    /// ```
    pub fn rules(mut self, rows: impl IntoIterator<Item = RuleRow>) -> Self {
        self.rules.extend(rows);
        self
    }

    /// Replaces the hosts whose iframes are kept.
    ///
    /// ```
    /// let options = wpclean::Options::default().iframe_hosts(["player.example.org"]);
    /// assert_eq!(options.iframe_hosts, vec!["player.example.org"]);
    /// ```
    pub fn iframe_hosts<I, S>(mut self, hosts: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.iframe_hosts = hosts.into_iter().map(Into::into).collect();
        self
    }

    /// Sets the post statuses that are published (see [`Options::statuses`]).
    ///
    /// ```
    /// let options = wpclean::Options::default().statuses(["publish", "future"]);
    /// assert!(options.admits_status(Some("future")));
    /// assert!(!options.admits_status(Some("draft")));
    /// assert!(options.admits_status(None));
    /// ```
    pub fn statuses<I, S>(mut self, statuses: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.statuses = Some(statuses.into_iter().map(Into::into).collect());
        self
    }

    /// Admits posts of every status (drafts, private, trashed…).
    ///
    /// ```
    /// assert!(wpclean::Options::default().any_status().admits_status(Some("private")));
    /// ```
    pub fn any_status(mut self) -> Self {
        self.statuses = None;
        self
    }

    /// Keeps the content of password-protected posts (see [`Options::include_protected`]).
    pub fn include_protected(mut self, yes: bool) -> Self {
        self.include_protected = yes;
        self
    }

    /// Cleans saved pages of every kind, archives and search results included (see
    /// [`Options::all_page_kinds`]).
    pub fn all_page_kinds(mut self, yes: bool) -> Self {
        self.all_page_kinds = yes;
        self
    }

    /// Puts a page's comments into the text, Markdown and sections too (see
    /// [`Options::include_comments`]).
    pub fn include_comments(mut self, yes: bool) -> Self {
        self.include_comments = yes;
        self
    }

    /// Whether a post with this status is published under these options (no status counts
    /// as `publish`).
    pub fn admits_status(&self, status: Option<&str>) -> bool {
        status_admitted(self.statuses.as_deref(), status)
    }

    /// Whether a rule group is on.
    pub fn is_enabled(&self, group: RuleGroup) -> bool {
        !self.disabled_groups.contains(&group)
    }

    /// The built-in rule groups that are on.
    pub fn enabled_groups(&self) -> RuleGroups {
        RuleGroups::ALL
            .iter()
            .filter(|&g| self.is_enabled(g))
            .collect()
    }
}

/// Whether `status` is in `list` (`None`: every status); no status counts as `publish`.
pub(crate) fn status_admitted(list: Option<&[String]>, status: Option<&str>) -> bool {
    let Some(list) = list else { return true };
    let status = status
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .unwrap_or("publish");
    list.iter().any(|s| s.eq_ignore_ascii_case(status))
}
