//! The few browser calls the page makes: session storage, the theme, file
//! reading, downloads and the clipboard. Natively (the UI also compiles for
//! the CLI's target) every call is a no-op, so components stay free of `cfg`.

use leptos::prelude::*;

use crate::core::CaseInput;

/// A dropped or picked file, read as text.
pub struct FileRead {
    /// The file's name.
    pub name: String,
    /// Its size in bytes.
    pub size: usize,
    /// Its text, and the encoding when not UTF-8.
    pub decoded: crate::core::file::Decoded,
    /// How many more files were dropped with it (only the first is read).
    pub others: u32,
}

impl FileRead {
    /// The status line of a file read: its name, size and encoding, the box it went to
    /// (`into`, when not the box it was dropped on) and the files dropped with it left unread.
    pub fn read_note(&self, into: Option<&str>) -> String {
        let encoding = self
            .decoded
            .encoding
            .map_or(String::new(), |e| format!(", read as {e}"));
        let into = into.map_or(String::new(), |b| format!(" into {b}"));
        format!(
            "Read {} ({}{encoding}){into}.{}",
            self.name,
            super::size(self.size),
            self.others_note()
        )
    }

    /// What the status line says after "Read NAME (SIZE…)": the files left unread.
    fn others_note(&self) -> String {
        match self.others {
            0 => String::new(),
            1 => " The other file dropped with it was not read: drop it on its own.".into(),
            n => {
                format!(" The {n} other files dropped with it were not read: drop each on its own.")
            }
        }
    }
}

/// What reading a dropped or picked file gave, or why it could not be read.
pub type FileResult = Result<FileRead, String>;

#[cfg(target_arch = "wasm32")]
mod imp {
    use super::*;
    use wasm_bindgen::JsCast;
    use web_sys::{Blob, BlobPropertyBag, File, HtmlAnchorElement, HtmlInputElement, Storage, Url};

    const INPUTS_KEY: &str = "redirect-doctor:inputs";
    const THEME_KEY: &str = "redirect-doctor:theme";

    fn session() -> Option<Storage> {
        window().session_storage().ok().flatten()
    }

    fn local() -> Option<Storage> {
        window().local_storage().ok().flatten()
    }

    pub fn load_inputs() -> Option<CaseInput> {
        let text = session()?.get_item(INPUTS_KEY).ok().flatten()?;
        serde_json::from_str(&text).ok()
    }

    pub fn save_inputs(case: &CaseInput) {
        let Some(store) = session() else { return };
        let empty = case == &CaseInput::default();
        // A quota error (megabytes in a box) means the inputs will not survive a reload; the
        // copy saved before must not come back in their place either.
        let saved = match serde_json::to_string(case) {
            Ok(text) if !empty => store.set_item(INPUTS_KEY, &text),
            _ => store.remove_item(INPUTS_KEY),
        };
        if saved.is_err() {
            let _ = store.remove_item(INPUTS_KEY);
        }
    }

    const DROPPED_KEY: &str = "redirect-doctor:evidence-dropped";

    /// The size of evidence too large to keep across a reload, left out of the saved inputs.
    pub fn save_dropped(size: Option<usize>) {
        let Some(store) = session() else { return };
        let _ = match size {
            Some(n) => store.set_item(DROPPED_KEY, &n.to_string()),
            None => store.remove_item(DROPPED_KEY),
        };
    }

    /// What [`save_dropped`] kept, read once when the page loads.
    pub fn load_dropped() -> Option<usize> {
        session()?
            .get_item(DROPPED_KEY)
            .ok()
            .flatten()?
            .parse()
            .ok()
    }

    pub fn load_theme() -> Option<String> {
        local()?.get_item(THEME_KEY).ok().flatten()
    }

    pub fn apply_theme(theme: Option<&str>) {
        if let Some(html) = document().document_element() {
            let _ = match theme {
                Some(t) => html.set_attribute("data-theme", t),
                None => html.remove_attribute("data-theme"),
            };
        }
        if let Some(store) = local() {
            let _ = match theme {
                Some(t) => store.set_item(THEME_KEY, t),
                None => store.remove_item(THEME_KEY),
            };
        }
    }

    pub fn prefers_dark() -> bool {
        window()
            .match_media("(prefers-color-scheme: dark)")
            .ok()
            .flatten()
            .is_some_and(|m| m.matches())
    }

    pub fn download(name: &str, mime: &str, text: &str) {
        let parts = js_sys::Array::of1(&text.into());
        let options = BlobPropertyBag::new();
        options.set_type(mime);
        let Ok(blob) = Blob::new_with_str_sequence_and_options(&parts, &options) else {
            return;
        };
        let Ok(url) = Url::create_object_url_with_blob(&blob) else {
            return;
        };
        if let Ok(a) = document().create_element("a") {
            let a: HtmlAnchorElement = a.unchecked_into();
            a.set_href(&url);
            a.set_download(name);
            a.click();
        }
        // The click has started the download; the URL is no longer needed.
        let _ = Url::revoke_object_url(&url);
    }

