//! The benchmark binary. PLACEHOLDER.
fn main() {}
