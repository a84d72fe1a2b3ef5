//! Tests of the value builder on hand-built syntax trees (so they do not
//! depend on the YAML parser) and of the JSON writer. Expected values are
//! what PyYAML 6.0 with Heat's loader settings and Python 3.11's json module
//! produce for the equivalent YAML/JSON text, noted beside each case.
#![expect(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "tests fail loudly on purpose"
)]

use super::{MAX_ALIAS_NODES, Value, ValueKind, build, build_stream};
use crate::Flavor;
use crate::error::{SyntaxError, SyntaxErrorKind as K};
use crate::span::Span;
use crate::yaml::syntax::{
    Alias, Anchor, Document, Entry, Mapping, Node, NodeKind, Scalar, ScalarStyle, Sequence, Stream,
    Tag,
};

fn sp(start: usize) -> Span {
    Span::new(start, start + 1)
}

fn scalar_at(start: usize, style: ScalarStyle, text: &str) -> Node {
    Node {
        span: sp(start),
        anchor: None,
        tag: None,
        kind: NodeKind::Scalar(Scalar {
            style,
            value: text.to_owned(),
        }),
    }
}

fn plain(text: &str) -> Node {
    scalar_at(0, ScalarStyle::Plain, text)
}

fn plain_at(start: usize, text: &str) -> Node {
    scalar_at(start, ScalarStyle::Plain, text)
}

fn quoted(text: &str) -> Node {
    scalar_at(0, ScalarStyle::DoubleQuoted, text)
}

fn seq(items: Vec<Node>) -> Node {
    Node {
        span: Span::default(),
        anchor: None,
        tag: None,
        kind: NodeKind::Sequence(Sequence { flow: false, items }),
    }
}

fn map(entries: Vec<(Node, Node)>) -> Node {
    Node {
        span: Span::default(),
        anchor: None,
        tag: None,
        kind: NodeKind::Mapping(Mapping {
            flow: false,
            entries: entries
                .into_iter()
                .map(|(key, value)| Entry { key, value })
                .collect(),
        }),
    }
}

fn alias_at(start: usize, name: &str) -> Node {
    Node {
        span: sp(start),
        anchor: None,
        tag: None,
        kind: NodeKind::Alias(Alias {
            name: name.to_owned(),
        }),
    }
}

fn alias(name: &str) -> Node {
    alias_at(0, name)
}

fn anchored(mut node: Node, name: &str) -> Node {
    node.anchor = Some(Anchor {
        name: name.to_owned(),
        span: node.span,
    });
    node
}

fn tagged(mut node: Node, tag: &str) -> Node {
    let resolved = match tag.strip_prefix("!!") {
        Some(suffix) => format!("tag:yaml.org,2002:{suffix}"),
        None => tag.to_owned(),
    };
    node.tag = Some(Tag {
        resolved,
        span: node.span,
    });
    node
}

fn doc(root: Node) -> Document {
    Document {
        root,
        span: Span::default(),
        start_marker: None,
        end_marker: None,
        tag_handles: Vec::new(),
    }
}

fn yaml(root: Node) -> (Value, Vec<SyntaxError>) {
    build(&doc(root), Flavor::Yaml)
}

/// The value as json.dumps prints it, and the error kinds.
fn yaml_json(root: Node) -> (String, Vec<K>) {
    let (value, errors) = yaml(root);
    (
        value.to_json_pretty(),
        errors.into_iter().map(|e| e.kind).collect(),
    )
}

/// Compact form of the pretty JSON, for short expectations.
fn flat(text: &str) -> String {
    text.lines().map(str::trim).collect::<Vec<_>>().join(" ")
}

fn yaml_flat(root: Node) -> (String, Vec<K>) {
    let (text, errors) = yaml_json(root);
    (flat(&text), errors)
}

