//! Unit tests of the edit distance and of the choice of suggestion.

use super::{distance, nearest, nearest_within};

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

/// `nearest` as it was before it skipped candidates by length: the
/// reference the faster search must agree with.
fn nearest_by_full_scan<'a>(word: &str, candidates: &[&'a str], max: usize) -> Option<&'a str> {
    if let Some(same) = candidates
        .iter()
        .find(|c| **c != word && c.eq_ignore_ascii_case(word))
    {
        return Some(same);
    }
    let limit = (word.chars().count() / 3).max(1).min(max);
    let mut best: Option<(usize, &'a str)> = None;
    for candidate in candidates {
        if *candidate == word {
            continue;
        }
        let distance = distance(&word.to_lowercase(), &candidate.to_lowercase());
        if distance <= limit && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, candidate)| candidate)
}

#[test]
fn skipping_by_length_changes_no_answer() {
    let words = [
        "",
        "a",
        "ab",
        "sever",
        "server",
        "Server",
        "servers",
        "srever",
        "port_1",
        "port_12",
        "volume",
        "vol",
        "OS::Nova::Sever",
        "os::nova::server",
        "OS::TripleO::Server",
        "İserver",
        "SERVİCE",
        "résources",
        "ǅx",
        "straße",
        "STRASSE",
    ];
    let candidates = [
        "server",
        "servers",
        "port_1",
        "port_2",
        "port_12",
        "volume",
        "volume_attachment",
        "a",
        "abc",
        "OS::Nova::Server",
        "OS::Nova::ServerGroup",
        "OS::Heat::None",
        "service",
        "resources",
        "ǆx",
        "strasse",
        "straße",
        "",
    ];
    for word in words {
        for max in [0, 1, 2, 3, usize::MAX] {
            assert_eq!(
                nearest_within(word, candidates, max),
                nearest_by_full_scan(word, &candidates, max),
                "{word:?} within {max}"
            );
            // And on each prefix of the list, where ties and the best so
            // far fall differently.
            for n in 0..candidates.len() {
                let some = candidates.get(..n).unwrap_or(&[]);
                assert_eq!(
                    nearest_within(word, some.iter().copied(), max),
                    nearest_by_full_scan(word, some, max),
                    "{word:?} within {max} among {some:?}"
                );
            }
        }
    }
    assert_eq!(
        nearest("sever", candidates),
        nearest_by_full_scan("sever", &candidates, usize::MAX)
    );
}
