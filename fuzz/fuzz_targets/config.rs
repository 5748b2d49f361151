//! roi.toml loading on arbitrary text: an error is fine, a panic is not.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = roi::settings::Config::parse(&text, "roi.toml");
});
