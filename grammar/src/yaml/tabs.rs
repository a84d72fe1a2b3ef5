//! TAB expansion. PLACEHOLDER.
