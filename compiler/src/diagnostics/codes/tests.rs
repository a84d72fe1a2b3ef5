//! Unit tests of the code table's own invariants. (That every page in
//! docs/codes/ has a row is checked by the fixture suite, which may read
//! the directory.)

use super::{all, lookup};

#[test]
fn codes_are_unique_well_formed_and_in_order() {
    let codes: Vec<&str> = all().iter().map(|c| c.code).collect();
    for code in &codes {
        assert_eq!(code.len(), 6, "{code}");
        assert!(code.starts_with("HOT"), "{code}");
        assert!(code.chars().skip(3).all(|c| c.is_ascii_digit()), "{code}");
    }
    assert!(
        codes.windows(2).all(|w| matches!(w, [a, b] if a < b)),
        "{codes:?}"
    );
}

#[test]
fn names_are_unique_kebab_case() {
    let mut names: Vec<&str> = all().iter().map(|c| c.name).collect();
    for name in &names {
        assert!(
            name.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
            "{name}"
        );
        assert!(!name.starts_with('-') && !name.ends_with('-'), "{name}");
    }
    names.sort_unstable();
    let before = names.len();
    names.dedup();
    assert_eq!(before, names.len());
}

#[test]
fn every_page_has_title_explanation_and_examples() {
    for info in all() {
        let title = format!("# {}: {}\n", info.code, info.name);
        assert!(info.doc.starts_with(&title), "{}: title", info.code);
        for heading in ["\n## Why\n", "\n## Bad\n", "\n## Good\n"] {
            assert!(info.doc.contains(heading), "{}: {heading:?}", info.code);
        }
        assert!(!info.summary.is_empty());
    }
}

#[test]
fn lookup_finds_codes_and_names() {
    let by_code = lookup("HOT012").map(|c| c.name);
    assert_eq!(by_code, Some("unknown-section"));
    assert_eq!(lookup("hot012").map(|c| c.code), Some("HOT012"));
    assert_eq!(lookup("unknown-section").map(|c| c.code), Some("HOT012"));
    assert_eq!(lookup("HOT999"), None);
    assert_eq!(lookup("Unknown-Section"), None);
    for info in all() {
        assert_eq!(lookup(info.code), Some(info));
        assert_eq!(lookup(info.name), Some(info));
    }
}
