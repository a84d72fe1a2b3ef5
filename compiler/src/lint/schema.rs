//! Resource-type schemas as the semantic rules read them: the JSON texts of
//! `hotc-stdlib`, parsed with hotc's own JSON front end into typed data.
//!
//! Each type is parsed at most once per process, the first time a template
//! uses it, and kept for the life of the process; a type the stdlib does not
//! have costs one binary search. Lookups follow Heat's registry: the exact
//! name first, then Heat's stock aliases from the manifest (a trailing `*`
//! maps a prefix). A schema text that does not parse as expected gives no
//! schema rather than a panic, so a damaged import can only make hotc check
//! less.

use std::sync::OnceLock;

use hotc_grammar::value::build_stream;
use hotc_grammar::{Value, ValueKind};

use crate::diagnostics::finding::Computed;

/// Heat's property data types (`properties.Schema.TYPES`); public as
/// `resource_types::PropertyType`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PropType {
    String,
    Integer,
    Number,
    Boolean,
    List,
    Map,
    Any,
}

impl PropType {
    fn parse(name: &str) -> Option<PropType> {
        Some(match name {
            "string" => PropType::String,
            "integer" => PropType::Integer,
            "number" => PropType::Number,
            "boolean" => PropType::Boolean,
            "list" => PropType::List,
            "map" => PropType::Map,
            "any" => PropType::Any,
            _ => return None,
        })
    }
}

/// A support status other than SUPPORTED (`support.SUPPORT_STATUSES`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Status {
    Deprecated,
    Hidden,
    Unsupported,
}

/// The constraints a literal value can be checked against without a cloud;
/// `allowed_pattern` and `modulo` are not kept. A custom constraint keeps
/// its name: `params::custom` checks the few Heat checks without a cloud.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Constraint {
    Range { min: Option<f64>, max: Option<f64> },
    Length { min: Option<f64>, max: Option<f64> },
    AllowedValues(Vec<Value>),
    Custom(String),
}

/// One property (or nested key, or list item) of a schema.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Property {
    pub(crate) ty: PropType,
    pub(crate) required: bool,
    /// Heat's `has_default()`: a default that is not null.
    pub(crate) has_default: bool,
    /// Whether the property has no support status of its own, or
    /// SUPPORTED. Hidden and deprecated properties are mostly old names
    /// that a translation rule maps to a new one.
    pub(crate) supported: bool,
    /// DEPRECATED, HIDDEN or UNSUPPORTED, with Heat's note (which usually
    /// names the property to use instead).
    pub(crate) status: Option<Status>,
    pub(crate) note: Option<String>,
    /// False for a property Heat declares but refuses (`Property %s not
    /// implemented yet`); all of them are in `AWS::*` types.
    pub(crate) implemented: bool,
    pub(crate) constraints: Vec<Constraint>,
    pub(crate) nested: Option<Nested>,
    /// Whether a change can be made in place (`update_allowed`); otherwise
    /// Heat replaces the resource.
    pub(crate) update_allowed: bool,
    /// Whether Heat refuses any change (`immutable`).
    pub(crate) immutable: bool,
    /// The schema's default, when it is not null.
    pub(crate) default: Option<Value>,
}

/// The schema of a list's items or of a map's keys.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Nested {
    Items(Box<Property>),
    Keys(Properties),
}

/// Named properties, in the schema's (sorted) order.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Properties(pub(crate) Vec<(String, Property)>);

impl Properties {
    pub(crate) fn get(&self, name: &str) -> Option<&Property> {
        self.0.iter().find(|(n, _)| n == name).map(|(_, p)| p)
    }

    pub(crate) fn names(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|(n, _)| n.as_str())
    }
}

/// The types an attribute schema may declare (`attributes.Schema.TYPES`:
/// String, Map, List, Integer, Boolean; the API lowers them, and `number`
/// is kept in case a later Heat declares it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AttrType {
    String,
    Integer,
    Number,
    Boolean,
    List,
    Map,
}

impl AttrType {
    fn parse(name: &str) -> Option<AttrType> {
        Some(match name {
            "string" => AttrType::String,
            "integer" => AttrType::Integer,
            "number" => AttrType::Number,
            "boolean" => AttrType::Boolean,
            "list" => AttrType::List,
            "map" => AttrType::Map,
            _ => return None,
        })
    }

    /// What a value of this type is, as the property conversions see a
    /// function's result.
    pub(crate) fn result(self) -> Computed {
        match self {
            AttrType::String => Computed::String,
            AttrType::Integer | AttrType::Number => Computed::Number,
            AttrType::Boolean => Computed::Boolean,
            AttrType::List => Computed::List,
            AttrType::Map => Computed::Map,
        }
    }
}

