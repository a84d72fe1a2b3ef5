//! The printer's guarantee: the printed text lowers back (with
//! `dsl::parse`) to the same value tree, printing that tree again gives the
//! same text, and every comment is written once. Checked on the seed, on
//! each short form and its edge, on hand-written `.heat` text, and on
//! templates generated from a seeded xorshift generator (no dependency)
//! with the strings and shapes hardest to print.

use super::{PrintError, print, printed};
use crate::comments::{Attached, attach};
use crate::span::Span;
use crate::test_support::{
    Rng, assert_each_written_once, comment_count, numbered_span, random_comments, same,
};
use crate::value::{Value, ValueKind, build_stream};

fn yaml(src: &str) -> (Value, Attached) {
    let parsed = crate::parse(src);
    let (value, errors) = build_stream(&parsed.stream, parsed.flavor);
    assert!(
        errors.is_empty() && parsed.errors.is_empty(),
        "bad test input {src}"
    );
    let attached = attach(src, &parsed.stream.comments, &value);
    (value, attached)
}

/// Prints `value`, lowers the text, and checks the value, the comments and
/// a second printing; returns the text.
#[track_caller]
fn check_value(value: &Value, comments: &Attached) -> String {
    let text = match print(value, comments) {
        Ok(text) => text,
        Err(e) => panic!("not printed: {e:?}"),
    };
    let parsed = crate::dsl::parse(&text);
    assert!(parsed.errors.is_empty(), "{:?}\n{text}", parsed.errors);
    let Some(back) = parsed.value else {
        panic!("no value from\n{text}");
    };
    assert!(
        same(value, &back),
        "value changed:\n{text}\n{}\nvs\n{}",
        value.to_json_pretty(),
        back.to_json_pretty()
    );
    let back_comments = attach(&text, &parsed.comments, &back);
    assert_eq!(
        comment_count(&back_comments),
        comment_count(comments),
        "comments lost or added:\n{text}"
    );
    match print(&back, &back_comments) {
        Ok(again) => assert_eq!(again, text, "printing again changed the text"),
        Err(e) => panic!("not printed again: {e:?}"),
    }
    text
}

/// YAML in, `.heat` out, checked.
#[track_caller]
fn check(src: &str) -> String {
    let (value, comments) = yaml(src);
    check_value(&value, &comments)
}

/// `.heat` text that the printer writes back unchanged.
#[track_caller]
fn check_canonical(dsl: &str) {
    let parsed = crate::dsl::parse(dsl);
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    let Some(value) = parsed.value else {
        panic!("no value");
    };
    let comments = attach(dsl, &parsed.comments, &value);
    assert_eq!(check_value(&value, &comments), dsl);
}

#[test]
fn the_seed_prints_in_short_forms() {
    let text = check(include_str!("../../../../examples/docker-stack.yml"));
    assert!(text.contains("resource docker_server: OS::Nova::Server {\n  key_name = param.key\n"));
    assert!(text.contains("  @depends_on = [deployment]\n"));
    assert!(text.contains("params = { host = docker_server.networks.private[0] }"));
    assert!(text.contains("  config = \"\"\"\n    #!/bin/bash -v\n"));
}