#[test]
fn plain_scalars_take_yaml_11_types_quoted_ones_stay_strings() {
    // `[0755, "0755", yes, '~', 2013-05-23, 1e5, 1.0e+5, ~]` in PyYAML:
    // [493, '0755', True, '~', '2013-05-23', '1e5', 100000.0, None]
    let root = seq(vec![
        plain("0755"),
        quoted("0755"),
        plain("yes"),
        scalar_at(0, ScalarStyle::SingleQuoted, "~"),
        plain("2013-05-23"),
        plain("1e5"),
        plain("1.0e+5"),
        plain("~"),
        scalar_at(0, ScalarStyle::Literal, "true\n"),
    ]);
    let (text, errors) = yaml_flat(root);
    assert_eq!(
        text,
        r#"[ 493, "0755", true, "~", "2013-05-23", "1e5", 100000.0, null, "true\n" ]"#
    );
    assert!(errors.is_empty());
}

#[test]
fn explicit_tags_follow_safe_constructor() {
    // !!str 123 -> '123'; !!int "12" -> 12; !!float "1" -> 1.0;
    // !!bool "yEs" -> True; !!null "x" -> None; !!timestamp 2001-1-1 -> str;
    // ! "123" -> 123 (the non-specific tag resolves implicitly);
    // !<tag:yaml.org,2002:str> 1 -> '1'.
    let root = seq(vec![
        tagged(plain("123"), "!!str"),
        tagged(quoted("12"), "!!int"),
        tagged(quoted("1"), "!!float"),
        tagged(quoted("yEs"), "!!bool"),
        tagged(quoted("x"), "!!null"),
        tagged(plain("2001-1-1"), "!!timestamp"),
        tagged(quoted("123"), "!"),
        tagged(plain("1"), "tag:yaml.org,2002:str"),
        tagged(seq(vec![plain("1")]), "!!seq"),
        tagged(map(vec![(plain("a"), plain("1"))]), "!!map"),
    ]);
    let (text, errors) = yaml_flat(root);
    assert_eq!(
        text,
        r#"[ "123", 12, 1.0, true, null, "2001-1-1", 123, "1", [ 1 ], { "a": 1 } ]"#
    );
    assert!(errors.is_empty(), "{errors:?}");
}

#[test]
fn bad_and_unknown_tags_are_errors() {
    // !!int abc: ValueError; !!bool 1: KeyError; !!seq {..}: "expected a
    // sequence node"; !foo: "could not determine a constructor";
    // !!set/!!binary: Python types a template cannot hold.
    let root = seq(vec![
        tagged(plain("abc"), "!!int"),
        tagged(plain("1"), "!!bool"),
        tagged(map(vec![]), "!!seq"),
        tagged(plain("1"), "!Ref"),
        tagged(map(vec![(plain("a"), plain(""))]), "!!set"),
        tagged(plain("aGk="), "!!binary"),
        tagged(seq(vec![]), "!!str"),
    ]);
    let (text, errors) = yaml_flat(root);
    assert_eq!(text, "[ null, null, null, null, null, null, null ]");
    let int = "tag:yaml.org,2002:int".to_owned();
    assert_eq!(errors[0], K::InvalidTaggedValue { tag: int });
    assert!(matches!(&errors[1], K::InvalidTaggedValue { tag } if tag.ends_with("bool")));
    assert!(matches!(&errors[2], K::InvalidTaggedValue { tag } if tag.ends_with("seq")));
    assert_eq!(errors[3], K::UnknownTag { tag: "!Ref".into() });
    assert!(matches!(&errors[4], K::UnsupportedTag { tag } if tag.ends_with("set")));
    assert!(matches!(&errors[5], K::UnsupportedTag { tag } if tag.ends_with("binary")));
    assert!(matches!(&errors[6], K::InvalidTaggedValue { tag } if tag.ends_with("str")));
    assert_eq!(errors.len(), 7);
}

