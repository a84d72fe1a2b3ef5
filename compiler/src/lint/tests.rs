//! Unit tests of classification and of the rules' edge cases, through
//! `check_source`. The fixture suite (tests/lint/) covers each code; these
//! pin down the decisions taken from Heat's source.

use crate::{FileKind, check_source};

/// The kind, and each diagnostic as (code, the source text it points at),
/// without the unused-parameter and unused-condition warnings: these
/// snippets declare things to exercise the structure rules, not to use
/// them (rules/calls/tests.rs tests those warnings).
fn check(src: &str) -> (FileKind, Vec<(&'static str, String)>) {
    let checked = check_source(src);
    let found = checked
        .diagnostics
        .iter()
        .filter(|d| !["HOT055", "HOT056"].contains(&d.code))
        .map(|d| (d.code, d.primary.span.text(src).to_owned()))
        .collect();
    (checked.kind, found)
}

fn codes(src: &str) -> Vec<&'static str> {
    check(src).1.into_iter().map(|(code, _)| code).collect()
}

#[test]
fn classifies_templates_environments_and_other_files() {
    let kind = |src: &str| check_source(src).kind;
    assert_eq!(
        kind("heat_template_version: 2021-04-16\n"),
        FileKind::Template
    );
    assert_eq!(kind("heat_template_version:\n"), FileKind::Template);
    assert_eq!(
        kind("resources:\n  r:\n    type: OS::Heat::None\n"),
        FileKind::Template
    );
    assert_eq!(kind("parameter_defaults: {a: 1}\n"), FileKind::Environment);
    assert_eq!(
        kind("resource_registry: {}\nfoo: 1\n"),
        FileKind::Environment
    );
    assert_eq!(
        kind("parameters: {a: 1}\nparameter_default: {}\n"),
        FileKind::Environment
    );
    // CloudFormation templates are Heat files, but not HOT.
    assert_eq!(
        kind("HeatTemplateFormatVersion: '2012-12-12'\nResources: {}\n"),
        FileKind::Other
    );
    // Other tools' YAML with a `parameters` or `resources` key.
    assert_eq!(
        kind("parameters: []\nsteps: []\ntrigger: [main]\n"),
        FileKind::Other
    );
    assert_eq!(kind("resources:\n  limits: {cpu: 1}\n"), FileKind::Other);
    assert_eq!(kind("- a\n- b\n"), FileKind::Other);
    assert_eq!(kind(""), FileKind::Other);
    assert_eq!(kind("# only a comment\n"), FileKind::Other);
}

#[test]
fn other_files_get_syntax_checks_only() {
    assert!(codes("name: x\nresources: [1]\n").is_empty());
    assert_eq!(codes("a: 1\na: 2\n"), ["HOT003"]);
}

#[test]
fn empty_template_sections_are_fine_except_conditions() {
    let src = "heat_template_version: 2016-10-14\ndescription:\nparameters:\nresources:\noutputs:\nparameter_groups:\n";
    assert!(codes(src).is_empty());
    let (_, found) = check("heat_template_version: 2016-10-14\nconditions:\n");
    assert_eq!(found, [("HOT013", "conditions".to_owned())]);
    // Heat treats any falsy section as absent.
    assert!(codes("heat_template_version: 2016-10-14\nresources: []\noutputs: ''\n").is_empty());
}

#[test]
fn unknown_section_suggests_or_names_the_version() {
    let checked = check_source("heat_template_version: 2016-04-08\nconditions: {}\nresource: {}\n");
    let texts: Vec<(&str, &str)> = checked
        .diagnostics
        .iter()
        .map(|d| (d.code, d.help.as_deref().unwrap_or("")))
        .collect();
    assert!(matches!(texts.as_slice(), [("HOT012", a), ("HOT012", b)]
        if a.contains("2016-10-14") && b.contains("`resources`")));
}

#[test]
fn version_must_be_a_known_string() {
    let (_, found) = check("heat_template_version: 20130523\n");
    assert_eq!(found, [("HOT011", "20130523".to_owned())]);
    let (_, found) = check("heat_template_version: Newton\n");
    assert_eq!(found, [("HOT011", "Newton".to_owned())]);
    let (_, found) =
        check("heat_template_version: '2013-05-23'\nHeatTemplateFormatVersion: '2012-12-12'\n");
    assert_eq!(found, [("HOT011", "HeatTemplateFormatVersion".to_owned())]);
    for ok in ["2013-05-23", "'2021-04-16'", "wallaby", "newton"] {
        assert!(
            codes(&format!("heat_template_version: {ok}\n")).is_empty(),
            "{ok}"
        );
    }
}

