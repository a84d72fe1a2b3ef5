//! The generated stack of the planning and lint benchmarks: `n` resources
//! in groups of ten that refer to each other the way real stacks do
//! (`get_param`, `get_resource`, `get_attr` within a group and to the group
//! before), about 170 bytes of YAML per resource. Deterministic, so runs
//! compare.

/// A stack of `n` resources in groups of ten: a random string, a port,
/// a server that uses both, a volume and its attachment, and five values
/// that read attributes of the group and of the group before.
pub(crate) fn generate(n: usize) -> String {
    let mut out = String::from(
        "heat_template_version: 2021-04-16\nparameters:\n  \
         flavor: {type: string, default: m1.small}\n  \
         zone: {type: string, default: nova}\n  \
         size: {type: number, default: 10}\nresources:\n",
    );
    let groups = n.div_ceil(10);
    for g in 0..groups {
        let prev = g.saturating_sub(1);
        out.push_str(&format!(
            "  secret{g}:\n    type: OS::Heat::RandomString\n    properties: {{length: 16}}\n\
             \x20 port{g}:\n    type: OS::Neutron::Port\n    properties: {{network: private, name: {{list_join: ['-', [port, '{g}']]}}}}\n\
             \x20 server{g}:\n    type: OS::Nova::Server\n    properties:\n      image: cirros\n      \
             flavor: {{get_param: flavor}}\n      availability_zone: {{get_param: zone}}\n      \
             networks: [{{port: {{get_resource: port{g}}}}}]\n      \
             metadata: {{secret: {{get_attr: [secret{g}, value]}}}}\n\
             \x20 volume{g}:\n    type: OS::Cinder::Volume\n    properties: {{size: {{get_param: size}}}}\n\
             \x20 attach{g}:\n    type: OS::Cinder::VolumeAttachment\n    properties: {{instance_uuid: {{get_resource: server{g}}}, volume_id: {{get_resource: volume{g}}}}}\n"
        ));
        for v in 0..5 {
            out.push_str(&format!(
                "  value{g}_{v}:\n    type: OS::Heat::Value\n    properties:\n      \
                 value: {{str_replace: {{template: 'ip=$ip prev=$prev', params: {{$ip: {{get_attr: [server{g}, first_address]}}, $prev: {{get_resource: server{prev}}}}}}}}}\n"
            ));
        }
    }
    out
}
