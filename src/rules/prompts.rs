//! The text prompts as rows: short blocks that are only a prompt ("Share this:", "You might
//! also like", "Join our newsletter", "Advertisement"…), matched against a block's whole
//! text (lower-cased, whitespace collapsed, punctuation around it trimmed) when the decision
//! pass leaves the block (`clean::text_rules` compiles and runs them).
//!
//! Each row has a word cap: a real paragraph that happens to start the same way is longer
//! than the cap and stays. A pattern anchored at the start (`^…`) is tried only on a block
//! whose first word some anchored pattern starts with (the words are derived from the
//! patterns); one that is not is tried only on a block holding one of the words it `needs`.

use super::Rule;

/// What kind of prompt a short block is; some kinds also condemn their container or the list
/// after them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Prompt {
    Share,
    Follow,
    Newsletter,
    Related,
    AdLabel,
    Author,
    Comments,
    Loading,
    Appeal,
    Recipe,
    BackToTop,
    EmbedFallback,
    ShopButton,
    Toc,
    Dateline,
}

impl Prompt {
    /// The rule reported when a block is this prompt.
    pub fn rule(self) -> Rule {
        match self {
            Prompt::Share | Prompt::Follow => super::SHARE_PROMPT,
            Prompt::Newsletter => super::NEWSLETTER_PROMPT,
            Prompt::Related => super::RELATED_HEADING,
            Prompt::AdLabel => super::AD_LABEL,
            Prompt::Author => super::AUTHOR_BOX,
            Prompt::Comments => super::COMMENTS,
            Prompt::Loading => super::LOADING,
            Prompt::Appeal | Prompt::Recipe => super::APPEAL,
            Prompt::BackToTop => super::BACK_TO_TOP,
            Prompt::EmbedFallback => super::EMBED_FALLBACK,
            Prompt::ShopButton => super::BUTTON,
            Prompt::Toc => super::GENERIC_TOC,
            Prompt::Dateline => super::POST_META,
        }
    }

    /// Prompts that make a small box around them a call-to-action box.
    pub fn marks_box(self) -> bool {
        matches!(self, Prompt::Newsletter | Prompt::Follow | Prompt::Related)
    }
}

/// One text prompt rule.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct PromptRow {
    /// What a block matching it is (and so the rule reported).
    pub prompt: Prompt,
    /// The most words a block may have to match.
    pub max_words: u32,
    /// The pattern, over the block's normalised text.
    pub pattern: &'static str,
    /// For a pattern not anchored at the start: words one of which the block must hold
    /// before the pattern is tried (matched ignoring ASCII case).
    pub needs: &'static [&'static str],
}