/// A type's attributes as Heat's validation sees them.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Attributes {
    /// The names the schema declares, each with its declared type (none
    /// when the schema declares no type, or declares one the value does not
    /// have: see `LOOSE_ATTRIBUTE_TYPES`). Heat refuses `get_attr` of any
    /// other name when it validates (`GetAttThenSelect.validate`:
    /// `attr not in res.attributes_schema`).
    Declared(Vec<(String, Option<AttrType>)>),
    /// The type resolves attributes its own way (see
    /// `DYNAMIC_ATTRIBUTE_TYPES`): any name passes validation, and a path
    /// into an attribute need not mean what `select_from_attribute` does.
    Dynamic,
}

impl Attributes {
    /// The declared type of `name`: `None` when the type does not have it
    /// (or has dynamic attributes), `Some(None)` when its type is unknown.
    pub(crate) fn get(&self, name: &str) -> Option<Option<AttrType>> {
        match self {
            Attributes::Declared(list) => list.iter().find(|(n, _)| n == name).map(|(_, t)| *t),
            Attributes::Dynamic => None,
        }
    }

    /// The declared names (none for dynamic attributes).
    pub(crate) fn names(&self) -> impl Iterator<Item = &str> {
        let list = match self {
            Attributes::Declared(list) => list.as_slice(),
            Attributes::Dynamic => &[],
        };
        list.iter().map(|(n, _)| n.as_str())
    }
}

/// The types whose class overrides `Resource.get_attribute` or `FnGetAtt`
/// in Heat 27.0.1 (computed with Heat's registry over every stdlib type),
/// and those that Heat's default registry does not have at all. While a
/// stack validates, `Resource.node_data` gives such a type a placeholder
/// for any attribute name (`type(self).get_attribute !=
/// Resource.get_attribute`), so Heat accepts `get_attr` of names it does
/// not declare (a group's `resource.0.name`, a deployment's outputs, a
/// nested stack's outputs), and a path may be read by the type's own code.
/// Most are the hidden placeholders of removed types (`NoneResource`).
const DYNAMIC_ATTRIBUTE_TYPES: &[&str] = &[
    // Not registered in a default Heat 27.0.1 (AWS::RDS::DBInstance is a
    // template resource there, whose attributes are its outputs).
    "AWS::CloudWatch::Alarm",
    "AWS::RDS::DBInstance",
    "DockerInc::Docker::Container",
    // Override get_attribute or FnGetAtt.
    "AWS::CloudFormation::Stack",
    "OS::Aodh::CombinationAlarm",
    "OS::Designate::Domain",
    "OS::Designate::Record",
    "OS::Glance::Image",
    "OS::Heat::AutoScalingGroup",
    "OS::Heat::HARestarter",
    "OS::Heat::None",
    "OS::Heat::ResourceChain",
    "OS::Heat::ResourceGroup",
    "OS::Heat::SoftwareDeployment",
    "OS::Heat::SoftwareDeploymentGroup",
    "OS::Heat::SoftwareDeployments",
    "OS::Heat::StructuredDeployment",
    "OS::Heat::StructuredDeploymentGroup",
    "OS::Heat::StructuredDeployments",
    "OS::Magnum::Bay",
    "OS::Monasca::AlarmDefinition",
    "OS::Monasca::Notification",
    "OS::Neutron::HealthMonitor",
    "OS::Neutron::LBaaS::HealthMonitor",
    "OS::Neutron::LBaaS::L7Policy",
    "OS::Neutron::LBaaS::L7Rule",
    "OS::Neutron::LBaaS::Listener",
    "OS::Neutron::LBaaS::LoadBalancer",
    "OS::Neutron::LBaaS::Pool",
    "OS::Neutron::LBaaS::PoolMember",
    "OS::Neutron::LoadBalancer",
    "OS::Neutron::Pool",
    "OS::Neutron::PoolMember",
    "OS::Sahara::Cluster",
    "OS::Sahara::ClusterTemplate",
    "OS::Sahara::DataSource",
    "OS::Sahara::ImageRegistry",
    "OS::Sahara::Job",
    "OS::Sahara::JobBinary",
    "OS::Sahara::NodeGroupTemplate",
    "OS::Senlin::Cluster",
    "OS::Senlin::Node",
    "OS::Senlin::Policy",
    "OS::Senlin::Profile",
    "OS::Senlin::Receiver",
    "OS::Vitrage::Template",
];

