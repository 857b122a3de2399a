//! The worker pool for batch calls: built on the first call that needs it, never at import,
//! and built again in a process forked after it was made (a fork keeps none of its threads).

use std::sync::{Arc, Mutex};

use rayon::{ThreadPool, ThreadPoolBuilder};

struct Cached {
    pid: u32,
    threads: Option<usize>,
    pool: Arc<ThreadPool>,
}

static POOL: Mutex<Option<Cached>> = Mutex::new(None);

/// The pool with `threads` workers (`None`: one per core).
pub fn pool(threads: Option<usize>) -> Result<Arc<ThreadPool>, String> {
    if threads == Some(0) {
        return Err("threads must be at least 1".into());
    }
    let pid = std::process::id();
    let mut cached = POOL.lock().unwrap_or_else(|p| p.into_inner());
    if let Some(c) = cached.as_ref()
        && c.pid == pid
        && c.threads == threads
    {
        return Ok(c.pool.clone());
    }
    let pool = Arc::new(
        ThreadPoolBuilder::new()
            .num_threads(threads.unwrap_or(0))
            .thread_name(|i| format!("wpclean-{i}"))
            // As the command line's workers: a deep document must never overflow a stack.
            .stack_size(32 << 20)
            .build()
            .map_err(|e| e.to_string())?,
    );
    // A pool inherited through fork has no threads left: forget it rather than drop it
    // (dropping would wait for workers that do not exist in this process).
    if let Some(old) = cached.take()
        && old.pid != pid
    {
        std::mem::forget(old);
    }
    *cached = Some(Cached {
        pid,
        threads,
        pool: pool.clone(),
    });
    Ok(pool)
}
