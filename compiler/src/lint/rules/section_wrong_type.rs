//! HOT013 section-wrong-type.

use hotc_grammar::Value;

use crate::FileKind;
use crate::diagnostics::finding::{Expected, FindingKind, Shape};
use crate::lint::view::{is_falsy, shape, value_span};
use crate::lint::{Context, Rule};
use crate::versions::{self, Place};

/// The template sections with a required shape, and whether Heat takes an
/// empty (falsy) value as "absent". Heat reads `resources`, `outputs` and
/// `parameters` as `t.get(section) or {}` and `parameter_groups` with
/// `if groups:`, but `conditions` as `t.get('conditions', {})`, so a null
/// `conditions` reaches its "must be a map" check. `description` may be
/// anything.
const TEMPLATE_SECTIONS: &[(&str, Expected, bool)] = &[
    ("parameter_groups", Expected::List, true),
    ("parameters", Expected::Mapping, true),
    ("resources", Expected::Mapping, true),
    ("outputs", Expected::Mapping, true),
    ("conditions", Expected::Mapping, false),
];

/// The environment sections with a required shape, and whether Heat copes
/// with an empty value of another type. Most are read as `x or {}` or
/// iterated, so `[]` or `''` pass; `resource_registry` is read with
/// `.items()`, which fails on anything but a mapping. A null section is
/// `EmptyEnvironmentSection`'s; `encrypted_param_names` is Heat's own
/// bookkeeping, which it does not check.
const ENVIRONMENT_SECTIONS: &[(&str, Expected, bool)] = &[
    ("parameters", Expected::Mapping, true),
    ("parameter_defaults", Expected::Mapping, true),
    ("resource_registry", Expected::Mapping, false),
    ("parameter_merge_strategies", Expected::Mapping, true),
    ("event_sinks", Expected::List, true),
];

/// ## What it does
/// Reports a template or environment section whose value has the wrong
/// type, such as a list of resources instead of a mapping.
///
/// ## Why is this bad?
/// Heat reads each section as one shape and fails otherwise, with messages
/// such as `Condition definitions must be a map. Found a list instead`,
/// `The parameter_groups should be a list.`, or an internal error
/// (`'list' object has no attribute 'items'`). Heat treats an empty
/// `resources`, `parameters`, `outputs` or `parameter_groups` as absent, but
/// not an empty `conditions`.
///
/// ## Example
/// ```yaml
/// heat_template_version: 2021-04-16
/// resources:
///   - random:
///       type: OS::Heat::RandomString
/// ```
///
/// Use instead:
/// ```yaml
/// heat_template_version: 2021-04-16
/// resources:
///   random:
///     type: OS::Heat::RandomString
/// ```
pub(crate) struct SectionWrongType;

impl Rule for SectionWrongType {
    fn check(&self, cx: &mut Context<'_>) {
        let root = cx.root;
        match cx.kind {
            FileKind::Template => {
                for (section, expected, empty_ok) in TEMPLATE_SECTIONS {
                    // A section the version lacks is `UnknownSection`'s.
                    if !versions::is_valid(Place::Section, section, cx.version) {
                        continue;
                    }
                    let Some((key, value)) = root.get_entry(section) else {
                        continue;
                    };
                    if *empty_ok && is_falsy(value) {
                        continue;
                    }
                    check(cx, section, *expected, *empty_ok, key, value);
                }
            }
            FileKind::Environment => {
                for (section, expected, empty_ok) in ENVIRONMENT_SECTIONS {
                    let Some((key, value)) = root.get_entry(section) else {
                        continue;
                    };
                    if value.is_null() || (*empty_ok && is_falsy(value)) {
                        continue;
                    }
                    check(cx, section, *expected, false, key, value);
                }
            }
            FileKind::Other => {}
        }
    }
}

fn check(
    cx: &mut Context<'_>,
    section: &str,
    expected: Expected,
    empty_ok: bool,
    key: &Value,
    value: &Value,
) {
    let found = shape(value);
    let fits = match expected {
        Expected::Mapping => found == Shape::Map,
        Expected::List => found == Shape::Seq,
        Expected::String | Expected::StringOrList | Expected::StringOrBool => true,
    };
    if !fits {
        cx.report(
            FindingKind::SectionWrongType {
                section: section.to_owned(),
                expected,
                found,
                empty_ok,
            },
            value_span(key, value),
        );
    }
}
