//! Deterministic synthetic HOT templates, one YAML and one JSON, of a
//! requested size.
//!
//! The corpus is small files; these are one large file each, so that the
//! per-file costs (setup, the JSON attempt before YAML) vanish and the
//! inner loops show. They are shaped like real templates rather than like a
//! stress test: parameters with constraints, many resources with nested
//! properties, intrinsic functions in flow mappings, lists, block literal
//! scripts, quoted strings and comments, in proportions like those of the
//! corpus. A fixed-seed generator varies them so that no two resources are
//! alike, and the same seed gives the same bytes on every run.

use std::fmt::Write as _;

/// A small xorshift generator: enough to vary shapes, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    /// A number in `0..n` (n > 0).
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        let i = usize::try_from(self.below(items.len() as u64)).unwrap_or(0);
        items.get(i).copied().unwrap_or("")
    }
}

const SEED: u64 = 0x5eed_0f4e_47c0_de42;

const FLAVORS: &[&str] = &["m1.tiny", "m1.small", "m1.medium", "m1.large", "m1.xlarge"];
const IMAGES: &[&str] = &["ubuntu-22.04", "centos-stream-9", "fedora-39", "cirros-0.6"];
const ROLES: &[&str] = &["web", "db", "cache", "worker", "bastion", "proxy"];
const PACKAGES: &[&str] = &[
    "nginx",
    "postgresql",
    "redis-server",
    "haproxy",
    "python3-pip",
];

/// How many parameters each template declares: the resources refer to them.
const PARAMS: u64 = 120;

/// A YAML HOT template of at least `target` bytes.
pub(crate) fn yaml_template(target: usize) -> String {
    let mut rng = Rng(SEED);
    let mut out = String::with_capacity(target + 4096);
    out.push_str(
        "# Synthetic HOT template written by hotc-bench; deterministic, not for deployment.\n\
         heat_template_version: 2018-08-31\n\n\
         description: >\n  A large synthetic stack: servers with ports, volumes and\n  \
         software configs, used to time hotc's front end.\n\n\
         parameters:\n",
    );
    for p in 0..PARAMS {
        yaml_parameter(&mut out, &mut rng, p);
    }
    out.push_str("\nresources:\n");
    let mut outputs = String::from("\noutputs:\n");
    let mut group = 0u64;
    while out.len() + outputs.len() < target {
        yaml_group(&mut out, &mut outputs, &mut rng, group);
        group += 1;
    }
    out.push_str(&outputs);
    out
}

fn yaml_parameter(out: &mut String, rng: &mut Rng, p: u64) {
    let _ = writeln!(out, "  param_{p}:");
    match rng.below(4) {
        0 => {
            let _ = writeln!(
                out,
                "    type: string\n    label: Flavor {p}\n    description: \"Flavor for group {p}\"\n    default: {}\n    constraints:\n      - allowed_values: [{}]\n        description: 'Must be a known flavor.'",
                rng.pick(FLAVORS),
                FLAVORS.join(", ")
            );
        }
        1 => {
            let _ = writeln!(
                out,
                "    type: number\n    description: Size in GB   # kept small on purpose\n    default: {}\n    constraints:\n      - range: {{min: 1, max: 1024}}",
                1 + rng.below(200)
            );
        }
        2 => {
            let _ = writeln!(
                out,
                "    type: string\n    description: Image to boot\n    default: '{}'\n    constraints:\n      - custom_constraint: glance.image",
                rng.pick(IMAGES)
            );
        }
        _ => {
            let _ = writeln!(
                out,
                "    type: comma_delimited_list\n    description: >-\n      DNS servers handed to\n      the subnet\n    default: \"8.8.8.8,8.8.4.4\"\n    hidden: {}",
                rng.below(2) == 0
            );
        }
    }
}

