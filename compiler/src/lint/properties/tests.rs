//! The walk over literal properties: what it visits and what it leaves.

use hotc_grammar::value::build_stream;

use super::{Event, for_each_event};

/// The events of a template as short strings: `unknown a.b`, `missing a`,
/// `value a.b`.
fn events(src: &str) -> Vec<String> {
    let parsed = hotc_grammar::parse(src);
    let (root, _) = build_stream(&parsed.stream, parsed.flavor);
    let mut out = Vec::new();
    for_each_event(&root, None, &mut |_, event| {
        out.push(match event {
            Event::Unknown { path, .. } => format!("unknown {path}"),
            Event::Missing { path, .. } => format!("missing {path}"),
            Event::NotImplemented { path, .. } => format!("not implemented {path}"),
            Event::Deprecated { path, .. } => format!("deprecated {path}"),
            Event::Value { path, .. } => format!("value {path}"),
            Event::Computed { path, .. } => format!("computed {path}"),
        });
    });
    out
}

const HEAD: &str = "heat_template_version: 2021-04-16\nresources:\n  r:\n";

#[test]
fn walks_nested_lists_and_maps() {
    let src = format!(
        "{HEAD}    type: OS::Heat::RandomString\n    properties:\n      character_sequences:\n        - {{sequence: ab, mni: 2}}\n        - min: 1\n"
    );
    assert_eq!(
        events(&src),
        [
            "value character_sequences",
            "value character_sequences[0]",
            "value character_sequences[0].sequence",
            "unknown character_sequences[0].mni",
            "value character_sequences[1]",
            "value character_sequences[1].min",
            "missing character_sequences[1].sequence",
        ]
    );
}

/// A call is not walked into: it is one `computed` event, which HOT045
/// types when it can.
#[test]
fn functions_are_opaque() {
    let src = format!(
        "{HEAD}    type: OS::Heat::RandomString\n    properties:\n      length: {{get_param: n}}\n      character_sequences:\n        - {{get_param: seq}}\n"
    );
    assert_eq!(
        events(&src),
        [
            "computed length",
            "value character_sequences",
            "computed character_sequences[0]"
        ]
    );
    let whole =
        format!("{HEAD}    type: OS::Heat::ResourceGroup\n    properties: {{get_param: p}}\n");
    assert!(events(&whole).is_empty());
}

#[test]
fn required_properties_with_defaults_or_translations_are_not_missing() {
    // ResourceGroup's resource_def is required without a default.
    let none = format!("{HEAD}    type: OS::Heat::ResourceGroup\n");
    assert_eq!(events(&none), ["missing resource_def"]);
    // Port's `network` is required; the hidden `network_id` is its old name.
    let old =
        format!("{HEAD}    type: OS::Neutron::Port\n    properties:\n      network_id: abc\n");
    assert_eq!(events(&old), ["deprecated network_id", "value network_id"]);
    // A misspelling of a required key is only unknown.
    let typo = format!(
        "{HEAD}    type: OS::Heat::ResourceGroup\n    properties:\n      resource_dfe: {{}}\n"
    );
    assert_eq!(events(&typo), ["unknown resource_dfe"]);
}

#[test]
fn unknown_types_templates_and_external_resources_are_skipped() {
    for ty in ["OS::Nova::Sever", "app.yaml", "My::Thing"] {
        let src = format!("{HEAD}    type: {ty}\n    properties:\n      x: 1\n");
        assert!(events(&src).is_empty(), "{ty}");
    }
    let adopted = format!("{HEAD}    type: OS::Heat::ResourceGroup\n    external_id: abc\n");
    assert!(events(&adopted).is_empty());
}

#[test]
fn properties_heat_does_not_implement_are_events() {
    let src = format!(
        "{HEAD}    type: AWS::AutoScaling::AutoScalingGroup\n    properties:\n      AvailabilityZones: []\n      MinSize: 1\n      MaxSize: 2\n      HealthCheckType: EC2\n"
    );
    let events = events(&src);
    assert!(
        events.contains(&"not implemented HealthCheckType".to_owned()),
        "{events:?}"
    );
}
