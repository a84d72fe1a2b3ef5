//! The template IR: parameters, conditions, resources and outputs, each with
//! its span and every value lowered to an [`Expr`].
//!
//! Lowering is total and quiet: it never fails and reports nothing. The lint
//! rules report a template's structural faults on the value tree; here a
//! part Heat would refuse (a resource without a type, a `depends_on` that is
//! not a string) is left out or kept as far as it can be read, so that the
//! graph and the plan work on whatever a linted template means.

use hotc_grammar::{Span, Value, ValueKind};

use super::expr::{Expr, Place};
use crate::params::{self, ParamSchema};
use crate::versions::HotVersion;

/// A HOT template, lowered.
#[derive(Debug, Clone)]
pub struct Template {
    /// The template's version, or the newest one when it is missing or not
    /// a version (the lint rules report that).
    pub version: HotVersion,
    pub description: Option<String>,
    /// In template order; parameters whose type is missing or unknown are
    /// left out.
    pub parameters: Vec<ParamSchema>,
    /// `parameter_groups`, in template order (HOT024 reports malformed
    /// ones; what cannot be read is left out).
    pub parameter_groups: Vec<ParameterGroup>,
    pub conditions: Vec<ConditionDef>,
    /// In template order.
    pub resources: Vec<Resource>,
    pub outputs: Vec<Output>,
}

/// A `parameter_groups` entry: how a user interface shows parameters.
#[derive(Debug, Clone)]
pub struct ParameterGroup {
    pub label: Option<String>,
    pub description: Option<String>,
    /// The parameters it names, each with its span.
    pub parameters: Vec<Named>,
    pub span: Span,
}

/// An entry of the `conditions` section.
#[derive(Debug, Clone)]
pub struct ConditionDef {
    pub name: String,
    pub span: Span,
    pub expr: Expr,
}

/// A resource definition.
#[derive(Debug, Clone)]
pub struct Resource {
    pub name: String,
    /// The span of the resource's name.
    pub span: Span,
    pub type_name: String,
    pub type_span: Span,
    /// The `properties` section (usually a mapping; Heat resolves it and
    /// then requires one).
    pub properties: Option<Expr>,
    pub metadata: Option<Expr>,
    /// Explicit dependencies, each with its span.
    pub depends_on: Vec<Named>,
    pub update_policy: Option<Expr>,
    pub deletion_policy: Option<Expr>,
    /// A condition name or expression (condition function set).
    pub condition: Option<Expr>,
    pub external_id: Option<Expr>,
}

/// A name with the span where it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    pub name: String,
    pub span: Span,
}

/// An output.
#[derive(Debug, Clone)]
pub struct Output {
    pub name: String,
    pub span: Span,
    pub description: Option<String>,
    pub value: Option<Expr>,
    pub condition: Option<Expr>,
}

