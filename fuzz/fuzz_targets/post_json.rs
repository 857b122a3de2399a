//! Post JSON, read the way the CLI reads an export (streamed, any shape), then cleaned.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let extractor = wpclean::Extractor::new(&wpclean::Options::default()).unwrap();
    let reader = wpclean::open_reader(
        Box::new(std::io::Cursor::new(data.to_vec())),
        None,
        wpclean::InputFormat::Json,
        1 << 20,
    )
    .unwrap();
    for record in reader {
        if let wpclean::Record::Post { post, .. } = record {
            let _ = extractor.extract(&post);
        }
    }
});
