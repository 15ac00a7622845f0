//! `cargo xtask`: the project's commands. Depends on `codegen` only, never on
//! the generated crate, so a broken generated crate can always be regenerated.

mod bench;
mod breadth;
mod codegen_cmd;
mod write;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// The generator allocates and frees millions of small token and syntax
/// nodes; mimalloc takes about 15% off its time (see BENCHMARKS.md). It is
/// built without transparent huge pages (see Cargo.toml).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "cargo xtask",
    about = "Project commands for the Smithy-to-Rust generator"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Generate a Rust crate from a Smithy JSON AST model.
    ///
    /// Without options: every file in model/ becomes the crate in generated/.
    Codegen(codegen_cmd::Args),
    /// Measure the generator and the crates it emits (see BENCHMARKS.md).
    #[command(subcommand)]
    Bench(bench::Bench),
    /// Generate every model in ../shared/models and ../shared/models/awsjson
    /// into one scratch workspace (target/breadth), then run clippy, rustdoc
    /// and the endpoint tests on all of them and print a table. Takes hours
    /// on two cores.
    Breadth(breadth::Args),
}

/// The workspace root: xtask's manifest lives one level below it.
fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives inside the workspace")
        .to_path_buf()
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Codegen(args) => codegen_cmd::run(args),
        Command::Bench(bench) => bench::run(bench),
        Command::Breadth(args) => breadth::run(args),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}
