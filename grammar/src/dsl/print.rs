//! The DSL printer (being written).
