//! `cargo run -p runtime-headers [-- --check]`: what `cargo xtask codegen`
//! does first, alone. For when the generator does not compile because what
//! it reads from the headers is stale (a merge took one side of
//! `codegen/src/templates/generated.rs`): this does not depend on it.

use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let check = std::env::args().skip(1).any(|a| a == "--check");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    match runtime_headers::ensure(&root, check) {
        Ok(false) => {
            println!("the sources derived from the runtime's headers are up to date");
            ExitCode::SUCCESS
        }
        Ok(true) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
