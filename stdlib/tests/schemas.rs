//! Every embedded schema is read with hotc's JSON front end (the one the
//! compiler uses) and checked to be a schema of the type it is filed under;
//! the table, the manifest and `HEAT_VERSION` agree with one another.

use std::collections::BTreeSet;

use hotc_grammar::value::build_stream;
use hotc_grammar::{Flavor, Value, ValueKind};
use hotc_stdlib::{HEAT_VERSION, MANIFEST_JSON, schema_json, type_names};

/// The hand-written schemas, which no import lists in the manifest (see
/// schemas/SOURCE.md).
const HAND_WRITTEN: &[&str] = &["DockerInc::Docker::Container"];

const STATUSES: &[&str] = &[
    "UNKNOWN",
    "SUPPORTED",
    "DEPRECATED",
    "UNSUPPORTED",
    "HIDDEN",
];

/// `text` read as Heat's loader would, which for these files must be JSON
/// without a single syntax error.
fn load(what: &str, text: &str) -> Value {
    let parsed = hotc_grammar::parse(text);
    assert_eq!(parsed.flavor, Flavor::Json, "{what} is not JSON");
    assert!(parsed.errors.is_empty(), "{what}: {:?}", parsed.errors);
    let (value, errors) = build_stream(&parsed.stream, parsed.flavor);
    assert!(errors.is_empty(), "{what}: {errors:?}");
    value
}

fn is_map(value: Option<&Value>) -> bool {
    value.is_some_and(|v| matches!(v.kind, ValueKind::Map(_)))
}

fn strings(value: Option<&Value>) -> BTreeSet<String> {
    match value.map(|v| &v.kind) {
        Some(ValueKind::Seq(items)) => items
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect(),
        Some(ValueKind::Map(pairs)) => pairs
            .iter()
            .filter_map(|(k, _)| k.as_str())
            .map(str::to_owned)
            .collect(),
        _ => BTreeSet::new(),
    }
}

#[test]
fn every_schema_is_an_object_naming_its_type() {
    let mut count = 0;
    for name in type_names() {
        let text = schema_json(name).unwrap_or_else(|| panic!("{name} is listed but not found"));
        let schema = load(name, text);
        assert_eq!(
            schema.get("resource_type").and_then(Value::as_str),
            Some(name),
            "{name}"
        );
        assert!(is_map(schema.get("properties")), "{name}: properties");
        assert!(is_map(schema.get("attributes")), "{name}: attributes");
        let status = schema
            .get("support_status")
            .and_then(|s| s.get("status"))
            .and_then(Value::as_str);
        assert!(
            status.is_some_and(|s| STATUSES.contains(&s)),
            "{name}: support status {status:?}"
        );
        count += 1;
    }
    assert!(count > 200, "only {count} schemas");
}

#[test]
fn names_are_sorted_unique_and_exact() {
    let names: Vec<&str> = type_names().collect();
    assert!(
        names.windows(2).all(|w| w[0] < w[1]),
        "the table is not strictly sorted"
    );
    assert!(schema_json("OS::Nova::Server").is_some());
    assert!(schema_json("AWS::EC2::Instance").is_some());
    assert!(schema_json("OS::Neutron::LBaaS::Pool").is_some());
    for absent in [
        "",
        "OS::Nova::server",
        "OS::Nova::Server ",
        "OS::Nova",
        "OS::Quantum::Net",
        "ZZZ::Last::Type",
    ] {
        assert!(schema_json(absent).is_none(), "{absent:?} was found");
    }
}

#[test]
fn the_manifest_agrees_with_the_table() {
    let manifest = load("manifest.json", MANIFEST_JSON);
    assert_eq!(
        manifest.get("heat_version").and_then(Value::as_str),
        Some(HEAT_VERSION)
    );
    let listed = strings(manifest.get("types"));
    let embedded: BTreeSet<String> = type_names().map(str::to_owned).collect();
    let unlisted: Vec<&String> = embedded.difference(&listed).collect();
    assert_eq!(unlisted, HAND_WRITTEN, "embedded but not from the import");
    let missing: Vec<&String> = listed.difference(&embedded).collect();
    assert!(missing.is_empty(), "imported but not embedded: {missing:?}");
    // Aliases name types that exist (a trailing `*` maps a whole prefix).
    let aliases = manifest
        .get("aliases")
        .and_then(Value::as_map)
        .unwrap_or_default();
    assert!(!aliases.is_empty());
    for (alias, target) in aliases {
        let target = target.as_str().unwrap_or_default();
        let found = match target.strip_suffix('*') {
            Some(prefix) => type_names().any(|n| n.starts_with(prefix)),
            None => schema_json(target).is_some(),
        };
        assert!(found, "{alias:?} -> {target:?} names no type");
    }
}

#[test]
fn docker_container_is_the_contrib_plugin() {
    let schema = load(
        "docker",
        schema_json("DockerInc::Docker::Container").expect("embedded"),
    );
    let status = schema
        .get("support_status")
        .and_then(|s| s.get("status"))
        .and_then(Value::as_str);
    assert_eq!(status, Some("UNSUPPORTED"));
    let properties = strings(schema.get("properties"));
    assert_eq!(properties.len(), 25);
    assert!(properties.contains("image") && properties.contains("port_bindings"));
    let attributes = strings(schema.get("attributes"));
    assert!(attributes.contains("network_ip") && attributes.contains("show"));
}
