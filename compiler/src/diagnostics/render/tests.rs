//! Unit tests of rendering: every syntax error kind gets a code, a message, a
//! label and help, and the details that matter (fixes, secondary labels,
//! severities) are in place.

use hotc_grammar::{Span, SyntaxError, SyntaxErrorKind};

use super::{list, syntax};
use crate::diagnostics::Severity;

fn all_kinds() -> Vec<SyntaxErrorKind> {
    let at = Span::new(1, 2);
    vec![
        SyntaxErrorKind::TabIndent {
            replacement: "    ".to_owned(),
        },
        SyntaxErrorKind::TabSeparator,
        SyntaxErrorKind::UnexpectedChar { found: '@' },
        SyntaxErrorKind::NonPrintable { found: '\u{7}' },
        SyntaxErrorKind::MappingValueNotAllowed,
        SyntaxErrorKind::SequenceEntryNotAllowed,
        SyntaxErrorKind::ComplexKeyNotAllowed,
        SyntaxErrorKind::ExpectedColon,
        SyntaxErrorKind::Unexpected {
            expected: "a block end",
            found: "a scalar",
        },
        SyntaxErrorKind::UnclosedFlow {
            close: ']',
            open: at,
        },
        SyntaxErrorKind::UnterminatedQuoted { open: at },
        SyntaxErrorKind::InvalidEscape {
            found: "\\q".to_owned(),
        },
        SyntaxErrorKind::InvalidBlockHeader,
        SyntaxErrorKind::ZeroIndentIndicator,
        SyntaxErrorKind::DocumentMarkerInScalar,
        SyntaxErrorKind::EmptyAnchorName,
        SyntaxErrorKind::InvalidAnchorChar { found: '[' },
        SyntaxErrorKind::InvalidTag,
        SyntaxErrorKind::InvalidDirective,
        SyntaxErrorKind::UndeclaredTagHandle {
            handle: "!e!".to_owned(),
        },
        SyntaxErrorKind::TooDeep,
        SyntaxErrorKind::MultipleDocuments,
        SyntaxErrorKind::UndefinedAlias {
            name: "base".to_owned(),
        },
        SyntaxErrorKind::AliasExpansionLimit { limit: 100 },
        SyntaxErrorKind::RecursiveAlias {
            name: "loop".to_owned(),
        },
        SyntaxErrorKind::UnknownTag {
            tag: "!Ref".to_owned(),
        },
        SyntaxErrorKind::InvalidTaggedValue {
            tag: "!!int".to_owned(),
        },
        SyntaxErrorKind::UnsupportedTag {
            tag: "!!set".to_owned(),
        },
        SyntaxErrorKind::IntegerTooLarge,
        SyntaxErrorKind::DuplicateAnchor {
            name: "a".to_owned(),
            first: at,
        },
        SyntaxErrorKind::UnhashableKey,
        SyntaxErrorKind::InvalidMerge,
        SyntaxErrorKind::DuplicateKey {
            key: "flavor".to_owned(),
            first: at,
        },
        SyntaxErrorKind::Json {
            message: "Expecting value".to_owned(),
        },
        SyntaxErrorKind::DslExpected {
            expected: vec!["`=`", "a value"],
            found: "end of line".to_owned(),
        },
        SyntaxErrorKind::DslUnterminatedString { open: at },
        SyntaxErrorKind::DslUnclosed {
            close: ')',
            open: at,
        },
        SyntaxErrorKind::DslInvalidEscape {
            found: "\\q".to_owned(),
        },
        SyntaxErrorKind::DslBlockIndentation { closing: at },
        SyntaxErrorKind::DslUnknownName {
            name: "sever".to_owned(),
            candidates: vec!["server".to_owned(), "param".to_owned()],
            parameter: false,
        },
        SyntaxErrorKind::DslBareParam,
        SyntaxErrorKind::DslWholeAndItems {
            key: "parameters".to_owned(),
            first: at,
        },
    ]
}

#[test]
fn every_syntax_error_renders_fully() {
    for kind in all_kinds() {
        let span = Span::new(10, 11);
        let d = syntax(&SyntaxError::new(kind.clone(), span));
        assert!(d.info().is_some(), "{kind:?}: code {} not in table", d.code);
        assert!(!d.message.is_empty(), "{kind:?}");
        assert!(!d.primary.message.is_empty(), "{kind:?}");
        assert!(d.help.as_deref().is_some_and(|h| !h.is_empty()), "{kind:?}");
        assert_eq!(d.primary.span, span, "{kind:?}");
        let warning = matches!(
            kind,
            SyntaxErrorKind::DuplicateKey { .. }
                | SyntaxErrorKind::UnsupportedTag { .. }
                | SyntaxErrorKind::IntegerTooLarge
        );
        let expected = if warning {
            Severity::Warning
        } else {
            Severity::Error
        };
        assert_eq!(d.severity, expected, "{kind:?}");
    }
}

#[test]
fn tab_indent_fix_replaces_the_tab_with_the_given_spaces() {
    let span = Span::new(14, 15);
    let kind = SyntaxErrorKind::TabIndent {
        replacement: "  ".to_owned(),
    };
    let d = syntax(&SyntaxError::new(kind, span));
    assert_eq!(d.code, "HOT002");
    let fix = d
        .fix
        .as_ref()
        .map(|f| (f.description.as_str(), f.edits.clone()));
    let Some((description, edits)) = fix else {
        panic!("no fix");
    };
    assert_eq!(description, "Replace the TAB with 2 spaces");
    assert_eq!(edits.len(), 1);
    assert!(
        edits
            .iter()
            .all(|e| e.span == span && e.replacement == "  ")
    );
}

#[test]
fn duplicate_key_points_at_both_keys() {
    let first = Span::new(3, 9);
    let kind = SyntaxErrorKind::DuplicateKey {
        key: "flavor".to_owned(),
        first,
    };
    let d = syntax(&SyntaxError::new(kind, Span::new(30, 36)));
    assert_eq!((d.code, d.severity), ("HOT003", Severity::Warning));
    assert_eq!(d.message, "duplicate key `flavor`");
    assert_eq!(d.secondary.len(), 1);
    assert!(d.secondary.iter().all(|l| l.span == first));
}

#[test]
fn cloudformation_tags_get_the_hot_function() {
    let kind = SyntaxErrorKind::UnknownTag {
        tag: "!GetAtt".to_owned(),
    };
    let d = syntax(&SyntaxError::new(kind, Span::new(0, 7)));
    assert!(d.help.as_deref().is_some_and(|h| h.contains("get_attr")));
}

#[test]
fn lists_read_as_prose() {
    assert_eq!(list([].into_iter()), "");
    assert_eq!(list(["a"].into_iter()), "`a`");
    assert_eq!(list(["a", "b"].into_iter()), "`a` and `b`");
    assert_eq!(list(["a", "b", "c"].into_iter()), "`a`, `b` and `c`");
}
