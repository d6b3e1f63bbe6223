//! Fuzzes the evidence reader (HAR and sign-in log exports): any text must
//! be read without a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use redirect_doctor_fuzz::core::evidence;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = evidence::read(&text);
});
