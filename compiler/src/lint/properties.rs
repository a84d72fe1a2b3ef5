//! The resources whose type has a schema, and a walk over their literal
//! property values beside the schema, as Heat's `Properties.validate` walks
//! them: every given key against the schema's names, every required key
//! without a default, every value against its property's type and
//! constraints, and the same again inside lists and maps that have a schema.
//!
//! The walk only sees what is written: a value that is a function call
//! (`{get_param: size}`) is opaque, and so is `properties` itself when it is
//! one. A resource with `external_id` is skipped, since Heat adopts it
//! rather than checking what it would create, and so is one of a type with
//! no properties (`OS::Heat::None` and the placeholders of removed types
//! accept anything). So the semantic rules report
//! only what Heat would refuse whatever the parameters are.

pub(crate) mod infer;

use super::stack::{Resolved, StackInputs};
use hotc_grammar::{Span, Value, ValueKind};

use super::schema::{self, Nested, Properties, Property, TypeSchema};
use super::view::is_falsy;
use crate::suggest::nearest;
use crate::versions::{self, HotVersion};

/// A resource with a `type` the stdlib knows.
pub(crate) struct Typed<'v> {
    pub(crate) name: &'v Value,
    /// The `type` value (a string).
    pub(crate) type_value: &'v Value,
    pub(crate) type_name: &'v str,
    pub(crate) schema: &'static TypeSchema,
    /// The `properties` key and its entries, when they are a literal
    /// mapping (an absent or empty `properties` gives no key and no entries).
    pub(crate) properties: Option<Given<'v>>,
}

/// A resource's literal properties: the `properties` key (none when it is
/// absent) and its entries.
pub(crate) type Given<'v> = (Option<&'v Value>, &'v [(Value, Value)]);

/// Every resource of `root` whose type the stdlib knows (through Heat's
/// aliases, and through the environments' registry when there are any: a
/// type mapped to a template file is a nested stack, not a typed resource).
pub(crate) fn typed_resources<'v>(root: &'v Value, stack: Option<&StackInputs>) -> Vec<Typed<'v>> {
    let resources = root
        .get_entry("resources")
        .and_then(|(_, r)| r.as_map())
        .unwrap_or(&[]);
    let mut out = Vec::new();
    for (name, body) in resources {
        let Some((_, type_value)) = body.get_entry("type") else {
            continue;
        };
        let Some(type_name) = type_value.as_str() else {
            continue;
        };
        let resolved = match stack {
            Some(stack) => {
                match stack
                    .registry
                    .resolve(stack, name.as_str().unwrap_or(""), type_name)
                {
                    Resolved::Type(t) => t,
                    Resolved::Template { .. } => continue,
                }
            }
            None => type_name.to_owned(),
        };
        let Some(schema) = schema::lookup(&resolved) else {
            continue;
        };
        // A type without properties is, in Heat 27, either `OS::Heat::None`
        // or a placeholder left where a removed type was (a `NoneResource`
        // subclass, hidden): both take any properties and check none. The
        // other three (wait condition and signal handles) lose little.
        let placeholder = schema.properties.0.is_empty();
        let properties = if placeholder || body.get_entry("external_id").is_some() {
            None
        } else {
            match body.get_entry("properties") {
                None => Some((None, &[][..])),
                Some((key, value)) => match value.as_map() {
                    Some(fields) if !is_opaque(value) => Some((Some(key), fields)),
                    // A function, or a value of the wrong type (another
                    // rule's): nothing to check against the schema.
                    Some(_) => None,
                    None if is_falsy(value) => Some((Some(key), &[][..])),
                    None => None,
                },
            }
        };
        out.push(Typed {
            name,
            type_value,
            type_name,
            schema,
            properties,
        });
    }
    out
}

/// A mapping with a key Heat parses as a function: its value is only known
/// when the stack is created (or the mapping is malformed, which the
/// function's own check reports).
pub(crate) fn is_opaque(value: &Value) -> bool {
    value.as_map().is_some_and(|fields| {
        fields.iter().any(|(k, _)| {
            k.as_str()
                .is_some_and(|k| versions::is_function(k, HotVersion::LATEST))
        })
    })
}

