//! Unit tests of the charts module.
