//! Tells the tests whether the project's shared material (`../shared`: the real WordPress
//! corpus and the WCXB benchmark) is beside the checkout. Tests over it are marked
//! `#[cfg_attr(not(shared_corpus), ignore = "...")]`, so without it `cargo test` lists them as
//! ignored, with the reason, instead of passing them silently.

fn main() {
    println!("cargo::rustc-check-cfg=cfg(shared_corpus)");
    // Read when the script runs, not baked in when it is compiled: a compiled build script
    // may be reused by another checkout sharing the target directory.
    let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let shared = std::path::Path::new(&manifest).join("../shared/corpus");
    println!("cargo::rerun-if-changed={}", shared.display());
    if shared.is_dir() {
        println!("cargo::rustc-cfg=shared_corpus");
    } else if std::env::var_os("CI").is_some() {
        println!(
            "cargo::warning=../shared/corpus is missing: the tests over the real corpus are ignored"
        );
    }
}
