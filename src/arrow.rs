//! Articles and search records as Arrow record batches (feature `arrow`), for Parquet files,
//! PyArrow, Spark, Ray, Polars or DuckDB.
//!
//! Every batch has one fixed schema, whatever the posts hold: [`article_schema`] for
//! articles, [`record_schema`] for search records. Field names and nesting are those of the
//! JSON output (the README's schema), with these types:
//!
//! - strings are `Utf8`; ids are `Int64`; sizes, levels, counts and positions are `Int32`;
//!   flags are `Boolean` (only signed integers: Spark and Java read no unsigned ones);
//! - `author`, `featured_image` and `page` (with its `warc`) are structs; `categories`,
//!   `tags`, `headings`, `faq`, `tables`, `links`, `images`, `lists`, `sections`, `removed`
//!   and `comments` are lists of structs;
//!   `warnings`, a table's `header`, a link's `rel`, a list's `items` and a section's `path`
//!   are lists of strings, a table's `rows` a list of lists of strings; a record's
//!   `hierarchy` is a map of strings to strings. List items are named `element`;
//! - every field is nullable, and the last column, `error`, is null for a good row. A row
//!   whose post failed has the error's message (with its location) there and nulls in every
//!   other column, so one bad post never costs the others their row.
//!
//! ```
//! use wpclean::{Extractor, Options, Post};
//!
//! let extractor = Extractor::new(&Options::default())?;
//! let good = extractor.extract(&Post::from_html("<h2>Hi</h2><p>Text.</p>", None));
//! let bad = Post::from_json("{").unwrap_err();
//! let batch = wpclean::arrow::articles_to_batch([Ok(&good), Err(&bad)]).unwrap();
//! assert_eq!(batch.num_rows(), 2);
//! assert_eq!(batch.schema(), wpclean::arrow::article_schema());
//! let error = batch.column_by_name("error").unwrap();
//! assert!(error.is_null(0) && !error.is_null(1));
//! # Ok::<(), wpclean::Error>(())
//! ```

use std::sync::{Arc, LazyLock};

pub use arrow_array::RecordBatch;
pub use arrow_schema::{ArrowError, SchemaRef};
use arrow_schema::{DataType, Field, Fields, Schema};
use serde::Serialize;

use crate::{Article, IndexRecord};

fn text(name: &str) -> Field {
    Field::new(name, DataType::Utf8, true)
}

fn int64(name: &str) -> Field {
    Field::new(name, DataType::Int64, true)
}

fn int32(name: &str) -> Field {
    Field::new(name, DataType::Int32, true)
}

fn boolean(name: &str) -> Field {
    Field::new(name, DataType::Boolean, true)
}

fn list_type(item: DataType) -> DataType {
    DataType::List(Arc::new(Field::new("element", item, true)))
}

fn list(name: &str, item: DataType) -> Field {
    Field::new(name, list_type(item), true)
}

fn structure(fields: Vec<Field>) -> DataType {
    DataType::Struct(Fields::from(fields))
}

fn image_type() -> DataType {
    structure(vec![
        text("src"),
        text("alt"),
        text("caption"),
        int32("width"),
        int32("height"),
    ])
}

fn term_type() -> DataType {
    structure(vec![int64("id"), text("slug"), text("name")])
}

