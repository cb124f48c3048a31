//! The threads generation runs on: each with a stack large enough for the
//! deepest document the parsers accept, as every stage recurses into nested
//! schemas.

use crate::diag::Error;

/// The stack of generation threads: deep enough for the deepest document the
/// parsers accept (128 levels), in a debug build. Only the pages used are
/// ever touched.
const STACK_SIZE: usize = 256 * 1024 * 1024;

/// Runs `run` on a thread with a large stack.
pub(crate) fn on_large_stack<T: Send>(
    run: impl FnOnce() -> Result<T, Error> + Send,
) -> Result<T, Error> {
    std::thread::scope(|scope| {
        let handle = std::thread::Builder::new()
            .stack_size(STACK_SIZE)
            .spawn_scoped(scope, run)
            .map_err(|e| Error::document(format!("cannot start the generation thread: {e}")))?;
        handle
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })
}

/// A pool for work on `items` things (operations, types, path items): up to
/// 8 threads, one for a small document (not worth more), each with a large
/// stack. Output never depends on how many.
pub(crate) fn pool(items: usize) -> Result<rayon::ThreadPool, Error> {
    let threads = if items > 400 {
        std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(8)
    } else {
        1
    };
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .stack_size(STACK_SIZE)
        .thread_name(|i| format!("codegen-{i}"))
        .build()
        .map_err(|e| Error::document(format!("cannot start the generation threads: {e}")))
}
