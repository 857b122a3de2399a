//! Accordion, toggle and FAQ blocks of the block and page-builder plugins, as one table of
//! class names: which element holds the whole accordion, which one pane, which the question
//! (often a `<button>` or a title `div`), which the answer, and which a decorative icon.
//!
//! Cleaning consults it so that no rule drops a question button or a collapsed answer (an
//! accordion's answer is hidden by its own script, it is not hidden furniture); extraction
//! consults it to make one FAQ group per pane. The markup each row describes is recorded
//! with its source in `fixtures/plugins/faq/manifest.json`.

use std::sync::LazyLock;

use rustc_hash::FxHashMap;

/// The part of an accordion a class name marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Part {
    /// The whole accordion (its panes side by side).
    Container,
    /// One question and its answer.
    Pane,
    /// The question (title, header, toggle button).
    Question,
    /// The answer panel, collapsed or not.
    Answer,
    /// An open/close marker ("+", a chevron, a letter in a box): decoration, not text.
    Icon,
}

/// One plugin's accordion markup.
pub(crate) struct Family {
    /// The name fixtures and tests use for it.
    pub name: &'static str,
    /// The block is an FAQ block: its panes are FAQ entries wherever it stands.
    pub faq: bool,
    pub container: &'static [&'static str],
    /// Empty when panes have no element of their own: a question and the answer after it
    /// are siblings in the container (Getwid's current accordion, Arconix's accordion style).
    pub pane: &'static [&'static str],
    pub question: &'static [&'static str],
    pub answer: &'static [&'static str],
    pub icon: &'static [&'static str],
}