impl Template {
    /// Lowers a template's value tree.
    pub fn lower(root: &Value) -> Template {
        let version = root
            .get("heat_template_version")
            .and_then(version_of)
            .unwrap_or(HotVersion::LATEST);
        let lower = |v: &Value| Expr::lower(v, version, Place::Value);
        let condition = |v: &Value| Expr::lower(v, version, Place::Condition);
        let (parameters, _) = params::read_schemas(root);
        let text = |v: &Value, key: &str| v.get(key).and_then(Value::as_str).map(str::to_owned);
        let parameter_groups = root
            .get("parameter_groups")
            .and_then(Value::as_seq)
            .unwrap_or_default()
            .iter()
            .filter(|group| group.as_map().is_some())
            .map(|group| ParameterGroup {
                label: text(group, "label"),
                description: text(group, "description"),
                parameters: group.get("parameters").map(names).unwrap_or_default(),
                span: group.span,
            })
            .collect();
        let conditions = entries(root, "conditions")
            .filter_map(|(key, v)| {
                Some(ConditionDef {
                    name: key.as_str()?.to_owned(),
                    span: key.span,
                    expr: condition(v),
                })
            })
            .collect();
        let resources = entries(root, "resources")
            .filter_map(|(key, def)| {
                let type_value = def.get("type")?;
                let type_name = type_value.as_str()?;
                Some(Resource {
                    name: key.as_str()?.to_owned(),
                    span: key.span,
                    type_name: type_name.to_owned(),
                    type_span: type_value.span,
                    properties: def.get("properties").map(lower),
                    metadata: def.get("metadata").map(lower),
                    depends_on: def.get("depends_on").map(names).unwrap_or_default(),
                    update_policy: def.get("update_policy").map(lower),
                    deletion_policy: def.get("deletion_policy").map(lower),
                    condition: def.get("condition").map(condition),
                    external_id: def.get("external_id").map(lower),
                })
            })
            .collect();
        let outputs = entries(root, "outputs")
            .filter_map(|(key, def)| {
                Some(Output {
                    name: key.as_str()?.to_owned(),
                    span: key.span,
                    description: def
                        .get("description")
                        .and_then(Value::as_str)
                        .map(str::to_owned),
                    value: def.get("value").map(lower),
                    condition: def.get("condition").map(condition),
                })
            })
            .collect();
        Template {
            version,
            description: root
                .get("description")
                .and_then(Value::as_str)
                .map(str::to_owned),
            parameters,
            parameter_groups,
            conditions,
            resources,
            outputs,
        }
    }

    /// Reads a template's text as Heat's loader does (JSON, then YAML) and
    /// lowers what it builds; a part that cannot be read is left out, as
    /// `lower` leaves out what it cannot use (`check_source` reports both).
    pub fn parse(src: &str) -> Template {
        let parsed = hotc_grammar::parse(src);
        let (value, _) = hotc_grammar::value::build_stream(&parsed.stream, parsed.flavor);
        Template::lower(&value)
    }

    pub fn resource(&self, name: &str) -> Option<&Resource> {
        self.resources.iter().find(|r| r.name == name)
    }

    pub fn parameter(&self, name: &str) -> Option<&ParamSchema> {
        self.parameters.iter().find(|p| p.name == name)
    }
}

impl Resource {
    /// The entries of a `properties` mapping written as one (not computed by
    /// a function).
    pub fn property_entries(&self) -> &[(Expr, Expr)] {
        self.properties
            .as_ref()
            .and_then(Expr::as_map)
            .unwrap_or_default()
    }

    /// Whether the type is a template file, which makes the resource a nested
    /// stack: Heat's registry maps a type name ending in `.yaml` or
    /// `.template` to a `TemplateResource` (environment.py).
    pub fn is_nested_stack(&self) -> bool {
        self.type_name.ends_with(".yaml") || self.type_name.ends_with(".template")
    }

    /// The property `name` when `properties` is written as a mapping.
    pub fn property(&self, name: &str) -> Option<&Expr> {
        self.properties.as_ref()?.get(name)
    }
}

/// A `heat_template_version` value: a string or, as YAML reads an unquoted
/// date, a timestamp Heat turns back into the same text.
fn version_of(value: &Value) -> Option<HotVersion> {
    match &value.kind {
        ValueKind::Str(s) => HotVersion::parse(s),
        _ => None,
    }
}

/// The entries of a top-level section that is a mapping.
fn entries<'v>(root: &'v Value, section: &str) -> impl Iterator<Item = (&'v Value, &'v Value)> {
    root.get(section)
        .and_then(Value::as_map)
        .unwrap_or_default()
        .iter()
        .map(|(k, v)| (k, v))
}

/// `depends_on` (or a parameter group's `parameters`): a name or a list of
/// names (Heat's `ResourceDefinition` takes a string as a one-item list).
/// Items that are not strings are left out; the lint rules report them.
fn names(value: &Value) -> Vec<Named> {
    let named = |v: &Value| {
        v.as_str().map(|name| Named {
            name: name.to_owned(),
            span: v.span,
        })
    };
    match &value.kind {
        ValueKind::Seq(items) => items.iter().filter_map(named).collect(),
        _ => named(value).into_iter().collect(),
    }
}

#[cfg(test)]
mod tests;
