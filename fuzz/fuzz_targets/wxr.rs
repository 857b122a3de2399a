//! A WXR export: streamed XML, raw content rendering (block comments, shortcodes, wpautop),
//! then cleaning.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let extractor = wpclean::Extractor::new(&wpclean::Options::default()).unwrap();
    let reader = wpclean::open_reader(
        Box::new(std::io::Cursor::new(data.to_vec())),
        None,
        wpclean::InputFormat::Wxr,
        1 << 20,
    )
    .unwrap();
    for record in reader.take(1000) {
        if let wpclean::Record::Post { post, .. } = record {
            let _ = extractor.extract(&post);
        }
    }
});