/// Every family, one row per plugin (older markup of the same plugin in the same row).
pub(crate) const FAMILIES: &[Family] = &[
    Family {
        name: "kadence-accordion",
        faq: false,
        container: &[
            "wp-block-kadence-accordion",
            "kt-accordion-wrap",
            "kt-accordion-inner-wrap",
        ],
        pane: &["kt-accordion-pane"],
        question: &["kt-accordion-header-wrap", "kt-blocks-accordion-header"],
        answer: &["kt-accordion-panel", "kt-accordion-panel-inner"],
        icon: &["kt-blocks-accordion-icon-trigger"],
    },
    Family {
        name: "ultimate-blocks-content-toggle",
        faq: false,
        container: &["wp-block-ub-content-toggle"],
        pane: &["wp-block-ub-content-toggle-accordion"],
        question: &[
            "wp-block-ub-content-toggle-accordion-title-wrap",
            "wp-block-ub-content-toggle-accordion-title",
        ],
        answer: &["wp-block-ub-content-toggle-accordion-content-wrap"],
        icon: &[
            "wp-block-ub-content-toggle-accordion-toggle-wrap",
            "wp-block-ub-content-toggle-accordion-state-indicator",
        ],
    },
    Family {
        name: "spectra-faq",
        faq: true,
        container: &["uagb-faq__outer-wrap", "wp-block-uagb-faq"],
        pane: &["uagb-faq-child__outer-wrap", "uagb-faq-item"],
        question: &["uagb-faq-questions-button", "uagb-question"],
        answer: &["uagb-faq-content"],
        icon: &["uagb-faq-icon-wrap"],
    },
    Family {
        name: "generateblocks-accordion",
        faq: false,
        container: &["gb-accordion"],
        pane: &["gb-accordion__item"],
        question: &["gb-accordion__toggle"],
        answer: &["gb-accordion__content"],
        icon: &["gb-accordion__icon", "gb-accordion__icon-open"],
    },
    Family {
        name: "otter-accordion",
        faq: false,
        container: &["wp-block-themeisle-blocks-accordion"],
        pane: &["wp-block-themeisle-blocks-accordion-item"],
        question: &["wp-block-themeisle-blocks-accordion-item__title"],
        answer: &["wp-block-themeisle-blocks-accordion-item__content"],
        icon: &[],
    },
    Family {
        name: "stackable-accordion",
        faq: false,
        // One accordion block is one pane.
        container: &[],
        pane: &["stk-block-accordion", "ugb-accordion"],
        question: &["stk-block-accordion__heading", "ugb-accordion__heading"],
        answer: &["stk-block-accordion__content", "ugb-accordion__text"],
        icon: &["stk--svg-wrapper", "ugb-accordion__arrow"],
    },
    Family {
        name: "getwid-accordion",
        faq: false,
        container: &["wp-block-getwid-accordion", "wp-block-getwid-toggle"],
        pane: &[
            "wp-block-getwid-accordion-item",
            "wp-block-getwid-toggle__row",
        ],
        question: &[
            "wp-block-getwid-accordion__header-wrapper",
            "wp-block-getwid-accordion-item__header",
            "wp-block-getwid-toggle__header-wrapper",
        ],
        answer: &[
            "wp-block-getwid-accordion__content-wrapper",
            "wp-block-getwid-accordion-item__content",
            "wp-block-getwid-toggle__content-wrapper",
        ],
        icon: &[
            "wp-block-getwid-accordion__icon",
            "wp-block-getwid-toggle__icon",
        ],
    },
    Family {
        name: "essential-blocks-accordion",
        faq: false,
        container: &["eb-accordion-container"],
        pane: &["eb-accordion-wrapper"],
        question: &["eb-accordion-title-wrapper"],
        answer: &["eb-accordion-content-wrapper"],
        icon: &["eb-accordion-icon-wrapper"],
    },
    Family {
        name: "coblocks-accordion",
        faq: false,
        container: &["wp-block-coblocks-accordion"],
        pane: &["wp-block-coblocks-accordion-item"],
        question: &["wp-block-coblocks-accordion-item__title"],
        answer: &["wp-block-coblocks-accordion-item__content"],
        icon: &[],
    },
    Family {
        name: "core-accordion",
        faq: false,
        container: &["wp-block-accordion"],
        pane: &["wp-block-accordion-item"],
        question: &["wp-block-accordion-heading"],
        answer: &["wp-block-accordion-panel"],
        icon: &["wp-block-accordion-heading__toggle-icon"],
    },
    Family {
        name: "elementor-accordion",
        faq: false,
        container: &["elementor-accordion", "elementor-toggle", "e-n-accordion"],
        pane: &[
            "elementor-accordion-item",
            "elementor-toggle-item",
            "e-n-accordion-item",
        ],
        question: &["elementor-tab-title", "e-n-accordion-item-title"],
        answer: &["elementor-tab-content"],
        icon: &[
            "elementor-accordion-icon",
            "elementor-toggle-icon",
            "e-n-accordion-item-title-icon",
        ],
    },
    Family {
        name: "divi-toggle",
        faq: false,
        container: &["et_pb_accordion"],
        pane: &["et_pb_toggle"],
        question: &["et_pb_toggle_title"],
        answer: &["et_pb_toggle_content"],
        icon: &[],
    },
    Family {
        name: "wpbakery-toggle",
        faq: false,
        // One toggle element is one pane.
        container: &[],
        pane: &["vc_toggle"],
        question: &["vc_toggle_title"],
        answer: &["vc_toggle_content"],
        icon: &["vc_toggle_icon"],
    },
    Family {
        name: "shortcodes-ultimate-spoiler",
        faq: false,
        container: &["su-accordion"],
        pane: &["su-spoiler"],
        question: &["su-spoiler-title"],
        answer: &["su-spoiler-content"],
        icon: &["su-spoiler-icon"],
    },
    Family {
        name: "easy-accordion",
        faq: false,
        container: &["sp-easy-accordion"],
        pane: &["ea-card"],
        question: &["ea-header"],
        answer: &["sp-collapse"],
        icon: &["ea-expand-icon"],
    },
    Family {
        name: "helpie-faq",
        faq: true,
        container: &["helpie-faq"],
        pane: &["accordion__item"],
        question: &["accordion__header"],
        answer: &["accordion__body"],
        // Its toggle icons are `<i aria-hidden>` icons, which cleaning drops anyway; the
        // name `accordion__toggle` is too common (other themes give it to the question).
        icon: &["accordion__title-icon"],
    },
    Family {
        name: "arconix-faq",
        faq: true,
        container: &["arconix-faq-accordion-wrap"],
        pane: &["arconix-faq-wrap"],
        question: &["arconix-faq-title", "arconix-faq-accordion-title"],
        answer: &["arconix-faq-content", "arconix-faq-accordion-content"],
        icon: &[],
    },
    Family {
        name: "ultimate-faq",
        faq: true,
        container: &["ewd-ufaq-faqs", "ewd-ufaq-faq-list"],
        pane: &["ewd-ufaq-faq-div"],
        question: &["ewd-ufaq-faq-title"],
        answer: &["ewd-ufaq-faq-body"],
        icon: &["ewd-ufaq-post-margin-symbol"],
    },
];

/// Class name → (family index, part).
static BY_CLASS: LazyLock<FxHashMap<&'static str, (u8, Part)>> = LazyLock::new(|| {
    let mut m = FxHashMap::default();
    for (i, f) in FAMILIES.iter().enumerate() {
        let i = u8::try_from(i).expect("fewer than 256 families");
        for (names, part) in [
            (f.container, Part::Container),
            (f.pane, Part::Pane),
            (f.question, Part::Question),
            (f.answer, Part::Answer),
            (f.icon, Part::Icon),
        ] {
            for &c in names {
                let old = m.insert(c, (i, part));
                assert!(old.is_none(), "class {c:?} listed twice in FAMILIES");
            }
        }
    }
    m
});

