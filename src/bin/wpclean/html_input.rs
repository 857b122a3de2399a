//! HTML files as inputs: named as `INPUT` (with `--url` as the address) or met while walking
//! a directory (a `wget --mirror` folder). The library reads each as a saved page or, for a
//! fragment, a bare post body.

use std::path::Path;

/// Whether the file name says HTML (`.html`, `.htm`, possibly `.gz`).
pub fn is_html(p: &Path) -> bool {
    let name = p
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    name.ends_with(".html") || name.ends_with(".htm")
}
