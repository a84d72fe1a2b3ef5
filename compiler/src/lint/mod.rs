//! The structure checks of `hotc lint`: classify a file, then run the rules
//! that apply to its kind over its value tree.
//!
//! A file is a template when its top level is a mapping with
//! `heat_template_version`, or when it has no version but a `resources`
//! mapping whose entries have a `type` (a template that lost its version).
//! It is an environment file when its top-level keys include an
//! environment section (with `parameters` as the only one, or none but a
//! misspelt one, when at least half of the keys are sections or near
//! misses). Anything else (including CloudFormation templates,
//! which hotc does not check) is "other" and gets no structure checks, so a
//! directory scan passes over unrelated YAML without noise.
//!
//! Rules only push `Finding`s; the caller renders them.

mod properties;
mod rules;
pub(crate) mod schema;
pub(crate) mod stack;
mod view;

use std::cell::OnceCell;
use std::collections::HashMap;
use std::rc::Rc;

use hotc_grammar::{Span, Value, ValueKind};

use crate::diagnostics::finding::{Finding, FindingKind, PropertyAt};
use crate::ir::Template;
use crate::source::{LoadError, SourceLoader};
use crate::versions::{self, HotVersion};
use crate::{FileKind, suggest};
use stack::{Resolved, StackInputs};

/// The key that marks a HOT template.
const VERSION_KEY: &str = "heat_template_version";

/// The version keys of CloudFormation-format templates, which Heat also runs.
const CFN_VERSION_KEYS: &[&str] = &["HeatTemplateFormatVersion", "AWSTemplateFormatVersion"];

/// Heat's `max_nested_stack_depth` default: a stack at this depth may not
/// create another nested stack (HOT072).
pub(crate) const MAX_NESTED_DEPTH: usize = 5;

/// What a rule sees: the file and where to report.
pub(crate) struct Context<'a> {
    src: &'a str,
    root: &'a Value,
    kind: FileKind,
    /// The template's version, or the newest one when it is missing or
    /// unknown: that accepts the most and so adds no noise to the version
    /// finding itself.
    version: HotVersion,
    /// The files the template may name, when the caller gave a loader;
    /// rules that need them are silent without one.
    files: Option<Files<'a>>,
    /// The values and environments the stack is created with, when given
    /// (`-P`, `-e`).
    stack: Option<&'a StackInputs>,
    findings: Vec<Finding>,
    /// Findings in the environment file of that index.
    elsewhere: Vec<(usize, Finding)>,
    /// Nested templates loaded so far, by the naming file and the path as
    /// written: several rules look at each nested template, and each file
    /// is read and parsed once per check.
    nested: HashMap<(String, String), Result<Rc<Loaded>, LoadError>>,
    /// The template lowered to the IR, on first use: the rules that read
    /// calls and references as nodes share one lowering.
    ir: OnceCell<Rc<Template>>,
    /// Every function call of the file with where it stands, found once
    /// for the rules that read calls (`call_sites`).
    call_sites: OnceCell<Rc<[rules::calls::Call<'a>]>>,
}

/// A file a resource type names, read and parsed.
pub(crate) struct Loaded {
    /// The loader's name for it: the key for cycles and for the files it
    /// names in turn.
    pub(crate) resolved: String,
    /// Its value tree, when it reads without a syntax error and is a HOT
    /// template (a CloudFormation one, or a broken file, is left alone).
    pub(crate) template: Option<Value>,
}

/// A loader and the name of the file being checked, which the paths in it
/// are relative to.
#[derive(Clone, Copy)]
pub(crate) struct Files<'a> {
    pub(crate) name: &'a str,
    pub(crate) loader: &'a dyn SourceLoader,
}

impl<'a> Context<'a> {
    /// The template, lowered (once per check).
    pub(crate) fn template(&self) -> Rc<Template> {
        Rc::clone(self.ir.get_or_init(|| Rc::new(Template::lower(self.root))))
    }

    /// Every function call of the file, in source order (found once per
    /// check: seven rules read them).
    pub(crate) fn call_sites(&self) -> Rc<[rules::calls::Call<'a>]> {
        Rc::clone(
            self.call_sites
                .get_or_init(|| rules::calls::calls(self.root, self.version).into()),
        )
    }

