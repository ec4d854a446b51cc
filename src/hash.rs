//! Hashes of what a cache was made from.

use std::fmt::Debug;

/// Collects what is to be hashed and hashes it in one go: formatting
/// writes many small pieces, and one update of the hasher per piece would
/// cost more than the hashing.
#[derive(Default)]
pub(crate) struct HashWriter(pub(crate) Vec<u8>);

impl HashWriter {
    pub(crate) fn finish(self) -> blake3::Hash {
        blake3::hash(&self.0)
    }
}

impl std::fmt::Write for HashWriter {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0.extend_from_slice(s.as_bytes());
        Ok(())
    }
}

/// A hash of a value's `Debug` form (so a field added later is covered).
pub(crate) fn debug_hash<T: Debug + ?Sized>(value: &T) -> blake3::Hash {
    let mut h = HashWriter::default();
    let _ = std::fmt::Write::write_fmt(&mut h, format_args!("{value:?}"));
    h.finish()
}