/// Attributes whose declared type their value does not have, read as
/// untyped. Heat never enforces an attribute's type
/// (`Attributes._validate_type` only logs a warning): the software
/// configs share `SoftwareConfig`'s `config: string`, but a structured
/// config's and a software component's `config` is the map they were
/// given.
const LOOSE_ATTRIBUTE_TYPES: &[(&str, &str)] = &[
    ("OS::Heat::SoftwareComponent", "config"),
    ("OS::Heat::StructuredConfig", "config"),
];

/// What the rules need of one resource type.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TypeSchema {
    /// None when the type is SUPPORTED (or its status is UNKNOWN).
    pub(crate) status: Option<Status>,
    pub(crate) message: Option<String>,
    pub(crate) properties: Properties,
    pub(crate) attributes: Attributes,
}

/// Every type name of the stdlib, in byte order (as `type_names` yields).
fn names() -> &'static [&'static str] {
    static NAMES: OnceLock<Vec<&'static str>> = OnceLock::new();
    NAMES.get_or_init(|| hotc_stdlib::type_names().collect())
}

/// Heat's stock aliases: (alias, target); a pair ending in `*` maps a prefix.
fn aliases() -> &'static [(String, String)] {
    static ALIASES: OnceLock<Vec<(String, String)>> = OnceLock::new();
    ALIASES.get_or_init(|| {
        let Some(root) = parse_json(hotc_stdlib::MANIFEST_JSON) else {
            return Vec::new();
        };
        let Some(map) = field(&root, "aliases").and_then(Value::as_map) else {
            return Vec::new();
        };
        map.iter()
            .filter_map(|(k, v)| Some((k.as_str()?.to_owned(), v.as_str()?.to_owned())))
            .collect()
    })
}

/// The stdlib name `type_name` stands for: itself, or what a stock alias
/// maps it to.
pub(crate) fn resolve(type_name: &str) -> Option<&'static str> {
    let names = names();
    let find = |n: &str| {
        names
            .binary_search(&n)
            .ok()
            .and_then(|i| names.get(i).copied())
    };
    if let Some(found) = find(type_name) {
        return Some(found);
    }
    for (alias, target) in aliases() {
        if alias == type_name {
            return find(target);
        }
        if let (Some(prefix), Some(to)) = (alias.strip_suffix('*'), target.strip_suffix('*'))
            && let Some(rest) = type_name.strip_prefix(prefix)
        {
            return find(&format!("{to}{rest}"));
        }
    }
    None
}

/// Every name a template may use for a stdlib type (aliases with a `*`
/// left out), for "did you mean".
pub(crate) fn known_names() -> impl Iterator<Item = &'static str> {
    let plain = aliases()
        .iter()
        .filter(|(a, _)| !a.ends_with('*'))
        .map(|(a, _)| a.as_str());
    names().iter().copied().chain(plain)
}

/// The schema of `type_name` (through the aliases), parsed once.
pub(crate) fn lookup(type_name: &str) -> Option<&'static TypeSchema> {
    static CACHE: OnceLock<Vec<OnceLock<Option<TypeSchema>>>> = OnceLock::new();
    let canonical = resolve(type_name)?;
    let index = names().binary_search(&canonical).ok()?;
    let cache = CACHE.get_or_init(|| names().iter().map(|_| OnceLock::new()).collect());
    cache
        .get(index)?
        .get_or_init(|| hotc_stdlib::schema_json(canonical).and_then(|s| type_schema(canonical, s)))
        .as_ref()
}

fn parse_json(src: &str) -> Option<Value> {
    let parsed = hotc_grammar::parse(src);
    if !parsed.errors.is_empty() {
        return None;
    }
    let (value, errors) = build_stream(&parsed.stream, parsed.flavor);
    errors.is_empty().then_some(value)
}

fn type_schema(name: &str, src: &str) -> Option<TypeSchema> {
    let root = parse_json(src)?;
    let (status, message) = field(&root, "support_status").map_or((None, None), status);
    let properties =
        field(&root, "properties").map_or_else(|| Some(Properties::default()), properties)?;
    let attributes = if DYNAMIC_ATTRIBUTE_TYPES.contains(&name) {
        Attributes::Dynamic
    } else {
        match field(&root, "attributes") {
            Some(value) => Attributes::Declared(attributes(name, value)?),
            // No attributes section: nothing to check against.
            None => Attributes::Dynamic,
        }
    };
    Some(TypeSchema {
        status,
        message,
        properties,
        attributes,
    })
}

