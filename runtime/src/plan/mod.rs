//! Planning: what an apply would do to a stack, and why, per property.
//!
//! The desired stack is the template's IR with its parameters; the current
//! one is the stack's recorded state. Each resource gets one action, by
//! Heat's update rules (engine/update.py, Resource._needs_update and
//! update_template_diff_properties):
//! - in the template and not in state: **create**;
//! - in state and not in the template, or disabled by its condition:
//!   **delete**;
//! - OS::Heat::None, of the same type: **no change**, whatever its
//!   properties or status (its class never needs an update);
//! - recorded as CREATE_FAILED or UPDATE_FAILED: **replace**
//!   (`needs_replace_failed`);
//! - of another type than recorded: **replace** (a new resource class);
//! - a changed property that is `immutable`: an error (Heat's
//!   `NotSupported: Update to property ...`);
//! - a changed property that is not `update_allowed`: **replace**, and that
//!   property is marked as the one that forces it;
//! - otherwise any changed property: **update** in place; none: no change.
//!
//! Properties are compared after conversion to their schema types, with the
//! schema's defaults for properties not given, as Heat's `Properties` does.
//! A value that depends on a resource being created, replaced or updated is
//! unknown until apply and counts as a change; one that depends only on
//! resources left alone is compared with the unknown parts taken as equal,
//! since they were the same when the property was last applied.
//!
//! Resources are planned in dependency order, so that a replacement makes
//! the references to it unknown for everything that depends on it.

mod context;
pub mod values;

use std::collections::{BTreeMap, HashMap};

use hotc_compiler::eval::{self, EvalError, Val};
use hotc_compiler::graph::{Graph, topological_order};
use hotc_compiler::ir::{Expr, ExprKind, Resource, Template};
use hotc_compiler::params::HIDDEN_MASK;
use hotc_compiler::resource_types::{self, PropertyRules};
use hotc_grammar::Span;
use serde_json::Value as Json;

use self::context::{Known, PlanContext};
use crate::state::{ParamRecord, ResourceState, ResourceStatus, StackState, template_hash};

/// What to plan.
pub struct Request<'a> {
    pub stack: &'a str,
    pub template: &'a Template,
    /// The template's text, whose hash the plan records.
    pub template_text: &'a str,
    /// Each template parameter's value (`params::parameter_values`).
    pub parameters: &'a [(String, Option<Val>)],
    /// The stack's recorded state; `None` for a stack never applied.
    pub state: Option<&'a StackState>,
    /// `get_file`: a file's text, relative to the template.
    pub files: &'a dyn Fn(&str) -> Option<String>,
    /// Plan a teardown of everything state records.
    pub destroy: bool,
    /// Limit the plan to these resources and what they depend on (with
    /// `destroy`: these and what depends on them).
    pub targets: &'a [String],
}

/// A plan.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub stack: String,
    /// The state the plan was made against; an apply of this plan must
    /// find the same lineage and serial. For a new stack, the lineage the
    /// apply will give it and serial 0.
    pub lineage: String,
    pub serial: u64,
    /// Whether state existed.
    pub has_state: bool,
    pub template_hash: String,
    pub destroy: bool,
    pub targets: Vec<String>,
    /// Parameters as the apply will record them (hidden ones hashed).
    pub parameters: BTreeMap<String, ParamRecord>,
    pub parameter_changes: Vec<ParameterChange>,
    /// Every resource, in the order an apply would act: creates, updates and
    /// replacements in dependency order, then deletions, dependents first.
    pub resources: Vec<ResourceChange>,
    pub outputs: Vec<OutputChange>,
}

/// What happens to one resource.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Action {
    Create,
    Update,
    Replace,
    Delete,
    NoChange,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Create => "create",
            Action::Update => "update",
            Action::Replace => "replace",
            Action::Delete => "delete",
            Action::NoChange => "no-change",
        }
    }
}