    fn read(file: File, others: u32, max: usize, done: impl Fn(FileResult) + 'static) {
        let name = file.name();
        let size = file.size();
        if size > max as f64 {
            let mb = size / 1_048_576.0;
            done(Err(format!(
                "{name} is too large ({mb:.1} MB); the limit is {} MB.",
                max >> 20
            )));
            return;
        }
        leptos::task::spawn_local(async move {
            let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await;
            done(match buffer {
                Ok(b) => {
                    let bytes = js_sys::Uint8Array::new(&b).to_vec();
                    let size = bytes.len();
                    crate::core::file::decode(&name, bytes).map(|decoded| FileRead {
                        name,
                        size,
                        decoded,
                        others,
                    })
                }
                Err(_) => Err(format!("{name} could not be read.")),
            });
        });
    }

    pub fn picked_file(ev: &leptos::ev::Event, max: usize, done: impl Fn(FileResult) + 'static) {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
        else {
            return;
        };
        if let Some(file) = input.files().and_then(|f| f.get(0)) {
            read(file, 0, max, done);
        }
        // Picking the same file again must fire `change` again.
        input.set_value("");
    }

    pub fn dropped_file(
        ev: &web_sys::DragEvent,
        max: usize,
        done: impl Fn(FileResult) + 'static,
    ) -> bool {
        let files = ev.data_transfer().and_then(|d| d.files());
        let others = files.as_ref().map_or(0, |f| f.length().saturating_sub(1));
        match files.and_then(|f| f.get(0)) {
            Some(file) => {
                read(file, others, max, done);
                true
            }
            None => false,
        }
    }

    /// Moves the keyboard to the element `id`, when a button that had it goes away.
    pub fn focus(id: &str) {
        if let Some(el) = document()
            .get_element_by_id(id)
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = el.focus();
        }
    }

    /// Files dropped on the page outside a box that takes them: read and handed to `done`
    /// instead of the browser opening the file in place of the page (and losing the case).
    pub fn on_page_drop(max: usize, done: impl Fn(FileResult) + Clone + 'static) {
        let has_files = |ev: &web_sys::DragEvent| {
            ev.data_transfer()
                .is_some_and(|d| d.types().includes(&"Files".into(), 0))
        };
        let over = window_event_listener(leptos::ev::dragover, move |ev| {
            if has_files(&ev) {
                ev.prevent_default();
            }
        });
        let drop = window_event_listener(leptos::ev::drop, move |ev| {
            // A box that reads files has taken it already.
            if ev.default_prevented() || !has_files(&ev) {
                return;
            }
            ev.prevent_default();
            dropped_file(&ev, max, done.clone());
        });
        // A page that mounts the app again (the browser tests) keeps one pair of listeners.
        on_cleanup(move || {
            over.remove();
            drop.remove();
        });
    }

    /// `use_clipboard`'s copy function and its "copied" flag. The function returns false when
    /// the page has no clipboard to write to (a page served over plain http), so the caller
    /// can say so instead of failing silently.
    #[allow(deprecated)] // the forwarding name of the same function in the micro crate
    pub fn clipboard() -> (impl Fn(&str) -> bool + Clone + 'static, Signal<bool>) {
        let leptos_use::UseClipboardReturn {
            copy,
            copied,
            is_supported,
            ..
        } = leptos_use::use_clipboard();
        let copy = move |text: &str| {
            let ok = is_supported.get_untracked();
            if ok {
                copy(text);
            }
            ok
        };
        (copy, copied)
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    use super::*;

    pub fn load_inputs() -> Option<CaseInput> {
        None
    }
    pub fn save_inputs(_: &CaseInput) {}
    pub fn save_dropped(_: Option<usize>) {}
    pub fn load_dropped() -> Option<usize> {
        None
    }
    pub fn load_theme() -> Option<String> {
        None
    }
    pub fn apply_theme(_: Option<&str>) {}
    pub fn prefers_dark() -> bool {
        false
    }
    pub fn download(_: &str, _: &str, _: &str) {}
    pub fn picked_file(_: &leptos::ev::Event, _: usize, _: impl Fn(FileResult) + 'static) {}
    pub fn dropped_file(
        _: &leptos::web_sys::DragEvent,
        _: usize,
        _: impl Fn(FileResult) + 'static,
    ) -> bool {
        false
    }
    pub fn on_page_drop(_: usize, _: impl Fn(FileResult) + Clone + 'static) {}
    pub fn focus(_: &str) {}
    pub fn clipboard() -> (impl Fn(&str) -> bool + Clone + 'static, Signal<bool>) {
        (|_: &str| false, Signal::from(false))
    }
}

pub use imp::*;
