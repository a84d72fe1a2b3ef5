//! The evaluation context of a plan: parameters as given, conditions as the
//! template defines them, and resources as state recorded them, except that
//! whatever a coming change makes new is unknown.
//!
//! A value is unknown for one of two reasons, and the plan tells them
//! apart: it comes from a resource that the plan creates, replaces or
//! updates (it can change), or from a resource the plan leaves alone whose
//! attribute state did not record (it cannot change: it was the same value
//! when the property was last applied). `take_sources` says which changing
//! resources the unknowns of the last evaluation came from.

use std::cell::RefCell;
use std::collections::HashMap;

use hotc_compiler::HotVersion;
use hotc_compiler::eval::condition::ConditionCache;
use hotc_compiler::eval::{Context, Val};
use hotc_compiler::ir::Template;

use super::values::from_json;
use crate::state::ResourceState;

/// What the plan has decided about a resource so far.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Known<'s> {
    /// Not planned yet, or disabled by its condition (Heat resolves a
    /// reference to it as null).
    Disabled,
    /// Created or replaced: nothing about it is known before apply.
    New,
    /// Updated in place: its id stays, its attributes may change.
    Updated(&'s ResourceState),
    /// Left alone: what state recorded holds.
    Unchanged(&'s ResourceState),
}

pub(crate) struct PlanContext<'a> {
    pub(crate) template: &'a Template,
    pub(crate) stack: &'a str,
    pub(crate) params: HashMap<&'a str, Val>,
    resources: RefCell<HashMap<&'a str, Known<'a>>>,
    pub(crate) files: &'a dyn Fn(&str) -> Option<String>,
    conditions: ConditionCache,
    /// Changing resources that unknowns came from since `take_sources`.
    sources: RefCell<Vec<String>>,
    /// Whether a hidden parameter was read since `take_sources`.
    read_hidden: std::cell::Cell<bool>,
}

impl<'a> PlanContext<'a> {
    pub(crate) fn new(
        template: &'a Template,
        stack: &'a str,
        params: HashMap<&'a str, Val>,
        files: &'a dyn Fn(&str) -> Option<String>,
    ) -> Self {
        let resources = template
            .resources
            .iter()
            .map(|r| (r.name.as_str(), Known::Disabled))
            .collect();
        PlanContext {
            template,
            stack,
            params,
            resources: RefCell::new(resources),
            files,
            conditions: ConditionCache::default(),
            sources: RefCell::new(Vec::new()),
            read_hidden: std::cell::Cell::new(false),
        }
    }

    /// Records what the plan decided about `name`.
    pub(crate) fn decide(&self, name: &'a str, known: Known<'a>) {
        self.resources.borrow_mut().insert(name, known);
    }

    /// Whether a hidden parameter was read since the last `take_sources`:
    /// the value then shows it and is printed masked.
    pub(crate) fn read_hidden(&self) -> bool {
        self.read_hidden.get()
    }

    /// The changing resources the unknowns since the last call came from
    /// (and a fresh start for `read_hidden`).
    pub(crate) fn take_sources(&self) -> Vec<String> {
        self.read_hidden.set(false);
        let mut sources = std::mem::take(&mut *self.sources.borrow_mut());
        sources.sort();
        sources.dedup();
        sources
    }

    fn changing(&self, name: &str) -> Val {
        self.sources.borrow_mut().push(name.to_owned());
        Val::Unknown
    }
}

impl Context for PlanContext<'_> {
    fn version(&self) -> HotVersion {
        self.template.version
    }

    fn param(&self, name: &str) -> Option<Val> {
        match name {
            "OS::stack_name" => Some(Val::Str(self.stack.to_owned())),
            // Heat's stack id and project are the cloud's.
            "OS::stack_id" | "OS::project_id" => Some(Val::Unknown),
            _ => {
                if self.template.parameter(name).is_some_and(|p| p.hidden) {
                    self.read_hidden.set(true);
                }
                self.params.get(name).cloned()
            }
        }
    }

    fn attribute(&self, resource: &str, attribute: &str) -> Option<Val> {
        let known = self.resources.borrow().get(resource)?.clone();
        Some(match known {
            Known::Disabled => Val::Null,
            Known::New | Known::Updated(_) => self.changing(resource),
            Known::Unchanged(state) => state
                .attributes
                .get(attribute)
                .map_or(Val::Unknown, from_json),
        })
    }

    fn resource_ref(&self, resource: &str) -> Option<Val> {
        let known = self.resources.borrow().get(resource)?.clone();
        Some(match known {
            Known::Disabled => Val::Null,
            Known::New => self.changing(resource),
            Known::Updated(state) | Known::Unchanged(state) => {
                state.physical_id.clone().map_or(Val::Unknown, Val::Str)
            }
        })
    }

    fn file(&self, path: &str) -> Option<String> {
        (self.files)(path)
    }

    fn condition(&self, name: &str) -> Option<bool> {
        self.conditions.get(self.template, name, self)
    }
}