/// Every prompt rule, in the order they are tried: the first that matches decides.
pub(crate) const PROMPTS: &[PromptRow] = &[
    PromptRow {
        prompt: Prompt::Share,
        max_words: 10,
        pattern: r"^(share|share this|share (this|the) (post|article|story|page|recipe)|share (on|via|with) [\w ]+|share this (on|with)|share post|sharing is caring|spread the word|teilen|diesen (beitrag|artikel) teilen|jetzt teilen|compartir|compartir en [\w ]+|partager|partager sur [\w ]+|condividi)$",
        needs: &[],
    },
    PromptRow {
        prompt: Prompt::Follow,
        max_words: 6,
        pattern: r"^(follow (us|me)( on [\w ]+)?|stay connected( with (us|me))?|connect with (us|me)( on [\w ]+)?|find us on [\w ]+|folge (uns|mir)( auf [\w ]+)?|síguenos( en [\w ]+)?|suivez-nous( sur [\w ]+)?)$",
        needs: &[],
    },
    PromptRow {
        prompt: Prompt::Newsletter,
        max_words: 14,
        pattern: r"^(join (our|the|my) (newsletter|mailing list|community|list)|subscribe|subscribe( now)?( to (our|the|my) (newsletter|blog|mailing list|channel|podcast|updates))?( for [\w ]+)?|sign up( now)?( for| to)? ((our|the|my) )?(newsletter|mailing list|updates)|newsletters?|get (our|the) newsletter|subscribe to (get|receive) (the latest|new|our latest) (posts|updates|articles|stories)( sent)?( (to|in) your (email|inbox))?|discover more from [\w .'&’-]+|newsletter abonnieren|suscríbete( a [\w ]+)?|abonnez-vous( à [\w ]+)?)$",
        needs: &[],
    },
    PromptRow {
        prompt: Prompt::Related,
        max_words: 8,
        pattern: r"^(related|related (posts|articles|reading|stories|content|links|guides)|you (might|may) also (like|enjoy)|other posts you (might|may) (like|enjoy)|popular posts|recent(ly)? (posts|stories|articles)( by [\w .'-]+)?|read next|keep reading|more (posts|stories|articles) (like this|from (us|the blog))|ähnliche (beiträge|artikel)|das könnte dich auch interessieren|weitere (beiträge|artikel)|artículos relacionados|entradas relacionadas|articles similaires|articles liés|leggi anche|articoli correlati)$",
        needs: &[],
    },
    PromptRow {
        prompt: Prompt::Recipe,
        max_words: 6,
        pattern: r"^pin (this|it) for later$",
        needs: &[],
    },
    PromptRow {
        prompt: Prompt::BackToTop,
        max_words: 6,
        pattern: r"^(back|return|scroll|go) to (the )?top( of (the )?page)?$",
        needs: &[],
    },
    PromptRow {
        prompt: Prompt::Dateline,
        max_words: 12,
        pattern: r"^(last )?(updated|modified|published|posted)( on)?:? ((jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}(st|nd|rd|th)?,? \d{4}|\d{1,2}(st|nd|rd|th)? (jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*,? \d{4}|\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4})( (at|@) \d{1,2}:\d{2}( ?[ap]m)?)?$",
        needs: &[],
    },
    PromptRow {
        prompt: Prompt::EmbedFallback,
        max_words: 6,
        pattern: r"^view (this )?post on (imgur(\.com)?|instagram|tiktok)$",
        needs: &[],
    },
    PromptRow {
        prompt: Prompt::ShopButton,
        max_words: 6,
        pattern: r"^(check|see|view) (the )?(current |latest |today's )?(price|prices|deal|deals)( (on|at) amazon)?$",
        needs: &[],
    },
    PromptRow {
        prompt: Prompt::Toc,
        max_words: 6,
        pattern: r"^(table of contents|contents|in this (article|post|guide))( \[?hide\]?( \[?show\]?)?)?$",
        needs: &[],
    },
    PromptRow {
        prompt: Prompt::AdLabel,
        max_words: 5,
        pattern: r"^(advertisement|advertisements|advertising|sponsored|anzeige|werbung|publicidad|publicité|pubblicità|article continues below|story continues below|continue reading below|(article|story) continues after (this )?(advertisement|ad))$",
        needs: &[],
    },
    PromptRow {
        prompt: Prompt::Author,
        max_words: 5,
        pattern: r"^(about the author|about the authors|written by [\w .'-]+|über den autor|über die autorin|sobre el autor|à propos de l'auteur)$",
        needs: &[],
    },
    PromptRow {
        prompt: Prompt::Comments,
        max_words: 5,
        pattern: r"^(\d+ comments?|leave a (reply|comment)|no comments( yet)?|join the discussion|comments|kommentare|\d+ kommentare?|comentarios|commentaires)$",
        needs: &[],
    },
    PromptRow {
        prompt: Prompt::Loading,
        max_words: 3,
        pattern: r"^(loading|please wait|lädt|cargando|chargement)$",
        needs: &[],
    },
    PromptRow {
        prompt: Prompt::Appeal,
        max_words: 70,
        pattern: r"please consider (liking|sharing|subscribing|supporting|donating|pitching in|making a (donation|gift))|small favou?r to ask|funded by readers|support (our|independent) journalism|become a (patron|member|supporter)\b|donate (now|today)",
        needs: &[
            "consider",
            "funded by",
            "journalism",
            "become a",
            "donate",
            "pitching in",
            "favor to ask",
            "favour to ask",
        ],
    },
    PromptRow {
        prompt: Prompt::Newsletter,
        max_words: 40,
        pattern: r"\b(sign up|subscribe)\b.*\bnewsletter",
        needs: &["newsletter"],
    },
    PromptRow {
        prompt: Prompt::Recipe,
        max_words: 60,
        pattern: r"did you (make|try) (this|one of (my|our)|my|our) [\w ]*recipes?|tried this recipe|leave a (star )?rating|mention @\w+",
        needs: &["recipe", "rating", "mention @"],
    },
];
