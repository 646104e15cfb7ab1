//! Config file parsing on arbitrary text: never panics, and whatever loads can be saved and
//! loaded again to the same file (save, load, save is stable).
#![no_main]

use bluehook::config;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(file) = config::parse(text) else { return };
    let saved = toml::to_string_pretty(&file).expect("a loaded config can be saved");
    let again = config::parse(&saved).expect("a saved config loads");
    assert_eq!(again.profiles, file.profiles);
    assert_eq!(again.webhook_secrets, file.webhook_secrets);
    let resaved = toml::to_string_pretty(&again).expect("saves again");
    assert_eq!(resaved, saved);
});
