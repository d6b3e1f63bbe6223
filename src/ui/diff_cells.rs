//! The aligned character diff: each cell holds a sent character above the
//! registered one, so the two strings stay aligned however the line wraps.

use leptos::either::Either;
use leptos::prelude::*;

use crate::core::diff::{Glyph, OpKind, UriDiff};

/// The most cells drawn; a longer (coarse) diff is cut with a note.
const MAX_CELLS: usize = 2000;

fn glyph(g: Option<&Glyph>, side: &'static str) -> impl IntoView {
    match g {
        Some(g) => {
            let class = if g.note.is_some() {
                format!("rd-diff__ch rd-diff__ch--{side} rd-diff__ch--noted")
            } else {
                format!("rd-diff__ch rd-diff__ch--{side}")
            };
            Either::Left(view! { <span class=class title=g.note.clone()>{g.shown.clone()}</span> })
        }
        None => Either::Right(
            view! { <span class=format!("rd-diff__ch rd-diff__ch--{side} rd-diff__ch--gap")></span> },
        ),
    }
}

/// The aligned rows of `diff`, drawn for sighted users (the text versions
/// are given to screen readers by `DiffView`).
#[component]
pub fn DiffCells(
    /// The diff to draw.
    diff: UriDiff,
) -> impl IntoView {
    let mut cells = Vec::new();
    let mut left_out = 0usize;
    for seg in &diff.segments {
        let n = seg.sent.len().max(seg.registered.len());
        for i in 0..n {
            if cells.len() >= MAX_CELLS {
                left_out += 1;
                continue;
            }
            let kind = seg.kind;
            let class = format!("rd-diff__cell rd-diff__cell--{}", kind.as_str());
            let op = (kind != OpKind::Equal).then_some(kind.as_str());
            cells.push(view! {
                <span class=class data-op=op>
                    {glyph(seg.sent.get(i), "sent")}
                    {glyph(seg.registered.get(i), "registered")}
                </span>
            });
        }
    }
    let more = (left_out > 0).then(|| {
        view! { <p class="rd-diff__more">{format!("… {left_out} more characters not drawn.")}</p> }
    });
    view! {
        <div class="rd-diff__grid" aria-hidden="true" data-testid="diff-grid">
            <span class="rd-diff__cell rd-diff__cell--labels">
                <span class="rd-diff__ch rd-diff__rowlabel">"sent"</span>
                <span class="rd-diff__ch rd-diff__rowlabel">"reg."</span>
            </span>
            {cells}
        </div>
        {more}
    }
}
