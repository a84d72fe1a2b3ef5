//! Tests of the `.heat` front end: every construct of docs/dsl.md lowered
//! to its value tree (most compared with the YAML that means the same),
//! the spec's example and the docker-stack example against their YAML,
//! spans, comments, every error kind with its exact span, recovery, and no
//! panics on generated and mutated text.
#![expect(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "tests fail loudly"
)]

use super::parse;
use crate::comments::attach;
use crate::error::SyntaxErrorKind;
use crate::span::Span;
use crate::value::{Value, ValueKind, build_stream};

/// The value tree of `.heat` text as JSON, asserting that it has no errors.
fn json(src: &str) -> String {
    let parsed = parse(src);
    assert!(parsed.errors.is_empty(), "{src:?}: {:?}", parsed.errors);
    parsed.value.unwrap().to_json_pretty()
}

/// The value Heat's loader builds from YAML text.
fn yaml_value(src: &str) -> Value {
    let parsed = crate::parse(src);
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    let (value, errors) = build_stream(&parsed.stream, parsed.flavor);
    assert!(errors.is_empty(), "{errors:?}");
    value
}

/// Asserts that `.heat` text means the same value tree as `yaml`.
#[track_caller]
fn same(heat: &str, yaml: &str) {
    assert_eq!(json(heat), yaml_value(yaml).to_json_pretty(), "{heat}");
}

/// The errors of `src` as (kind, text under the span).
fn errors(src: &str) -> Vec<(SyntaxErrorKind, String)> {
    parse(src)
        .errors
        .into_iter()
        .map(|e| (e.kind, e.span.text(src).to_owned()))
        .collect()
}

/// The only error of `src`, with its span.
#[track_caller]
fn only_error(src: &str) -> (SyntaxErrorKind, Span) {
    let parsed = parse(src);
    assert_eq!(parsed.errors.len(), 1, "{src:?}: {:?}", parsed.errors);
    let e = parsed.errors.into_iter().next().unwrap();
    (e.kind, e.span)
}

/// The span of the `n`th (0-based) occurrence of `needle` in `src`.
fn at(src: &str, needle: &str, n: usize) -> Span {
    let start = src.match_indices(needle).nth(n).unwrap().0;
    Span::new(start, start + needle.len())
}

fn value(src: &str) -> Value {
    parse(src).value.unwrap()
}

/// The value under a path of string keys.
fn get<'v>(v: &'v Value, path: &[&str]) -> &'v Value {
    path.iter().fold(v, |v, k| v.get(k).unwrap())
}

// ---- top-level items ----------------------------------------------------

#[test]
fn version_and_generic_top_level_keys() {
    same(
        "heat_template_version 2013-05-23\ndescription = \"d\"\n\"odd key\" = 1\n",
        "heat_template_version: 2013-05-23\ndescription: d\nodd key: 1\n",
    );
    same(
        "heat_template_version = \"2021-04-16\"",
        "heat_template_version: '2021-04-16'",
    );
    // Typed top-level keys, and items separated by commas.
    same(
        "2 = \"a\", true = \"b\", null = \"c\"",
        "{2: a, true: b, null: c}",
    );
    // A whole section written as a value.
    same(
        "parameters = {}\nresources = null",
        "parameters: {}\nresources: null",
    );
    // A keyword followed by `=` is a plain key.
    same("param = 1\nresource = 2", "param: 1\nresource: 2");
}

#[test]
fn a_byte_order_mark_is_skipped() {
    same("\u{FEFF}a = 1 # c", "a: 1");
}

#[test]
fn empty_files_have_no_value() {
    for src in ["", "\n\n", "# only a comment\n", "  ,\n, "] {
        let parsed = parse(src);
        assert!(parsed.value.is_none(), "{src:?}");
        assert!(parsed.errors.is_empty(), "{src:?}");
    }
}

#[test]
fn parameters() {
    same(
        "param a: string\n\
         param b: number = 3\n\
         param c: json = {x = 1} {\n  description = \"d\"\n  hidden = true\n}\n\
         param d: comma_delimited_list {\n  label = \"D\"\n}\n\
         param e: \"my type\"\n\
         param f {\n  description = \"no type first\"\n  type = \"string\"\n}\n\
         param g = {}\n\
         param h := null\n\
         param \"i.j\": boolean = false\n",
        "parameters:\n\
         \x20 a: {type: string}\n\
         \x20 b: {type: number, default: 3}\n\
         \x20 c: {type: json, default: {x: 1}, description: d, hidden: true}\n\
         \x20 d: {type: comma_delimited_list, label: D}\n\
         \x20 e: {type: my type}\n\
         \x20 f: {description: no type first, type: string}\n\
         \x20 g: {}\n\
         \x20 h: null\n\
         \x20 i.j: {type: boolean, default: false}\n",
    );
}