/// Why a resource is replaced.
#[derive(Debug, Clone, PartialEq)]
pub enum ReplaceReason {
    /// A property that is not `update_allowed` changes. `certain` is false
    /// when its new value is known only after apply: it may turn out the
    /// same, and Heat then replaces nothing.
    Property { name: String, certain: bool },
    /// The type changes: a new resource class.
    TypeChanged { from: String },
    /// State records a failed create or update.
    Failed(ResourceStatus),
}

/// A property's planned value.
#[derive(Debug, Clone, PartialEq)]
pub enum Planned {
    Known(Json),
    /// Known after apply; `from` names the changing resources it depends
    /// on (empty when it depends on unrecorded attributes or the cloud).
    Unknown {
        from: Vec<String>,
    },
}

/// A change to one property.
#[derive(Debug, Clone, PartialEq)]
pub struct PropertyChange {
    pub name: String,
    /// Before (state's value or the schema default); `None` when unset.
    pub old: Option<Json>,
    /// After; `None` when unset.
    pub new: Option<Planned>,
    /// This change alone forces replacement.
    pub forces_replacement: bool,
}

/// The plan for one resource.
#[derive(Debug, Clone, PartialEq)]
pub struct ResourceChange {
    pub name: String,
    pub type_name: String,
    pub action: Action,
    pub reason: Option<ReplaceReason>,
    /// The properties that change (all given ones for a create).
    pub changes: Vec<PropertyChange>,
    /// The properties the apply will set (empty for a delete).
    pub properties: Vec<(String, Planned)>,
    /// The properties whose value shows a hidden parameter: printed
    /// masked, and left out of a saved plan (the apply computes them again).
    pub sensitive: Vec<String>,
    /// The resource's `metadata` as the apply will set it (`None` when it
    /// has none).
    pub metadata: Option<Planned>,
    /// How the metadata changes, when it does: Heat updates the resource in
    /// place for a change of metadata alone (`_needs_update`: the frozen
    /// definitions differ).
    pub metadata_change: Option<MetadataChange>,
    /// What it depends on (for a delete: what state recorded).
    pub depends_on: Vec<String>,
}

/// A change of a resource's metadata: before (state's) and after.
#[derive(Debug, Clone, PartialEq)]
pub struct MetadataChange {
    pub old: Option<Json>,
    pub new: Option<Planned>,
}

/// A change to a parameter's value since the last apply.
#[derive(Debug, Clone, PartialEq)]
pub struct ParameterChange {
    pub name: String,
    pub hidden: bool,
    /// `None` when state has no value for it (hidden values are masked).
    pub old: Option<Json>,
    pub new: Option<Json>,
}

/// An output's planned value.
#[derive(Debug, Clone, PartialEq)]
pub struct OutputChange {
    pub name: String,
    pub action: Action,
    pub old: Option<Json>,
    pub new: Option<Planned>,
    /// It shows a hidden parameter: printed masked.
    pub sensitive: bool,
    /// Its value cannot be resolved with these values. Heat creates the
    /// stack all the same and reports the error when the output is shown
    /// (`output_error`), so this does not stop the plan.
    pub error: Option<EvalError>,
}

/// Why a plan cannot be made.
#[derive(Debug, Clone, PartialEq)]
pub enum PlanError {
    /// A function Heat would refuse with these values, in a resource (or,
    /// with `None`, elsewhere Heat refuses it).
    Eval {
        resource: Option<String>,
        error: EvalError,
    },
    /// A change to an `immutable` property.
    Immutable {
        resource: String,
        property: String,
        span: Span,
    },
    /// `--target` of a name that is neither in the template nor in state.
    UnknownTarget { name: String },
}

impl Plan {
    /// How many resources take each action, in `Action` order.
    pub fn counts(&self) -> BTreeMap<Action, usize> {
        let mut counts = BTreeMap::new();
        for r in &self.resources {
            *counts.entry(r.action).or_insert(0) += 1;
        }
        counts
    }

    /// Whether applying the plan would change anything (outputs and
    /// parameters included).
    pub fn has_changes(&self) -> bool {
        self.resources.iter().any(|r| r.action != Action::NoChange)
            || self.outputs.iter().any(|o| o.action != Action::NoChange)
            || !self.parameter_changes.is_empty()
    }
}