/// The declared attributes of type `name`: each name with its type, when
/// that is one Heat declares and the value really has.
fn attributes(name: &str, value: &Value) -> Option<Vec<(String, Option<AttrType>)>> {
    let mut out = Vec::new();
    for (key, body) in value.as_map()? {
        let attribute = key.as_str()?;
        let loose = LOOSE_ATTRIBUTE_TYPES.contains(&(name, attribute));
        let ty = field(body, "type")
            .and_then(Value::as_str)
            .and_then(AttrType::parse)
            .filter(|_| !loose);
        out.push((attribute.to_owned(), ty));
    }
    Some(out)
}

fn status(value: &Value) -> (Option<Status>, Option<String>) {
    let status = match field(value, "status").and_then(Value::as_str) {
        Some("DEPRECATED") => Some(Status::Deprecated),
        Some("HIDDEN") => Some(Status::Hidden),
        Some("UNSUPPORTED") => Some(Status::Unsupported),
        // SUPPORTED, UNKNOWN, or a status a later Heat adds: nothing to say.
        Some(_) | None => None,
    };
    (status, note(value))
}

/// The support status message, or when it is null that of the status
/// before (a hidden property keeps its "Use property x." in the
/// deprecation that preceded it).
fn note(status: &Value) -> Option<String> {
    let mut current = Some(status);
    // The chain is short (a few releases); the bound only guards a
    // malformed file.
    for _ in 0..8 {
        let here = current?;
        if let Some(message) = field(here, "message")
            .and_then(Value::as_str)
            .filter(|m| !m.is_empty())
        {
            return Some(message.to_owned());
        }
        current = field(here, "previous_status");
    }
    None
}

fn properties(value: &Value) -> Option<Properties> {
    let mut out = Vec::new();
    for (name, body) in value.as_map()? {
        out.push((name.as_str()?.to_owned(), property(body)?));
    }
    Some(Properties(out))
}

fn property(value: &Value) -> Option<Property> {
    let ty = PropType::parse(field(value, "type").and_then(Value::as_str)?)?;
    let flag = |key: &str| {
        matches!(
            field(value, key).map(|v| &v.kind),
            Some(ValueKind::Bool(true))
        )
    };
    let has_default = field(value, "default").is_some_and(|d| !matches!(d.kind, ValueKind::Null));
    let supported = field(value, "support_status").is_none_or(|s| {
        matches!(
            field(s, "status").and_then(Value::as_str),
            Some("SUPPORTED") | None
        )
    });
    let (status, note) = field(value, "support_status").map_or((None, None), status);
    let constraints = field(value, "constraints")
        .and_then(Value::as_seq)
        .map(|list| list.iter().filter_map(constraint).collect())
        .unwrap_or_default();
    let nested = match (ty, field(value, "schema")) {
        (PropType::List, Some(schema)) => match field(schema, "*") {
            Some(item) => Some(Nested::Items(Box::new(property(item)?))),
            None => None,
        },
        (PropType::Map, Some(schema)) => Some(Nested::Keys(properties(schema)?)),
        _ => None,
    };
    Some(Property {
        ty,
        required: flag("required"),
        has_default,
        supported,
        status,
        note,
        implemented: !matches!(
            field(value, "implemented").map(|v| &v.kind),
            Some(ValueKind::Bool(false))
        ),
        constraints,
        nested,
        update_allowed: flag("update_allowed"),
        immutable: flag("immutable"),
        default: field(value, "default")
            .filter(|d| !matches!(d.kind, ValueKind::Null))
            .cloned(),
    })
}

fn constraint(value: &Value) -> Option<Constraint> {
    let bounds = |v: &Value| {
        (
            field(v, "min").and_then(number),
            field(v, "max").and_then(number),
        )
    };
    if let Some(range) = field(value, "range") {
        let (min, max) = bounds(range);
        return Some(Constraint::Range { min, max });
    }
    if let Some(length) = field(value, "length") {
        let (min, max) = bounds(length);
        return Some(Constraint::Length { min, max });
    }
    if let Some(name) = field(value, "custom_constraint").and_then(Value::as_str) {
        return Some(Constraint::Custom(name.to_owned()));
    }
    field(value, "allowed_values")
        .and_then(Value::as_seq)
        .map(|list| Constraint::AllowedValues(list.to_vec()))
}

fn field<'v>(map: &'v Value, key: &str) -> Option<&'v Value> {
    map.get_entry(key).map(|(_, v)| v)
}

#[expect(clippy::cast_precision_loss, reason = "schema bounds are small")]
fn number(value: &Value) -> Option<f64> {
    match value.kind {
        ValueKind::Int(i) => Some(i as f64),
        ValueKind::Float(f) => Some(f),
        ValueKind::Null
        | ValueKind::Bool(_)
        | ValueKind::Str(_)
        | ValueKind::Seq(_)
        | ValueKind::Map(_) => None,
    }
}

#[cfg(test)]
mod tests;
