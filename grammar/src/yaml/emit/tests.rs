//! The emitter's guarantee: emitting a value and reading the YAML back with
//! hotc's loader (Heat's rules) gives the same tree, types and key order
//! included, with every comment at the same entry.
//!
//! Checked on hand-picked YAML 1.1 corners, on exact layouts, and on values
//! generated from a seeded xorshift generator (no dependency) with the
//! strings hardest to write.

use std::collections::BTreeMap;

use super::{emit, emitted, float_text};
use crate::comments::{Attached, attach};
use crate::span::Span;
use crate::test_support::{
    Rng, assert_each_written_once, comment_count, numbered_span, random_comments, same,
};
use crate::value::{Value, ValueKind, build_stream};

/// Reads YAML as Heat's loader does: the value, its comments and the
/// number of errors.
fn load(src: &str) -> (Value, Attached, Vec<String>) {
    let parsed = crate::parse(src);
    let (value, errors) = build_stream(&parsed.stream, parsed.flavor);
    let attached = attach(src, &parsed.stream.comments, &value);
    let errors = parsed
        .errors
        .iter()
        .chain(&errors)
        .map(|e| format!("{:?}", e.kind))
        .collect();
    (value, attached, errors)
}

/// Emits `value` and reads it back; fails with both texts when the value
/// or the comments changed.
#[track_caller]
fn check_value(value: &Value, comments: &Attached) -> String {
    let text = emit(value, comments);
    let (back, back_comments, errors) = load(&text);
    assert_eq!(
        errors,
        Vec::<String>::new(),
        "emitted text has errors:\n{text}"
    );
    assert!(
        same(value, &back),
        "value changed:\n{text}\n{}\nvs\n{}",
        value.to_json_pretty(),
        back.to_json_pretty()
    );
    assert_eq!(
        by_path(value, comments),
        by_path(&back, &back_comments),
        "comments moved:\n{text}"
    );
    text
}

/// Round-trips YAML source through its value and returns the emitted text.
#[track_caller]
fn check(src: &str) -> String {
    let (value, comments, errors) = load(src);
    assert_eq!(errors, Vec::<String>::new(), "bad test input: {src}");
    check_value(&value, &comments)
}

/// Comments keyed by the path of their entry (keys as JSON key text,
/// items by index), so that two trees from different texts compare.
fn by_path(value: &Value, comments: &Attached) -> BTreeMap<String, (Vec<String>, Option<String>)> {
    fn walk(
        v: &Value,
        path: &str,
        comments: &Attached,
        seen: &mut Vec<u32>,
        out: &mut BTreeMap<String, (Vec<String>, Option<String>)>,
    ) {
        let visit =
            |offset: u32,
             path: String,
             seen: &mut Vec<u32>,
             out: &mut BTreeMap<String, (Vec<String>, Option<String>)>| {
                // An item and the first key of a map written after its `- `
                // share an offset: the comments belong to the outer entry.
                if seen.contains(&offset) {
                    return;
                }
                seen.push(offset);
                let before = comments.before.get(&offset).cloned().unwrap_or_default();
                let trailing = comments.trailing.get(&offset).cloned();
                if !before.is_empty() || trailing.is_some() {
                    out.insert(path, (before, trailing));
                }
            };
        match &v.kind {
            ValueKind::Seq(items) => {
                for (i, item) in items.iter().enumerate() {
                    let p = format!("{path}/{i}");
                    visit(item.span.start, p.clone(), seen, out);
                    walk(item, &p, comments, seen, out);
                }
            }
            ValueKind::Map(entries) => {
                for (k, val) in entries {
                    let p = format!("{path}/{}", k.key_text());
                    visit(k.span.start, p.clone(), seen, out);
                    walk(val, &p, comments, seen, out);
                }
            }
            ValueKind::Null
            | ValueKind::Bool(_)
            | ValueKind::Int(_)
            | ValueKind::Float(_)
            | ValueKind::Str(_) => {}
        }
    }
    let mut out = BTreeMap::new();
    walk(value, "", comments, &mut Vec::new(), &mut out);
    if !comments.end.is_empty() {
        out.insert("<end>".to_owned(), (comments.end.clone(), None));
    }
    out
}

fn v(kind: ValueKind) -> Value {
    Value::new(Span::default(), kind)
}

fn s(text: &str) -> Value {
    v(ValueKind::Str(text.to_owned()))
}

#[test]
fn strings_that_look_like_other_types_are_quoted() {
    let words = [
        "yes",
        "No",
        "on",
        "OFF",
        "true",
        "null",
        "Null",
        "~",
        "",
        "0755",
        "0x1F",
        "0b101",
        "1_000",
        "1:30",
        "-5",
        "+7",
        "1.5",
        ".5",
        "1.",
        ".inf",
        "-.Inf",
        ".NaN",
        "1:30.5",
        "2013-05-23",
        "2001-12-14 21:59:43.10 -5",
        "<<",
        "=",
        "0x_",
    ];
    let map = v(ValueKind::Map(
        words
            .iter()
            .enumerate()
            .map(|(i, w)| (s(&format!("k{i}")), s(w)))
            .collect(),
    ));
    let text = check_value(&map, &Attached::default());
    assert!(text.contains("k0: 'yes'\n"), "{text}");
    assert!(text.contains("k8: ''\n"), "{text}");
    assert!(text.contains("k23: '2013-05-23'\n"), "{text}");
    // Not a float in YAML 1.1 (no dot): a plain string.
    check("a: 1e3\nb: 1.0e3\n");
    assert!(check("a: 1e3\n").contains("a: 1e3\n"));
}