#[test]
fn resource_keys_follow_the_version() {
    let old = "heat_template_version: 2016-04-08\nresources:\n  r:\n    type: OS::Heat::None\n    condition: true\n    external_id: x\n";
    assert_eq!(codes(old), ["HOT016", "HOT016"]);
    let new = old.replace("2016-04-08", "2016-10-14");
    assert!(codes(&new).is_empty());
}

#[test]
fn resource_fields_are_checked_as_heat_does() {
    let t = |body: &str| {
        codes(&format!(
            "heat_template_version: 2021-04-16\nparameters:\n  p: {{type: json}}\n  policy: {{type: string}}\n  id: {{type: string}}\nresources:\n  a:\n    type: OS::Heat::None\n  r:\n    type: OS::Heat::None\n{body}"
        ))
    };
    assert_eq!(t("    properties:\n"), ["HOT017"]);
    assert!(t("    properties: {get_param: p}\n").is_empty());
    assert_eq!(t("    depends_on: [a, 1, {b: c}]\n"), ["HOT017", "HOT017"]);
    assert!(t("    depends_on: []\n").is_empty());
    assert!(t("    depends_on: a\n").is_empty());
    assert_eq!(t("    depends_on:\n"), ["HOT017"]);
    assert!(t("    deletion_policy: retain\n").is_empty());
    assert_eq!(t("    deletion_policy: Keep\n"), ["HOT017"]);
    assert!(t("    deletion_policy: {get_param: policy}\n").is_empty());
    assert_eq!(t("    deletion_policy: {policy: x}\n"), ["HOT017"]);
    assert!(t("    condition: {equals: [1, 1]}\n").is_empty());
    assert_eq!(t("    condition: [a]\n"), ["HOT017"]);
    assert_eq!(t("    description: [a]\n"), ["HOT017"]);
    assert!(t("    external_id: {get_param: id}\n").is_empty());
}

#[test]
fn lower_case_deletion_policies_need_newton() {
    let src = "heat_template_version: 2015-10-15\nresources:\n  r:\n    type: OS::Heat::None\n    deletion_policy: retain\n";
    let checked = check_source(src);
    let help: Vec<&str> = checked
        .diagnostics
        .iter()
        .filter_map(|d| d.help.as_deref())
        .collect();
    assert!(matches!(help.as_slice(), [h] if h.contains("`Retain`") && h.contains("2016-10-14")));
}

#[test]
fn empty_and_missing_types() {
    let t = |resource: &str| {
        check(&format!(
            "heat_template_version: 2021-04-16\nresources:\n  r:{resource}"
        ))
        .1
    };
    assert_eq!(t("\n"), [("HOT015", "r".to_owned())]);
    assert_eq!(t(" {}\n"), [("HOT015", "r".to_owned())]);
    assert_eq!(t("\n    type: ''\n"), [("HOT015", "''".to_owned())]);
    assert_eq!(t("\n    type:\n"), [("HOT015", "type".to_owned())]);
    assert_eq!(t(" abc\n"), [("HOT014", "abc".to_owned())]);
    assert_eq!(t("\n    type: [a]\n"), [("HOT017", "[a]".to_owned())]);
}

