//! The `tebiki` binary: a thin shell around [`cli::run`].

#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

mod cli;

#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    no_huge_pages();
    cli::run()
}

/// Turns transparent huge pages off for this process (and the browser it
/// starts for PDFs). mimalloc asks for them on its arenas; a build then
/// zeroes and holds whole 2 MiB pages of which it uses a part. Without
/// them a build of the 10,000-pair benchmark peaks at about a tenth less
/// resident memory, in the same time.
fn no_huge_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: prctl(2) with PR_SET_THP_DISABLE takes plain integers and sets
    // a flag of this process only; it reads and writes no memory of ours.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}
