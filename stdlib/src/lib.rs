//! Resource-type schemas as data, embedded at build time.
//!
//! The schemas themselves arrive with the semantics issue (imported from a
//! real Heat with `hotc schema import`); the crate exists now so that the
//! compiler's dependency on it is in place.
