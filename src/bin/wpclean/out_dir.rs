//! `--out-dir`: one file per post, under a name that stays the post's own from run to run.
//!
//! The folder keeps a small log, `.wpclean-files.ndjson`, of which post (id and link) each
//! file holds. Writing a post again reuses its file, so a re-run updates the folder instead
//! of adding `slug-2.md` copies; a file that belongs to another post, or that wpclean did not
//! write, is never overwritten.

use std::collections::{HashMap, HashSet};
use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use serde::{Deserialize, Serialize};
use wpclean::Article;

/// The log's file name inside the folder.
pub const LOG: &str = ".wpclean-files.ndjson";

/// One line of the log.
#[derive(Serialize, Deserialize)]
struct Entry {
    post: String,
    file: String,
}

/// A folder being written, one file per post.
pub struct OutDir {
    dir: PathBuf,
    ext: &'static str,
    /// File name (with extension) of each post written by any run, by post key.
    by_post: HashMap<String, String>,
    /// The file names in `by_post`'s values.
    owned: HashSet<String>,
    /// Post keys written by this run (a post kept twice with `--keep-duplicates` gets a
    /// second file, not its first one overwritten).
    written: HashSet<String>,
    /// Posts written under another name than their own because a file wpclean did not
    /// write had it: (the name, the name written).
    displaced: Vec<(String, String)>,
    log: File,
}

impl OutDir {
    /// Opens (creating) the folder and reads its log.
    pub fn open(dir: &Path, ext: &'static str) -> anyhow::Result<OutDir> {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        let log_path = dir.join(LOG);
        let mut by_post = HashMap::new();
        if let Ok(f) = File::open(&log_path) {
            for (n, line) in BufReader::new(f).lines().enumerate() {
                let line = line.with_context(|| format!("reading {}", log_path.display()))?;
                // A line cut short by an interrupted run is ignored; every other must parse.
                match serde_json::from_str::<Entry>(&line) {
                    Ok(e) => {
                        by_post.insert(e.post, e.file);
                    }
                    Err(_) if line.trim().is_empty() => {}
                    Err(e) => eprintln!(
                        "wpclean: warning: {}:{}: unreadable line ignored: {e}",
                        log_path.display(),
                        n + 1
                    ),
                }
            }
        }
        let owned = by_post.values().cloned().collect();
        let log = OpenOptions::new()
            .create(true)
            .append(true)
            .open(&log_path)
            .with_context(|| format!("opening {}", log_path.display()))?;
        Ok(OutDir {
            dir: dir.to_path_buf(),
            ext,
            by_post,
            owned,
            written: HashSet::new(),
            displaced: Vec::new(),
            log,
        })
    }

    /// Writes one post's file.
    pub fn write(&mut self, name: &PostName, bytes: &[u8]) -> anyhow::Result<PathBuf> {
        let key = name.key.clone();
        let again = !self.written.insert(key.clone());
        let file = match self.by_post.get(&key) {
            Some(f) if !again => f.clone(),
            _ => {
                let (f, foreign) = self.free_name(name);
                if let Some(taken) = foreign {
                    self.displaced.push((taken, f.clone()));
                }
                self.record(&key, &f)?;
                f
            }
        };
        let path = self.dir.join(&file);
        std::fs::write(&path, bytes).with_context(|| format!("writing {}", path.display()))?;
        Ok(path)
    }

    /// The first of `stem.ext`, `stem-ID.ext`, `stem-ID-2.ext`… that no post owns and no
    /// other file occupies, and the first name passed over because a file wpclean did not
    /// write occupies it.
    fn free_name(&self, name: &PostName) -> (String, Option<String>) {
        let stem = name.stem.clone();
        let id = name.id.map(|i| i.to_string());
        let mut candidates = vec![stem.clone()];
        if let Some(id) = &id {
            candidates.push(format!("{stem}-{id}"));
        }
        let base = candidates.last().cloned().unwrap_or_default();
        let mut foreign = None;
        for n in 2.. {
            for c in candidates.drain(..) {
                let name = format!("{c}.{}", self.ext);
                if self.owned.contains(&name) {
                    continue;
                }
                if !self.dir.join(&name).exists() {
                    return (name, foreign);
                }
                foreign.get_or_insert(name);
            }
            candidates.push(format!("{base}-{n}"));
        }
        unreachable!("the loop returns")
    }

    /// What the summary says of posts written under another name than their own, because a
    /// file wpclean did not write had it; `None` when there were none.
    pub fn displaced_note(&self) -> Option<String> {
        const SHOWN: usize = 3;
        let n = self.displaced.len();
        if n == 0 {
            return None;
        }
        let mut pairs: Vec<String> = self
            .displaced
            .iter()
            .take(SHOWN)
            .map(|(taken, written)| format!("{taken} → {written}"))
            .collect();
        if n > SHOWN {
            pairs.push(format!("and {} more", n - SHOWN));
        }
        Some(format!(
            "{n} post{s} written under another name in {dir}: a file wpclean did not write \
             has {their} name, and is left as it is ({pairs})",
            s = if n == 1 { "" } else { "s" },
            their = if n == 1 { "its" } else { "their" },
            dir = self.dir.display(),
            pairs = pairs.join(", "),
        ))
    }

    fn record(&mut self, key: &str, file: &str) -> anyhow::Result<()> {
        let entry = Entry {
            post: key.to_string(),
            file: file.to_string(),
        };
        let mut line = serde_json::to_vec(&entry)?;
        line.push(b'\n');
        self.log
            .write_all(&line)
            .with_context(|| format!("writing {}", self.dir.join(LOG).display()))?;
        self.by_post.insert(entry.post, entry.file.clone());
        self.owned.insert(entry.file);
        Ok(())
    }
}

/// What a post's file is named after.
pub struct PostName {
    /// What identifies the post across runs: its id and link, or its file stem when it has
    /// neither.
    key: String,
    stem: String,
    id: Option<u64>,
}

impl PostName {
    pub fn of(a: &Article) -> PostName {
        let stem = file_stem(a);
        let key = match (a.id, a.url.as_deref()) {
            (None, None) => format!("stem {stem}"),
            (id, url) => format!(
                "{} {}",
                id.map(|i| i.to_string()).unwrap_or_default(),
                url.unwrap_or("")
            ),
        };
        PostName {
            key,
            stem,
            id: a.id,
        }
    }
}

/// A file name for the post: its slug, else `post-{id}`, made safe for any file system.
fn file_stem(a: &Article) -> String {
    let raw = a
        .slug
        .clone()
        .filter(|s| !s.trim().is_empty())
        .or_else(|| a.id.map(|id| format!("post-{id}")))
        .unwrap_or_else(|| "post".into());
    let mut name: String = raw
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '-'
            }
        })
        .collect();
    name = name.trim_matches(['.', '-']).to_string();
    if name.is_empty() {
        name = "post".into();
    }
    // Stay well under file-name limits (255 bytes) on a char boundary.
    while name.len() > 120 {
        name.pop();
    }
    name
}