#[test]
fn constraints_follow_heat() {
    let t = |ty: &str, version: &str, constraint: &str| {
        codes(&format!(
            "heat_template_version: {version}\nparameters:\n  p:\n    type: {ty}\n    constraints:\n      - {constraint}\n"
        ))
    };
    let v = "2021-04-16";
    assert!(t("number", v, "range: {min: 1}").is_empty());
    assert!(t("number", v, "range: {min: '1', max: 1e3}").is_empty());
    assert_eq!(t("number", v, "range: {min: a}"), ["HOT022"]);
    assert_eq!(t("number", v, "range: {}"), ["HOT022"]);
    assert_eq!(t("number", v, "range: {min: 1, mx: 2}"), ["HOT022"]);
    assert_eq!(t("string", v, "range: {min: 1}"), ["HOT022"]);
    assert!(t("string", v, "length: {min: '2'}").is_empty());
    assert_eq!(t("string", v, "length: {min: 1.5}"), ["HOT022"]);
    assert!(t("number", v, "modulo: {step: 2, offset: 1}").is_empty());
    assert_eq!(
        t("number", "2016-10-14", "modulo: {step: 2, offset: 1}"),
        ["HOT022"]
    );
    assert_eq!(t("number", v, "modulo: {step: 2}"), ["HOT022"]);
    assert_eq!(t("number", v, "modulo: {step: 0, offset: 0}"), ["HOT022"]);
    assert_eq!(t("number", v, "modulo: {step: 2, offset: 3}"), ["HOT022"]);
    assert_eq!(t("number", v, "modulo: {step: 2, offset: -1}"), ["HOT022"]);
    assert!(t("number", v, "modulo: {step: 2.0, offset: 1}").is_empty());
    assert_eq!(t("string", v, "allowed_values: abc"), ["HOT022"]);
    assert_eq!(t("json", v, "allowed_values: [a]"), ["HOT022"]);
    assert_eq!(t("string", v, "allowed_pattern: 5"), ["HOT022"]);
    assert_eq!(t("string", v, "description: only"), ["HOT022"]);
    assert_eq!(t("string", v, "rnage: {min: 1}"), ["HOT022"]);
    assert!(t("string", v, "custom_constraint: nova.flavor").is_empty());
    // The first kind in Heat's order wins; the rest is ignored.
    assert!(
        t(
            "string",
            v,
            "{allowed_values: [a], allowed_pattern: '[a-z]'}"
        )
        .is_empty()
    );
}

#[test]
fn parameter_groups_follow_heat() {
    let t = |groups: &str| {
        codes(&format!(
            "heat_template_version: 2021-04-16\nparameters:\n  a: {{type: string}}\n  b: {{type: string}}\nparameter_groups:\n{groups}"
        ))
    };
    assert!(t("- parameters: [a, b]\n").is_empty());
    assert!(t("- parameters: [a, OS::stack_id]\n").is_empty());
    assert_eq!(t("- parameters: [a, c]\n"), ["HOT024"]);
    assert_eq!(t("- parameters: [a]\n- parameters: [a]\n"), ["HOT024"]);
    assert_eq!(t("- label: x\n"), ["HOT024"]);
    assert_eq!(t("- parameters:\n"), ["HOT024"]);
    assert_eq!(t("- parameters: a\n"), ["HOT024"]);
    assert_eq!(t("- a\n"), ["HOT024"]);
    // Heat ignores unknown keys of a group.
    assert!(t("- parameters: [a]\n  foo: 1\n").is_empty());
}

#[test]
fn environment_sections() {
    assert!(codes("parameters: {}\nparameter_defaults: {}\nresource_registry: {}\nevent_sinks: []\nencrypted_param_names: []\nparameter_merge_strategies: {}\n").is_empty());
    assert_eq!(
        check("parameters:\n").1,
        [("HOT026", "parameters".to_owned())]
    );
    assert_eq!(
        check("parameter_defaults: {}\nparameter_default: {}\n").1[..],
        [("HOT025", "parameter_default".to_owned())]
    );
    assert_eq!(codes("parameter_defaults: [a]\n"), ["HOT013"]);
    assert!(codes("parameter_defaults: []\n").is_empty());
    // Heat reads the registry with `.items()`, even when it is empty.
    assert_eq!(codes("resource_registry: []\n"), ["HOT013"]);
}

#[test]
fn structure_waits_for_valid_syntax() {
    // The unknown section is not reported while the file does not parse.
    assert_eq!(
        codes("heat_template_version: 2021-04-16\nresource: [\n"),
        ["HOT001"]
    );
    // A duplicate key is only a warning, so the rules still run.
    assert_eq!(
        codes("heat_template_version: 2021-04-16\nresource: {}\nresource: {}\n"),
        ["HOT012", "HOT003"]
    );
}

