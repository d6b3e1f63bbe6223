//! redirect-doctor: why Entra ID never delivered an authorization code.

pub mod core;
pub mod ui;

#[cfg(feature = "cli")]
pub mod cli;

pub use ui::App;

/// Mounts the page on `<body>`.
pub fn mount() {
    #[cfg(target_arch = "wasm32")]
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
}
