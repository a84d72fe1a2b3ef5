//! YAML 1.1 implicit scalar resolution. PLACEHOLDER.
