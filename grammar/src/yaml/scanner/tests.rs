//! Scanner tests: token streams for the trickiest libyaml rules.

use crate::yaml::scanner::{Scanner, Tok};

fn kinds(src: &str) -> Vec<&'static str> {
    let mut scanner = Scanner::new(src, None);
    let mut out = Vec::new();
    while let Ok(t) = scanner.next_token() {
        let end = t.tok == Tok::StreamEnd;
        out.push(t.tok.describe());
        if end {
            break;
        }
    }
    out
}

#[test]
fn simple_key_inserts_key_and_mapping_start() {
    assert_eq!(
        kinds("a: b"),
        vec![
            "<stream start>",
            "<block mapping start>",
            "'?'",
            "<scalar>",
            "':'",
            "<scalar>",
            "<block end>",
            "<stream end>"
        ]
    );
}

#[test]
fn indentless_sequence_has_no_sequence_start() {
    assert_eq!(
        kinds("k:\n- a"),
        vec![
            "<stream start>",
            "<block mapping start>",
            "'?'",
            "<scalar>",
            "':'",
            "'-'",
            "<scalar>",
            "<block end>",
            "<stream end>"
        ]
    );
}

#[test]
fn comments_are_kept() {
    let src = "# head\na: 1 # tail\n";
    let mut scanner = Scanner::new(src, None);
    while let Ok(t) = scanner.next_token() {
        if t.tok == Tok::StreamEnd {
            break;
        }
    }
    let texts: Vec<&str> = scanner.comments.iter().map(|s| s.text(src)).collect();
    assert_eq!(texts, vec!["# head", "# tail"]);
}