    pub(crate) fn report(&mut self, kind: FindingKind, span: Span) {
        self.findings.push(Finding::new(kind, span));
    }

    /// Reports a finding in the environment file `env`.
    pub(crate) fn report_in(&mut self, env: usize, kind: FindingKind, span: Span) {
        self.elsewhere.push((env, Finding::new(kind, span)));
    }

    /// Loads the template `path` names from the file `from` (through the
    /// cache); an error when the loader cannot read it, and no template
    /// when it is not a readable HOT template.
    pub(crate) fn load(&mut self, from: &str, path: &str) -> Result<Rc<Loaded>, LoadError> {
        let files = self.files.ok_or_else(|| LoadError {
            kind: crate::source::LoadErrorKind::Unreadable("no loader".to_owned()),
            resolved: path.to_owned(),
        })?;
        let key = (from.to_owned(), path.to_owned());
        if let Some(known) = self.nested.get(&key) {
            return known.clone();
        }
        let loaded = files.loader.load(from, path).map(|(resolved, text)| {
            Rc::new(Loaded {
                resolved,
                template: parse_template(&text),
            })
        });
        self.nested.insert(key, loaded.clone());
        loaded
    }

    /// Where resource `resource`'s type `type_name` leads: through the
    /// environments' registry when there are environments, else as written.
    pub(crate) fn resolve_type(&self, resource: &str, type_name: &str) -> Resolved {
        match self.stack {
            Some(stack) => stack.registry.resolve(stack, resource, type_name),
            None => Resolved::Type(type_name.to_owned()),
        }
    }

    /// The template file resource `resource` of type `type_name` is a
    /// nested stack of: the naming file and the path, when the type is a
    /// template file (Heat's `.yaml`/`.template` rule) or the registry maps
    /// it to one; `None` without a loader.
    pub(crate) fn nested_source(
        &self,
        resource: &str,
        type_name: &str,
    ) -> Option<(String, String)> {
        let files = self.files?;
        self.nested_source_from(files.name, resource, type_name)
    }

    /// `nested_source` for a resource of the template `from` (nested
    /// stacks share the root's environment, so its registry applies).
    pub(crate) fn nested_source_from(
        &self,
        from: &str,
        resource: &str,
        type_name: &str,
    ) -> Option<(String, String)> {
        self.files?;
        match self.resolve_type(resource, type_name) {
            Resolved::Template { from, path } => Some((from, path)),
            Resolved::Type(t) if rules::is_template_type(&t) => Some((from.to_owned(), t)),
            Resolved::Type(_) => None,
        }
    }

    /// The nested template of resource `resource` (see `nested_source`),
    /// when it loads and is a HOT template.
    pub(crate) fn nested_template(
        &mut self,
        resource: &str,
        type_name: &str,
    ) -> Option<Rc<Loaded>> {
        let (from, path) = self.nested_source(resource, type_name)?;
        self.load(&from, &path)
            .ok()
            .filter(|l| l.template.is_some())
    }

    /// The text to quote for a key or name: a string as it is, anything else
    /// as written in the source (Heat's keys need not be strings: `yes:` is
    /// the boolean true).
    pub(crate) fn name(&self, value: &Value) -> String {
        view::name(value, self.src)
    }

    /// Where a property finding points: the resource (by its name value),
    /// its type and Heat's path to the property, with no suggestion.
    pub(crate) fn property_at(
        &self,
        resource: &Value,
        type_name: &str,
        path: String,
    ) -> PropertyAt {
        PropertyAt {
            resource: self.name(resource),
            type_name: type_name.to_owned(),
            path,
            suggestion: None,
        }
    }
}

/// A structure rule.
pub(crate) trait Rule {
    fn check(&self, cx: &mut Context<'_>);

    /// The rule's struct name (`UnusedParameter`), by which the benchmark's
    /// per-rule timings name it; only the bench hooks need it.
    #[cfg(feature = "bench-hooks")]
    fn name(&self) -> &'static str {
        let path = std::any::type_name::<Self>();
        path.rsplit("::").next().unwrap_or(path)
    }
}