#[test]
fn resources() {
    same(
        "resource a: OS::Heat::None\n\
         resource b: OS::Heat::None {}\n\
         resource c: \"nested.yaml\" {\n  size = 1\n}\n\
         resource d: OS::Nova::Server {\n\
         \x20 @metadata = {k = \"v\"}\n\
         \x20 name = \"d\"\n\
         \x20 @depends_on = [a, b]\n\
         \x20 image = \"cirros\"\n\
         \x20 @deletion_policy = \"Retain\"\n\
         }\n\
         resource e: T {\n  @properties = {}\n}\n\
         resource f: T {\n  @properties = null\n  @depends_on = a\n}\n\
         resource g = {type = \"T\", properties = {p = 1}}\n\
         resource h := \"not a mapping\"\n",
        "resources:\n\
         \x20 a: {type: OS::Heat::None}\n\
         \x20 b: {type: OS::Heat::None}\n\
         \x20 c: {type: nested.yaml, properties: {size: 1}}\n\
         \x20 d:\n\
         \x20   type: OS::Nova::Server\n\
         \x20   metadata: {k: v}\n\
         \x20   properties: {name: d, image: cirros}\n\
         \x20   depends_on: [a, b]\n\
         \x20   deletion_policy: Retain\n\
         \x20 e: {type: T, properties: {}}\n\
         \x20 f: {type: T, properties: null, depends_on: a}\n\
         \x20 g: {type: T, properties: {p: 1}}\n\
         \x20 h: not a mapping\n",
    );
}

#[test]
fn outputs_and_conditions() {
    same(
        "output a = 1\n\
         output b = [1, 2] {\n  description = \"two\"\n}\n\
         output c := {description = \"first\", value = 3}\n\
         condition d = true\n\
         condition e := equals(1, 1)\n",
        "outputs:\n\
         \x20 a: {value: 1}\n\
         \x20 b: {value: [1, 2], description: two}\n\
         \x20 c: {description: first, value: 3}\n\
         conditions:\n\
         \x20 d: true\n\
         \x20 e: {equals: [1, 1]}\n",
    );
}

#[test]
fn sections_take_the_place_of_their_first_item() {
    same(
        "resource r: T\nparam p: string\ndescription = \"x\"\nresource s: T\noutput o = 1\nparam q: number\n",
        "resources: {r: {type: T}, s: {type: T}}\n\
         parameters: {p: {type: string}, q: {type: number}}\n\
         description: x\n\
         outputs: {o: {value: 1}}\n",
    );
}

#[test]
fn the_spec_example_means_its_yaml() {
    let doc = include_str!("../../../../docs/dsl.md");
    let example = doc
        .split_once("## At a glance\n\n```\n")
        .and_then(|(_, rest)| rest.split_once("\n```"))
        .map(|(example, _)| example)
        .unwrap();
    same(
        example,
        r#"
heat_template_version: 2013-05-23
description: "Dockerize a multi-node application with OpenStack Heat."
parameters:
  key:
    type: string
    default: key1
    description: "Name of a KeyPair to enable SSH access to the instance."
  image:
    type: string
    default: fedora-software-config
resources:
  docker_server:
    type: OS::Nova::Server
    properties:
      key_name: {get_param: key}
      image: {get_param: image}
      user_data_format: SOFTWARE_CONFIG
  mysql:
    type: DockerInc::Docker::Container
    depends_on: [deployment]
    properties:
      image: marouen/mysql
      port_specs: [3306]
      docker_endpoint:
        str_replace:
          template: "http://__hotc_0__:2375"
          params:
            __hotc_0__: {get_attr: [docker_server, networks, private, 0]}
outputs:
  url:
    value:
      str_replace:
        template: "http://__hotc_0__"
        params:
          __hotc_0__: {get_attr: [docker_server, networks, private, 0]}
    description: Public address of apache
"#,
    );
}

// ---- values ---------------------------------------------------------------

#[test]
fn scalars() {
    same(
        "a = 42, b = -7, c = 0, d = -0, e = 1.5, f = -0.5, g = 1e+20, h = 2.0, i = 1E3\n\
         j = .inf, k = -.inf, l = true, m = false, n = null\n\
         big = 170141183460469231731687303715884105727\n",
        "{a: 42, b: -7, c: 0, d: 0, e: 1.5, f: -0.5, g: 1.0e+20, h: 2.0, i: 1000.0,\n\
         j: .inf, k: -.inf, l: true, m: false, n: null,\n\
         big: 170141183460469231731687303715884105727}",
    );
    let nan = value("x = .nan");
    assert!(get(&nan, &["x"]).as_float().unwrap().is_nan());
    // Words that start like literals are names.
    assert_eq!(
        errors("x = nullable"),
        vec![(
            SyntaxErrorKind::DslUnknownName {
                name: "nullable".to_owned(),
                candidates: vec!["param".to_owned()],
                parameter: false,
            },
            "nullable".to_owned()
        )]
    );
}