#[test]
fn json_templates_get_the_same_checks() {
    let src = r#"{"heat_template_version": "2021-04-16", "resource": {}}"#;
    let checked = check_source(src);
    assert_eq!(checked.flavor, hotc_grammar::Flavor::Json);
    assert_eq!(checked.kind, FileKind::Template);
    let found: Vec<(&str, &str)> = checked
        .diagnostics
        .iter()
        .map(|d| (d.code, d.primary.span.text(src)))
        .collect();
    assert_eq!(found, [("HOT012", "\"resource\"")]);
}

#[test]
fn a_file_without_documents_has_no_value() {
    let checked = check_source("# nothing here\n");
    assert_eq!(checked.kind, FileKind::Other);
    assert!(checked.value.is_none());
    assert!(checked.diagnostics.is_empty());
}

#[test]
fn diagnostics_are_sorted_by_position_then_code() {
    let src = "heat_template_version: 2021-04-16\nparameters:\n  b:\n    tpye: string\n  a: {}\n";
    let checked = check_source(src);
    let keys: Vec<(u32, &str)> = checked
        .diagnostics
        .iter()
        .filter(|d| d.code != "HOT056")
        .map(|d| (d.primary.span.start, d.code))
        .collect();
    let mut sorted = keys.clone();
    sorted.sort_unstable();
    assert_eq!(keys, sorted);
    assert_eq!(keys.len(), 2, "{keys:?}");
}

#[test]
fn a_misspelt_required_key_gives_one_finding() {
    let (_, found) = check(
        "heat_template_version: 2021-04-16\nparameters:\n  p:\n    tpye: string\nresources:\n  r:\n    tpye: OS::Heat::None\noutputs:\n  o:\n    valeu: 1\n",
    );
    let expected = [("HOT021", "tpye"), ("HOT015", "tpye"), ("HOT018", "valeu")];
    let expected: Vec<(&str, String)> = expected
        .iter()
        .map(|(c, t)| (*c, (*t).to_owned()))
        .collect();
    assert_eq!(found, expected);
}

/// HOT057 on a stack of thousands of resources: the cycle search is linear
/// (Tarjan's components, iteratively, with names in a map), so a long chain
/// does not overflow the stack, and the one circle at its end is found.
#[test]
fn a_cycle_at_the_end_of_a_long_chain_is_found() {
    let mut src = String::from("heat_template_version: 2021-04-16\nresources:\n");
    let n = 3_000;
    for i in 0..n {
        let next = if i + 1 == n { n - 2 } else { i + 1 };
        src.push_str(&format!(
            "  r{i}: {{type: OS::Heat::None, depends_on: r{next}}}\n"
        ));
    }
    let found: Vec<String> = check(&src)
        .1
        .into_iter()
        .filter(|(code, _)| *code == "HOT057")
        .map(|(_, message)| message)
        .collect();
    // Pointed at the first step of the circle: r2998's `depends_on: r2999`.
    assert_eq!(found, ["r2999"]);
}

/// The text after applying every HOT058 fix (each distinct edit once, back
/// to front, as `hotc fmt` applies fixes), and how many findings had none.
fn without_redundant_depends_on(src: &str) -> (String, usize) {
    let checked = check_source(src);
    let found: Vec<_> = checked
        .diagnostics
        .iter()
        .filter(|d| d.code == "HOT058")
        .collect();
    let mut edits: Vec<_> = found
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .flat_map(|f| f.edits.iter())
        .collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e.span.start));
    edits.dedup();
    let mut out = src.to_owned();
    for edit in edits {
        out.replace_range(edit.span.start()..edit.span.end(), &edit.replacement);
    }
    (out, found.iter().filter(|d| d.fix.is_none()).count())
}