/// Decides what kind of Heat file `root` is.
pub(crate) fn classify(root: &Value) -> FileKind {
    let ValueKind::Map(entries) = &root.kind else {
        return FileKind::Other;
    };
    if root.get_entry(VERSION_KEY).is_some() {
        return FileKind::Template;
    }
    if CFN_VERSION_KEYS.iter().any(|k| root.get_entry(k).is_some()) {
        return FileKind::Other;
    }
    if looks_like_template(root) {
        return FileKind::Template;
    }
    if looks_like_environment(entries) {
        FileKind::Environment
    } else {
        FileKind::Other
    }
}

/// Any environment section other than `parameters` marks an environment
/// file. `parameters` alone is too common a key in other tools' YAML (CI
/// pipelines have it), so otherwise at least half of the keys must be
/// sections or near misses of one (`parameter_default`), which also lets a
/// misspelt single-section file be checked.
fn looks_like_environment(entries: &[(Value, Value)]) -> bool {
    let mut count = 0;
    for key in entries.iter().filter_map(|(k, _)| k.as_str()) {
        let sections = versions::ENVIRONMENT_SECTIONS.iter().copied();
        if versions::ENVIRONMENT_SECTIONS.contains(&key) {
            if key != "parameters" {
                return true;
            }
            count += 1;
        } else if suggest::nearest(key, sections).is_some() {
            count += 1;
        }
    }
    count > 0 && count * 2 >= entries.len()
}

/// A `resources` mapping with at least one entry that has a `type` key: a
/// template, even without its version. Requiring `type` keeps unrelated
/// YAML with a top-level `resources` key (Helm values, for one) out.
fn looks_like_template(root: &Value) -> bool {
    root.get_entry("resources").is_some_and(|(_, resources)| {
        resources.as_map().is_some_and(|entries| {
            entries
                .iter()
                .any(|(_, body)| body.get_entry("type").is_some())
        })
    })
}

/// A file's text as a HOT template: `None` when it has a syntax error or is
/// not a HOT template.
fn parse_template(text: &str) -> Option<Value> {
    let parsed = hotc_grammar::parse(text);
    if !parsed.errors.is_empty() {
        return None;
    }
    let (value, build_errors) = hotc_grammar::value::build_stream(&parsed.stream, parsed.flavor);
    (build_errors.is_empty()
        && classify(&value) == FileKind::Template
        && value.get(VERSION_KEY).is_some())
    .then_some(value)
}

/// What a check found: in the file itself, and in the environment file of
/// each index.
pub(crate) struct Found {
    pub(crate) here: Vec<Finding>,
    pub(crate) elsewhere: Vec<(usize, Finding)>,
}

/// Runs every rule for `kind` over `root`; the rules that read the files a
/// template names run only when `files` is given, and those about given
/// values and environments only when `stack` is.
pub(crate) fn run_with<'a>(
    src: &'a str,
    root: &'a Value,
    kind: FileKind,
    files: Option<Files<'a>>,
    stack: Option<&'a StackInputs>,
) -> Found {
    run_each(src, root, kind, files, stack, &mut |rule, cx| {
        rule.check(cx)
    })
}

/// [`run_with`], calling `each` with every rule in turn and the context to
/// run it on, so that the bench hooks can wrap each rule in a clock while
/// the normal path stays free of one.
pub(crate) fn run_each<'a>(
    src: &'a str,
    root: &'a Value,
    kind: FileKind,
    files: Option<Files<'a>>,
    stack: Option<&'a StackInputs>,
    each: &mut dyn FnMut(&dyn Rule, &mut Context<'a>),
) -> Found {
    let version = root
        .get_entry(VERSION_KEY)
        .and_then(|(_, v)| v.as_str())
        .and_then(HotVersion::parse)
        .unwrap_or(HotVersion::LATEST);
    let mut cx = Context {
        src,
        root,
        kind,
        version,
        files,
        stack,
        findings: Vec::new(),
        elsewhere: Vec::new(),
        nested: HashMap::new(),
        ir: OnceCell::new(),
        call_sites: OnceCell::new(),
    };
    let rules = match kind {
        FileKind::Template => rules::TEMPLATE_RULES,
        FileKind::Environment => rules::ENVIRONMENT_RULES,
        FileKind::Other => &[],
    };
    for rule in rules {
        each(*rule, &mut cx);
    }
    Found {
        here: cx.findings,
        elsewhere: cx.elsewhere,
    }
}

#[cfg(test)]
mod tests;
