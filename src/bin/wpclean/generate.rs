//! Commands that describe wpclean itself: shell completions, the man page, and the JSON
//! Schema of the output, each derived from the definitions it describes.

use std::io::Write;

use anyhow::Context as _;
use clap::CommandFactory as _;

use crate::args::{Cli, SchemaKind};

pub fn completions(shell: clap_complete::Shell, out: &mut impl Write) {
    clap_complete::generate(shell, &mut Cli::command(), "wpclean", out);
}

pub fn man(out: &mut impl Write) -> anyhow::Result<()> {
    clap_mangen::Man::new(Cli::command())
        .render(out)
        .context("writing the man page")
}

/// The JSON Schema (draft 2020-12) of what wpclean writes: every field is present in the
/// output, so every field is required.
pub fn schema(kind: SchemaKind, out: &mut impl Write) -> anyhow::Result<()> {
    let generator = schemars::generate::SchemaSettings::draft2020_12()
        .for_serialize()
        .into_generator();
    let schema = match kind {
        SchemaKind::Article => generator.into_root_schema_for::<wpclean::Article>(),
        SchemaKind::Record => generator.into_root_schema_for::<wpclean::IndexRecord>(),
    };
    serde_json::to_writer_pretty(&mut *out, &schema)?;
    out.write_all(b"\n")?;
    Ok(())
}
