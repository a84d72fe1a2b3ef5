//! Tests of `hotc fmt`'s own logic: applying fixes, the summary line and
//! atomic writes. The command as a whole is covered by the CLI fixtures
//! (tests/cli/fmt_*.yaml) and tests/tests/fmt_corpus.rs.
#![expect(clippy::unwrap_used, reason = "tests")]

use std::fs;

use hotc_compiler::diagnostics::codes::TAB_INDENTATION;
use hotc_compiler::diagnostics::{Diagnostic, Edit, Fix, Label};
use hotc_grammar::Span;

use super::{Tally, apply_fixes, summary};
use crate::commands::write_atomic;

fn fix(edits: &[(usize, usize, &str)]) -> Diagnostic {
    Diagnostic::new(
        &TAB_INDENTATION,
        "TAB",
        Label::new(Span::new(edits[0].0, edits[0].1), "here"),
    )
    .with_fix(Fix {
        description: "replace".to_owned(),
        edits: edits
            .iter()
            .map(|&(start, end, text)| Edit {
                span: Span::new(start, end),
                replacement: text.to_owned(),
            })
            .collect(),
    })
}

#[test]
fn fixes_apply_back_to_front_and_skip_overlaps() {
    let text = "a:\n\tb: 1\n\tc: 2\n";
    let diagnostics = [
        fix(&[(3, 4, "  ")]),
        fix(&[(9, 10, "  ")]),
        // Overlaps the first: left for the next round.
        fix(&[(3, 5, "    ")]),
        // Out of the text: never applied.
        fix(&[(90, 91, "x")]),
    ];
    let (out, applied) = apply_fixes(text, &diagnostics);
    assert_eq!(out, "a:\n  b: 1\n  c: 2\n");
    assert_eq!(applied, 2);
    let (same, none) = apply_fixes(text, &[]);
    assert_eq!((same.as_str(), none), (text, 0));
}

#[test]
fn a_fix_is_applied_whole_or_not_at_all() {
    let text = "abcdef";
    let diagnostics = [fix(&[(0, 1, "A")]), fix(&[(2, 3, "C"), (0, 2, "xx")])];
    let (out, applied) = apply_fixes(text, &diagnostics);
    assert_eq!((out.as_str(), applied), ("Abcdef", 1));
}

#[test]
fn summary_lines() {
    let tally = |changed, unchanged, refused, unreadable| Tally {
        changed,
        unchanged,
        refused,
        unreadable,
    };
    assert_eq!(summary(&tally(0, 0, 0, 0), true), "no files to format\n");
    assert_eq!(
        summary(&tally(1, 2, 0, 0), true),
        "1 file reformatted, 2 files already formatted\n"
    );
    assert_eq!(
        summary(&tally(2, 0, 1, 1), false),
        "2 files would be reformatted, 1 file not formatted, 1 file unreadable or unwritable\n"
    );
}

#[test]
fn atomic_writes_keep_permissions_and_links() {
    let dir = std::env::temp_dir().join(format!("hotc-fmt-unit-{}", std::process::id()));
    fs::create_dir_all(&dir).unwrap();
    let file = dir.join("t.yaml");
    fs::write(&file, "a:   1\n").unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::{PermissionsExt, symlink};
        fs::set_permissions(&file, fs::Permissions::from_mode(0o640)).unwrap();
        let link = dir.join("link.yaml");
        symlink(&file, &link).unwrap();
        write_atomic(&link, "a: 1\n").unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        let mode = fs::metadata(&file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
    }
    #[cfg(not(unix))]
    write_atomic(&file, "a: 1\n").unwrap();
    assert_eq!(fs::read_to_string(&file).unwrap(), "a: 1\n");
    // Nothing is left behind but the two names.
    let names = fs::read_dir(&dir).unwrap().count();
    assert!(names <= 2, "{names} entries");
    assert!(write_atomic(&dir.join("missing/x.yaml"), "x").is_err());
    fs::remove_dir_all(&dir).unwrap();
}
