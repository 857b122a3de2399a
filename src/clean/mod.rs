//! Cleaning: the post's HTML parsed into our tree, put in canonical form (a shape HTML can
//! say, see [`crate::dom::canon`]), decided in one pass ([`decide`]) and put in canonical
//! form again, edited in place throughout. What the outputs read is that tree: extraction
//! walks it and the HTML writer writes it, so what the rules measured is what is written.

pub(crate) mod attrs;
pub(crate) mod check;
mod decide;
mod first_words;
mod image_source;
mod measure;
pub(crate) use crate::rules;
mod text_rules;

use url::Url;

use crate::dom::Tag;
use crate::dom::canon;
use crate::dom::fragment::Fragment;
use crate::dom::select::Selector;
use crate::dom::sink::{Attrs, parse_fragment_within};
use crate::dom::tree::{Data, Document, NodeId};
use crate::error::{Error, ErrorKind, Result};
use crate::options::Options;
use crate::rules::{RuleGroup, RuleGroups};
use rules::Rule;

/// The compiled cleaning rules: built once, used for every post.
#[derive(Debug)]
pub(crate) struct Cleaner {
    enabled: RuleGroups,
    rules: rules::Rules,
    iframe_hosts: crate::safety::EmbedHosts,
    drop: Vec<Selector>,
    keep: Vec<Selector>,
    limits: crate::Limits,
}

/// What cleaning produced: the decided tree and what the pass found.
#[derive(Debug)]
pub(crate) struct Cleaned {
    pub doc: Document,
    /// The element holding the content.
    pub root: NodeId,
    pub removed: Vec<(Rule, u32)>,
    /// Oddities of the content worth telling the author (a link that cannot be followed…).
    pub warnings: Vec<String>,
    /// Bodies of `application/ld+json` scripts found in the content (for FAQPage).
    pub json_ld: Vec<String>,
}

impl Cleaned {
    /// The cleaned HTML.
    pub fn html(&self) -> String {
        let mut out = String::new();
        crate::dom::write::write_html(&self.doc, self.root, &mut out);
        out
    }
}

fn compile(selectors: &[String]) -> Result<Vec<Selector>> {
    selectors
        .iter()
        .map(|s| {
            Selector::parse(s).map_err(|e| {
                Error::new(ErrorKind::Selector {
                    selector: s.clone(),
                    reason: e.to_string(),
                })
            })
        })
        .collect()
}

impl Cleaner {
    pub fn new(options: &Options) -> Result<Self> {
        let enabled = options.enabled_groups();
        Ok(Cleaner {
            enabled,
            rules: rules::Rules::new(&options.rules, enabled)?,
            iframe_hosts: crate::safety::EmbedHosts::new(&options.iframe_hosts),
            drop: compile(&options.drop_selectors)?,
            keep: compile(&options.keep_selectors)?,
            limits: options.limits,
        })
    }

    /// Parses `html` and decides it: see the module's documentation.
    pub fn clean(&self, html: &str, base: Option<&Url>) -> Cleaned {
        // User selectors may ask for any attribute; the built-in rules read only a few.
        let (doc, cut) =
            parse_fragment_within(html, self.attrs(), crate::limits::bounds(&self.limits));
        let cut = cut.map(|c| crate::limits::cut_warning(&c, &self.limits));
        self.clean_parsed(doc, html, cut, base)
    }

    /// [`Cleaner::clean`] for content parsed already: a saved page's post, carried from the
    /// page's parse as a [`Fragment`] whose written HTML is `html`.
    pub fn clean_fragment(&self, fragment: Fragment, html: &str, base: Option<&Url>) -> Cleaned {
        self.clean_parsed(fragment.into_document(self.attrs()), html, None, base)
    }

    /// The attributes the tree must keep: those the built-in rules and outputs read, or all
    /// of them when the caller's selectors or rules may match any.
    fn attrs(&self) -> Attrs {
        if self.keep.is_empty() && self.drop.is_empty() && !self.rules.needs_all_attributes() {
            Attrs::Needed
        } else {
            Attrs::All
        }
    }

    /// The passes over a parsed fragment (`html` its HTML, `cut` the warning of a limit its
    /// parse hit).
    fn clean_parsed(
        &self,
        mut doc: Document,
        html: &str,
        cut: Option<String>,
        base: Option<&Url>,
    ) -> Cleaned {
        let root = doc
            .first_child(NodeId::ROOT)
            .expect("a fragment parse has an <html> element holding the content");
        let marked = if self.on(RuleGroup::Ads) && names_quick_adsense(html) {
            quick_adsense_marks(&doc, root)
        } else {
            Vec::new()
        };
        canon::shape(&mut doc, root, canon::Foreign::Keep);
        let outcome = decide::run(self, &mut doc, root, base, &marked);
        // The pass keeps text merged and, with the hidden group on, leaves nothing empty:
        // the canonical form needs another look only after unwrapping elements that hold
        // elements, or to leave out the empty wrappers the pass was asked to keep.
        if outcome.reshape || !self.on(RuleGroup::Hidden) {
            canon::canonicalise(&mut doc, root);
        }
        let mut warnings: Vec<String> = cut.into_iter().collect();
        warnings.extend(outcome.warnings);
        Cleaned {
            doc,
            root,
            removed: outcome.removed,
            warnings,
            json_ld: outcome.json_ld,
        }
    }

    fn on(&self, group: RuleGroup) -> bool {
        self.enabled.contains(group)
    }

    fn on_rule(&self, rule: Rule) -> bool {
        match rule.group {
            rules::Group::Builtin(g) => self.on(g),
            _ => true,
        }
    }
}

/// Whether the source may hold Quick Adsense's marker comment (a cheap byte search before
/// any walk for it).
fn names_quick_adsense(html: &str) -> bool {
    let finder = |n: &str| memchr::memmem::find(html.as_bytes(), n.as_bytes()).is_some();
    finder("uick Adsense") || finder("uick adsense") || finder("UICK ADSENSE")
}

/// Legacy Quick Adsense writes no class: only a comment before the ad's div names it.
fn quick_adsense_marks(doc: &Document, root: NodeId) -> Vec<NodeId> {
    doc.descendants(root)
        .filter(|&n| {
            matches!(&doc.node(n).data, Data::Comment(c)
                if c.to_ascii_lowercase().contains("quick adsense wordpress plugin"))
        })
        .filter_map(|n| {
            doc.next_siblings(n)
                .find(|&s| doc.element(s).is_some_and(|e| e.tag == Tag::Div))
        })
        .collect()
}

#[cfg(test)]
mod tests;
