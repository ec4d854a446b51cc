//! Hashes of what a cache was made from.

use std::fmt::Debug;
use std::hash::{BuildHasherDefault, Hasher};

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

/// A fast, non-cryptographic hasher (the Fx hash of rustc) for maps keyed by
/// our own content (search terms, page ids, words of a page): no outside
/// party picks the keys, so SipHash's defence against collisions is not needed.
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher {
    hash: u64,
}

impl FxHasher {
    fn add(&mut self, v: u64) {
        self.hash = (self.hash.rotate_left(5) ^ v).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut v = [0u8; 8];
            v.copy_from_slice(c);
            self.add(u64::from_le_bytes(v));
        }
        for b in chunks.remainder() {
            self.add(*b as u64);
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(i as u64);
    }

    fn finish(&self) -> u64 {
        self.hash
    }
}

/// Builds [`FxHasher`]s.
pub(crate) type FxBuild = BuildHasherDefault<FxHasher>;