/// Plans `request`. Every error is returned, not only the first.
pub fn plan(request: &Request<'_>) -> Result<Plan, Vec<PlanError>> {
    let template = request.template;
    let fresh;
    let (state, has_state) = match request.state {
        Some(state) => (state, true),
        None => {
            fresh = StackState::new(request.stack);
            (&fresh, false)
        }
    };
    let mut errors = Vec::new();
    for target in request.targets {
        if template.resource(target).is_none() && !state.resources.contains_key(target) {
            errors.push(PlanError::UnknownTarget {
                name: target.clone(),
            });
        }
    }
    let params: HashMap<&str, Val> = request
        .parameters
        .iter()
        .filter_map(|(name, v)| Some((name.as_str(), v.clone()?)))
        .collect();
    let ctx = PlanContext::new(template, request.stack, params, request.files);

    let mut resources = Vec::new();
    if request.destroy {
        resources = destroy_all(state, request.targets);
    } else {
        plan_resources(request, state, &ctx, &mut resources, &mut errors);
    }
    let outputs = if request.destroy {
        state
            .outputs
            .iter()
            .map(|(name, old)| OutputChange {
                name: name.clone(),
                action: Action::Delete,
                old: Some(old.clone()),
                new: None,
                sensitive: false,
                error: None,
            })
            .collect()
    } else {
        plan_outputs(template, state, &ctx)
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    let (parameters, mut parameter_changes) = parameters(template, state, request, has_state);
    if request.destroy {
        // A teardown records no parameters.
        parameter_changes.clear();
    }
    Ok(Plan {
        stack: request.stack.to_owned(),
        lineage: state.lineage.clone(),
        serial: state.serial,
        has_state,
        template_hash: template_hash(request.template_text),
        destroy: request.destroy,
        targets: request.targets.to_vec(),
        parameters,
        parameter_changes,
        resources,
        outputs,
    })
}

/// The resources of a normal plan, in apply order.
fn plan_resources<'a>(
    request: &Request<'a>,
    state: &'a StackState,
    ctx: &PlanContext<'a>,
    out: &mut Vec<ResourceChange>,
    errors: &mut Vec<PlanError>,
) {
    let template = request.template;
    // Heat's `if` depends on the branch its condition takes, which the
    // parameters decide.
    let decide = |condition: &Expr| match eval::condition::eval_condition(condition, ctx) {
        Ok(Val::Bool(b)) => Some(b),
        Ok(_) | Err(_) => None,
    };
    let graph = Graph::build_deciding(template, &decide);
    let deps = graph.dependencies();
    // Level by level, each in template order: what an apply can run at
    // once comes together. A cycle is a lint error, so the template order
    // is a fallback only.
    let order: Vec<usize> = graph.levels().map_or_else(
        |_| (0..graph.nodes.len()).collect(),
        |levels| levels.into_iter().flatten().collect(),
    );
    let keep = if request.targets.is_empty() {
        vec![true; graph.nodes.len()]
    } else {
        let roots: Vec<usize> = request
            .targets
            .iter()
            .filter_map(|t| graph.index(t))
            .collect();
        graph.closure(&roots)
    };
    let mut planned = Vec::new();
    for i in order {
        let (Some(resource), Some(true)) = (template.resources.get(i), keep.get(i).copied()) else {
            continue;
        };
        let recorded = state.resources.get(&resource.name);
        if !enabled(resource, ctx) {
            // Disabled: delete what state has, as Heat does when a
            // condition turns false.
            ctx.decide(resource.name.as_str(), Known::Disabled);
            continue;
        }
        let depends_on: Vec<String> = deps
            .get(i)
            .into_iter()
            .flatten()
            .filter_map(|&d| graph.nodes.get(d).map(|n| n.name.clone()))
            .collect();
        // Dependencies come first, so what is decided about them holds.
        match plan_one(resource, recorded, ctx, depends_on) {
            Ok(change) => {
                let known = match (change.action, recorded) {
                    (Action::Create | Action::Replace, _) | (_, None) => Known::New,
                    (Action::Update, Some(r)) => Known::Updated(r),
                    (Action::NoChange | Action::Delete, Some(r)) => Known::Unchanged(r),
                };
                ctx.decide(resource.name.as_str(), known);
                planned.push(change);
            }
            Err(mut e) => errors.append(&mut e),
        }
    }
    out.append(&mut planned);
    // Deletions: what state has that the plan does not keep, dependents
    // first. With targets, only targeted resources are deleted.
    let kept: std::collections::HashSet<&str> = out.iter().map(|r| r.name.as_str()).collect();
    let gone: Vec<&String> = state
        .resources
        .keys()
        .filter(|name| !kept.contains(&name.as_str()))
        .filter(|name| request.targets.is_empty() || request.targets.contains(name))
        .collect();
    out.extend(deletions(state, &gone));
}

