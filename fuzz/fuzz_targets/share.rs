//! Fuzzes the share-link decoder: any fragment must give a case or a
//! ShareError, never a panic; a case it gives must encode and decode again
//! to the same case.
#![no_main]

use libfuzzer_sys::fuzz_target;
use redirect_doctor_fuzz::core::share;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(case) = share::decode(&text) {
        let again = share::decode(&share::encode(&case));
        assert_eq!(again.ok(), Some(case));
    }
});