#[test]
fn hand_written_heat_is_canonical() {
    check_canonical(include_str!("../../../../examples/docker-stack.heat"));
    check_canonical(
        "\
heat_template_version 2018-08-31

param name: string { description = \"the name\" }
param size: number = 2

# the server
resource server: OS::Nova::Server {
  name = \"${param.name}-${param.size}\" # interpolated
  image = param[\"OS::stack_id\"]
}

output ip = server.networks[\"private net\"][0]
output all = server.show { description = \"everything\" }
",
    );
}

#[test]
fn only_a_mapping_is_a_file() {
    let (v, _) = yaml("[1, 2]\n");
    assert!(matches!(
        print(&v, &Attached::default()),
        Err(PrintError::NotAMapping { found: "list", .. })
    ));
    assert_eq!(printed(&v), "[1, 2]\n");
    let bad_key = Value::new(
        Span::default(),
        ValueKind::Map(vec![(
            Value::new(Span::new(3, 4), ValueKind::Seq(Vec::new())),
            Value::null(Span::default()),
        )]),
    );
    assert_eq!(
        print(&bad_key, &Attached::default()),
        Err(PrintError::CollectionKey {
            span: Span::new(3, 4)
        })
    );
}

#[test]
fn short_forms_follow_key_order() {
    let text = check(
        "\
heat_template_version: 2016-04-08
parameters:
  a: {type: string, default: x, description: d}
  b: {type: string, description: d, default: x}
  c: {description: d, type: string}
  d: {}
  e: null
  f: {type: [list], default: 1}
  g: {type: 'my type'}
resources:
  r1: {type: OS::Heat::None}
  r2: {type: T, properties: {}}
  r3: {type: T, properties: {get_param: props}}
  r4: {type: T, depends_on: r1, properties: {a: 1, b: 2}, metadata: {m: 1}}
  r5: {properties: {a: 1}, type: T}
  r6: {type: nested.yaml}
  r7: null
outputs:
  o1: {value: 1, description: d}
  o2: {description: d, value: 1}
  o3: {}
conditions:
  c1: {equals: [{get_param: a}, x]}
",
    );
    for line in [
        "param a: string = \"x\" { description = \"d\" }\n",
        "param b: string { description = \"d\", default = \"x\" }\n",
        "param c { description = \"d\", type = \"string\" }\n",
        "param d = {}\n",
        "param e = null\n",
        "param f { type = [\"list\"], default = 1 }\n",
        "param g: \"my type\"\n",
        "resource r1: OS::Heat::None\n",
        "resource r2: T {\n  @properties = {}\n}\n",
        "resource r3: T {\n  @properties = param.props\n}\n",
        "resource r4: T {\n  @depends_on = r1\n  a = 1\n  b = 2\n  @metadata = { m = 1 }\n}\n",
        "resource r5 = { properties = { a = 1 }, type = \"T\" }\n",
        "resource r6: \"nested.yaml\"\n",
        "resource r7 = null\n",
        "output o1 = 1 { description = \"d\" }\n",
        "output o2 := { description = \"d\", value = 1 }\n",
        "output o3 := {}\n",
        "condition c1 = equals(param.a, \"x\")\n",
    ] {
        assert!(text.contains(line), "no {line:?} in\n{text}");
    }
}

#[test]
fn environments_keep_parameters_whole() {
    let text = check("parameters:\n  key: value\nresource_registry:\n  OS::X: x.yaml\n");
    assert_eq!(
        text,
        "parameters = { key = \"value\" }\nresource_registry = { \"OS::X\" = \"x.yaml\" }\n"
    );
}

#[test]
fn odd_sections_and_keys_are_written_whole() {
    let text = check(
        "\
heat_template_version: 1
param: x
resources: {}
outputs: [a]
conditions:
  1: true
'true': 1
true: 2
null: 3
1.5: 4
-7: 5
'has space': 6
'': 7
",
    );
    for line in [
        "heat_template_version = 1\n",
        "\"param\" = \"x\"\n",
        "resources = {}\n",
        "outputs = [\"a\"]\n",
        "conditions = { 1 = true }\n",
        "\"true\" = 1\n",
        "true = 2\n",
        "null = 3\n",
        "1.5 = 4\n",
        "-7 = 5\n",
        "\"has space\" = 6\n",
        "\"\" = 7\n",
    ] {
        assert!(text.contains(line), "no {line:?} in\n{text}");
    }
}

#[test]
fn references_and_calls() {
    let text = check(
        "\
heat_template_version: 2016-10-14
resources:
  s:
    type: T
    properties:
      a: {get_param: p}
      b: {get_param: [p, key, 0]}
      c: {get_param: 'OS::stack_id'}
      d: {get_param: [p]}
      e: {get_resource: s}
      f: {get_resource: missing}
      g: {get_attr: [s, first_address]}
      h: {get_attr: [s, 'a b', {get_param: i}, 2]}
      i: {get_attr: [s]}
      j: {get_attr: [missing, x]}
      k: {list_join: [',', [a, b]]}
      l: {list_join: [',']}
      m: {get_file: x.sh}
      n: {resource_facade: null}
      o: {Fn::Select: [1, [a, b]]}
      p: {repeat: {for_each: {x: [1]}, template: y}}
      q: {map_merge: []}
      r: {yaql: {}}
      s: {not_a_function: 1}
      t: {get_param: {a: 1}}
      u: {get_attr: [s, \"multi\\nline\\ntext\"]}
    depends_on: [s, {get_resource: s}, [s], 'not ident']
",
    );
    for line in [
        "a = param.p\n",
        "b = param.p.key[0]\n",
        "c = param[\"OS::stack_id\"]\n",
        "d = get_param([\"p\"])\n",
        "e = s\n",
        "f = get_resource(\"missing\")\n",
        "g = s.first_address\n",
        "h = s[\"a b\"][param.i][2]\n",
        "i = get_attr([\"s\"])\n",
        "j = get_attr(\"missing\", \"x\")\n",
        "k = list_join(\",\", [\"a\", \"b\"])\n",
        "l = list_join([\",\"])\n",
        "m = get_file(\"x.sh\")\n",
        "n = resource_facade()\n",
        "o = Fn::Select(1, [\"a\", \"b\"])\n",
        "p = repeat(for_each = { x = [1] }, template = \"y\")\n",
        "q = map_merge([])\n",
        "r = yaql({})\n",
        "s = { not_a_function = 1 }\n",
        "t = param[{ a = 1 }]\n",
        "@depends_on = [s, get_resource(\"s\"), [\"s\"], \"not ident\"]\n",
    ] {
        assert!(text.contains(line), "no {line:?} in\n{text}");
    }
}

#[test]
fn interpolations_print_back_as_written() {
    check_canonical(
        "\
heat_template_version 2013-05-23

resource r: T {
  a = \"http://${r.ip}:80/${param.path}\"
  b = \"__hotc_0__ and ${r} and __hotc_2__ ${param.x}\"
  c = \"cost: \\$${param.price} $${literal}\"
  d = \"${r}\"
  e = \"\"\"
    line ${param.a}
      indented ${[1, 2]}
    \\\"\"\" quoted
    \"\"\"
  f = \"\"\"
    no final break ${param.b}
    last\"\"\"-
}
"
        .replace("last\"\"\"-", "last\n    \"\"\"-")
        .as_str(),
    );
    // A `str_replace` with other placeholders stays a call.
    let text = check(
        "\
resources:
  r:
    type: T
    properties:
      a: {str_replace: {template: x __hotc_1__, params: {__hotc_1__: y}}}
      b: {str_replace: {params: {__hotc_0__: y}, template: __hotc_0__}}
",
    );
    assert!(
        text.contains(
            "a = str_replace(template = \"x __hotc_1__\", params = { __hotc_1__ = \"y\" })"
        ),
        "{text}"
    );
}

#[test]
fn strings_are_escaped_exactly() {
    let text = check(
        "\
a: \"${x} and $${y} and $\"
b: \"tab\\there\\r\\n\\0 bell\\a del\\x7f nel\\x85 ls\\u2028 bom\\ufeff café ☕ 😀\"
c: \"back\\\\slash \\\"quoted\\\"\"
d: \"two\\nlines\"
e: \"two\\nlines\\n\"
f: \"ends\\n\\n\"
g: \"\\n\\n\"
h: \"\\tindented\\n  \\tmixed\\n\\\"\\\"\\\" starts\\n   \\\"\\\"\\\" indented\\nback\\\\slash $ {x} ${y}\\n\"
i: \"raw ${x}\\nblock\\n\"
j: \"   \\n\\n  spaces only lines around\\n   \\n\"
k: \"\\n\\nleading empty lines\\n\"
",
    );
    assert!(text.contains("a = \"$${x} and $$${y} and $\"\n"), "{text}");
    assert!(
        text.contains("i = '''\n  raw ${x}\n  block\n  '''\n"),
        "{text}"
    );
    assert!(
        text.contains("d = \"\"\"\n  two\n  lines\n  \"\"\"-\n"),
        "{text}"
    );
    assert!(
        text.contains("e = \"\"\"\n  two\n  lines\n  \"\"\"\n"),
        "{text}"
    );
}

#[test]
fn numbers_keep_their_types() {
    let text = check(
        "\
a: [0, -5, 0755, 0x1F, 1_000, 170141183460469231731687303715884105727]
b: [1.5, -0.0, 1.0e+20, 1.5e-7, .inf, -.inf, .nan, 2.0, 1e3]
",
    );
    assert!(
        text.contains("a = [0, -5, 493, 31, 1000, 170141183460469231731687303715884105727]"),
        "{text}"
    );
    assert!(
        text.contains("b = [1.5, -0.0, 1e+20, 1.5e-07, .inf, -.inf, .nan, 2.0, \"1e3\"]"),
        "{text}"
    );
}

#[test]
fn long_values_break_and_short_ones_stay_on_a_line() {
    let long: Vec<String> = (0..20).map(|i| format!("item{i}")).collect();
    let src = format!(
        "heat_template_version: 2016-10-14\nshort: [a, b]\nlong: [{}]\nmap: {{a: 1, b: [{}]}}\n",
        long.join(", "),
        long.join(", ")
    );
    let text = check(&src);
    assert!(text.contains("short = [\"a\", \"b\"]\n"), "{text}");
    assert!(
        text.contains("long = [\n  \"item0\"\n  \"item1\"\n"),
        "{text}"
    );
    assert!(
        text.contains("map = {\n  a = 1\n  b = [\n    \"item0\"\n"),
        "{text}"
    );
}

#[test]
fn comments_are_carried_once() {
    let src = "\
# about the template
heat_template_version: 2016-10-14 # the version
# the parameters
parameters:
  # first
  a: {type: string} # a's type
  # second
  b:
    type: string
    # b's default
    default: {get_param: x} # trailing on a call
resources:
  r:
    # before type
    type: T # type
    # before properties
    properties:
      # first property
      p: [1, # one
          2]
      q: |
        block
        text
      # before call
      s: {str_replace: {template: x, params: {x: 1}}} # call
    depends_on: [r] # deps
outputs:
  o:
    value: 1 # the value
# the end
";
    let text = check(src);
    let (_, comments) = yaml(src);
    assert_each_written_once(&text, &comments, "");
}

// ----- generated templates -----

const STRINGS: &[&str] = &[
    "a",
    "server",
    "param",
    "true",
    "null",
    "get_param",
    "OS::stack_id",
    "a b",
    "",
    " lead",
    "trail ",
    "${x}",
    "$${x}",
    "$",
    "a$",
    "{",
    "}",
    "\"",
    "'",
    "'''",
    "\"\"\"",
    "\\",
    "\\n",
    "line\nbreak",
    "two\nlines\n",
    "end\n",
    "ends\n\n",
    "\n",
    "\n\n",
    "  \n x\n",
    "\tTAB\nx",
    "x\n\ty\n",
    "\"\"\" quote\nline\n",
    "x\n  \"\"\" q\n",
    "''' raw ${x}\nline\n",
    "${a}\n${b}\n",
    "nul\0",
    "bell\u{7}",
    "cr\r\nlf",
    "del\u{7f}",
    "nel\u{85}",
    "ls\u{2028}",
    "bom\u{feff}",
    "café ☕",
    "emoji 😀",
    "# not a comment",
    "a # b",
    "__hotc_0__",
    "x __hotc_1__ y",
];

const NAMES: &[&str] = &["r1", "r2", "srv-a", "x_y", "param", "true", "a.b", "1st"];

fn s(text: &str, next: &mut u32) -> Value {
    Value::new(numbered_span(next), ValueKind::Str(text.to_owned()))
}

fn map(entries: Vec<(Value, Value)>, next: &mut u32) -> Value {
    Value::new(numbered_span(next), ValueKind::Map(entries))
}

fn seq(items: Vec<Value>, next: &mut u32) -> Value {
    Value::new(numbered_span(next), ValueKind::Seq(items))
}

/// A random value: scalars, lists, maps, calls, references and
/// interpolation-shaped `str_replace`s.
fn gen_value(rng: &mut Rng, depth: usize, next: &mut u32) -> Value {
    let choice = rng.below(if depth == 0 { 6 } else { 14 });
    let kind = match choice {
        0 => ValueKind::Null,
        1 => ValueKind::Bool(rng.below(2) == 0),
        2 => ValueKind::Int(rng.int()),
        3 => ValueKind::Float(rng.float(&[-0.0, f64::NEG_INFINITY])),
        4 | 5 => ValueKind::Str(rng.pick(STRINGS).to_owned()),
        6 | 7 => {
            let n = rng.below(4);
            ValueKind::Seq((0..n).map(|_| gen_value(rng, depth - 1, next)).collect())
        }
        8 => {
            let n = rng.below(4);
            let mut entries: Vec<(Value, Value)> = Vec::new();
            for _ in 0..n {
                let key = match rng.below(8) {
                    0 => Value::new(
                        numbered_span(next),
                        ValueKind::Int(rng.below(5) as i128 + 2),
                    ),
                    1 => Value::new(numbered_span(next), ValueKind::Null),
                    _ => s(rng.pick(STRINGS), next),
                };
                if entries.iter().any(|(k, _)| same(k, &key)) {
                    continue;
                }
                entries.push((key, gen_value(rng, depth - 1, next)));
            }
            ValueKind::Map(entries)
        }
        9 | 10 => {
            // A reference-shaped call.
            let name = rng.pick(&["get_param", "get_resource", "get_attr"]);
            let arg = match rng.below(3) {
                0 => s(rng.pick(NAMES), next),
                1 => {
                    let n = rng.below(4);
                    let mut items = vec![s(rng.pick(NAMES), next)];
                    items.extend((0..n).map(|_| gen_value(rng, depth - 1, next)));
                    seq(items, next)
                }
                _ => gen_value(rng, depth - 1, next),
            };
            ValueKind::Map(vec![(s(name, next), arg)])
        }
        11 => {
            // An interpolation's `str_replace` (sometimes numbered wrong).
            let n = rng.below(3) + 1;
            let mut template = String::new();
            let mut params = Vec::new();
            let mut number = 0;
            for _ in 0..n {
                template.push_str(rng.pick(STRINGS));
                let placeholder = format!("__hotc_{number}__");
                number += 1 + rng.below(2) * rng.below(2);
                template.push_str(&placeholder);
                let value = gen_value(rng, depth - 1, next);
                params.push((s(&placeholder, next), value));
            }
            template.push_str(rng.pick(STRINGS));
            let arguments = vec![
                (s("template", next), s(&template, next)),
                (s("params", next), map(params, next)),
            ];
            let arguments = map(arguments, next);
            ValueKind::Map(vec![(s("str_replace", next), arguments)])
        }
        _ => {
            // Any other call.
            let name = rng.pick(&["list_join", "Fn::Select", "if", "str_replace", "repeat"]);
            ValueKind::Map(vec![(s(name, next), gen_value(rng, depth - 1, next))])
        }
    };
    Value::new(numbered_span(next), kind)
}

/// A random template: version, sections of definitions of every shape,
/// and other keys.
fn gen_template(rng: &mut Rng, next: &mut u32) -> Value {
    let mut top = Vec::new();
    if rng.below(4) != 0 {
        let version = rng.pick(&["2013-05-23", "2021-04-16", "not a word", "1"]);
        top.push((s("heat_template_version", next), s(version, next)));
    }
    for section in ["parameters", "resources", "outputs", "conditions"] {
        if rng.below(4) == 0 {
            continue;
        }
        let mut defs = Vec::new();
        for name in NAMES {
            if rng.below(3) != 0 {
                continue;
            }
            let mut entries = Vec::new();
            let head = match section {
                "parameters" => "type",
                "resources" => "type",
                _ => "value",
            };
            if rng.below(4) != 0 {
                let v = if rng.below(3) == 0 {
                    gen_value(rng, 1, next)
                } else {
                    s(
                        rng.pick(&["string", "OS::Nova::Server", "x.yaml", "true"]),
                        next,
                    )
                };
                entries.push((s(head, next), v));
            }
            for key in [
                "default",
                "properties",
                "depends_on",
                "description",
                "metadata",
            ] {
                if rng.below(3) == 0 {
                    let v = match (key, rng.below(3)) {
                        ("depends_on", 0) => s(rng.pick(NAMES), next),
                        ("depends_on", 1) => {
                            let items = (0..rng.below(3))
                                .map(|_| s(rng.pick(NAMES), next))
                                .collect();
                            seq(items, next)
                        }
                        (_, _) => gen_value(rng, 3, next),
                    };
                    entries.push((s(key, next), v));
                }
            }
            if rng.below(5) == 0 {
                entries.reverse();
            }
            let def = if rng.below(8) == 0 {
                gen_value(rng, 2, next)
            } else {
                map(entries, next)
            };
            defs.push((s(name, next), def));
        }
        top.push((s(section, next), map(defs, next)));
    }
    for key in ["description", "param", "extra"] {
        if rng.below(3) == 0 {
            top.push((s(key, next), gen_value(rng, 3, next)));
        }
    }
    map(top, next)
}

#[test]
fn generated_templates_print_and_read_back() {
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    for round in 0..1500 {
        let mut next = 0;
        let value = gen_template(&mut rng, &mut next);
        let comments = random_comments(&mut rng, &value, 8);
        let text = match print(&value, &comments) {
            Ok(text) => text,
            Err(e) => panic!("round {round}: {e:?}"),
        };
        assert_each_written_once(&text, &comments, &format!("round {round}: "));
        let parsed = crate::dsl::parse(&text);
        assert!(
            parsed.errors.is_empty(),
            "round {round}: {:?}\n{text}",
            parsed.errors
        );
        // An empty template prints as an empty file, which holds no item.
        let back = parsed
            .value
            .unwrap_or_else(|| Value::new(Span::default(), ValueKind::Map(Vec::new())));
        assert!(
            same(&value, &back),
            "round {round}:\n{text}\n{}\nvs\n{}",
            value.to_json_pretty(),
            back.to_json_pretty()
        );
        let back_comments = attach(&text, &parsed.comments, &back);
        assert_eq!(
            comment_count(&back_comments),
            comment_count(&comments),
            "round {round}\n{text}"
        );
        match print(&back, &back_comments) {
            Ok(again) => assert_eq!(again, text, "round {round}: printing again"),
            Err(e) => panic!("round {round}: {e:?}"),
        }
    }
}
