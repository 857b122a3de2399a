//! The walk's lists: list items as blocks, and each outermost list (its nested lists' items
//! included) as one of the article's `lists`.

use super::elements::Open;
use super::{BlockKind, Walker};
use crate::article::List;
use crate::dom::tree::NodeId;

/// A list open in the walk.
pub(super) struct ListCtx {
    ordered: bool,
    counter: u32,
    /// Index in `lists` of the outermost list this one belongs to.
    list: usize,
}

impl Walker<'_> {
    /// `ul`, `ol` (`ordered`) or `menu`.
    pub(super) fn open_list(&mut self, i: NodeId, ordered: bool) -> Open {
        self.flush();
        let list = match self.lists.last() {
            Some(outer) => outer.list,
            None => {
                self.out.lists.push(List {
                    ordered,
                    items: Vec::new(),
                });
                self.out.lists.len() - 1
            }
        };
        let start = self
            .el(i)
            .attr("start")
            .and_then(|s| s.trim().parse::<u32>().ok())
            .unwrap_or(1);
        self.lists.push(ListCtx {
            ordered,
            counter: start.saturating_sub(1),
            list,
        });
        self.items.push(None);
        Open::List
    }

    /// An outermost list closes: its empty items go, and it goes if nothing is left.
    pub(super) fn close_list(&mut self) {
        self.flush();
        self.lists.pop();
        self.items.pop();
        if self.lists.is_empty()
            && let Some(l) = self.out.lists.last_mut()
        {
            l.items.retain(|i| !i.is_empty());
            if l.items.is_empty() {
                self.out.lists.pop();
            }
        }
    }

    pub(super) fn open_list_item(&mut self) -> Open {
        self.flush();
        if let Some(l) = self.lists.last_mut() {
            l.counter = l.counter.saturating_add(1);
            let items = &mut self.out.lists[l.list].items;
            items.push(String::new());
            let at = items.len() - 1;
            if let Some(slot) = self.items.last_mut() {
                *slot = Some(at);
            }
        }
        Open::ListItem
    }

    pub(super) fn close_list_item(&mut self) {
        self.flush();
        if let Some(slot) = self.items.last_mut() {
            *slot = None;
        }
    }

    /// Inside a list item, the kind of a block of `text`, which is added to the item;
    /// `None` elsewhere.
    pub(super) fn list_item_block(&mut self, text: &str) -> Option<BlockKind> {
        let l = self.lists.last()?;
        let at = (*self.items.last()?)?;
        let item = &mut self.out.lists[l.list].items[at];
        if !item.is_empty() {
            item.push(' ');
        }
        item.push_str(&text.replace('\n', " "));
        Some(BlockKind::ListItem {
            ordered: l.ordered,
            depth: self.lists.len().min(u8::MAX as usize) as u8,
            number: l.counter,
        })
    }
}
