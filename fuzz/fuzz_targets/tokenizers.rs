//! Any text, as a post's content and as a whole page: the tokenizer wpclean puts in front of
//! html5ever's tree builder must give the tree html5ever's own tokenizer gives.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let html = String::from_utf8_lossy(data);
    for document in [false, true] {
        if let Err(e) = wpclean::tokenizers_agree(&html, document) {
            panic!("document: {document}: {e}");
        }
    }
});
