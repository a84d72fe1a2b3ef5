//! The printer's property: print a tree, parse the text, get the same tree.
//!
//! Trees are generated from a seeded xorshift generator (no dependency), with
//! the scalar values that are hardest to print: indicators, `: ` and ` #`
//! inside, leading and trailing spaces, line breaks, TABs, control
//! characters, quotes, long keys, empty strings.

use crate::span::Span;
use crate::test_support::Rng;
use crate::yaml::parse;
use crate::yaml::print::{print, printed_style, simple_key};
use crate::yaml::syntax::{
    Anchor, Document, Entry, Mapping, Node, NodeKind, Scalar, ScalarStyle, Sequence, Stream, Tag,
};

const VALUES: &[&str] = &[
    "a",
    "hello world",
    "",
    " lead",
    "trail ",
    "a: b",
    "a #b",
    "#c",
    "- x",
    "-x",
    "? q",
    ":",
    "x:",
    "[a]",
    "{b}",
    "a,b",
    "it's",
    "say \"hi\"",
    "back\\slash",
    "line\nbreak",
    "two\n\nbreaks",
    "end\n",
    "ends\n\n",
    "\n",
    "\tTAB",
    "mid\ttab",
    "nul\0",
    "bell\u{7}",
    "é ☺ 😀",
    "\u{85}nel",
    "\u{2028}",
    "---",
    "...",
    "%x",
    "@at",
    "`b",
    "!bang",
    "&amp",
    "*star",
    "|pipe",
    ">gt",
    "yes",
    "0755",
    "~",
    " ",
    "  indented\nblock",
    "x\n  y\n",
    "http://h:80/p?q=1#f",
];
const STYLES: [ScalarStyle; 5] = [
    ScalarStyle::Plain,
    ScalarStyle::SingleQuoted,
    ScalarStyle::DoubleQuoted,
    ScalarStyle::Literal,
    ScalarStyle::Folded,
];
const TAGS: &[&str] = &[
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "!",
    "!local",
    "tag:example.com,2000:x",
];

fn node(kind: NodeKind) -> Node {
    Node {
        span: Span::default(),
        anchor: None,
        tag: None,
        kind,
    }
}

fn arbitrary(rng: &mut Rng, depth: usize, anchors: &mut Vec<String>) -> Node {
    let choice = if depth >= 4 { 0 } else { rng.below(10) };
    let mut n = match choice {
        0..=4 => node(NodeKind::Scalar(Scalar {
            style: STYLES
                .get(rng.below(STYLES.len()))
                .copied()
                .unwrap_or(ScalarStyle::Plain),
            value: rng.pick(VALUES).to_owned(),
        })),
        5..=6 => {
            let count = rng.below(4);
            let items = (0..count)
                .map(|_| arbitrary(rng, depth + 1, anchors))
                .collect();
            node(NodeKind::Sequence(Sequence {
                flow: rng.below(3) == 0,
                items,
            }))
        }
        7..=8 => {
            let count = rng.below(4);
            let entries = (0..count)
                .map(|_| {
                    let key = if rng.below(8) == 0 {
                        arbitrary(rng, depth + 1, anchors)
                    } else if rng.below(20) == 0 {
                        node(NodeKind::Scalar(Scalar {
                            style: ScalarStyle::Plain,
                            value: "k".repeat(1100),
                        }))
                    } else {
                        node(NodeKind::Scalar(Scalar {
                            style: STYLES
                                .get(rng.below(3))
                                .copied()
                                .unwrap_or(ScalarStyle::Plain),
                            value: rng.pick(VALUES).to_owned(),
                        }))
                    };
                    Entry {
                        key,
                        value: arbitrary(rng, depth + 1, anchors),
                    }
                })
                .collect();
            node(NodeKind::Mapping(Mapping {
                flow: rng.below(3) == 0,
                entries,
            }))
        }
        _ => match anchors.last() {
            Some(name) => node(NodeKind::Alias(crate::yaml::syntax::Alias {
                name: name.clone(),
            })),
            None => node(NodeKind::Scalar(Scalar {
                style: ScalarStyle::Plain,
                value: "x".to_owned(),
            })),
        },
    };
    if !matches!(n.kind, NodeKind::Alias(_)) {
        if rng.below(8) == 0 {
            let name = format!("a{}", anchors.len());
            anchors.push(name.clone());
            n.anchor = Some(Anchor {
                name,
                span: Span::default(),
            });
        }
        if rng.below(10) == 0 {
            n.tag = Some(Tag {
                resolved: rng.pick(TAGS).to_owned(),
                span: Span::default(),
            });
        }
    }
    n
}

