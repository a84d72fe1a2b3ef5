//! State files to and from text: the deterministic JSON hotc writes, and the
//! checks a file passes before hotc believes it.
//!
//! `decode` looks at the schema version before anything else, so a file
//! written by a newer hotc is reported as such (not as corrupt), and it
//! refuses anything a writer of this version would not have written: a
//! syntax error, a missing or mistyped field, a stack name that is not the
//! file's, a hidden parameter with its value in clear text.

use std::path::Path;

use serde_json::Value;

use super::error::StateError;
use super::model::{SCHEMA_VERSION, StackState};

/// The state as pretty JSON with sorted keys and a trailing newline.
pub(super) fn encode(state: &StackState) -> String {
    // Struct fields keep their declaration order and the `BTreeMap`s are
    // sorted already; the free-form values are `serde_json::Map`s, which keep
    // insertion order (the workspace turns on `preserve_order`), so they are
    // sorted here.
    let mut state = state.clone();
    for record in state.parameters.values_mut() {
        if let Some(v) = record.value.take() {
            record.value = Some(sorted(v));
        }
    }
    for v in state.outputs.values_mut() {
        *v = sorted(std::mem::take(v));
    }
    for resource in state.resources.values_mut() {
        resource.properties = sorted_map(std::mem::take(&mut resource.properties));
        resource.attributes = sorted_map(std::mem::take(&mut resource.attributes));
    }
    let mut text = match serde_json::to_string_pretty(&state) {
        Ok(text) => text,
        // Only strings, integers, maps with string keys and JSON values are
        // serialized, and none of those can fail.
        Err(e) => unreachable!("a StackState always serializes: {e}"),
    };
    text.push('\n');
    text
}

/// A JSON value as compact text with sorted keys, the form that is hashed.
pub(super) fn canonical_compact(v: &Value) -> String {
    sorted(v.clone()).to_string()
}

/// Reads the state file at `path`, which should hold stack `stack`.
pub(super) fn decode(path: &Path, stack: &str, bytes: &[u8]) -> Result<StackState, StateError> {
    let corrupt = |line: usize, column: usize, message: String| StateError::Corrupt {
        path: path.to_owned(),
        line,
        column,
        message,
        backup: None,
    };
    let from_serde = |e: serde_json::Error| corrupt(e.line(), e.column(), without_position(&e));

    // The version first, from an untyped parse: a newer schema may not fit
    // this version's types, and saying "newer" is more useful than "corrupt".
    let value: Value = serde_json::from_slice(bytes).map_err(from_serde)?;
    let Some(object) = value.as_object() else {
        return Err(corrupt(1, 1, "expected a JSON object".to_owned()));
    };
    let version = match object.get("version") {
        Some(v) => v.as_u64().ok_or_else(|| {
            corrupt(
                0,
                0,
                format!("`version` is {v}, expected a positive integer"),
            )
        })?,
        None => {
            return Err(corrupt(
                0,
                0,
                "no `version` field; is this a hotc state file?".to_owned(),
            ));
        }
    };
    if version > u64::from(SCHEMA_VERSION) {
        return Err(StateError::NewerSchema {
            path: path.to_owned(),
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    if version == 0 {
        return Err(corrupt(
            0,
            0,
            "`version` is 0; versions start at 1".to_owned(),
        ));
    }

    // Parsed again from the text, typed this time, so that a field of the
    // wrong shape is reported with its line and column.
    let state: StackState = serde_json::from_slice(bytes).map_err(from_serde)?;
    if state.stack != stack {
        return Err(corrupt(
            0,
            0,
            format!(
                "it holds stack `{}`, but its file name is for stack `{stack}`",
                state.stack
            ),
        ));
    }
    check(&state).map_err(|message| corrupt(0, 0, message))?;
    Ok(state)
}

/// What the types cannot say about a valid state. Returns what is wrong.
pub(super) fn check(state: &StackState) -> Result<(), String> {
    for (name, record) in &state.parameters {
        if record.hidden && record.value.is_some() {
            return Err(format!(
                "parameter `{name}` is hidden but its value is in clear text"
            ));
        }
        if record.hidden && record.sha256.is_none() {
            return Err(format!("parameter `{name}` is hidden but has no `sha256`"));
        }
    }
    Ok(())
}

/// serde_json's message without its " at line L column C" tail, which the
/// error carries as fields.
fn without_position(e: &serde_json::Error) -> String {
    let message = e.to_string();
    match message.rfind(" at line ") {
        Some(at) if e.line() > 0 => message.get(..at).unwrap_or(&message).to_owned(),
        _ => message,
    }
}

fn sorted(v: Value) -> Value {
    match v {
        Value::Object(map) => Value::Object(sorted_map(map)),
        Value::Array(items) => Value::Array(items.into_iter().map(sorted).collect()),
        other @ (Value::Null | Value::Bool(_) | Value::Number(_) | Value::String(_)) => other,
    }
}

fn sorted_map(map: serde_json::Map<String, Value>) -> serde_json::Map<String, Value> {
    let mut entries: Vec<(String, Value)> = map.into_iter().map(|(k, v)| (k, sorted(v))).collect();
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    entries.into_iter().collect()
}