/// Whether a resource's condition holds (no condition: it does).
fn enabled(resource: &Resource, ctx: &PlanContext<'_>) -> bool {
    let Some(condition) = &resource.condition else {
        return true;
    };
    // An error here is a lint error (undefined condition); an unknown
    // condition cannot happen, as conditions read parameters only.
    !matches!(
        eval::condition::eval_condition(condition, ctx),
        Ok(Val::Bool(false))
    )
}

/// The plan of one resource of the template.
fn plan_one(
    resource: &Resource,
    recorded: Option<&ResourceState>,
    ctx: &PlanContext<'_>,
    depends_on: Vec<String>,
) -> Result<ResourceChange, Vec<PlanError>> {
    let rules: HashMap<String, PropertyRules> = resource_types::properties(&resource.type_name)
        .unwrap_or_default()
        .into_iter()
        .collect();
    let desired = evaluate_properties(resource, &rules, ctx)?;
    let metadata = evaluate_metadata(resource, ctx)?;
    let mut change = ResourceChange {
        name: resource.name.clone(),
        type_name: resource.type_name.clone(),
        action: Action::Create,
        reason: None,
        changes: Vec::new(),
        properties: desired
            .iter()
            .map(|(name, planned, _, _)| (name.clone(), planned.clone()))
            .collect(),
        sensitive: desired
            .iter()
            .filter(|(_, _, _, sensitive)| *sensitive)
            .map(|(name, _, _, _)| name.clone())
            .collect(),
        metadata: metadata.clone(),
        metadata_change: None,
        depends_on,
    };
    let Some(recorded) = recorded else {
        change.changes = desired
            .into_iter()
            .map(|(name, planned, _, _)| PropertyChange {
                name,
                old: None,
                new: Some(planned),
                forces_replacement: false,
            })
            .collect();
        return Ok(change);
    };
    // Properties, given or recorded, in template order then state's.
    let mut names: Vec<&str> = desired.iter().map(|(n, _, _, _)| n.as_str()).collect();
    for name in recorded.properties.keys() {
        if !names.contains(&name.as_str()) {
            names.push(name);
        }
    }
    let mut errors = Vec::new();
    for name in names {
        let rule = rules.get(name);
        let default = || {
            rule.and_then(|r| r.default.as_ref())
                .and_then(values::to_json)
        };
        let old = recorded.properties.get(name).cloned().or_else(default);
        let (new, span) = match desired.iter().find(|(n, _, _, _)| n == name) {
            Some((_, planned, span, _)) => (Some(planned.clone()), *span),
            None => (default().map(Planned::Known), resource.span),
        };
        let changed = match (&old, &new) {
            (None, None) => false,
            (Some(old), Some(Planned::Known(new))) => !values::same(old, new),
            (_, Some(Planned::Unknown { from })) => !from.is_empty() || old.is_none(),
            (None, Some(Planned::Known(_))) | (Some(_), None) => true,
        };
        if !changed {
            continue;
        }
        let forces = rule.is_some_and(|r| !r.update_allowed);
        if rule.is_some_and(|r| r.immutable) {
            errors.push(PlanError::Immutable {
                resource: resource.name.clone(),
                property: name.to_owned(),
                span,
            });
        }
        change.changes.push(PropertyChange {
            name: name.to_owned(),
            old,
            new,
            forces_replacement: forces,
        });
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    change.metadata_change = metadata_change(recorded.metadata.as_ref(), metadata.as_ref());
    change.action = if recorded.type_name != resource.type_name {
        change.reason = Some(ReplaceReason::TypeChanged {
            from: recorded.type_name.clone(),
        });
        Action::Replace
    } else if never_updates(&resource.type_name) {
        // Heat ignores its properties and metadata entirely, failed or not.
        change.changes.clear();
        change.metadata_change = None;
        Action::NoChange
    } else if matches!(
        recorded.status,
        ResourceStatus::CreateFailed | ResourceStatus::UpdateFailed
    ) {
        change.reason = Some(ReplaceReason::Failed(recorded.status));
        Action::Replace
    } else if let Some(forcing) = forcing_change(&change.changes) {
        change.reason = Some(ReplaceReason::Property {
            name: forcing.name.clone(),
            certain: !matches!(forcing.new, Some(Planned::Unknown { .. })),
        });
        Action::Replace
    } else if change.changes.is_empty() && change.metadata_change.is_none() {
        Action::NoChange
    } else {
        Action::Update
    };
    Ok(change)
}

/// The change that forces a replacement: one whose new value is known
/// (certain) before one known only after apply.
fn forcing_change(changes: &[PropertyChange]) -> Option<&PropertyChange> {
    let forcing = || changes.iter().filter(|c| c.forces_replacement);
    forcing()
        .find(|c| !matches!(c.new, Some(Planned::Unknown { .. })))
        .or_else(|| forcing().next())
}

/// A resource's metadata, evaluated as its properties are.
fn evaluate_metadata(
    resource: &Resource,
    ctx: &PlanContext<'_>,
) -> Result<Option<Planned>, Vec<PlanError>> {
    let Some(metadata) = &resource.metadata else {
        return Ok(None);
    };
    ctx.take_sources();
    let value = eval::eval(metadata, ctx).map_err(|error| {
        vec![PlanError::Eval {
            resource: Some(resource.name.clone()),
            error,
        }]
    })?;
    Ok(Some(match values::to_json(&value) {
        Some(json) => Planned::Known(json),
        None => Planned::Unknown {
            from: ctx.take_sources(),
        },
    }))
}

/// Whether the metadata changes, by the rule properties follow: an unknown
/// value changes only when it comes from a changing resource.
fn metadata_change(old: Option<&Json>, new: Option<&Planned>) -> Option<MetadataChange> {
    let changed = match (old, new) {
        (None, None) => false,
        (Some(old), Some(Planned::Known(new))) => !values::same(old, new),
        (Some(_), Some(Planned::Unknown { from })) => !from.is_empty(),
        (None, Some(_)) | (Some(_), None) => true,
    };
    changed.then(|| MetadataChange {
        old: old.cloned(),
        new: new.cloned(),
    })
}

/// Types whose class never updates or replaces a resource of its own type:
/// OS::Heat::None overrides `_needs_update` to return False, whatever the
/// resource's status, and freezes its definition without properties
/// (engine/resources/openstack/heat/none_resource.py), so that it can stand
/// in for any type. A change of type still replaces it.
fn never_updates(type_name: &str) -> bool {
    type_name == "OS::Heat::None"
}

/// A resource's properties, each evaluated on its own (so each knows which
/// changing resources it depends on) and converted to its schema type.
/// Each property: its name, planned value, span, and whether its value
/// shows a hidden parameter.
type Evaluated = (String, Planned, Span, bool);

fn evaluate_properties(
    resource: &Resource,
    rules: &HashMap<String, PropertyRules>,
    ctx: &PlanContext<'_>,
) -> Result<Vec<Evaluated>, Vec<PlanError>> {
    let fail = |error| {
        vec![PlanError::Eval {
            resource: Some(resource.name.clone()),
            error,
        }]
    };
    let Some(properties) = &resource.properties else {
        return Ok(Vec::new());
    };
    // Each property's value, whether it shows a hidden parameter, and the
    // changing resources its unknown parts come from.
    let planned = |name: &str, value: Val, span: Span, sensitive: bool, from: Vec<String>| {
        let converted = match rules.get(name) {
            Some(rule) => values::convert(rule.ty, value),
            None => value,
        };
        let value = match values::to_json(&converted) {
            Some(json) => Planned::Known(json),
            None => Planned::Unknown { from },
        };
        (name.to_owned(), value, span, sensitive)
    };
    let ExprKind::Map(entries) = &properties.kind else {
        // Properties computed by one function: evaluate the whole, then
        // split it (each part then depends on all the whole did).
        let whole = eval::eval(properties, ctx).map_err(fail)?;
        let sensitive = ctx.read_hidden();
        let from = ctx.take_sources();
        return Ok(match whole {
            Val::Map(entries) => entries
                .into_iter()
                .filter_map(|(k, v)| {
                    let name = k.as_str()?.to_owned();
                    Some(planned(&name, v, properties.span, sensitive, from.clone()))
                })
                .collect(),
            Val::Null => Vec::new(),
            _ => vec![(
                "(properties)".to_owned(),
                Planned::Unknown { from },
                properties.span,
                sensitive,
            )],
        });
    };
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for (key, value) in entries {
        let Some(name) = key.as_str() else { continue };
        ctx.take_sources();
        let evaluated = match eval::eval_nullable(value, ctx) {
            Ok(Some(v)) => v,
            // A two-argument `if` that leaves the property out.
            Ok(None) => continue,
            Err(e) => {
                errors.extend(fail(e));
                continue;
            }
        };
        let sensitive = ctx.read_hidden();
        let from = ctx.take_sources();
        out.push(planned(name, evaluated, value.span, sensitive, from));
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// Deletions of recorded resources, dependents first (by what state
/// recorded each depends on).
fn deletions(state: &StackState, gone: &[&String]) -> Vec<ResourceChange> {
    let index: HashMap<&str, usize> = gone
        .iter()
        .enumerate()
        .map(|(i, name)| (name.as_str(), i))
        .collect();
    let deps: Vec<Vec<usize>> = gone
        .iter()
        .map(|name| {
            state
                .resources
                .get(name.as_str())
                .map(|r| {
                    r.depends_on
                        .iter()
                        .filter_map(|d| index.get(d.as_str()).copied())
                        .collect()
                })
                .unwrap_or_default()
        })
        .collect();
    let mut order = topological_order(&deps).unwrap_or_else(|_| (0..gone.len()).collect());
    order.reverse();
    order
        .into_iter()
        .filter_map(|i| {
            let name = *gone.get(i)?;
            let recorded = state.resources.get(name)?;
            Some(ResourceChange {
                name: name.clone(),
                type_name: recorded.type_name.clone(),
                action: Action::Delete,
                reason: None,
                changes: Vec::new(),
                properties: Vec::new(),
                sensitive: Vec::new(),
                metadata: None,
                metadata_change: None,
                depends_on: recorded.depends_on.clone(),
            })
        })
        .collect()
}

/// `--destroy`: everything state records (with targets, those and what
/// depends on them), dependents first.
fn destroy_all(state: &StackState, targets: &[String]) -> Vec<ResourceChange> {
    if targets.is_empty() {
        let all: Vec<&String> = state.resources.keys().collect();
        return deletions(state, &all);
    }
    // The targets and, transitively, what depends on them.
    let mut dependents: HashMap<&str, Vec<&String>> = HashMap::new();
    for (name, r) in &state.resources {
        for d in &r.depends_on {
            dependents.entry(d.as_str()).or_default().push(name);
        }
    }
    let mut doomed: Vec<&String> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut work: Vec<&String> = state
        .resources
        .keys()
        .filter(|n| targets.contains(n))
        .collect();
    while let Some(name) = work.pop() {
        if seen.insert(name.as_str()) {
            doomed.push(name);
            work.extend(dependents.get(name.as_str()).into_iter().flatten());
        }
    }
    doomed.sort();
    deletions(state, &doomed)
}

/// Outputs: evaluated against the plan; masked when they show a hidden
/// parameter; one that fails keeps its error (Heat shows it as the
/// output's `output_error` and creates the stack anyway).
fn plan_outputs(
    template: &Template,
    state: &StackState,
    ctx: &PlanContext<'_>,
) -> Vec<OutputChange> {
    let mut out = Vec::new();
    for output in &template.outputs {
        let enabled = output.condition.as_ref().is_none_or(|c| {
            !matches!(
                eval::condition::eval_condition(c, ctx),
                Ok(Val::Bool(false))
            )
        });
        let old = state.outputs.get(&output.name).cloned();
        let mut sensitive = output.value.as_ref().is_some_and(|v| {
            v.calls().iter().any(|c| {
                c.parameter_name()
                    .and_then(|p| template.parameter(p))
                    .is_some_and(|p| p.hidden)
            })
        });
        let new = match (&output.value, enabled) {
            (Some(value), true) => {
                ctx.take_sources();
                match eval::eval(value, ctx) {
                    Ok(v) => Some({
                        sensitive |= ctx.read_hidden();
                        match values::to_json(&v) {
                            Some(json) => Planned::Known(json),
                            None => Planned::Unknown {
                                from: ctx.take_sources(),
                            },
                        }
                    }),
                    Err(error) => {
                        out.push(OutputChange {
                            name: output.name.clone(),
                            action: if old.is_some() {
                                Action::Update
                            } else {
                                Action::Create
                            },
                            old,
                            new: None,
                            sensitive,
                            error: Some(error),
                        });
                        continue;
                    }
                }
            }
            (None, _) | (_, false) => None,
        };
        let action = match (&old, &new) {
            (None, None) => continue,
            (None, Some(_)) => Action::Create,
            (Some(_), None) => Action::Delete,
            (Some(old), Some(Planned::Known(new))) if values::same(old, new) => Action::NoChange,
            (Some(_), Some(Planned::Unknown { from })) if from.is_empty() => Action::NoChange,
            (Some(_), Some(_)) => Action::Update,
        };
        out.push(OutputChange {
            name: output.name.clone(),
            action,
            old,
            new,
            sensitive,
            error: None,
        });
    }
    for (name, old) in &state.outputs {
        if !template.outputs.iter().any(|o| &o.name == name) {
            out.push(OutputChange {
                name: name.clone(),
                action: Action::Delete,
                old: Some(old.clone()),
                new: None,
                sensitive: false,
                error: None,
            });
        }
    }
    out
}

/// The parameters as an apply will record them, and how they differ from
/// what state recorded.
fn parameters(
    template: &Template,
    state: &StackState,
    request: &Request<'_>,
    has_state: bool,
) -> (BTreeMap<String, ParamRecord>, Vec<ParameterChange>) {
    let mut records = BTreeMap::new();
    let mut changes = Vec::new();
    for (name, value) in request.parameters {
        let hidden = template.parameter(name).is_some_and(|p| p.hidden);
        let Some(json) = value.as_ref().and_then(values::to_json) else {
            continue;
        };
        let record = state.param_record(hidden, &json);
        let old = state.parameters.get(name);
        if has_state && !old.is_some_and(|o| o.matches(&state.lineage, &json)) {
            let mask = |v: Option<Json>| {
                if hidden {
                    v.map(|_| Json::String(HIDDEN_MASK.to_owned()))
                } else {
                    v
                }
            };
            changes.push(ParameterChange {
                name: name.clone(),
                hidden,
                old: mask(old.and_then(|o| {
                    o.value
                        .clone()
                        .or_else(|| o.hidden.then(|| Json::String(HIDDEN_MASK.to_owned())))
                })),
                new: mask(Some(json)),
            });
        }
        records.insert(name.clone(), record);
    }
    (records, changes)
}

#[cfg(test)]
mod tests;