/// One group of related resources (a server, its port, maybe a volume and a
/// software config), about 1.5 KB, and an output or two for it.
fn yaml_group(out: &mut String, outputs: &mut String, rng: &mut Rng, g: u64) {
    let p = rng.below(PARAMS);
    let role = rng.pick(ROLES);
    let _ = writeln!(
        out,
        "\n  # --- group {g}: a {role} server with its port ---"
    );
    let _ = writeln!(
        out,
        "  port_{g}:\n    type: OS::Neutron::Port\n    properties:\n      network: {{get_param: private_net}}\n      fixed_ips:\n        - subnet: {{ get_param: private_subnet }}\n          ip_address: \"10.{}.{}.{}\"\n      security_groups: [{{get_resource: sg_{}}}, default]\n      admin_state_up: true",
        rng.below(256),
        rng.below(256),
        1 + rng.below(254),
        rng.below(8)
    );
    let with_volume = rng.below(3) == 0;
    if with_volume {
        let _ = writeln!(
            out,
            "  volume_{g}:\n    type: OS::Cinder::Volume\n    properties:\n      size: {{get_param: param_{p}}}\n      name:\n        list_join: ['-', [{{get_param: 'OS::stack_name'}}, vol, '{g}']]\n      metadata: {{purpose: data, group: {g}}}\n  attachment_{g}:\n    type: OS::Cinder::VolumeAttachment\n    properties:\n      instance_uuid: {{get_resource: server_{g}}}\n      volume_id: {{get_resource: volume_{g}}}\n      mountpoint: /dev/vdb"
        );
    }
    let depends = if with_volume {
        format!("[port_{g}, volume_{g}]")
    } else {
        format!("port_{g}")
    };
    let _ = writeln!(
        out,
        "  server_{g}:\n    type: OS::Nova::Server\n    depends_on: {depends}\n    properties:\n      name: {{list_join: ['-', [{{get_param: 'OS::stack_name'}}, '{role}', '{g}']]}}\n      image: {{get_param: image}}\n      flavor: {{ get_param: flavor }}\n      key_name: {{get_param: key_name}}\n      networks:\n        - port: {{get_resource: port_{g}}}\n      metadata:\n        role: \"{role}\"\n        index: {g}\n        enabled: {}\n        weight: {}.{}\n        owner: 'team-{}'\n      user_data_format: RAW\n      user_data:\n        str_replace:\n          template: |\n            #!/bin/bash -v\n            # Configure the {role} node; $NAME and $PEER are replaced by Heat.\n            set -euo pipefail\n            echo \"configuring $NAME\" >> /var/log/setup.log\n            apt-get install -y {} {}\n            cat > /etc/hotc-{g}.conf <<EOF\n            [main]\n            name = $NAME\n            peer = $PEER\n            retries = {}\n            EOF\n            systemctl restart {}\n          params:\n            $NAME: {{get_param: 'OS::stack_name'}}\n            $PEER: {{get_attr: [port_{}, fixed_ips, 0, ip_address]}}",
        rng.below(2) == 0,
        rng.below(10),
        rng.below(100),
        rng.below(40),
        rng.pick(PACKAGES),
        rng.pick(PACKAGES),
        1 + rng.below(9),
        rng.pick(PACKAGES),
        g.saturating_sub(1 + rng.below(4)),
    );
    if rng.below(4) == 0 {
        let _ = writeln!(
            out,
            "  config_{g}:\n    type: OS::Heat::SoftwareConfig\n    properties:\n      group: script\n      inputs:\n        - name: peer\n          type: String\n          default: ''\n        - {{name: retries, type: Number, default: 3}}\n      outputs:\n        - name: result\n      config: |\n        #!/bin/sh\n        echo \"peer is ${{peer}}, retries ${{retries}}\" > $heat_outputs_path.result\n  deployment_{g}:\n    type: OS::Heat::SoftwareDeployment\n    properties:\n      config: {{get_resource: config_{g}}}\n      server: {{get_resource: server_{g}}}\n      input_values: {{peer: {{get_attr: [server_{g}, first_address]}}, retries: 5}}\n      signal_transport: HEAT_SIGNAL"
        );
    }
    let _ = writeln!(
        outputs,
        "  server_{g}_ip:\n    description: The first address of the {role} server {g}.\n    value: {{get_attr: [server_{g}, first_address]}}"
    );
}

/// A JSON value, just enough to write the JSON template.
enum Json {
    Null,
    Bool(bool),
    Num(u64),
    Str(String),
    Arr(Vec<Json>),
    Obj(Vec<(String, Json)>),
}

fn s(text: impl Into<String>) -> Json {
    Json::Str(text.into())
}

fn obj(pairs: Vec<(&str, Json)>) -> Json {
    Json::Obj(pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
}

/// `{"fn": arg}`, the shape of every intrinsic function call.
fn call(name: &str, arg: Json) -> Json {
    obj(vec![(name, arg)])
}

/// Writes `value` as `json.dumps(indent=2)` would lay it out: the layout of
/// JSON templates written by tools.
fn write_json(out: &mut String, value: &Json, indent: usize) {
    match value {
        Json::Null => out.push_str("null"),
        Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Json::Num(n) => {
            let _ = write!(out, "{n}");
        }
        Json::Str(text) => write_json_str(out, text),
        Json::Arr(items) if items.is_empty() => out.push_str("[]"),
        Json::Obj(pairs) if pairs.is_empty() => out.push_str("{}"),
        Json::Arr(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                out.push_str(if i == 0 { "\n" } else { ",\n" });
                push_indent(out, indent + 2);
                write_json(out, item, indent + 2);
            }
            out.push('\n');
            push_indent(out, indent);
            out.push(']');
        }
        Json::Obj(pairs) => {
            out.push('{');
            for (i, (key, item)) in pairs.iter().enumerate() {
                out.push_str(if i == 0 { "\n" } else { ",\n" });
                push_indent(out, indent + 2);
                write_json_str(out, key);
                out.push_str(": ");
                write_json(out, item, indent + 2);
            }
            out.push('\n');
            push_indent(out, indent);
            out.push('}');
        }
    }
}

fn push_indent(out: &mut String, n: usize) {
    out.extend(std::iter::repeat_n(' ', n));
}

