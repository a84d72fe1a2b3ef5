//! Edit distance behind `hotc explain`'s suggestions.

use super::distance;

#[test]
fn distance_counts_single_edits() {
    assert_eq!(distance("HOT012", "HOT012"), 0);
    assert_eq!(distance("HOT012", "HOT013"), 1);
    assert_eq!(distance("HOT12", "HOT012"), 1);
    assert_eq!(distance("duplicate-keys", "duplicate-key"), 1);
    assert_eq!(distance("", "abc"), 3);
    assert_eq!(distance("kitten", "sitting"), 3);
}

#[test]
fn distance_counts_characters_not_bytes() {
    assert_eq!(distance("ä", "a"), 1);
}
