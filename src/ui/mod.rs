//! The page: renders what the core returns, and nothing more. Every
//! diagnosis comes from `core::analyze`; components only lay it out.

mod app;
mod audience_select;
mod component_table;
mod copy_button;
mod diff_cells;
mod diff_view;
mod evidence_panel;
mod example_picker;
mod export_button;
mod finding_card;
mod finding_list;
mod hex_view;
mod input_panel;
mod registered_list;
mod share_open;
mod share_slot;
mod text_field;
mod theme_toggle;
mod verdict_banner;

pub mod examples;
pub mod state;
mod web;

pub use app::App;

/// A size in KB or MB, as the page words it. Integer arithmetic: formatting
/// a float would add the float printer (10 KB) to the page for this label.
fn size(bytes: usize) -> String {
    if bytes >= 1 << 20 {
        // Tenths of a MB, rounded half up.
        let tenths = (bytes as u64 * 10 + (1 << 19)) >> 20;
        format!("{}.{} MB", tenths / 10, tenths % 10)
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}
