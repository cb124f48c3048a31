//! Arbitrary documents through the whole pipeline: nothing may panic or make
//! code that does not parse (an internal error), and a document that
//! generates must generate the same output twice.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let options = codegen::Options::default();
    let first = codegen::generate(text, &options);
    if let Err(e) = &first {
        let message = e.to_string();
        assert!(!message.contains("internal error"), "{message}");
    }
    if let Ok(first) = first {
        let second = codegen::generate(text, &options).expect("a document that generated once generates again");
        assert_eq!(first.files, second.files, "output differs between two runs");
        // Grouped by tag, it generates too.
        let grouped = codegen::Options {
            group_by_tag: true,
            ..codegen::Options::default()
        };
        codegen::generate(text, &grouped).expect("a document that generates also generates grouped by tag");
    }
});
