#![expect(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "test inputs are known-good"
)]

use super::*;
use crate::ir::{ReferenceKind, references};

fn template(src: &str) -> Template {
    Template::parse(src)
}

const STACK: &str = "\
heat_template_version: 2021-04-16
parameters:
  image: {type: string, default: cirros}
  key: {type: string, hidden: true}
parameter_groups:
  - label: Access
    parameters: [key]
conditions:
  big: {equals: [{get_param: image}, big]}
resources:
  net: {type: OS::Neutron::Net}
  port:
    type: OS::Neutron::Port
    properties:
      network: {get_resource: net}
  server:
    type: OS::Nova::Server
    depends_on: [net]
    condition: big
    properties:
      image: {get_param: image}
      networks: [{port: {get_resource: port}}]
    metadata:
      ip: {get_attr: [port, fixed_ips, 0, ip_address]}
  ext:
    type: OS::Neutron::Net
    external_id: abc
    properties: {name: {get_attr: [net, name]}}
  broken: {properties: {}}
outputs:
  ip: {value: {get_attr: [server, first_address]}, description: the address}
";

#[test]
fn a_template_lowers_to_its_parts() {
    let t = template(STACK);
    assert_eq!(t.version, HotVersion::V2021_04_16);
    let names: Vec<&str> = t.parameters.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["image", "key"]);
    assert!(t.parameter("key").unwrap().hidden);
    assert_eq!(t.parameter_groups[0].label.as_deref(), Some("Access"));
    assert_eq!(t.parameter_groups[0].parameters[0].name, "key");
    assert_eq!(t.conditions.len(), 1);
    assert_eq!(t.conditions[0].expr.as_call().unwrap().name, "equals");
    // A resource without a type is left out (HOT013 reports it).
    let names: Vec<&str> = t.resources.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["net", "port", "server", "ext"]);
    let server = t.resource("server").unwrap();
    assert_eq!(server.type_name, "OS::Nova::Server");
    assert_eq!(server.depends_on[0].name, "net");
    assert!(server.condition.as_ref().unwrap().as_str() == Some("big"));
    assert!(server.property("image").unwrap().as_call().is_some());
    assert_eq!(t.outputs[0].description.as_deref(), Some("the address"));
}

/// Heat's `required_resource_names`: `depends_on`, then functions in
/// properties and metadata; an `external_id` resource depends on nothing.
#[test]
fn references_follow_heat() {
    let t = template(STACK);
    let refs = |name: &str| {
        references(t.resource(name).unwrap(), &t)
            .into_iter()
            .map(|r| (r.target, r.kind))
            .collect::<Vec<_>>()
    };
    assert_eq!(refs("net"), []);
    assert_eq!(
        refs("port"),
        [("net".to_owned(), ReferenceKind::GetResource)]
    );
    assert_eq!(
        refs("server"),
        [
            ("net".to_owned(), ReferenceKind::DependsOn),
            ("port".to_owned(), ReferenceKind::GetResource),
            (
                "port".to_owned(),
                ReferenceKind::GetAttr {
                    attribute: Some("fixed_ips".to_owned())
                }
            ),
        ]
    );
    assert_eq!(refs("ext"), []);
}

/// cfn `Ref` names a resource when the stack has one of that name, and a
/// parameter otherwise.
#[test]
fn ref_of_a_parameter_is_not_a_dependency() {
    let t = template(
        "heat_template_version: 2013-05-23\n\
         parameters: {p: {type: string}}\n\
         resources:\n  a: {type: OS::Heat::None}\n  b:\n    type: OS::Heat::None\n    \
         properties: {x: {Ref: a}, y: {Ref: p}}\n",
    );
    let refs = references(t.resource("b").unwrap(), &t);
    assert_eq!(refs.len(), 1);
    assert_eq!(refs[0].target, "a");
}
