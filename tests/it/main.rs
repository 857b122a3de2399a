//! The integration tests, as one crate: one test binary to build and link instead of one per
//! file (each linked the whole library and its dependencies: eighteen of them made `cargo
//! test` link for minutes and filled `target/` with gigabytes). Each module is what was a
//! file of its own; the command-line ones need the `cli` feature, which builds the binary
//! they run, so they are left out without it.

mod common;

mod article;
#[cfg(feature = "cli")]
mod cli;
#[cfg(feature = "cli")]
mod cli_schema;
#[cfg(feature = "cli")]
mod cli_usage;
mod corpus;
mod dates;
mod function_length;
mod hostile;
mod markdown_fidelity;
mod module_order;
mod pages;
mod plugins;
mod props;
mod real_exports;
mod records;
mod search;
mod seed;
mod selectors;
#[cfg(feature = "cli")]
mod trust;
mod wpautop;
mod xss;
