//! The resources a resource refers to, as Heat's dependency rules find them.
//!
//! Heat (`ResourceDefinition.required_resource_names`, rsrc_defn.py): a
//! resource depends on the names in its `depends_on` and on every resource
//! that a function in its `properties` or `metadata` refers to
//! (`function.dependencies`: `get_resource`, `get_attr`, and the CFN `Ref`
//! of a resource and `Fn::GetAtt`); nothing else (policies, conditions)
//! adds a dependency. A resource with an `external_id` depends on nothing
//! (and may not have `depends_on`: `InvalidExternalResourceDependency`).
//!
//! `if` is a Heat `Macro` whose dependencies are those of the branch its
//! condition picks (its `parsed` is that branch). Without the stack's
//! parameters both branches count, marked `conditional` (`references`);
//! the plan, which knows them, passes a decision (`references_deciding`)
//! and only the branch taken counts.

use hotc_grammar::Span;

use super::expr::{Call, Expr, ExprKind};
use super::template::{Resource, Template};

/// One reference from a resource to another.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    /// The resource referred to.
    pub target: String,
    /// Where the reference is written: the name in `depends_on`, or the call.
    pub span: Span,
    pub kind: ReferenceKind,
    /// Written in a branch of `if`, so Heat counts it only when the
    /// condition picks that branch.
    pub conditional: bool,
}

/// How a resource refers to another; graphs draw each kind its own way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReferenceKind {
    /// `depends_on`.
    DependsOn,
    /// `get_resource` or `Ref`.
    GetResource,
    /// `get_attr` or `Fn::GetAtt`, with the attribute name when it is a
    /// literal (`None`: all attributes, or computed).
    GetAttr { attribute: Option<String> },
}

/// Every reference `resource` makes, in source order: `depends_on` first,
/// then the calls in `properties` and `metadata`. Names are not checked
/// against the template (the lint rules report unknown ones), except that a
/// `Ref` refers to a resource only when the template has a resource of that
/// name (cfn/functions.py `Ref`: `if resource_name in self.stack`), and to a
/// parameter otherwise.
pub fn references(resource: &Resource, template: &Template) -> Vec<Reference> {
    references_deciding(resource, template, &|_| None)
}

/// [`references`], with `if` decided as Heat decides it when the stack's
/// conditions are known: `decide` gives a condition expression's value
/// (`None` when it cannot tell), and only the branch taken counts.
pub fn references_deciding(
    resource: &Resource,
    template: &Template,
    decide: &dyn Fn(&Expr) -> Option<bool>,
) -> Vec<Reference> {
    if resource.external_id.is_some() {
        return Vec::new();
    }
    let mut out: Vec<Reference> = resource
        .depends_on
        .iter()
        .map(|d| Reference {
            target: d.name.clone(),
            span: d.span,
            kind: ReferenceKind::DependsOn,
            conditional: false,
        })
        .collect();
    let mut walk = Walk {
        template,
        decide,
        out: &mut out,
    };
    for section in [&resource.properties, &resource.metadata]
        .into_iter()
        .flatten()
    {
        walk.collect(section, false);
    }
    out
}

struct Walk<'a, 'o> {
    template: &'a Template,
    decide: &'a dyn Fn(&Expr) -> Option<bool>,
    out: &'o mut Vec<Reference>,
}

impl Walk<'_, '_> {
    /// Pushes the references of the calls in `expr`, outermost first;
    /// `conditional` once inside a branch of an undecided `if`.
    fn collect(&mut self, expr: &Expr, conditional: bool) {
        match &expr.kind {
            ExprKind::Call(call) => {
                self.out
                    .extend(call_reference(call, conditional, self.template));
                match (call.name.as_str(), call.arg.as_seq()) {
                    // The first item is the condition, which names no
                    // resource; a decided one picks its branch.
                    ("if", Some([condition, branches @ ..])) => {
                        let (taken, conditional) = match (self.decide)(condition) {
                            Some(true) => (branches.get(..1).unwrap_or_default(), conditional),
                            Some(false) => (branches.get(1..2).unwrap_or_default(), conditional),
                            None => (branches, true),
                        };
                        for branch in taken {
                            self.collect(branch, conditional);
                        }
                    }
                    _ => self.collect(&call.arg, conditional),
                }
            }
            ExprKind::Seq(items) => {
                for item in items {
                    self.collect(item, conditional);
                }
            }
            ExprKind::Map(entries) => {
                for (_, value) in entries {
                    self.collect(value, conditional);
                }
            }
            ExprKind::Null
            | ExprKind::Bool(_)
            | ExprKind::Int(_)
            | ExprKind::Float(_)
            | ExprKind::Str(_) => {}
        }
    }
}

/// The resource a call refers to, when its name is a literal string.
fn call_reference(call: &Call, conditional: bool, template: &Template) -> Option<Reference> {
    let span = call.name_span.cover(call.arg.span);
    match call.name.as_str() {
        "get_resource" => Some(Reference {
            target: call.arg.as_str()?.to_owned(),
            span,
            kind: ReferenceKind::GetResource,
            conditional,
        }),
        "Ref" => {
            let name = call.arg.as_str()?;
            template.resource(name).is_some().then(|| Reference {
                target: name.to_owned(),
                span,
                kind: ReferenceKind::GetResource,
                conditional,
            })
        }
        "get_attr" | "Fn::GetAtt" => {
            let args = call.arg.as_seq()?;
            let target = args.first()?.as_str()?.to_owned();
            let attribute = args.get(1).and_then(|a| match &a.kind {
                ExprKind::Str(s) => Some(s.clone()),
                _ => None,
            });
            Some(Reference {
                target,
                span,
                kind: ReferenceKind::GetAttr { attribute },
                conditional,
            })
        }
        _ => None,
    }
}