static ARTICLE_SCHEMA: LazyLock<SchemaRef> = LazyLock::new(|| {
    let strings = || list_type(DataType::Utf8);
    Arc::new(Schema::new(vec![
        int64("id"),
        text("type"),
        text("status"),
        text("slug"),
        text("url"),
        text("title"),
        text("date"),
        text("date_gmt"),
        text("modified"),
        text("modified_gmt"),
        text("excerpt"),
        Field::new(
            "author",
            structure(vec![int64("id"), text("name"), text("slug")]),
            true,
        ),
        list("categories", term_type()),
        list("tags", term_type()),
        Field::new("featured_image", image_type(), true),
        list(
            "headings",
            structure(vec![int32("level"), text("text"), text("anchor")]),
        ),
        list(
            "faq",
            structure(vec![text("question"), text("answer"), text("anchor")]),
        ),
        list(
            "tables",
            structure(vec![
                text("caption"),
                Field::new("header", strings(), true),
                Field::new("rows", list_type(strings()), true),
            ]),
        ),
        list(
            "links",
            structure(vec![
                text("href"),
                text("text"),
                Field::new("rel", strings(), true),
                text("target"),
                boolean("internal"),
            ]),
        ),
        list("images", image_type()),
        list(
            "lists",
            structure(vec![
                boolean("ordered"),
                Field::new("items", strings(), true),
            ]),
        ),
        list(
            "sections",
            structure(vec![
                Field::new("path", strings(), true),
                int32("level"),
                text("anchor"),
                text("url"),
                text("text"),
            ]),
        ),
        text("text"),
        text("markdown"),
        text("html"),
        list(
            "removed",
            structure(vec![text("group"), text("rule"), int32("count")]),
        ),
        list("warnings", DataType::Utf8),
        list(
            "comments",
            structure(vec![
                int64("id"),
                int64("parent"),
                text("author"),
                text("date"),
                text("text"),
            ]),
        ),
        Field::new(
            "page",
            structure(vec![
                text("kind"),
                text("found_by"),
                text("container"),
                text("theme"),
                text("canonical"),
                text("rest_url"),
                text("language"),
                text("site_name"),
                text("encoding"),
                Field::new(
                    "warc",
                    structure(vec![
                        text("file"),
                        text("record_id"),
                        int64("offset"),
                        int64("length"),
                        int32("status"),
                        text("fetched"),
                    ]),
                    true,
                ),
            ]),
            true,
        ),
        text("error"),
    ]))
});

static RECORD_SCHEMA: LazyLock<SchemaRef> = LazyLock::new(|| {
    Arc::new(Schema::new(vec![
        int64("row"),
        text("id"),
        int64("post_id"),
        text("url"),
        text("title"),
        Field::new_map(
            "hierarchy",
            "entries",
            Field::new("key", DataType::Utf8, false),
            text("value"),
            false,
            true,
        ),
        text("content"),
        text("type"),
        text("anchor"),
        text("date"),
        text("modified"),
        text("modified_gmt"),
        list("categories", DataType::Utf8),
        list("tags", DataType::Utf8),
        text("author"),
        int32("position"),
        int32("chunk"),
        int32("word_count"),
        text("error"),
    ]))
});

/// The schema of article batches: the JSON article's fields in their JSON order, then
/// `error` (see the [module documentation](self) for the types).
pub fn article_schema() -> SchemaRef {
    ARTICLE_SCHEMA.clone()
}

/// The schema of search-record batches: `row` (the position of the post the record came
/// from in the input, counted from 0), the JSON record's fields, then `error`.
pub fn record_schema() -> SchemaRef {
    RECORD_SCHEMA.clone()
}

/// One output row: the article's fields, or nulls and the error.
#[derive(Serialize)]
struct ArticleRow<'a> {
    #[serde(flatten)]
    article: Option<&'a Article>,
    error: Option<String>,
}

/// One search-record row, with the input row it came from.
#[derive(Serialize)]
struct RecordRow<'a> {
    row: u64,
    #[serde(flatten)]
    record: Option<&'a IndexRecord>,
    error: Option<String>,
}

/// One row per item, in order: the article, or (for `Err`) an error row whose `error` is
/// the error's message (any `Display`: a [`wpclean::Error`](crate::Error) or the caller's).
pub fn articles_to_batch<'a, I, E>(rows: I) -> Result<RecordBatch, ArrowError>
where
    I: IntoIterator<Item = Result<&'a Article, E>>,
    E: std::fmt::Display,
{
    let rows: Vec<ArticleRow<'_>> = rows
        .into_iter()
        .map(|r| match r {
            Ok(article) => ArticleRow {
                article: Some(article),
                error: None,
            },
            Err(e) => ArticleRow {
                article: None,
                error: Some(e.to_string()),
            },
        })
        .collect();
    to_batch(&rows, article_schema())
}