#[test]
fn strings_and_escapes() {
    same(
        r#"a = "plain", b = "q\"uote\\ \n\t\r\$", c = "\u{263A}\u{1F600}", d = 'raw \n ${x} "', e = """#,
        "{a: plain, b: \"q\\\"uote\\\\ \\n\\t\\r$\", c: \"\u{263A}\u{1F600}\", d: 'raw \\n ${x} \"', e: ''}",
    );
    same(r#"a = "\0""#, "{a: \"\\0\"}");
    // `$${` is a literal `${`, as is `\${`; a lone `$` is a `$`.
    same(r#"a = "$${x} \${y} $ $$ a$b""#, "{a: '${x} ${y} $ $$ a$b'}");
    // Non-ASCII text passes through.
    same("a = \"héllo — ☺\", b = 'ü'", "{a: héllo — ☺, b: ü}");
}

#[test]
fn block_strings() {
    same(
        "a = \"\"\"\n    line one\n      indented\n\n    last\n    \"\"\"\n",
        "a: \"line one\\n  indented\\n\\nlast\\n\"",
    );
    // `"""-` drops the last line break; interpolation and escapes work.
    let v = value("resource r: T\na = \"\"\"\n  x\\t${r}\n  \"\"\"-\n");
    assert_eq!(
        get(&v, &["a", "str_replace", "template"]).as_str(),
        Some("x\t__hotc_0__")
    );
    // Raw blocks keep backslashes and `${`; CRLF becomes LF; a blank line
    // shorter than the indentation is empty; `"` and `"""` inside a line
    // are text.
    same(
        "a = '''\r\n    \\n ${x}\r\n  \r\n    say \"\"\"hi\"\"\"\r\n    '''\r\n",
        "a: \"\\\\n ${x}\\n\\nsay \\\"\\\"\\\"hi\\\"\\\"\\\"\\n\"",
    );
    same("a = '''\n'''-\nb = \"\"\"\n\"\"\"", "{a: '', b: ''}");
    // In a `"""` block, quotes that do not start a line are text.
    same(
        "a = \"\"\"\n  say \"\"\"hi\"\"\" \\\"\"\"\n  \\\"\"\"\n  \"\"\"",
        "a: \"say \\\"\\\"\\\"hi\\\"\\\"\\\" \\\"\\\"\\\"\\n\\\"\\\"\\\"\\n\"",
    );
    // A closing line with no indentation keeps all of it.
    same("a = \"\"\"\n  x\n\"\"\"", "a: \"  x\\n\"");
    // A block string inside a list, closed before a comma.
    same("a = [\"\"\"\n  x\n  \"\"\", 1]", "a: [\"x\\n\", 1]");
}

#[test]
fn lists_and_maps() {
    same(
        "a = [1, 2, 3,]\n\
         b = [\n  1 # one\n\n  2,\n  [],\n]\n\
         c = {x = 1, \"y z\" = 2, 3 = 4, 1.5 = 5, true = 6, null = 7,}\n\
         d = {\n  x = [1]\n  y = {}\n}\n",
        "a: [1, 2, 3]\n\
         b: [1, 2, []]\n\
         c: {x: 1, y z: 2, 3: 4, 1.5: 5, true: 6, null: 7}\n\
         d: {x: [1], y: {}}\n",
    );
}

#[test]
fn equal_keys_collapse_as_in_python() {
    let heat =
        "a = {1 = 'x', 1.0 = 'y', true = 'z', \"1\" = 's', 0 = 'f', false = 'g', -0.0 = 'h'}";
    let yaml = "a: {1: x, 1.0: y, true: z, '1': s, 0: f, false: g, -0.0: h}";
    assert_eq!(
        parse(heat).value.unwrap().to_json_pretty(),
        crate::value::build_stream(&crate::parse(yaml).stream, crate::Flavor::Yaml)
            .0
            .to_json_pretty()
    );
    assert_eq!(
        errors(heat)
            .iter()
            .filter(|(k, _)| matches!(k, SyntaxErrorKind::DuplicateKey { .. }))
            .count(),
        4
    );
}

#[test]
fn calls() {
    same(
        "a = get_file(\"x.sh\")\n\
         b = list_join(\",\", [\"a\", \"b\"])\n\
         c = str_replace(template = \"$h\", params = {\"$h\" = 1})\n\
         d = Fn::Select(1, [\"a\", \"b\"])\n\
         e = get_param(\"name\")\n\
         f = digest(\n  \"sha256\",\n  \"x\",\n)\n\
         g = g()\n\
         h = if(\"cond\", 1, null)\n\
         i = not (true)\n",
        "a: {get_file: x.sh}\n\
         b: {list_join: [',', [a, b]]}\n\
         c: {str_replace: {template: $h, params: {$h: 1}}}\n\
         d: {Fn::Select: [1, [a, b]]}\n\
         e: {get_param: name}\n\
         f: {digest: [sha256, x]}\n\
         g: {g: null}\n\
         h: {if: [cond, 1, null]}\n\
         i: {not: true}\n",
    );
}

#[test]
fn references() {
    let heat = "resource server: T\n\
                resource param: T\n\
                a = param.flavor\n\
                b = param.net.subnets[0]\n\
                c = server\n\
                d = server.first_address\n\
                e = server.networks.private[0]\n\
                f = server.addresses[param.net]\n\
                g = param[\"my.param\"]\n\
                h = server[\"odd attr\"].x\n\
                i = param\n\
                j = [server, param.x]\n";
    let yaml = "resources: {server: {type: T}, param: {type: T}}\n\
                a: {get_param: flavor}\n\
                b: {get_param: [net, subnets, 0]}\n\
                c: {get_resource: server}\n\
                d: {get_attr: [server, first_address]}\n\
                e: {get_attr: [server, networks, private, 0]}\n\
                f: {get_attr: [server, addresses, {get_param: net}]}\n\
                g: {get_param: my.param}\n\
                h: {get_attr: [server, odd attr, x]}\n\
                i: {get_resource: param}\n\
                j: [{get_resource: server}, {get_param: x}]\n";
    same(heat, yaml);
}

#[test]
fn resources_declared_later_and_in_a_whole_section_resolve() {
    same(
        "a = whole\nb = whole.attr\nresources = {whole = {type = \"T\"}}\n",
        "a: {get_resource: whole}\nb: {get_attr: [whole, attr]}\nresources: {whole: {type: T}}\n",
    );
    same(
        "a = later\nresource later: T\n",
        "a: {get_resource: later}\nresources: {later: {type: T}}\n",
    );
}

#[test]
fn depends_on_takes_bare_names() {
    same(
        "resource a: T {\n  @depends_on = [b, c, b.x, param.p]\n}\nresource b: T\n",
        "resources:\n\
         \x20 a: {type: T, depends_on: [b, c, {get_attr: [b, x]}, {get_param: p}]}\n\
         \x20 b: {type: T}\n",
    );
    // Only at the top of the value: a call's argument is a reference.
    assert!(matches!(
        &errors("resource a: T {\n  @depends_on = [f(c)]\n}")[..],
        [(SyntaxErrorKind::DslUnknownName { .. }, c)] if c == "c"
    ));
    // Elsewhere, a bare name is a reference.
    assert!(matches!(
        &errors("resource a: T {\n  depends_on = [c]\n}")[..],
        [(SyntaxErrorKind::DslUnknownName { .. }, c)] if c == "c"
    ));
}

#[test]
fn interpolation() {
    same(
        "resource s: T\n\
         a = \"http://${s.ip}:${param.port}/\"\n\
         b = \"${ param.x }\"\n\
         c = \"__hotc_0__ and __hotc_2__: ${param.x} ${param.y} ${param.z}\"\n\
         d = \"nested ${join(\"-\", [\"${param.a}\", 'b'])}\"\n",
        "resources: {s: {type: T}}\n\
         a: {str_replace: {template: 'http://__hotc_0__:__hotc_1__/', params: {__hotc_0__: {get_attr: [s, ip]}, __hotc_1__: {get_param: port}}}}\n\
         b: {str_replace: {template: __hotc_0__, params: {__hotc_0__: {get_param: x}}}}\n\
         c: {str_replace: {template: '__hotc_0__ and __hotc_2__: __hotc_1__ __hotc_3__ __hotc_4__', params: {__hotc_1__: {get_param: x}, __hotc_3__: {get_param: y}, __hotc_4__: {get_param: z}}}}\n\
         d: {str_replace: {template: 'nested __hotc_0__', params: {__hotc_0__: {join: ['-', [{str_replace: {template: __hotc_0__, params: {__hotc_0__: {get_param: a}}}}, b]]}}}}\n",
    );
}

// ---- spans and comments ---------------------------------------------------

#[test]
fn spans_point_at_the_text() {
    let src = "param flavor: string = \"m1\"\n\
               resource server: OS::Nova::Server {\n  flavor = param.flavor\n  ip = server.first_address[0]\n}\n\
               output url = \"x${server}y\"\n\
               c = f(1, 2)\n";
    let v = value(src);
    let text = |v: &Value| v.span.text(src).to_owned();
    let (key, params) = v.get_entry("parameters").unwrap();
    assert_eq!(key.span, at(src, "param", 0));
    let (name, def) = params.get_entry("flavor").unwrap();
    assert_eq!(text(name), "flavor");
    let (type_key, type_value) = def.get_entry("type").unwrap();
    assert_eq!(
        (text(type_key), text(type_value)),
        ("string".into(), "string".into())
    );
    let (default_key, default) = def.get_entry("default").unwrap();
    assert_eq!(
        (text(default_key), text(default)),
        ("=".into(), "\"m1\"".into())
    );
    let server = get(&v, &["resources", "server"]);
    let (props_key, props) = server.get_entry("properties").unwrap();
    assert_eq!(props_key.span, at(src, "flavor", 1));
    assert_eq!(props.span.start, at(src, "flavor = param", 0).start);
    let reference = props.get("flavor").unwrap();
    assert_eq!(text(reference), "param.flavor");
    let (f, arg) = reference.get_entry("get_param").unwrap();
    assert_eq!((text(f), text(arg)), ("param".into(), "flavor".into()));
    let ip = props.get("ip").unwrap();
    assert_eq!(text(ip), "server.first_address[0]");
    let args = ip.get("get_attr").unwrap();
    let items: Vec<String> = args.as_seq().unwrap().iter().map(text).collect();
    assert_eq!(items, ["server", "first_address", "0"]);
    let url = get(&v, &["outputs", "url", "value"]);
    assert_eq!(text(url), "\"x${server}y\"");
    let params = get(url, &["str_replace", "params"]);
    let (placeholder, target) = &params.as_map().unwrap()[0];
    assert_eq!(
        (text(placeholder), text(target)),
        ("${server}".into(), "server".into())
    );
    let call = v.get("c").unwrap();
    assert_eq!(text(call), "f(1, 2)");
    let (name, args) = &call.as_map().unwrap()[0];
    assert_eq!((text(name), text(args)), ("f".into(), "(1, 2)".into()));
    for bound in [v.span.start(), v.span.end()] {
        assert!(src.is_char_boundary(bound));
    }
}

#[test]
fn comments_are_found_and_attach() {
    let src = "# head\n\
               a = 1 # one\n\
               b = \"# not a comment\" # two\n\
               c = '# raw' # three\n\
               d = \"\"\"\n  # text\n  \"\"\" # four\n\
               e = \"${ [1, # five\n 2] }\"\n\
               # end\n";
    let parsed = parse(src);
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    let texts: Vec<&str> = parsed.comments.iter().map(|c| c.text(src)).collect();
    assert_eq!(
        texts,
        [
            "# head", "# one", "# two", "# three", "# four", "# five", "# end"
        ]
    );
    let value = parsed.value.unwrap();
    let attached = attach(src, &parsed.comments, &value);
    let start = |needle: &str| at(src, needle, 0).start;
    assert_eq!(
        attached.before.get(&start("a =")),
        Some(&vec![" head".to_owned()])
    );
    assert_eq!(
        attached.trailing.get(&start("a =")),
        Some(&" one".to_owned())
    );
    assert_eq!(
        attached.trailing.get(&start("b =")),
        Some(&" two".to_owned())
    );
    assert_eq!(attached.end, vec![" end".to_owned()]);
}

// ---- duplicates and conflicts --------------------------------------------

#[test]
fn duplicate_items_warn_and_the_last_wins() {
    let src = "param a: string\nparam b: string\nparam a: number\n";
    let parsed = parse(src);
    assert_eq!(
        parsed.errors,
        vec![crate::SyntaxError::new(
            SyntaxErrorKind::DuplicateKey {
                key: "a".to_owned(),
                first: Span::new(6, 7),
            },
            Span::new(38, 39),
        )]
    );
    assert_eq!(
        parsed.value.unwrap().to_json_pretty(),
        yaml_value("parameters: {a: {type: number}, b: {type: string}}").to_json_pretty()
    );
    // Generic top-level keys, map keys, named arguments and block keys too.
    for (src, key) in [
        ("x = 1\nx = 2", "x"),
        ("x = {k = 1, k = 2}", "k"),
        ("x = f(k = 1, k = 2)", "k"),
        ("param p: string {\n  type = \"number\"\n}", "type"),
        ("resource r: T {\n  a = 1\n  a = 2\n}", "a"),
        (
            "heat_template_version 2013-05-23\nheat_template_version = \"x\"",
            "heat_template_version",
        ),
    ] {
        let found = errors(src);
        assert!(
            matches!(&found[..], [(SyntaxErrorKind::DuplicateKey { key: k, .. }, _)] if k == key),
            "{src:?}: {found:?}"
        );
    }
}

#[test]
fn a_section_whole_and_by_items_is_an_error() {
    let src = "parameters = {}\nparam a: string\n";
    assert_eq!(
        only_error(src),
        (
            SyntaxErrorKind::DslWholeAndItems {
                key: "parameters".to_owned(),
                first: at(src, "parameters", 0),
            },
            at(src, "param", 1),
        )
    );
    // The first one is kept.
    assert_eq!(json_lossy(src), "{\n  \"parameters\": {}\n}");
    let src = "resource r: T\nresources = null\n";
    assert_eq!(
        only_error(src),
        (
            SyntaxErrorKind::DslWholeAndItems {
                key: "resources".to_owned(),
                first: at(src, "resource", 0),
            },
            at(src, "resources", 0),
        )
    );
    let src = "resource r: T {\n  a = 1\n  @properties = {}\n}";
    assert_eq!(
        only_error(src),
        (
            SyntaxErrorKind::DslWholeAndItems {
                key: "properties".to_owned(),
                first: at(src, "a", 0),
            },
            at(src, "properties", 0),
        )
    );
    let src = "resource r: T {\n  @properties = {}\n  a = 1\n}";
    assert_eq!(
        only_error(src),
        (
            SyntaxErrorKind::DslWholeAndItems {
                key: "properties".to_owned(),
                first: at(src, "properties", 0),
            },
            at(src, "a", 0),
        )
    );
}

/// The value's JSON, errors or not.
fn json_lossy(src: &str) -> String {
    parse(src).value.unwrap().to_json_pretty()
}

// ---- errors ---------------------------------------------------------------

#[test]
fn parse_errors_name_what_was_expected() {
    let (kind, span) = only_error("resource r: T {\n  image: \"x\"\n}");
    assert_eq!(
        kind,
        SyntaxErrorKind::DslExpected {
            expected: vec!["`=`"],
            found: "`:`".to_owned()
        }
    );
    assert_eq!(span, Span::new(23, 24));
    let src = "a = \nb = 1";
    assert_eq!(
        only_error(src),
        (
            SyntaxErrorKind::DslExpected {
                expected: vec!["a value"],
                found: "end of line".to_owned()
            },
            Span::empty(4)
        )
    );
    let src = "a = 1 b = 2";
    assert_eq!(
        only_error(src),
        (
            SyntaxErrorKind::DslExpected {
                expected: vec!["a line break", "the end of the file"],
                found: "`b`".to_owned()
            },
            at(src, "b", 0)
        )
    );
    let src = "a = 1\n+++\n";
    let (kind, span) = only_error(src);
    assert!(
        matches!(&kind, SyntaxErrorKind::DslExpected { expected, found }
            if expected[0].starts_with("a top-level item") && found == "`+`"),
        "{kind:?}"
    );
    assert_eq!(span, at(src, "+", 0));
    let (kind, _) = only_error("a = \"\"\"x\n\"\"\"");
    assert!(
        matches!(&kind, SyntaxErrorKind::DslExpected { expected, .. }
            if expected == &vec!["a line break after the opening quotes"]),
        "{kind:?}"
    );
    let src = "a = [1 2]";
    let (kind, span) = only_error(src);
    assert!(
        matches!(&kind, SyntaxErrorKind::DslExpected { expected, found }
            if expected.contains(&"`]`") && found == "`2`"),
        "{kind:?}"
    );
    assert_eq!(span, at(src, "2", 0));
    // At the end of the text, the span is empty there.
    assert_eq!(only_error("a =").1, Span::empty(3));
    // Numbers are strict.
    for bad in [
        "a = 007", "a = +1", "a = 1.", "a = .5", "a = 1e", "a = 0x10",
    ] {
        assert!(
            matches!(&only_error(bad).0, SyntaxErrorKind::DslExpected { .. }),
            "{bad}"
        );
    }
}

#[test]
fn unterminated_strings() {
    let src = "a = \"abc\nb = 1";
    assert_eq!(
        only_error(src),
        (
            SyntaxErrorKind::DslUnterminatedString {
                open: Span::new(4, 5)
            },
            Span::empty(8)
        )
    );
    // The rest of the file is still read.
    assert_eq!(get(&value(src), &["b"]).as_int(), Some(1));
    let src = "a = 'abc";
    assert_eq!(
        only_error(src),
        (
            SyntaxErrorKind::DslUnterminatedString {
                open: Span::new(4, 5)
            },
            Span::empty(8)
        )
    );
    let src = "a = \"\"\"\n  text\n  more";
    assert_eq!(
        only_error(src),
        (
            SyntaxErrorKind::DslUnterminatedString {
                open: Span::new(4, 7)
            },
            Span::empty(src.len())
        )
    );
    let src = "a = '''\n  text\n   ";
    assert!(matches!(
        only_error(src).0,
        SyntaxErrorKind::DslUnterminatedString { .. }
    ));
}

#[test]
fn unclosed_brackets_point_at_the_bracket() {
    let src = "a = [1, 2\nresource r: T {\n  x = f(1\n  # a comment\n";
    let found = parse(src).errors;
    assert_eq!(
        found,
        vec![
            crate::SyntaxError::new(
                SyntaxErrorKind::DslUnclosed {
                    close: ']',
                    open: at(src, "[", 0)
                },
                Span::empty(9)
            ),
            crate::SyntaxError::new(
                SyntaxErrorKind::DslUnclosed {
                    close: ')',
                    open: at(src, "(", 0)
                },
                Span::empty(at(src, "f(1", 0).end())
            ),
        ]
    );
    let src = "a = \"${param.x\"";
    let (kind, _) = only_error(src);
    assert!(
        matches!(kind, SyntaxErrorKind::DslExpected { .. }),
        "{kind:?}"
    );
}

#[test]
fn invalid_escapes() {
    for (src, bad) in [
        (r#"a = "x\qy""#, r"\q"),
        (r#"a = "\u{}""#, r"\u{}"),
        (r#"a = "\u{D800}""#, r"\u{D800}"),
        (r#"a = "\u{1234567}""#, r"\u{1234567}"),
        (r#"a = "\u263A""#, r"\u"),
        ("a = \"\"\"\n  \\x\n  \"\"\"", r"\x"),
    ] {
        let found = errors(src);
        assert_eq!(
            found,
            vec![(
                SyntaxErrorKind::DslInvalidEscape {
                    found: bad.to_owned()
                },
                bad.to_owned()
            )],
            "{src}"
        );
    }
    // A backslash at the end of the line.
    let found = errors("a = \"x\\\nb = 1");
    assert!(
        found
            .iter()
            .any(|(k, _)| matches!(k, SyntaxErrorKind::DslInvalidEscape { .. })),
        "{found:?}"
    );
}

#[test]
fn block_lines_less_indented_than_the_closing_line() {
    let src = "a = \"\"\"\n    one\n  two\n    \"\"\"\n";
    let closing = Span::new(
        at(src, "    \"\"\"", 0).start(),
        at(src, "    \"\"\"", 0).start() + 4,
    );
    assert_eq!(
        only_error(src),
        (
            SyntaxErrorKind::DslBlockIndentation { closing },
            Span::new(at(src, "  two", 0).start(), at(src, "  two", 0).start() + 2)
        )
    );
    // A TAB is not a space.
    let (kind, _) = only_error("a = '''\n\tone\n  '''");
    assert!(matches!(kind, SyntaxErrorKind::DslBlockIndentation { .. }));
}

#[test]
fn unknown_names_carry_candidates() {
    let src =
        "param flavor: string\nresource server: T\nresource network: T\nx = sever\ny = flavor\n";
    let found = errors(src);
    assert_eq!(
        found,
        vec![
            (
                SyntaxErrorKind::DslUnknownName {
                    name: "sever".to_owned(),
                    candidates: vec![
                        "network".to_owned(),
                        "param".to_owned(),
                        "server".to_owned()
                    ],
                    parameter: false,
                },
                "sever".to_owned()
            ),
            (
                SyntaxErrorKind::DslUnknownName {
                    name: "flavor".to_owned(),
                    candidates: vec![
                        "network".to_owned(),
                        "param".to_owned(),
                        "server".to_owned()
                    ],
                    parameter: true,
                },
                "flavor".to_owned()
            ),
        ]
    );
    // The unknown reference is a null in the tree.
    assert!(get(&value(src), &["x"]).is_null());
    assert_eq!(
        errors("x = param"),
        vec![(SyntaxErrorKind::DslBareParam, "param".to_owned())]
    );
}

#[test]
fn integers_beyond_i128_are_kept_as_text() {
    let src = "a = 1701411834604692317316873037158841057280";
    assert_eq!(
        errors(src),
        vec![(
            SyntaxErrorKind::IntegerTooLarge,
            "1701411834604692317316873037158841057280".to_owned()
        )]
    );
    assert_eq!(
        get(&value(src), &["a"]).as_str(),
        Some("1701411834604692317316873037158841057280")
    );
}

#[test]
fn interpolated_keys_are_unhashable() {
    assert_eq!(
        errors("resource r: T\na = {\"${r}\" = 1}"),
        vec![(SyntaxErrorKind::UnhashableKey, "\"${r}\"".to_owned())]
    );
}

#[test]
fn nesting_is_capped() {
    let ok = format!("a = {}1{}", "[".repeat(256), "]".repeat(256));
    assert!(parse(&ok).errors.is_empty());
    for (open, close) in [("[", "]"), ("f(", ")"), ("{a = ", "}"), ("\"${", "}\"")] {
        let deep = format!(
            "a = {}1{}\nb = 2",
            open.repeat(10_000),
            close.repeat(10_000)
        );
        let parsed = parse(&deep);
        assert!(
            matches!(&parsed.errors[..], [e] if e.kind == SyntaxErrorKind::TooDeep),
            "{open}: {:?}",
            parsed.errors
        );
        // The item after the deep one is still read.
        assert_eq!(get(&parsed.value.unwrap(), &["b"]).as_int(), Some(2));
    }
}

#[test]
fn recovery_reads_the_items_around_errors() {
    let src = "heat_template_version 2021-04-16\n\
               param a: string =\n\
               param b: string\n\
               resource r: T {\n  x = [1,\n}\n\
               resource s: T {\n  y = r\n  z = q\n}\n\
               output o = s.attr\n";
    let parsed = parse(src);
    let kinds: Vec<&SyntaxErrorKind> = parsed.errors.iter().map(|e| &e.kind).collect();
    assert_eq!(kinds.len(), 3, "{kinds:?}");
    assert!(matches!(kinds[0], SyntaxErrorKind::DslExpected { .. }));
    assert!(matches!(kinds[1], SyntaxErrorKind::DslExpected { .. }));
    // `r` failed to parse but is still known as a resource; `q` is not.
    assert!(matches!(kinds[2], SyntaxErrorKind::DslUnknownName { name, .. } if name == "q"));
    assert_eq!(
        parsed.value.unwrap().to_json_pretty(),
        yaml_value(
            "heat_template_version: 2021-04-16\n\
             parameters: {b: {type: string}}\n\
             resources: {s: {type: T, properties: {y: {get_resource: r}, z: null}}}\n\
             outputs: {o: {value: {get_attr: [s, attr]}}}\n"
        )
        .to_json_pretty()
    );
    // An unclosed block swallows text only up to the next keyword line.
    let src = "resource r: T {\n  a = 1\nresource s: T {\n  b = 2\n}\nx = 1\n";
    let parsed = parse(src);
    assert_eq!(parsed.errors.len(), 1, "{:?}", parsed.errors);
    assert_eq!(
        parsed.value.unwrap().to_json_pretty(),
        yaml_value("resources: {s: {type: T, properties: {b: 2}}}\nx: 1").to_json_pretty()
    );
}

// ---- the docker-stack example ---------------------------------------------

/// Replaces every `str_replace` whose params are all `__hotc_N__`
/// placeholders by the text its template stands for, with each placeholder
/// written as `<JSON of its value>`; so does `normalize_yaml` with the YAML
/// seed's own placeholder names. Returns how many were replaced.
fn normalize(v: &mut Value, count: &mut usize) {
    if let Some(text) = interpolation_text(v) {
        v.kind = ValueKind::Str(text);
        *count += 1;
        return;
    }
    match &mut v.kind {
        ValueKind::Seq(items) => items.iter_mut().for_each(|i| normalize(i, count)),
        ValueKind::Map(pairs) => pairs.iter_mut().for_each(|(_, v)| normalize(v, count)),
        ValueKind::Null
        | ValueKind::Bool(_)
        | ValueKind::Int(_)
        | ValueKind::Float(_)
        | ValueKind::Str(_) => {}
    }
}

/// The template of a `str_replace` call with each param replaced by the
/// JSON of its value.
fn interpolation_text(v: &Value) -> Option<String> {
    let [(key, args)] = v.as_map()? else {
        return None;
    };
    if key.as_str() != Some("str_replace") {
        return None;
    }
    let mut text = args.get("template")?.as_str()?.to_owned();
    for (name, value) in args.get("params")?.as_map()? {
        let compact: String = value.to_json_pretty().split_whitespace().collect();
        text = text.replace(name.as_str()?, &format!("<{compact}>"));
    }
    Some(text)
}

/// Sorts the keys of every definition in a section of a template.
fn sort_definitions(template: &mut Value, section: &str) {
    let ValueKind::Map(top) = &mut template.kind else {
        return;
    };
    for (key, definitions) in top.iter_mut() {
        if key.as_str() != Some(section) {
            continue;
        }
        let ValueKind::Map(definitions) = &mut definitions.kind else {
            continue;
        };
        for (_, definition) in definitions.iter_mut() {
            if let ValueKind::Map(pairs) = &mut definition.kind {
                pairs.sort_by_key(|a| a.0.key_text());
            }
        }
    }
}

#[test]
fn docker_stack_means_the_seed_template() {
    let heat = include_str!("../../../../examples/docker-stack.heat");
    let yaml = include_str!("../../../../examples/docker-stack.yml");
    let parsed = parse(heat);
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    let mut from_heat = parsed.value.unwrap();
    let mut from_yaml = yaml_value(yaml);
    // The three URLs are interpolations in .heat: str_replace calls with
    // generated placeholders where the YAML names its own (`host`).
    for path in [
        &["resources", "mysql", "properties", "docker_endpoint"][..],
        &["resources", "apache", "properties", "docker_endpoint"],
        &["outputs", "url", "value"],
    ] {
        let call = get(&from_heat, path);
        assert!(call.get("str_replace").is_some(), "{path:?}");
        assert_eq!(
            get(call, &["str_replace", "params"]).as_map().unwrap()[0]
                .0
                .as_str(),
            Some("__hotc_0__")
        );
    }
    // Key order inside a definition means nothing to Heat, and the short
    // forms put `type`, `default` and `value` first where the seed has
    // `description` before `default` or `value`.
    for v in [&mut from_heat, &mut from_yaml] {
        sort_definitions(v, "parameters");
        sort_definitions(v, "outputs");
    }
    let (mut a, mut b) = (0, 0);
    normalize(&mut from_heat, &mut a);
    normalize(&mut from_yaml, &mut b);
    assert_eq!((a, b), (3, 3));
    assert_eq!(from_heat.to_json_pretty(), from_yaml.to_json_pretty());
    // Its comments are all found and attach somewhere.
    assert_eq!(parsed.comments.len(), 4);
}

// ---- no panics --------------------------------------------------------------

/// A small deterministic PRNG (xorshift64*), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % (n.max(1) as u64)).unwrap()
    }
}

/// Pieces that matter to the grammar, for mutations.
const PIECES: &[&str] = &[
    "\"",
    "'",
    "\"\"\"",
    "'''",
    "\"\"\"-",
    "{",
    "}",
    "[",
    "]",
    "(",
    ")",
    "${",
    "$${",
    "$",
    "\\",
    "\\u{",
    "#",
    "\n",
    "\r",
    "\r\n",
    "\t",
    " ",
    "=",
    ":=",
    ":",
    "@",
    ",",
    ".",
    "-",
    "param",
    "resource",
    "output",
    "condition",
    "heat_template_version",
    "param.x",
    "r.a[0]",
    "f(",
    "true",
    "null",
    ".inf",
    "1e5",
    "0",
    "é",
    "☺",
    "\u{0}",
    "::",
    "@depends_on",
    "\"\"\"\n",
];

/// The nearest character boundary at or before `i`.
fn floor(text: &str, i: usize) -> usize {
    (0..=i.min(text.len()))
        .rev()
        .find(|&j| text.is_char_boundary(j))
        .unwrap_or(0)
}

/// Checks what must hold for any input: no panic, spans inside the text on
/// character boundaries, comments starting with `#`.
fn check_invariants(src: &str) {
    let parsed = parse(src);
    let ok = |s: Span| {
        s.start <= s.end
            && s.end() <= src.len()
            && src.is_char_boundary(s.start())
            && src.is_char_boundary(s.end())
    };
    for e in &parsed.errors {
        assert!(ok(e.span), "{src:?}: {e:?}");
    }
    for c in &parsed.comments {
        assert!(ok(*c) && c.text(src).starts_with('#'), "{src:?}: {c:?}");
    }
    fn walk(v: &Value, ok: &dyn Fn(Span) -> bool, src: &str) {
        assert!(ok(v.span), "{src:?}: {:?}", v.span);
        match &v.kind {
            ValueKind::Seq(items) => items.iter().for_each(|i| walk(i, ok, src)),
            ValueKind::Map(pairs) => pairs.iter().for_each(|(k, v)| {
                walk(k, ok, src);
                walk(v, ok, src);
            }),
            ValueKind::Null
            | ValueKind::Bool(_)
            | ValueKind::Int(_)
            | ValueKind::Float(_)
            | ValueKind::Str(_) => {}
        }
    }
    if let Some(v) = &parsed.value {
        walk(v, &ok, src);
    }
}

#[test]
fn every_prefix_of_a_valid_file_parses_without_panic() {
    let heat = include_str!("../../../../examples/docker-stack.heat");
    for (i, _) in heat.char_indices() {
        check_invariants(&heat[..i]);
    }
}

#[test]
fn mutated_and_generated_inputs_parse_without_panic() {
    let seeds = [
        include_str!("../../../../examples/docker-stack.heat"),
        "param a: string = \"x\" {\n  description = \"\"\"\n    d ${param.b}\n    \"\"\"\n}\n",
        "resource r: T {\n  @depends_on = [s]\n  p = f(a = [1, {b = 'c'}], d = r.x[0])\n}\n",
        "output o = \"${r}\" # c\ncondition c := not(equals(param.x, .inf))\n",
    ];
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for case in 0..3000 {
        let seed = seeds[case % seeds.len()];
        let mut text = seed.to_owned();
        for _ in 0..=rng.below(6) {
            let lo = floor(&text, rng.below(text.len() + 1));
            let piece = PIECES[rng.below(PIECES.len())];
            let len = [3, 8, 40][rng.below(3)];
            let hi = floor(&text, (lo + rng.below(len + 1)).min(text.len()));
            match rng.below(4) {
                0 => text.insert_str(lo, piece),
                1 => text.replace_range(lo..hi, piece),
                2 => text.replace_range(lo..hi, ""),
                _ => {
                    let copy = text[lo..hi].to_owned();
                    text.insert_str(hi, &copy);
                }
            }
        }
        check_invariants(&text);
    }
    // Pure noise from the pieces.
    for _ in 0..1000 {
        let text: String = (0..rng.below(40))
            .map(|_| PIECES[rng.below(PIECES.len())])
            .collect();
        check_invariants(&text);
    }
}
