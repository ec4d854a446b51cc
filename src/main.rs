//! The `tebiki` binary: a thin shell around [`cli::run`].

mod cli;

fn main() -> std::process::ExitCode {
    cli::run()
}
