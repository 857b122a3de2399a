//! The engine's two properties as checks, for the tests and the fuzz target:
//! - P1: the cleaned tree, written and parsed again (and put in canonical form), is the same
//!   tree;
//! - P2: the decision pass, run on its own result, changes nothing.
//!
//! Together they make cleaning idempotent: cleaning the output parses to the cleaned tree
//! (P1), on which the pass decides nothing new (P2).

use url::Url;

use super::{Cleaned, Cleaner, canon, decide};
use crate::dom::sink::{Attrs, parse_fragment};
use crate::dom::tree::NodeId;

/// P2: runs the decision pass again on a cleaned tree and says what changed, if anything.
pub(crate) fn second_pass_changes(
    cleaner: &Cleaner,
    cleaned: &Cleaned,
    base: Option<&Url>,
) -> Option<String> {
    let before = cleaned.doc.outline(cleaned.root);
    let mut doc = cleaned.doc.clone();
    let again = decide::run(cleaner, &mut doc, cleaned.root, base, &[]);
    canon::canonicalise(&mut doc, cleaned.root);
    let after = doc.outline(cleaned.root);
    (before != after || !again.removed.is_empty()).then(|| {
        format!(
            "removed again: {:?}\n--- first pass\n{before}--- second pass\n{after}",
            again.removed
        )
    })
}

/// P1: writes a cleaned tree, parses the HTML and puts it in canonical form, and says what
/// differs from the tree, if anything.
pub(crate) fn write_parse_changes(cleaned: &Cleaned) -> Option<String> {
    let before = cleaned.doc.outline(cleaned.root);
    let mut doc = parse_fragment(&cleaned.html(), Attrs::All);
    let root = doc.first_child(NodeId::ROOT)?;
    canon::canonicalise(&mut doc, root);
    let after = doc.outline(root);
    (before != after).then(|| format!("--- cleaned\n{before}--- written and parsed\n{after}"))
}

/// Both properties for one body of HTML, as the fuzz target checks them: `Err` says which
/// failed and how.
pub(crate) fn properties(cleaner: &Cleaner, html: &str, base: Option<&Url>) -> Result<(), String> {
    let cleaned = cleaner.clean(html, base);
    if let Some(diff) = write_parse_changes(&cleaned) {
        return Err(format!("P1 (write, parse: the same tree) fails\n{diff}"));
    }
    if let Some(diff) = second_pass_changes(cleaner, &cleaned, base) {
        return Err(format!("P2 (the pass decides nothing new) fails\n{diff}"));
    }
    Ok(())
}
