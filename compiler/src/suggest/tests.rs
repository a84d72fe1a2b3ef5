//! Unit tests of the edit distance and of the choice of suggestion.

use super::{distance, nearest};

#[test]
fn distance_counts_each_kind_of_edit_once() {
    assert_eq!(distance("", ""), 0);
    assert_eq!(distance("type", "type"), 0);
    assert_eq!(distance("", "abc"), 3);
    assert_eq!(distance("abc", ""), 3);
    // Insertion, deletion, substitution.
    assert_eq!(distance("propertis", "properties"), 1);
    assert_eq!(distance("propertiess", "properties"), 1);
    assert_eq!(distance("propertxes", "properties"), 1);
    // A swap of two neighbours is one edit, not two.
    assert_eq!(distance("tpye", "type"), 1);
    assert_eq!(distance("depneds_on", "depends_on"), 1);
    assert_eq!(distance("kitten", "sitting"), 3);
}

#[test]
fn distance_works_on_characters_not_bytes() {
    assert_eq!(distance("résources", "resources"), 1);
}

#[test]
fn nearest_prefers_a_case_only_difference() {
    let types = [
        "string",
        "number",
        "comma_delimited_list",
        "json",
        "boolean",
    ];
    assert_eq!(nearest("String", types), Some("string"));
    assert_eq!(nearest("JSON", types), Some("json"));
}

#[test]
fn nearest_rejects_far_words_and_exact_matches() {
    let sections = ["description", "parameters", "resources", "outputs"];
    assert_eq!(nearest("resource", sections), Some("resources"));
    assert_eq!(nearest("outptus", sections), Some("outputs"));
    assert_eq!(nearest("banana", sections), None);
    assert_eq!(nearest("resources", sections), None);
    // Short words allow one edit only.
    assert_eq!(nearest("ab", ["abc", "xyz"]), Some("abc"));
    assert_eq!(nearest("ab", ["bcd"]), None);
}

#[test]
fn nearest_breaks_ties_by_order() {
    assert_eq!(nearest("cat", ["bat", "hat"]), Some("bat"));
    assert_eq!(nearest("cat", ["hat", "bat"]), Some("hat"));
}