#[test]
fn str_tag_on_a_mapping_reads_its_value_key() {
    // `x: !!str {=: 5}` -> {'x': '5'} in PyYAML; `=: 1` -> {'=': 1}.
    let root = map(vec![
        (
            plain("x"),
            tagged(map(vec![(plain("="), plain("5"))]), "!!str"),
        ),
        (plain("="), plain("1")),
    ]);
    assert_eq!(yaml_flat(root), (r#"{ "x": "5", "=": 1 }"#.into(), vec![]));
}

#[test]
fn merge_and_value_scalars_have_no_constructor_outside_keys() {
    // `a: <<` and `a: =` raise "could not determine a constructor".
    let root = map(vec![(plain("a"), plain("<<")), (plain("b"), plain("="))]);
    let (text, errors) = yaml_flat(root);
    assert_eq!(text, r#"{ "a": null, "b": null }"#);
    assert_eq!(
        errors,
        vec![
            K::UnknownTag {
                tag: "tag:yaml.org,2002:merge".into()
            },
            K::UnknownTag {
                tag: "tag:yaml.org,2002:value".into()
            },
        ]
    );
}

#[test]
fn aliases_copy_the_anchored_value_with_the_alias_span() {
    // `a: &x {k: [1]}` / `b: *x` -> both {'k': [1]}.
    let root = map(vec![
        (
            plain("a"),
            anchored(map(vec![(plain("k"), seq(vec![plain_at(3, "1")]))]), "x"),
        ),
        (plain("b"), alias_at(9, "x")),
    ]);
    let (value, errors) = yaml(root);
    assert!(errors.is_empty());
    let a = value.get("a").unwrap();
    let b = value.get("b").unwrap();
    assert_eq!(a.to_json_pretty(), b.to_json_pretty());
    assert_eq!(b.span, sp(9));
    // Inside the copy, spans point at the definition.
    assert_eq!(b.get("k").unwrap().as_seq().unwrap()[0].span, sp(3));
}

#[test]
fn alias_problems_are_reported() {
    // PyYAML: "found undefined alias", "found duplicate anchor" (second
    // occurrence), and `&a [*a]` is a self-referencing list.
    let root = seq(vec![
        alias_at(1, "nope"),
        anchored(plain_at(2, "1"), "d"),
        anchored(plain_at(3, "2"), "d"),
        alias_at(4, "d"),
        anchored(seq(vec![alias_at(5, "r")]), "r"),
    ]);
    let (value, errors) = yaml(root);
    assert_eq!(
        flat(&value.to_json_pretty()),
        "[ null, 1, 2, 2, [ null ] ]",
        "the duplicate anchor's latest definition is used"
    );
    assert_eq!(
        errors,
        vec![
            SyntaxError::new(
                K::UndefinedAlias {
                    name: "nope".into()
                },
                sp(1)
            ),
            SyntaxError::new(
                K::DuplicateAnchor {
                    name: "d".into(),
                    first: sp(2)
                },
                sp(3)
            ),
            SyntaxError::new(K::RecursiveAlias { name: "r".into() }, sp(5)),
        ]
    );
}

#[test]
fn billion_laughs_hits_the_expansion_cap() {
    // l0: &l0 [x]; lN: &lN [*lN-1 x 10] — 10^7 values if expanded.
    let mut entries = vec![(plain("l0"), anchored(seq(vec![plain("x")]), "l0"))];
    for level in 1..=7 {
        let prev = format!("l{}", level - 1);
        let items = (0..10).map(|_| alias(&prev)).collect();
        entries.push((
            plain(&format!("l{level}")),
            anchored(seq(items), &format!("l{level}")),
        ));
    }
    let (_, errors) = yaml(map(entries));
    assert_eq!(
        errors.iter().map(|e| &e.kind).collect::<Vec<_>>(),
        vec![&K::AliasExpansionLimit {
            limit: MAX_ALIAS_NODES
        }]
    );
}

#[test]
fn alias_chains_cannot_build_unbounded_depth() {
    // a0: &a0 [x]; each aN: &aN [*aN-1] is one deeper, at no nesting cost.
    let mut items = vec![anchored(seq(vec![plain("x")]), "a0")];
    for level in 1..=600 {
        items.push(anchored(
            seq(vec![alias(&format!("a{}", level - 1))]),
            &format!("a{level}"),
        ));
    }
    let (_, errors) = yaml(seq(items));
    assert_eq!(
        errors.iter().map(|e| &e.kind).collect::<Vec<_>>(),
        vec![&K::TooDeep]
    );
}

#[test]
fn merge_keys_flatten_like_pyyaml() {
    // a: &a {x: 1, y: 2}
    // b: &b {y: 3, z: 4}
    // c: {<<: [*a, *b], w: 0}   -> {'y': 2, 'z': 4, 'x': 1, 'w': 0}
    // d: {y: 0, <<: *a}          -> {'x': 1, 'y': 0}
    // e: {!!merge "<<": {q: 1}}  -> {'q': 1}
    let a = map(vec![(plain("x"), plain("1")), (plain("y"), plain("2"))]);
    let b = map(vec![(plain("y"), plain("3")), (plain("z"), plain("4"))]);
    let root = map(vec![
        (plain("a"), anchored(a, "a")),
        (plain("b"), anchored(b, "b")),
        (
            plain("c"),
            map(vec![
                (plain("<<"), seq(vec![alias("a"), alias("b")])),
                (plain("w"), plain("0")),
            ]),
        ),
        (
            plain("d"),
            map(vec![(plain("y"), plain("0")), (plain("<<"), alias("a"))]),
        ),
        (
            plain("e"),
            map(vec![(
                tagged(quoted("<<"), "!!merge"),
                map(vec![(plain("q"), plain("1"))]),
            )]),
        ),
    ]);
    let (value, errors) = yaml(root);
    assert!(errors.is_empty(), "{errors:?}");
    let c = flat(&value.get("c").unwrap().to_json_pretty());
    assert_eq!(c, r#"{ "y": 2, "z": 4, "x": 1, "w": 0 }"#);
    let d = flat(&value.get("d").unwrap().to_json_pretty());
    assert_eq!(d, r#"{ "x": 1, "y": 0 }"#);
    let e = flat(&value.get("e").unwrap().to_json_pretty());
    assert_eq!(e, r#"{ "q": 1 }"#);
}

#[test]
fn bad_merges_are_reported() {
    // `{<<: 1}` and `{<<: [1]}`: "expected a mapping or list of mappings
    // for merging" / "expected a mapping for merging".
    let root = seq(vec![
        map(vec![(plain("<<"), plain_at(1, "1"))]),
        map(vec![(plain("<<"), seq(vec![plain_at(2, "1")]))]),
    ]);
    let (value, errors) = yaml(root);
    assert_eq!(flat(&value.to_json_pretty()), "[ {}, {} ]");
    assert_eq!(
        errors,
        vec![
            SyntaxError::new(K::InvalidMerge, sp(1)),
            SyntaxError::new(K::InvalidMerge, sp(2)),
        ]
    );
}

#[test]
fn duplicate_keys_collapse_as_python_dict_keys() {
    // `{1: a, 1.0: b, true: c, 0: d, false: e, null: f, ~: g}` ->
    // {1: 'c', 0: 'e', None: 'g'}: first key kept, last value wins.
    let root = map(vec![
        (plain_at(1, "1"), plain("a")),
        (plain_at(2, "1.0"), plain("b")),
        (plain_at(3, "true"), plain("c")),
        (plain_at(4, "0"), plain("d")),
        (plain_at(5, "false"), plain("e")),
        (plain_at(6, "null"), plain("f")),
        (plain_at(7, "~"), plain("g")),
        (quoted("1"), plain("h")),
    ]);
    let (value, errors) = yaml(root);
    assert_eq!(
        flat(&value.to_json_pretty()),
        r#"{ "1": "c", "0": "e", "null": "g", "1": "h" }"#
    );
    let found: Vec<_> = errors
        .iter()
        .map(|e| match &e.kind {
            K::DuplicateKey { key, first } => (key.as_str(), first.start, e.span.start),
            other => panic!("unexpected {other:?}"),
        })
        .collect();
    assert_eq!(
        found,
        vec![
            ("1.0", 1, 2),
            ("true", 1, 3),
            ("false", 4, 5),
            ("null", 6, 7)
        ]
    );
}

#[test]
fn duplicate_keys_in_large_mappings() {
    // Past the linear-scan size the hash index must find the same keys:
    // {k0..k19, 1, 1.0, true, k5} -> 21 keys, `1` holding "last", k5 "again".
    let mut entries: Vec<_> = (0..20)
        .map(|i| (plain_at(i, &format!("k{i}")), plain("v")))
        .collect();
    entries.push((plain_at(30, "1"), plain("a")));
    entries.push((plain_at(31, "1.0"), plain("b")));
    entries.push((plain_at(32, "true"), plain("last")));
    entries.push((plain_at(33, "k5"), plain("again")));
    let (value, errors) = yaml(map(entries));
    let pairs = value.as_map().unwrap();
    assert_eq!(pairs.len(), 21);
    assert_eq!(pairs[20].0.as_int(), Some(1));
    assert_eq!(pairs[20].1.as_str(), Some("last"));
    assert_eq!(value.get("k5").unwrap().as_str(), Some("again"));
    let firsts: Vec<_> = errors
        .iter()
        .map(|e| match &e.kind {
            K::DuplicateKey { first, .. } => (first.start, e.span.start),
            other => panic!("unexpected {other:?}"),
        })
        .collect();
    assert_eq!(firsts, vec![(30, 31), (30, 32), (5, 33)]);
}

#[test]
fn unhashable_keys_are_errors() {
    // `? [1]\n: 2` -> "found unhashable key".
    let key = Node {
        span: sp(3),
        ..seq(vec![plain("1")])
    };
    let (value, errors) = yaml(map(vec![(key, plain("2"))]));
    assert_eq!(value.to_json_pretty(), "{}");
    assert_eq!(errors, vec![SyntaxError::new(K::UnhashableKey, sp(3))]);
}

#[test]
fn omap_and_pairs_are_lists_of_pairs() {
    // `!!pairs [{a: 1}, {a: 2}]` -> [('a', 1), ('a', 2)].
    let root = tagged(
        seq(vec![
            map(vec![(plain("a"), plain("1"))]),
            map(vec![(plain("a"), plain("2"))]),
        ]),
        "!!pairs",
    );
    assert_eq!(
        yaml_flat(root),
        (r#"[ [ "a", 1 ], [ "a", 2 ] ]"#.into(), vec![])
    );
}

#[test]
fn huge_integers_are_reported_not_mangled() {
    let (text, errors) = yaml_flat(seq(vec![plain(
        "123456789012345678901234567890123456789012",
    )]));
    assert_eq!(text, r#"[ "123456789012345678901234567890123456789012" ]"#);
    assert_eq!(errors, vec![K::IntegerTooLarge]);
}

#[test]
fn streams_hold_zero_or_one_document() {
    let (value, errors) = build_stream(&Stream::default(), Flavor::Yaml);
    assert!(value.is_null() && errors.is_empty());
    let mut second = doc(plain("2"));
    second.start_marker = Some(sp(7));
    let stream = Stream {
        documents: vec![doc(plain("1")), second],
        ..Stream::default()
    };
    let (value, errors) = build_stream(&stream, Flavor::Yaml);
    assert_eq!(value.as_int(), Some(1));
    assert_eq!(errors, vec![SyntaxError::new(K::MultipleDocuments, sp(7))]);
}

#[test]
fn json_flavor_reads_json_literals() {
    let src = r#"{"a": [1, -0, 1.5, 1e400, -1E-2, true, false, null, NaN, -Infinity, "0755"],
        "a": 2, "yes": "no"}"#;
    let stream = crate::json::parse_strict(src).unwrap();
    let (value, errors) = build_stream(&stream, Flavor::Json);
    // json.loads keeps the last "a" in the first position; the builder
    // warns about it.
    assert_eq!(flat(&value.to_json_pretty()), r#"{ "a": 2, "yes": "no" }"#);
    assert!(matches!(&errors[..], [e] if e.kind.is_warning()));
    let arr = r#"[1, -0, 1.5, 1e400, -1E-2, true, false, null, NaN, -Infinity, "0755", 1.0]"#;
    let stream = crate::json::parse_strict(arr).unwrap();
    let (value, errors) = build_stream(&stream, Flavor::Json);
    assert!(errors.is_empty());
    // json.dumps(json.loads(arr)) in Python:
    assert_eq!(
        flat(&value.to_json_pretty()),
        r#"[ 1, 0, 1.5, Infinity, -0.01, true, false, null, NaN, -Infinity, "0755", 1.0 ]"#
    );
}

#[test]
fn floats_print_as_python_repr() {
    // (value, repr(value)) from Python 3.11.
    let cases: &[(f64, &str)] = &[
        (0.0, "0.0"),
        (-0.0, "-0.0"),
        (1.0, "1.0"),
        (0.1, "0.1"),
        (1e16, "1e+16"),
        (1e15, "1000000000000000.0"),
        (1.5e16, "1.5e+16"),
        (1e-05, "1e-05"),
        (0.0001, "0.0001"),
        (0.00012345, "0.00012345"),
        (123_456_789.123_456_79, "123456789.12345679"),
        (1e300, "1e+300"),
        (-2.5e-10, "-2.5e-10"),
        (f64::MAX, "1.7976931348623157e+308"),
        (5e-324, "5e-324"),
        (9_999_999_999_999_998.0, "9999999999999998.0"),
        (1e22, "1e+22"),
        (100_000.0, "100000.0"),
        (std::f64::consts::PI, "3.141592653589793"),
        (-0.0001, "-0.0001"),
        (2.5e-05, "2.5e-05"),
        (1_234_567_890_123_456.8, "1234567890123456.8"),
        (1.234_567_890_123_456_8e16, "1.2345678901234568e+16"),
        (f64::NAN, "NaN"),
        (f64::INFINITY, "Infinity"),
        (f64::NEG_INFINITY, "-Infinity"),
    ];
    for &(f, repr) in cases {
        let value = Value::new(Span::default(), ValueKind::Float(f));
        assert_eq!(value.to_json_pretty(), repr);
    }
}

#[test]
fn json_writer_matches_json_dumps_indent_2() {
    let v = |kind| Value::new(Span::default(), kind);
    let s = |text: &str| v(ValueKind::Str(text.to_owned()));
    let value = v(ValueKind::Map(vec![
        (
            s("a"),
            s("\"\\\n\r\t\u{8}\u{c}\u{1}\u{1f}\u{7f}\u{2028}é😀"),
        ),
        (s("b"), v(ValueKind::Seq(vec![]))),
        (s("c"), v(ValueKind::Map(vec![]))),
        (
            s("d"),
            v(ValueKind::Seq(vec![
                v(ValueKind::Int(1)),
                v(ValueKind::Map(vec![(s("e"), v(ValueKind::Null))])),
            ])),
        ),
        (v(ValueKind::Int(1)), v(ValueKind::Bool(true))),
        (v(ValueKind::Float(1.5)), v(ValueKind::Bool(false))),
        (v(ValueKind::Null), v(ValueKind::Int(0))),
        (
            v(ValueKind::Float(f64::NAN)),
            v(ValueKind::Float(f64::INFINITY)),
        ),
    ]));
    // print(json.dumps({...}, indent=2, ensure_ascii=False)) in Python.
    let expected = "{\n  \"a\": \"\\\"\\\\\\n\\r\\t\\b\\f\\u0001\\u001f\u{7f}\u{2028}é😀\",\n  \"b\": [],\n  \"c\": {},\n  \"d\": [\n    1,\n    {\n      \"e\": null\n    }\n  ],\n  \"1\": true,\n  \"1.5\": false,\n  \"null\": 0,\n  \"NaN\": Infinity\n}";
    assert_eq!(value.to_json_pretty(), expected);
}

#[test]
fn accessors() {
    let stream = crate::json::parse_strict(r#"{"a": {"b": [1, "x"]}, "1": 2}"#).unwrap();
    let (value, _) = build_stream(&stream, Flavor::Json);
    let b = value.get("a").unwrap().get("b").unwrap();
    assert_eq!(b.type_name(), "list");
    assert_eq!(b.as_seq().unwrap()[1].as_str(), Some("x"));
    assert_eq!(value.get("1").unwrap().as_int(), Some(2));
    assert!(value.get("zz").is_none());
}