#[test]
fn redundant_depends_on_fixes_cut_only_the_entry() {
    let head = "heat_template_version: 2021-04-16\nresources:\n  a: {type: OS::Heat::None}\n  b: {type: OS::Heat::None}\n  c:\n    type: OS::Heat::Value\n";
    let uses = "    properties: {value: {get_resource: a}}\n";
    let cases: &[(&str, &str, usize)] = &[
        // The whole line of a scalar, or of a list whose entries all go.
        ("    depends_on: a\n", "", 0),
        ("    depends_on: a # first\n", "", 0),
        ("    depends_on: [a]\n", "", 0),
        ("    depends_on:\n      - a\n", "", 0),
        // One line of a block list, one item and its comma of a flow list.
        (
            "    depends_on:\n      - a\n      - b\n",
            "    depends_on:\n      - b\n",
            0,
        ),
        (
            "    depends_on:\n      - b\n      - a\n",
            "    depends_on:\n      - b\n",
            0,
        ),
        ("    depends_on: [a, b]\n", "    depends_on: [b]\n", 0),
        ("    depends_on: [b, a]\n", "    depends_on: [b]\n", 0),
        // A quoted key is left alone: no simple cut is certain there.
        ("    'depends_on': a\n", "    'depends_on': a\n", 1),
    ];
    for (deps, kept, unfixed) in cases {
        let src = format!("{head}{deps}{uses}");
        let (fixed, left) = without_redundant_depends_on(&src);
        assert_eq!(fixed, format!("{head}{kept}{uses}"), "{deps}");
        assert_eq!(left, *unfixed, "{deps}");
        assert!(
            check_source(&fixed)
                .diagnostics
                .iter()
                .all(|d| d.code != "HOT058" || *unfixed > 0),
            "{deps}"
        );
    }
}

#[test]
fn output_reveals_hidden_parameter_once_per_output() {
    let src = "heat_template_version: 2021-04-16\nparameters:\n  pw: {type: string, hidden: true}\n  user: {type: string}\nresources:\n  v:\n    type: OS::Heat::Value\n    properties: {value: {get_param: [pw]}}\noutputs:\n  a: {value: {list_join: [',', [{get_param: pw}, {get_param: [pw]}, {get_param: user}]]}}\n  b: {value: {get_param: user}}\n";
    assert_eq!(check(src).1, vec![("HOT059", "get_param: pw".to_owned())]);
}

/// Heat 27.0.1 validates properties with parameters resolved: a `number`
/// parameter into a string property passes when it is an int (`str(3)`),
/// a `comma_delimited_list` is a list (`Value must be a string; got ['a',
/// 'b']`), and `get_attr` is `None` until the resource exists.
#[test]
fn computed_property_types_follow_heats_conversions() {
    let head = "heat_template_version: 2021-04-16\nparameters:\n  n: {type: number, default: 3}\n  l: {type: comma_delimited_list, default: a}\n  j: {type: json, default: {}}\n  b: {type: boolean, default: true}\nresources:\n  v: {type: OS::Heat::Value, properties: {value: x}}\n  r:\n    type: OS::Heat::RandomString\n    properties:\n";
    let cases: &[(&str, bool)] = &[
        ("salt: {get_param: n}", false),
        ("salt: {get_param: b}", false),
        ("salt: {get_param: l}", true),
        ("salt: {get_param: [j, k]}", false),
        ("salt: {get_param: j}", true),
        ("length: {list_join: ['', ['1', '2']]}", false),
        ("length: {list_concat: [[1]]}", true),
        ("salt: {str_split: [',', {get_attr: [v, value]}]}", false),
        ("salt: {yaql: {expression: '$.data', data: [1]}}", false),
        ("salt: {if: [true, [a], x]}", false),
        ("salt: {if: [true, [a], [b]]}", true),
        ("character_classes: {map_merge: [{}]}", true),
        (
            "character_classes: {repeat: {template: {class: x}, for_each: {x: [a]}}}",
            false,
        ),
    ];
    for (property, refused) in cases {
        let found = codes(&format!("{head}      {property}\n"));
        assert_eq!(found.contains(&"HOT045"), *refused, "{property}: {found:?}");
    }
}

/// HOT050 and HOT051 search for a suggestion once per unknown name, not
/// once per reference: every reference to the same missing name still gets
/// its own finding with the same suggestion, and different names their own.
#[test]
fn repeated_unknown_names_each_get_their_suggestion() {
    let src = "heat_template_version: 2021-04-16
parameters:
  flavor: {type: string}
resources:
  server: {type: OS::Heat::None}
  a: {type: OS::Heat::Value, properties: {value: {get_resource: sever}}}
  b: {type: OS::Heat::Value, properties: {value: {get_resource: sever}}}
  c: {type: OS::Heat::Value, properties: {value: {get_resource: nothing_like_it}}}
  d: {type: OS::Heat::Value, properties: {value: {get_param: flavour}}}
  e: {type: OS::Heat::Value, properties: {value: {get_param: flavour}}}
  f: {type: OS::Heat::None, depends_on: [sever]}
";
    let checked = check_source(src);
    let found: Vec<(&str, &str, Option<&str>)> = checked
        .diagnostics
        .iter()
        .filter(|d| ["HOT050", "HOT051"].contains(&d.code))
        .map(|d| (d.code, d.primary.span.text(src), d.help.as_deref()))
        .collect();
    let server = Some("rename it to `server`");
    let flavor = Some("rename it to `flavor`");
    let none = Some("name a resource defined in the `resources` section");
    assert_eq!(
        found,
        [
            ("HOT050", "sever", server),
            ("HOT050", "sever", server),
            ("HOT050", "nothing_like_it", none),
            ("HOT051", "flavour", flavor),
            ("HOT051", "flavour", flavor),
            ("HOT050", "sever", server),
        ]
    );
}

