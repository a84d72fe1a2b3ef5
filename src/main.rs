//! The `hotc` command line. PLACEHOLDER.
fn main() {}