/// Compares `got` (parsed back) with `want` (generated) in context `flow`.
fn same(want: &Node, got: &Node, flow: bool, path: &str) -> Result<(), String> {
    let name = |n: &Node| n.anchor.as_ref().map(|a| a.name.clone());
    let tag = |n: &Node| n.tag.as_ref().map(|t| t.resolved.clone());
    if name(want) != name(got) || tag(want) != tag(got) {
        return Err(format!(
            "{path}: properties {:?}/{:?} vs {:?}/{:?}",
            name(want),
            tag(want),
            name(got),
            tag(got)
        ));
    }
    match (&want.kind, &got.kind) {
        (NodeKind::Scalar(a), NodeKind::Scalar(b)) => {
            let style = printed_style(a, flow);
            if a.value != b.value || style != b.style {
                return Err(format!(
                    "{path}: scalar {:?} {:?} printed as {style:?}, read {:?} {:?}",
                    a.value, a.style, b.value, b.style
                ));
            }
        }
        (NodeKind::Alias(a), NodeKind::Alias(b)) if a.name == b.name => {}
        (NodeKind::Sequence(a), NodeKind::Sequence(b)) => {
            let inner = flow || a.flow || a.items.is_empty();
            if inner != b.flow || a.items.len() != b.items.len() {
                return Err(format!(
                    "{path}: sequence flow {inner}/{} len {}/{}",
                    b.flow,
                    a.items.len(),
                    b.items.len()
                ));
            }
            for (i, (x, y)) in a.items.iter().zip(&b.items).enumerate() {
                same(x, y, inner, &format!("{path}[{i}]"))?;
            }
        }
        (NodeKind::Mapping(a), NodeKind::Mapping(b)) => {
            let inner = flow || a.flow || a.entries.is_empty();
            if inner != b.flow || a.entries.len() != b.entries.len() {
                return Err(format!(
                    "{path}: mapping flow {inner}/{} len {}/{}",
                    b.flow,
                    a.entries.len(),
                    b.entries.len()
                ));
            }
            for (i, (x, y)) in a.entries.iter().zip(&b.entries).enumerate() {
                let key_flow = inner || simple_key(&x.key);
                same(&x.key, &y.key, key_flow, &format!("{path}.key{i}"))?;
                same(&x.value, &y.value, inner, &format!("{path}.val{i}"))?;
            }
        }
        (a, b) => return Err(format!("{path}: {a:?} vs {b:?}")),
    }
    Ok(())
}

#[test]
fn print_then_parse_gives_the_same_tree() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for case in 0..3000 {
        let mut anchors = Vec::new();
        let root = arbitrary(&mut rng, 0, &mut anchors);
        let stream = Stream {
            documents: vec![Document {
                root,
                span: Span::default(),
                start_marker: None,
                end_marker: None,
                tag_handles: Vec::new(),
            }],
            comments: Vec::new(),
            bom: false,
        };
        let text = print(&stream);
        let (back, errors) = parse(&text);
        assert!(errors.is_empty(), "case {case}: {errors:?}\n{text}");
        let (Some(want), Some(got)) = (stream.documents.first(), back.documents.first()) else {
            panic!("case {case}: no document\n{text}");
        };
        if let Err(e) = same(&want.root, &got.root, false, "$") {
            panic!("case {case}: {e}\n--- printed:\n{text}");
        }
    }
}

/// Printing a parsed corpus-like template keeps it.
#[test]
fn parsed_templates_round_trip() {
    let src = include_str!("../../../../examples/docker-stack.yml");
    let (stream, errors) = parse(src);
    assert!(errors.is_empty());
    let text = print(&stream);
    let (back, errors) = parse(&text);
    assert!(errors.is_empty(), "{errors:?}\n{text}");
    let (Some(want), Some(got)) = (stream.documents.first(), back.documents.first()) else {
        panic!("no document");
    };
    same(&want.root, &got.root, false, "$").unwrap_or_else(|e| panic!("{e}\n{text}"));
}
