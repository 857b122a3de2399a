//! `--format parquet`: the articles as one Parquet file, with the schema of
//! `wpclean::arrow::article_schema` (the same as the Python package's `clean_arrow`).

use std::fs::File;
use std::io::{self, BufWriter, Write};

use anyhow::{Context as _, bail};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;
use wpclean::Article;

use crate::args::CleanArgs;
use crate::pipeline::pipeline;

/// Articles per Arrow batch handed to the writer.
const BATCH: usize = 512;
/// A row group is written out at this size, so memory stays bounded on any input.
const ROW_GROUP_BYTES: usize = 64 << 20;

/// Cleans every input into one Parquet file (`-o FILE`, or standard output). Failed posts
/// are reported as in the other formats and have no row, so `error` is always null here.
pub fn run(cli: &CleanArgs) -> anyhow::Result<u8> {
    if cli.out_dir.is_some() {
        bail!("--format parquet writes one file: use -o FILE instead of --out-dir");
    }
    if !cli.fields.is_empty() {
        bail!("--fields does not apply to --format parquet (every column is written)");
    }
    let out: Box<dyn Write + Send> = match &cli.output {
        Some(p) => Box::new(BufWriter::with_capacity(
            1 << 20,
            File::create(p).with_context(|| format!("creating {}", p.display()))?,
        )),
        None => Box::new(BufWriter::with_capacity(1 << 20, io::stdout())),
    };
    let props = WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .set_max_row_group_bytes(Some(ROW_GROUP_BYTES))
        .build();
    let mut writer = ArrowWriter::try_new(out, wpclean::arrow::article_schema(), Some(props))
        .context("starting the Parquet file")?;
    let mut pending: Vec<Article> = Vec::with_capacity(BATCH);
    let write = |writer: &mut ArrowWriter<_>, pending: &mut Vec<Article>| -> anyhow::Result<()> {
        let batch =
            wpclean::arrow::articles_to_batch(pending.iter().map(Ok::<_, &wpclean::Error>))?;
        writer.write(&batch).context("writing Parquet")?;
        pending.clear();
        Ok(())
    };
    let tally = pipeline(
        &cli.input,
        |article, _| Ok(article),
        |article| {
            pending.push(article);
            if pending.len() == BATCH {
                write(&mut writer, &mut pending)?;
            }
            Ok(())
        },
    )?;
    write(&mut writer, &mut pending)?;
    writer.close().context("finishing the Parquet file")?;
    Ok(tally.exit_code())
}
