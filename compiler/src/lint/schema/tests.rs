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
