//! The test context for evaluation: a stack with chosen parameters,
//! resources (whose attributes are unknown, as before apply), files and
//! conditions, and a helper that evaluates a YAML expression in it.
#![expect(clippy::unwrap_used, reason = "test inputs are known-good")]

use std::collections::BTreeMap;

use super::{Context, EvalError, Val, eval_value};
use crate::versions::HotVersion;

/// A stack for tests, built up with `with_param`, `with_resource`,
/// `with_file` and `with_condition`.
pub(crate) struct Stack {
    version: HotVersion,
    params: BTreeMap<String, Val>,
    resources: Vec<String>,
    files: BTreeMap<String, String>,
    conditions: BTreeMap<String, bool>,
}

impl Stack {
    pub(crate) fn new(version: &str) -> Self {
        Stack {
            version: HotVersion::parse(version).unwrap(),
            params: BTreeMap::new(),
            resources: Vec::new(),
            files: BTreeMap::new(),
            conditions: BTreeMap::new(),
        }
    }

    pub(crate) fn with_param(mut self, name: &str, value: Val) -> Self {
        self.params.insert(name.to_owned(), value);
        self
    }

    pub(crate) fn with_resource(mut self, name: &str) -> Self {
        self.resources.push(name.to_owned());
        self
    }

    pub(crate) fn with_file(mut self, path: &str, text: &str) -> Self {
        self.files.insert(path.to_owned(), text.to_owned());
        self
    }

    pub(crate) fn with_condition(mut self, name: &str, value: bool) -> Self {
        self.conditions.insert(name.to_owned(), value);
        self
    }
}

impl Context for Stack {
    fn version(&self) -> HotVersion {
        self.version
    }

    fn param(&self, name: &str) -> Option<Val> {
        self.params.get(name).cloned()
    }

    fn attribute(&self, resource: &str, _attribute: &str) -> Option<Val> {
        self.resources
            .iter()
            .any(|r| r == resource)
            .then_some(Val::Unknown)
    }

    fn resource_ref(&self, resource: &str) -> Option<Val> {
        self.resources
            .iter()
            .any(|r| r == resource)
            .then_some(Val::Unknown)
    }

    fn file(&self, path: &str) -> Option<String> {
        self.files.get(path).cloned()
    }

    fn condition(&self, name: &str) -> Option<bool> {
        self.conditions.get(name).copied()
    }
}

/// Evaluates the YAML expression `src` in `stack`.
pub(crate) fn eval_yaml(stack: &Stack, src: &str) -> Result<Val, EvalError> {
    let parsed = hotc_grammar::parse(src);
    assert!(parsed.errors.is_empty(), "{src}: {:?}", parsed.errors);
    let (value, _) = hotc_grammar::value::build_stream(&parsed.stream, parsed.flavor);
    eval_value(&value, stack)
}

#[test]
fn data_is_evaluated_item_by_item() {
    let stack = Stack::new("2021-04-16").with_param("n", Val::Int(2));
    assert_eq!(
        eval_yaml(&stack, "[a, {get_param: n}, {k: {get_param: n}}]"),
        Ok(Val::List(vec![
            Val::Str("a".into()),
            Val::Int(2),
            Val::Map(vec![(Val::Str("k".into()), Val::Int(2))]),
        ]))
    );
}

/// Heat parses a one-key mapping as a call only when the key is a function
/// of the template's version: `repeat` is data in 2013-05-23.
#[test]
fn a_function_of_a_later_version_is_data() {
    let stack = Stack::new("2013-05-23");
    let v = eval_yaml(&stack, "{repeat: {template: x, for_each: {}}}").unwrap();
    assert!(matches!(v, Val::Map(_)));
}

#[test]
fn python_json_matches_json_dumps() {
    let v = Val::Map(vec![
        (
            Val::Str("b".into()),
            Val::List(vec![Val::Int(1), Val::Float(2.5), Val::Null]),
        ),
        (Val::Str("a".into()), Val::Str("é\"\n".into())),
    ]);
    // json.dumps({"b": [1, 2.5, None], "a": "é\"\n"}, sort_keys=True)
    assert_eq!(
        super::python_json(&v, true),
        r#"{"a": "\u00e9\"\n", "b": [1, 2.5, null]}"#
    );
}

#[test]
fn the_test_stack_answers_like_a_stack_before_apply() {
    let stack = Stack::new("2016-10-14")
        .with_resource("server")
        .with_file("boot.sh", "#!/bin/sh\n")
        .with_condition("prod", true);
    assert_eq!(
        stack.attribute("server", "first_address"),
        Some(Val::Unknown)
    );
    assert_eq!(stack.resource_ref("server"), Some(Val::Unknown));
    assert_eq!(stack.resource_ref("nope"), None);
    assert_eq!(stack.file("boot.sh").as_deref(), Some("#!/bin/sh\n"));
    assert_eq!(stack.condition("prod"), Some(true));
    assert_eq!(stack.condition("dev"), None);
}
