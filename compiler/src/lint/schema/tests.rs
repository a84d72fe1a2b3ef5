//! The stdlib's schemas read as typed data, aliases, and the cache.

use super::*;

#[test]
fn every_stdlib_schema_parses() {
    for name in hotc_stdlib::type_names() {
        assert!(lookup(name).is_some(), "{name} does not read as a schema");
    }
}

#[test]
fn aliases_resolve_like_heats_registry() {
    assert_eq!(resolve("OS::Nova::Server"), Some("OS::Nova::Server"));
    assert_eq!(resolve("OS::Metering::Alarm"), Some("OS::Aodh::Alarm"));
    assert_eq!(resolve("OS::Quantum::Net"), Some("OS::Neutron::Net"));
    assert_eq!(resolve("OS::Quantum::NoSuch"), None);
    assert_eq!(resolve("OS::Nova::Sever"), None);
    assert_eq!(resolve("os::nova::server"), None);
}

#[test]
fn properties_keep_what_the_rules_need() {
    let random = lookup("OS::Heat::RandomString").expect("a stdlib type");
    assert_eq!(random.status, None);
    let length = random
        .properties
        .get("length")
        .expect("RandomString has length");
    assert_eq!(length.ty, PropType::Integer);
    assert!(length.has_default && !length.required);
    assert_eq!(
        length.constraints,
        vec![Constraint::Range {
            min: Some(1.0),
            max: Some(512.0)
        }]
    );
    let classes = random.properties.get("character_classes").expect("a list");
    let Some(Nested::Items(item)) = &classes.nested else {
        panic!("character_classes has an item schema");
    };
    let Some(Nested::Keys(keys)) = &item.nested else {
        panic!("its items are maps with named keys");
    };
    assert_eq!(keys.names().collect::<Vec<_>>(), ["class", "min"]);
}

#[test]
fn statuses_and_hidden_properties() {
    let hidden = lookup("OS::Heat::SoftwareDeployments").expect("a hidden type");
    assert_eq!(hidden.status, Some(Status::Hidden));
    assert!(
        hidden
            .message
            .as_deref()
            .is_some_and(|m| m.contains("SoftwareDeploymentGroup"))
    );
    let server = lookup("OS::Nova::Server").expect("a stdlib type");
    let admin_user = server
        .properties
        .get("admin_user")
        .expect("hidden properties are kept");
    assert!(!admin_user.supported);
    assert!(
        server
            .properties
            .get("flavor")
            .is_some_and(|p| p.required && p.supported)
    );
}

#[test]
fn lookups_are_cached() {
    let a = lookup("OS::Heat::None").expect("a stdlib type");
    let b = lookup("OS::Heat::None").expect("a stdlib type");
    assert!(std::ptr::eq(a, b));
}

#[test]
fn attributes_keep_their_declared_types() {
    let server = lookup("OS::Nova::Server").expect("a stdlib type");
    assert_eq!(server.attributes.get("networks"), Some(Some(AttrType::Map)));
    assert_eq!(server.attributes.get("tags"), Some(Some(AttrType::List)));
    assert_eq!(server.attributes.get("name"), Some(Some(AttrType::String)));
    // Declared without a type.
    assert_eq!(server.attributes.get("first_address"), Some(None));
    assert_eq!(server.attributes.get("nosuch"), None);
    // Every type has Heat's base attribute `show`.
    assert!(server.attributes.names().any(|n| n == "show"));
}

#[test]
fn types_that_resolve_their_own_attributes_declare_none() {
    for name in [
        "OS::Heat::ResourceGroup",
        "OS::Heat::SoftwareDeployment",
        "OS::Heat::None",
    ] {
        let schema = lookup(name).expect("a stdlib type");
        assert_eq!(schema.attributes, Attributes::Dynamic, "{name}");
    }
    // A structured config's `config` is a map, although Heat declares it a
    // string; a plain software config's is the string it was given.
    let structured = lookup("OS::Heat::StructuredConfig").expect("a stdlib type");
    assert_eq!(structured.attributes.get("config"), Some(None));
    let plain = lookup("OS::Heat::SoftwareConfig").expect("a stdlib type");
    assert_eq!(plain.attributes.get("config"), Some(Some(AttrType::String)));
}

#[test]
fn every_dynamic_type_is_in_the_stdlib() {
    for name in DYNAMIC_ATTRIBUTE_TYPES {
        assert!(resolve(name).is_some(), "{name}");
    }
}
