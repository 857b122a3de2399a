//! The named groups of rules, and sets of them (the groups an extractor has switched on).

use std::fmt;

use serde::{Deserialize, Serialize};

/// A named group of built-in cleaning rules. Each can be switched off in
/// [`Options`](crate::Options).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum RuleGroup {
    /// Ad containers and ad scripts: AdSense, Quick Adsense, Ad Inserter, WP QUADS,
    /// Advanced Ads, Ezoic, WordAds, Raptive/AdThrive, Mediavine, Google Publisher Tag slots.
    Ads,
    /// Table-of-contents widgets (the box; the anchors they put into headings are kept).
    Toc,
    /// Share bars and social buttons (Jetpack, AddToAny, Heateor, …).
    Social,
    /// Related-post boxes (Jetpack, YARPP, Contextual Related Posts, …).
    Related,
    /// Newsletter sign-ups and forms (Mailchimp for WP, MailPoet, Jetpack subscriptions,
    /// Contact Form 7, any `form`).
    Forms,
    /// Content nobody sees: elements hidden by inline style or the `hidden` attribute,
    /// `noscript` duplicates, zero-size spacers, and wrappers left empty by removals.
    Hidden,
    /// Theme and plugin furniture that is not the article: author boxes, post navigation,
    /// comment prompts, ad labels, "read more" teasers.
    Boilerplate,
}

impl RuleGroup {
    /// The group at this place in the order they are reported (the order they are declared
    /// in), or `None` past the last.
    const fn at(index: u8) -> Option<RuleGroup> {
        Some(match index {
            0 => RuleGroup::Ads,
            1 => RuleGroup::Toc,
            2 => RuleGroup::Social,
            3 => RuleGroup::Related,
            4 => RuleGroup::Forms,
            5 => RuleGroup::Hidden,
            6 => RuleGroup::Boilerplate,
            _ => return None,
        })
    }

    const fn bit(self) -> u8 {
        1 << self as u8
    }

    /// The group's name as it appears in [`Removal::group`](crate::Removal::group).
    pub fn name(self) -> &'static str {
        match self {
            RuleGroup::Ads => "ads",
            RuleGroup::Toc => "toc",
            RuleGroup::Social => "social",
            RuleGroup::Related => "related",
            RuleGroup::Forms => "forms",
            RuleGroup::Hidden => "hidden",
            RuleGroup::Boilerplate => "boilerplate",
        }
    }

    /// Parses a group name as written by [`RuleGroup::name`].
    pub fn from_name(name: &str) -> Option<RuleGroup> {
        RuleGroups::ALL.iter().find(|g| g.name() == name)
    }
}

/// Rule groups, including the ones that cannot be switched off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Group {
    Builtin(RuleGroup),
    /// `script`, `style`, `template`: never content, always removed.
    Scripts,
    /// The caller's drop selectors and rules without a group.
    Custom,
}

impl Group {
    pub fn name(self) -> &'static str {
        match self {
            Group::Builtin(g) => g.name(),
            Group::Scripts => "scripts",
            Group::Custom => "custom",
        }
    }
}

/// A set of [`RuleGroup`]s, such as the groups that are switched on.
///
/// ```
/// use wpclean::{RuleGroup, RuleGroups};
///
/// let on = RuleGroups::ALL.without(RuleGroup::Toc);
/// assert!(on.contains(RuleGroup::Ads) && !on.contains(RuleGroup::Toc));
/// assert_eq!(RuleGroups::ALL.iter().next(), Some(RuleGroup::Ads));
/// assert_eq!(on.iter().count(), 6);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct RuleGroups(u8);

impl RuleGroups {
    /// No group.
    pub const NONE: RuleGroups = RuleGroups(0);

    /// Every group.
    pub const ALL: RuleGroups = {
        let mut bits = 0;
        let mut i = 0;
        while let Some(g) = RuleGroup::at(i) {
            bits |= g.bit();
            i += 1;
        }
        RuleGroups(bits)
    };

    /// Whether `group` is in the set.
    pub const fn contains(self, group: RuleGroup) -> bool {
        self.0 & group.bit() != 0
    }

    /// The set with `group` added.
    #[must_use]
    pub const fn with(self, group: RuleGroup) -> RuleGroups {
        RuleGroups(self.0 | group.bit())
    }

    /// The set with `group` taken out.
    #[must_use]
    pub const fn without(self, group: RuleGroup) -> RuleGroups {
        RuleGroups(self.0 & !group.bit())
    }

    /// The groups in the set, in the order they are reported.
    pub fn iter(self) -> impl Iterator<Item = RuleGroup> {
        (0u8..)
            .map_while(RuleGroup::at)
            .filter(move |&g| self.contains(g))
    }
}

impl FromIterator<RuleGroup> for RuleGroups {
    fn from_iter<I: IntoIterator<Item = RuleGroup>>(groups: I) -> Self {
        groups.into_iter().fold(RuleGroups::NONE, RuleGroups::with)
    }
}

impl fmt::Debug for RuleGroups {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_group_is_in_all_once_in_declaration_order() {
        let all: Vec<RuleGroup> = RuleGroups::ALL.iter().collect();
        assert_eq!(
            all,
            [
                RuleGroup::Ads,
                RuleGroup::Toc,
                RuleGroup::Social,
                RuleGroup::Related,
                RuleGroup::Forms,
                RuleGroup::Hidden,
                RuleGroup::Boilerplate,
            ]
        );
        for g in all {
            // A new group must be added to `RuleGroup::at` and here.
            match g {
                RuleGroup::Ads
                | RuleGroup::Toc
                | RuleGroup::Social
                | RuleGroup::Related
                | RuleGroup::Forms
                | RuleGroup::Hidden
                | RuleGroup::Boilerplate => {}
            }
            assert_eq!(RuleGroup::from_name(g.name()), Some(g));
        }
        assert_eq!(
            RuleGroups::ALL.iter().collect::<RuleGroups>(),
            RuleGroups::ALL
        );
        assert_eq!(RuleGroups::NONE.iter().count(), 0);
    }
}