#[test]
fn the_template_version_stays_bare() {
    let text = check("heat_template_version: 2013-05-23\nother: '2013-05-23'\n");
    assert_eq!(
        text,
        "heat_template_version: 2013-05-23\nother: '2013-05-23'\n"
    );
}

#[test]
fn numbers_read_back_exactly() {
    let floats = [
        1.5,
        -0.0,
        0.0,
        1e20,
        1e16,
        1e-7,
        1e-5,
        0.1,
        123_456_789.123,
        f64::MAX,
        f64::MIN_POSITIVE,
        5e-324,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NAN,
    ];
    let mut items: Vec<Value> = floats.iter().map(|f| v(ValueKind::Float(*f))).collect();
    items.extend(
        [
            0,
            -5,
            493,
            i128::from(i64::MAX) + 1,
            i128::MIN + 1,
            i128::MAX,
        ]
        .iter()
        .map(|n| v(ValueKind::Int(*n))),
    );
    let doc = v(ValueKind::Map(vec![(s("n"), v(ValueKind::Seq(items)))]));
    check_value(&doc, &Attached::default());
    assert_eq!(float_text(1e20), "1.0e+20");
    assert_eq!(float_text(1.5e-7), "1.5e-07");
    assert_eq!(float_text(-0.0), "-0.0");
    assert_eq!(float_text(2.0), "2.0");
}

#[test]
fn keys_keep_their_types() {
    let text = check("1: int\n'1': str\n1.5: float\nfalse: bool\n~: null\n'yes': s\n");
    assert_eq!(
        text,
        "1: int\n'1': str\n1.5: float\nfalse: bool\nnull: null\n'yes': s\n"
    );
    let long = "k".repeat(2000);
    let doc = v(ValueKind::Map(vec![
        (s(&long), s("long key")),
        (s("multi\nline key"), s("x")),
        (s("OS::Nova::Server"), s("type key")),
        (s("a: b"), s("colon")),
    ]));
    let text = check_value(&doc, &Attached::default());
    assert!(text.contains("OS::Nova::Server: type key\n"), "{text}");
}

#[test]
fn multi_line_strings_are_literal_blocks_when_exact() {
    let text = check("a: |\n  one\n  two\nb: |-\n  x\n  y\nc: |+\n  k\n\n\nd: x\n");
    assert_eq!(
        text,
        "a: |\n  one\n  two\n\nb: |-\n  x\n  y\n\nc: |+\n  k\n\n\nd: x\n"
    );
    // A first line starting with a space needs an indentation indicator.
    let text = check("a: |2\n    indented\n  not\n");
    assert_eq!(text, "a: |2\n    indented\n  not\n");
    // Empty lines inside and before the content.
    check("a: |\n\n  after empty\n\n  x\n");
    check("- |\n  in a list\n  x\n- - |-\n    nested\n    y\n");
    // Not exact as a block: double quotes with escapes.
    let text =
        check("a: \"\\ttab first\\nx\"\nb: \"trailing spaces line\\n   \\nx\"\nc: \"cr\\r\\nx\"\n");
    assert!(text.contains("a: \"\\ttab first\\nx\"\n"), "{text}");
    check("a: \"\\n\\n\"\nb: \"\\n\"\n");
    let root = s("root\nblock\n");
    assert_eq!(
        check_value(&root, &Attached::default()),
        "|\n  root\n  block\n"
    );
}

#[test]
fn layout_is_hot_style() {
    let src = "\
heat_template_version: 2013-05-23
resources:
  mysql:
    type: DockerInc::Docker::Container
    depends_on: [deployment]
    properties:
      image: {get_param: image}
      port_specs:
      - 3306
      env: {}
      list: []
      nested:
        - - a
          - b
        - key: v
          other: w
      endpoint:
        str_replace:
          template: http://host:2375
          params:
            host: {get_attr: [docker_server, networks, private, 0]}
";
    let expected = "\
heat_template_version: 2013-05-23

resources:
  mysql:
    type: DockerInc::Docker::Container
    depends_on: [deployment]
    properties:
      image: {get_param: image}
      port_specs: [3306]
      env: {}
      list: []
      nested:
        - [a, b]
        - key: v
          other: w
      endpoint:
        str_replace:
          template: http://host:2375
          params:
            host: {get_attr: [docker_server, networks, private, 0]}
";
    assert_eq!(check(src), expected);
}