/// One thing the walk meets.
pub(crate) enum Event<'v> {
    /// A key the schema at this level does not have.
    Unknown {
        key: &'v Value,
        path: String,
        known: &'static Properties,
    },
    /// A key Heat marks deprecated, hidden or unsupported.
    Deprecated {
        key: &'v Value,
        path: String,
        property: &'static Property,
    },
    /// A key the schema declares but Heat refuses.
    NotImplemented { key: &'v Value, path: String },
    /// A required key without a default that the mapping at `owner` lacks.
    Missing { owner: Span, path: String },
    /// A function call (or a mapping with a function name among its keys)
    /// given for `property`.
    Computed {
        value: &'v Value,
        property: &'static Property,
        path: String,
    },
    /// A literal value (not a function) given for `property`.
    Value {
        value: &'v Value,
        property: &'static Property,
        path: String,
    },
}

/// Walks `fields` beside `props`; `owner` is where to point at a missing
/// key and `prefix` the path of the mapping (empty at the top).
pub(crate) fn walk<'v>(
    props: &'static Properties,
    fields: &'v [(Value, Value)],
    owner: Span,
    prefix: &str,
    visit: &mut dyn FnMut(Event<'v>),
) {
    let join = |name: &str| {
        if prefix.is_empty() {
            name.to_owned()
        } else {
            format!("{prefix}.{name}")
        }
    };
    for (key, value) in fields {
        let Some(name) = key.as_str() else {
            // Heat's keys are strings after the loader; a non-string key is
            // never a property name.
            visit(Event::Unknown {
                key,
                path: prefix.to_owned(),
                known: props,
            });
            continue;
        };
        let Some(property) = props.get(name) else {
            visit(Event::Unknown {
                key,
                path: join(name),
                known: props,
            });
            continue;
        };
        if property.status.is_some() {
            visit(Event::Deprecated {
                key,
                path: join(name),
                property,
            });
        }
        if !property.implemented {
            visit(Event::NotImplemented {
                key,
                path: join(name),
            });
        }
        value_walk(value, property, &join(name), visit);
    }
    // A deprecated or hidden key is usually an old name that a translation
    // rule turns into a required new one (`network_id` into `network`), so
    // with one present, nothing at this level counts as missing.
    let translated = fields.iter().any(|(k, _)| {
        k.as_str()
            .and_then(|k| props.get(k))
            .is_some_and(|p| !p.supported)
    });
    if translated {
        return;
    }
    // A misspelt required key (`lenght`) is reported as unknown, with the
    // right name; reporting it as missing too would double one typo.
    let misspelt: Vec<&str> = fields
        .iter()
        .filter_map(|(k, _)| k.as_str())
        .filter(|k| props.get(k).is_none())
        .filter_map(|k| nearest(k, props.names()))
        .collect();
    for (name, property) in &props.0 {
        let given = fields.iter().any(|(k, _)| k.as_str() == Some(name));
        let needed = property.required && !property.has_default;
        if needed && !given && !misspelt.contains(&name.as_str()) {
            visit(Event::Missing {
                owner,
                path: join(name),
            });
        }
    }
}

fn value_walk<'v>(
    value: &'v Value,
    property: &'static Property,
    path: &str,
    visit: &mut dyn FnMut(Event<'v>),
) {
    if is_opaque(value) {
        visit(Event::Computed {
            value,
            property,
            path: path.to_owned(),
        });
        return;
    }
    visit(Event::Value {
        value,
        property,
        path: path.to_owned(),
    });
    match (&property.nested, &value.kind) {
        (Some(Nested::Items(item)), ValueKind::Seq(values)) => {
            for (index, v) in values.iter().enumerate() {
                value_walk(v, item, &format!("{path}[{index}]"), visit);
            }
        }
        (Some(Nested::Keys(keys)), ValueKind::Map(fields)) => {
            walk(keys, fields, value.span, path, visit);
        }
        _ => {}
    }
}

/// Walks the literal properties of every typed resource of `root`, calling
/// `visit` with the resource and each event. A missing top-level property
/// is reported at the `properties` key, or at the type when there is none.
pub(crate) fn for_each_event<'v>(
    root: &'v Value,
    stack: Option<&StackInputs>,
    visit: &mut dyn FnMut(&Typed<'v>, Event<'v>),
) {
    for typed in typed_resources(root, stack) {
        let Some((key, fields)) = typed.properties else {
            continue;
        };
        let owner = key.map_or(typed.type_value.span, |k| k.span);
        walk(&typed.schema.properties, fields, owner, "", &mut |event| {
            visit(&typed, event);
        });
    }
}

#[cfg(test)]
mod tests;