/// HOT057 with several separate circles among resources that are in none:
/// each circle is reported once, at its first step, with its path; the
/// resources outside any circle add nothing.
#[test]
fn separate_cycles_are_each_reported_once() {
    let src = "heat_template_version: 2021-04-16
resources:
  a: {type: OS::Heat::Value, properties: {value: {get_resource: b}}}
  b: {type: OS::Heat::Value, properties: {value: {get_attr: [a, value]}}}
  c: {type: OS::Heat::Value, properties: {value: {get_resource: a}}}
  d: {type: OS::Heat::Value, properties: {value: {get_attr: [d, value]}}}
  e: {type: OS::Heat::None, depends_on: [c, f]}
  f: {type: OS::Heat::Value, properties: {value: {get_resource: g}}}
  g: {type: OS::Heat::Value, properties: {value: {get_resource: e}}}
  h: {type: OS::Heat::None, depends_on: [g]}
";
    let checked = check_source(src);
    let found: Vec<(&str, &str)> = checked
        .diagnostics
        .iter()
        .filter(|d| d.code == "HOT057")
        .map(|d| (d.primary.span.text(src), d.message.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            ("b", "dependency cycle: `a` -> `b` -> `a`"),
            ("d", "resource `d` depends on itself"),
            ("f", "dependency cycle: `e` -> `f` -> `g` -> `e`"),
        ]
    );
}

#[test]
fn literal_properties_meet_local_custom_constraints() {
    // No type the in-process Heat of heat_agrees can validate carries one
    // of these constraints, so the Heat facts are pinned here; each is
    // Heat 27's `Properties.validate` on the type's schema:
    // `Property error: cidr: Error validating value '10.0.0.0/33': Invalid
    // net cidr invalid IPNetwork 10.0.0.0/33 `, `host_routes[0].destination`
    // likewise, `networks[0].fixed_ip: Error validating value '10.0.0.256':
    // Invalid IP address`, `mac_address: Error validating value '5':
    // Invalid MAC address.` (an integer is checked as its string). Subnet's
    // `gateway_ip` has no custom constraint: Heat accepts `10.0.0.256` there.
    let src = "heat_template_version: 2021-04-16
resources:
  sub:
    type: OS::Neutron::Subnet
    properties:
      network: net0
      cidr: 10.0.0.0/33
      gateway_ip: 10.0.0.256
      host_routes: [{destination: 10.0.0.0/33, nexthop: 10.0.0.1}]
  server:
    type: OS::Nova::Server
    properties:
      image: img
      flavor: m1
      networks: [{fixed_ip: 10.0.0.256}, {fixed_ip: 10.0.0.1}]
  port:
    type: OS::Neutron::Port
    properties:
      network: net0
      mac_address: 5
      dns_name: web-1
";
    let (_, found) = check(src);
    assert_eq!(
        found,
        [
            ("HOT046", "10.0.0.0/33".to_owned()),
            ("HOT046", "10.0.0.0/33".to_owned()),
            ("HOT046", "10.0.0.256".to_owned()),
            ("HOT046", "5".to_owned()),
        ]
    );
    let messages: Vec<String> = check_source(src)
        .diagnostics
        .iter()
        .map(|d| d.primary.message.clone())
        .collect();
    assert_eq!(
        messages.first().map(String::as_str),
        Some(
            "Error validating value '10.0.0.0/33': Invalid net cidr invalid IPNetwork 10.0.0.0/33 "
        )
    );
}
