//! Fuzzes the callback reader: any text must be read without a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use redirect_doctor_fuzz::core::callback;

fuzz_target!(|data: &[u8]| {
    // Invalid UTF-8 becomes U+FFFD, so every input reaches the reader.
    let text = String::from_utf8_lossy(data);
    let _ = callback::read(&text);
});