#[test]
fn long_flow_candidates_become_blocks() {
    let items: Vec<String> = (0..30).map(|i| format!("item{i}")).collect();
    let src = format!("list: [{}]\n", items.join(", "));
    let text = check(&src);
    assert!(text.starts_with("list:\n  - item0\n  - item1\n"), "{text}");
}

#[test]
fn comments_stay_at_their_entries() {
    let src = "\
# head
heat_template_version: 2013-05-23 # version
# params
parameters:
  # key param
  key: {type: string} # flow but commented
resources:
  r:
    type: T
    properties:
      list:
        # first
        - a # trailing a
        - b
        # map item
        - k: v # on k
          l: w
      call: {get_param: x}
# the end
";
    let text = check(src);
    assert!(
        text.starts_with("# head\nheat_template_version: 2013-05-23 # version\n"),
        "{text}"
    );
    assert!(text.ends_with("# the end\n"), "{text}");
}

#[test]
fn comments_of_entries_not_in_the_tree_are_kept() {
    let doc = v(ValueKind::Map(vec![(s("a"), s("b"))]));
    let mut comments = Attached::default();
    comments.before.insert(99, vec![" lost entry".to_owned()]);
    comments.trailing.insert(0, " on a".to_owned());
    let text = emit(&doc, &comments);
    assert_eq!(text, "a: b # on a\n# lost entry\n");
}

#[test]
fn empty_and_scalar_roots() {
    assert_eq!(emitted(&v(ValueKind::Map(Vec::new()))), "{}\n");
    assert_eq!(emitted(&v(ValueKind::Seq(Vec::new()))), "[]\n");
    assert_eq!(emitted(&v(ValueKind::Null)), "null\n");
    assert_eq!(emitted(&s("yes")), "'yes'\n");
    check_value(&s(""), &Attached::default());
}

const STRINGS: &[&str] = &[
    "a",
    "get_param",
    "get_attr",
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
    " lead line\nx\n",
    "\tTAB",
    "mid\ttab",
    "nul\0",
    "bell\u{7}",
    "del\u{7f}",
    "nel\u{85}",
    "ls\u{2028}",
    "bom\u{feff}",
    "café ☕",
    "emoji 😀",
    "yes",
    "NO",
    "0755",
    "1.5",
    "1e3",
    "~",
    "null",
    "2013-05-23",
    "<<",
    "=",
    "---",
    "...",
    "--- x",
    "%x",
    "@x",
    "`x",
    "!x",
    "&x",
    "*x",
    "|",
    ">",
    "OS::Nova::Server",
    "http://host:2375",
    "$(echo)",
];

/// A random value of at most `depth` levels; spans number the entries so
/// that comments can be attached to them.
fn gen_value(rng: &mut Rng, depth: usize, next: &mut u32) -> Value {
    let kind = match rng.below(if depth == 0 { 6 } else { 9 }) {
        0 => ValueKind::Null,
        1 => ValueKind::Bool(rng.below(2) == 0),
        2 => ValueKind::Int(rng.int()),
        3 => ValueKind::Float(rng.float(&[f64::INFINITY])),
        4 | 5 => ValueKind::Str(rng.pick(STRINGS).to_owned()),
        6 | 7 => {
            let n = rng.below(4);
            let mut entries: Vec<(Value, Value)> = Vec::new();
            for _ in 0..n {
                let key = match rng.below(6) {
                    // From 2 up: Python counts `true` equal to the key 1.
                    0 => ValueKind::Int(rng.below(5) as i128 + 2),
                    1 => ValueKind::Bool(true),
                    _ => ValueKind::Str(rng.pick(STRINGS).to_owned()),
                };
                let key = Value::new(numbered_span(next), key);
                if entries.iter().any(|(k, _)| same(k, &key)) {
                    continue;
                }
                let value = gen_value(rng, depth - 1, next);
                entries.push((key, value));
            }
            ValueKind::Map(entries)
        }
        _ => {
            let n = rng.below(4);
            ValueKind::Seq((0..n).map(|_| gen_value(rng, depth - 1, next)).collect())
        }
    };
    Value::new(numbered_span(next), kind)
}

#[test]
fn generated_values_read_back_the_same() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for round in 0..3000 {
        let mut next = 0;
        let value = gen_value(&mut rng, 4, &mut next);
        // Attach comments to some entries.
        let comments = random_comments(&mut rng, &value, 6);
        let text = emit(&value, &comments);
        let (back, back_comments, errors) = load(&text);
        assert_eq!(
            errors,
            Vec::<String>::new(),
            "round {round}: errors in\n{text}"
        );
        assert!(
            same(&value, &back),
            "round {round}:\n{text}\n{}",
            value.to_json_pretty()
        );
        assert_each_written_once(&text, &comments, &format!("round {round}: "));
        assert_eq!(
            comment_count(&back_comments),
            comment_count(&comments),
            "round {round}: comments read back\n{text}"
        );
        assert_eq!(
            emit(&back, &back_comments),
            text,
            "round {round}: emitting again changes the text"
        );
    }
}
