//! The YAML scanner. PLACEHOLDER.
