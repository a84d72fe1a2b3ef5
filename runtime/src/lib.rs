//! hotc's runtime: the executor, stack state and providers.
//!
//! Nothing lives here yet: planning, state and apply arrive with later issues.
//! The crate exists so that the dependency direction
//! grammar -> compiler -> runtime -> cli is fixed from the start.