fn write_json_str(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if u32::from(c) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// A JSON HOT template of at least `target` bytes, with the same kinds of
/// content as the YAML one (scripts become strings with `\n` escapes).
pub(crate) fn json_template(target: usize) -> String {
    let mut rng = Rng(SEED ^ 0x4a53_4f4e);
    let mut params = Vec::new();
    for p in 0..PARAMS {
        params.push((
            format!("param_{p}"),
            obj(vec![
                ("type", s("string")),
                (
                    "description",
                    s(format!("Flavor for group {p} — «ünïcode»")),
                ),
                ("default", s(rng.pick(FLAVORS))),
                (
                    "constraints",
                    Json::Arr(vec![obj(vec![(
                        "allowed_values",
                        Json::Arr(FLAVORS.iter().map(|f| s(*f)).collect()),
                    )])]),
                ),
            ]),
        ));
    }
    // Each group is built and written on its own so that the size can be
    // checked as it grows; the pieces are then joined into one object.
    let mut resources = String::new();
    let mut outputs = String::new();
    let mut g = 0u64;
    while resources.len() + outputs.len() < target {
        let role = rng.pick(ROLES);
        let server = obj(vec![
            ("type", s("OS::Nova::Server")),
            ("depends_on", Json::Arr(vec![s(format!("port_{g}"))])),
            (
                "properties",
                obj(vec![
                    (
                        "name",
                        call(
                            "list_join",
                            Json::Arr(vec![
                                s("-"),
                                Json::Arr(vec![
                                    call("get_param", s("OS::stack_name")),
                                    s(role),
                                    s(g.to_string()),
                                ]),
                            ]),
                        ),
                    ),
                    ("image", call("get_param", s("image"))),
                    (
                        "flavor",
                        call("get_param", s(format!("param_{}", rng.below(PARAMS)))),
                    ),
                    (
                        "networks",
                        Json::Arr(vec![obj(vec![(
                            "port",
                            call("get_resource", s(format!("port_{g}"))),
                        )])]),
                    ),
                    (
                        "metadata",
                        obj(vec![
                            ("role", s(role)),
                            ("index", Json::Num(g)),
                            ("enabled", Json::Bool(rng.below(2) == 0)),
                            ("owner", Json::Null),
                        ]),
                    ),
                    (
                        "user_data",
                        call(
                            "str_replace",
                            obj(vec![
                                (
                                    "template",
                                    s(format!(
                                        "#!/bin/bash -v\nset -euo pipefail\necho \"configuring $NAME\" >> /var/log/setup.log\napt-get install -y {} {}\nsystemctl restart {}\n",
                                        rng.pick(PACKAGES),
                                        rng.pick(PACKAGES),
                                        rng.pick(PACKAGES)
                                    )),
                                ),
                                (
                                    "params",
                                    obj(vec![("$NAME", call("get_param", s("OS::stack_name")))]),
                                ),
                            ]),
                        ),
                    ),
                ]),
            ),
        ]);
        let port = obj(vec![
            ("type", s("OS::Neutron::Port")),
            (
                "properties",
                obj(vec![
                    ("network", call("get_param", s("private_net"))),
                    (
                        "fixed_ips",
                        Json::Arr(vec![obj(vec![
                            ("subnet", call("get_param", s("private_subnet"))),
                            (
                                "ip_address",
                                s(format!("10.0.{}.{}", rng.below(256), 1 + rng.below(254))),
                            ),
                        ])]),
                    ),
                    ("admin_state_up", Json::Bool(true)),
                ]),
            ),
        ]);
        for (name, value) in [(format!("port_{g}"), port), (format!("server_{g}"), server)] {
            resources.push_str(if resources.is_empty() { "\n" } else { ",\n" });
            push_indent(&mut resources, 4);
            write_json_str(&mut resources, &name);
            resources.push_str(": ");
            write_json(&mut resources, &value, 4);
        }
        let output = obj(vec![
            ("description", s(format!("First address of server {g}"))),
            (
                "value",
                call(
                    "get_attr",
                    Json::Arr(vec![s(format!("server_{g}")), s("first_address")]),
                ),
            ),
        ]);
        outputs.push_str(if outputs.is_empty() { "\n" } else { ",\n" });
        push_indent(&mut outputs, 4);
        write_json_str(&mut outputs, &format!("server_{g}_ip"));
        outputs.push_str(": ");
        write_json(&mut outputs, &output, 4);
        g += 1;
    }
    let mut out = String::with_capacity(resources.len() + outputs.len() + 65536);
    out.push_str("{\n  \"heat_template_version\": \"2018-08-31\",\n  \"description\": \"Synthetic JSON stack written by hotc-bench\",\n  \"parameters\": ");
    write_json(&mut out, &Json::Obj(params), 2);
    out.push_str(",\n  \"resources\": {");
    out.push_str(&resources);
    out.push_str("\n  },\n  \"outputs\": {");
    out.push_str(&outputs);
    out.push_str("\n  }\n}\n");
    out
}