/// One row per search record of each post, posts in order, each row tagged with the post's
/// input `row`; a post that failed gives one error row (its message, as in
/// [`articles_to_batch`]). A post without text gives no row.
pub fn records_to_batch<'a, I, E>(posts: I) -> Result<RecordBatch, ArrowError>
where
    I: IntoIterator<Item = (u64, Result<&'a [IndexRecord], E>)>,
    E: std::fmt::Display,
{
    let mut rows = Vec::new();
    for (row, result) in posts {
        match result {
            Ok(records) => rows.extend(records.iter().map(|r| RecordRow {
                row,
                record: Some(r),
                error: None,
            })),
            Err(e) => rows.push(RecordRow {
                row,
                record: None,
                error: Some(e.to_string()),
            }),
        }
    }
    to_batch(&rows, record_schema())
}

fn to_batch<S: Serialize>(rows: &[S], schema: SchemaRef) -> Result<RecordBatch, ArrowError> {
    let mut decoder = arrow_json::ReaderBuilder::new(schema.clone())
        .with_strict_mode(true)
        .build_decoder()?;
    decoder.serialize(rows)?;
    Ok(decoder
        .flush()?
        .unwrap_or_else(|| RecordBatch::new_empty(schema)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Extractor, Options, Post, RecordOptions};
    use arrow_array::{Array, Int64Array, ListArray, StringArray, StructArray};

    fn article(html: &str) -> Article {
        let post = Post::from_json(
            &serde_json::json!({
                "id": 7, "link": "https://example.com/p/", "title": {"rendered": "T"},
                "content": {"rendered": html}
            })
            .to_string(),
        )
        .unwrap();
        Extractor::new(&Options::default()).unwrap().extract(&post)
    }

    #[test]
    fn every_json_field_is_a_column() {
        let json = serde_json::to_value(article("<p>x</p>")).unwrap();
        let mut keys: Vec<&str> = json
            .as_object()
            .unwrap()
            .keys()
            .map(|k| k.as_str())
            .collect();
        let schema = article_schema();
        let mut columns: Vec<&str> = schema.fields().iter().map(|f| f.name().as_str()).collect();
        assert_eq!(columns.pop(), Some("error"));
        columns.sort_unstable();
        keys.sort_unstable();
        assert_eq!(columns, keys);
    }

    #[test]
    fn nested_values_land_in_their_columns() {
        let a = article(
            "<h2 id=\"a\">Head</h2><p><a href=\"/x\" rel=\"nofollow\">go</a></p>\
             <table><tr><th>k</th></tr><tr><td>v</td></tr></table>",
        );
        let batch = articles_to_batch([Ok::<_, &crate::Error>(&a)]).unwrap();
        let ids = batch.column_by_name("id").unwrap();
        let ids = ids.as_any().downcast_ref::<Int64Array>().unwrap();
        assert_eq!(ids.value(0), 7);
        let links = batch.column_by_name("links").unwrap();
        let links = links.as_any().downcast_ref::<ListArray>().unwrap();
        let link = links.value(0);
        let link = link.as_any().downcast_ref::<StructArray>().unwrap();
        let href = link.column_by_name("href").unwrap();
        let href = href.as_any().downcast_ref::<StringArray>().unwrap();
        assert_eq!(href.value(0), "https://example.com/x");
        let tables = batch.column_by_name("tables").unwrap();
        assert_eq!(
            tables
                .as_any()
                .downcast_ref::<ListArray>()
                .unwrap()
                .value(0)
                .len(),
            1
        );
    }

    #[test]
    fn a_failed_post_is_an_error_row_between_good_ones() {
        let a = article("<p>x</p>");
        let e = Post::from_json("[1").unwrap_err();
        let batch = articles_to_batch([Ok(&a), Err(&e), Ok(&a)]).unwrap();
        assert_eq!(batch.num_rows(), 3);
        let error = batch.column_by_name("error").unwrap();
        let error = error.as_any().downcast_ref::<StringArray>().unwrap();
        assert!(error.is_null(0) && error.is_null(2));
        assert!(
            error.value(1).contains("invalid JSON"),
            "{}",
            error.value(1)
        );
        assert!(batch.column_by_name("title").unwrap().is_null(1));
    }

    #[test]
    fn records_carry_their_input_row() {
        let a = article("<h2 id=\"a\">One</h2><p>x</p><h2 id=\"b\">Two</h2><p>y</p>");
        let records = crate::records(&a, &RecordOptions::default());
        let e = Post::from_json("{").unwrap_err();
        let batch = records_to_batch([(0, Err(&e)), (1, Ok(records.as_slice()))]).unwrap();
        assert_eq!(batch.num_rows(), 1 + records.len());
        let rows = batch.column_by_name("row").unwrap();
        let rows = rows.as_any().downcast_ref::<Int64Array>().unwrap();
        let mut expected = vec![0];
        expected.extend(std::iter::repeat_n(1, records.len()));
        assert_eq!(rows.values().to_vec(), expected);
        assert_eq!(batch.schema(), record_schema());
    }

    #[test]
    fn no_rows_is_an_empty_batch_with_the_schema() {
        let batch = articles_to_batch::<_, &crate::Error>([]).unwrap();
        assert_eq!(batch.num_rows(), 0);
        assert_eq!(batch.schema(), article_schema());
    }
}