/// The accordion part a class attribute marks, with its family: the first class in the
/// table wins, except that a pane also marked as a container is a pane.
pub(crate) fn part(class: &str) -> Option<(&'static Family, Part)> {
    if class.is_empty() {
        return None;
    }
    let mut found: Option<(u8, Part)> = None;
    for c in class.split_ascii_whitespace() {
        if let Some(&(f, p)) = BY_CLASS.get(c) {
            match found {
                None => found = Some((f, p)),
                Some((_, Part::Container)) if p == Part::Pane => found = Some((f, p)),
                Some(_) => {}
            }
        }
    }
    found.map(|(f, p)| (&FAMILIES[f as usize], p))
}

/// Whether a class attribute marks an accordion part whose text is content (everything but
/// an icon): cleaning keeps such an element, and the elements inside it, however they are
/// hidden or styled as buttons.
pub(crate) fn is_content_part(class: &str) -> bool {
    part(class).is_some_and(|(_, p)| p != Part::Icon)
}

/// Whether a button's class names it the question of an accordion or FAQ of a plugin or
/// theme not in the table (`accordion-button`, `faq-question__toggle`…): such a button is
/// unwrapped, not dropped, wherever it stands.
pub(crate) fn names_a_question(class: &str) -> bool {
    class.split_ascii_whitespace().any(|c| {
        let c = c.as_bytes();
        [&b"accordion"[..], b"faq", b"question"]
            .iter()
            .any(|w| c.windows(w.len()).any(|x| x.eq_ignore_ascii_case(w)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_class_is_listed_once() {
        // Building the map asserts it.
        assert!(BY_CLASS.len() > FAMILIES.len() * 3);
    }

    #[test]
    fn parts_by_class() {
        let (f, p) = part("kt-accordion-pane kt-accordion-pane-1 kt-pane_1a2b").unwrap();
        assert_eq!((f.name, p), ("kadence-accordion", Part::Pane));
        let (f, p) = part("et_pb_module et_pb_toggle et_pb_toggle_0 et_pb_toggle_close").unwrap();
        assert_eq!((f.name, p), ("divi-toggle", Part::Pane));
        assert_eq!(part("su-spoiler-icon").unwrap().1, Part::Icon);
        assert!(part("entry-content alignwide").is_none());
        assert!(part("").is_none());
        assert!(is_content_part("gb-accordion__toggle gb-button"));
        assert!(!is_content_part("su-spoiler-icon"));
        assert!(names_a_question("accordion-button collapsed"));
        assert!(names_a_question("c-FAQ__toggle"));
        assert!(!names_a_question("menu-toggle wp-element-button"));
    }

    /// A collapsed answer is content however its accordion hides it; the same hiding
    /// elsewhere still removes the element.
    #[test]
    fn collapsed_answers_stay() {
        let html = r#"<div class="su-spoiler su-spoiler-closed"><div class="su-spoiler-title" role="button"><span class="su-spoiler-icon">+</span>Spare keys</div><div class="su-spoiler-content" hidden>Ask at the front desk.</div></div>
<div class="et_pb_module et_pb_toggle et_pb_toggle_close"><h5 class="et_pb_toggle_title">Lost property</h5><div class="et_pb_toggle_content clearfix" style="display:none" aria-hidden="true">Kept for a month.</div></div>
<div class="gb-accordion__item"><div class="gb-button-wrapper"><button class="gb-button gb-accordion__toggle">Bike racks</button></div><div class="gb-accordion__content" style="max-height:0;overflow:hidden;visibility:hidden">Beside the main door.</div></div>
<div class="theme-faq"><button class="theme-faq__question" aria-expanded="false">Who runs the café</button><div class="theme-faq__answer">Volunteers from the parish.</div></div>
<div hidden>Hidden elsewhere.</div><p>Closing line.</p><button class="wp-element-button">Subscribe</button>"#;
        let a = crate::Extractor::new(&crate::Options::default())
            .expect("extractor")
            .extract(&crate::Post::from_html(html.to_string(), None));
        for kept in [
            "Spare keys",
            "Ask at the front desk.",
            "Lost property",
            "Kept for a month.",
            "Bike racks",
            "Beside the main door.",
            "Closing line.",
            "Who runs the café",
            "Volunteers from the parish.",
        ] {
            assert!(a.text.contains(kept), "{kept:?} missing from {:?}", a.text);
        }
        assert!(!a.text.contains("Hidden elsewhere."), "{:?}", a.text);
        assert!(!a.text.contains("Subscribe"), "{:?}", a.text);
        assert!(
            !a.text.contains('+'),
            "the spoiler icon is decoration: {:?}",
            a.text
        );
        assert!(
            a.markdown
                .contains("**Spare keys**\n\nAsk at the front desk.")
        );
    }
}
