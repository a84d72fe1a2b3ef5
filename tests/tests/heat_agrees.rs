//! Severity follows Heat: every lint fixture is checked against a real Heat.
//!
//! For each code's fixtures (tests/lint/HOTnnn/): `good.yaml` must pass the
//! validation Heat runs before it creates a stack, `bad.yaml` must be refused
//! by Heat when the code is an error, and accepted when it is a warning (a
//! warning is, by definition, something Heat accepts).
//!
//! Heat runs in process through tests/oracle/heat_validate.py, with the Python
//! of a venv that has openstack-heat: `$HOTC_HEAT_PYTHON`, else the reference
//! venv of ../shared/heat/setup.sh (`~/.cache/heat-ref/venv`). Skipped with a
//! message when neither exists, unless `HOTC_REQUIRE_HEAT=1`.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Command;

use hotc_compiler::diagnostics::Severity;
use hotc_compiler::diagnostics::codes;
use hotc_tests::{heat_python_or_skip, workspace_root};

/// Codes whose bad fixture Heat judges otherwise than the code's severity
/// says (accepted although the code is an error, or refused although it is
/// a warning), each with the reason hotc departs from Heat.
const KNOWN_DEPARTURES: &[(&str, &str)] = &[
    (
        "HOT041",
        "an environment's resource_registry may map a custom type, and a template linted without -e is checked without the environments it is used with; Heat given the template alone refuses it",
    ),
    (
        "HOT004",
        "hotc caps nesting at 256 levels to bound its stack; Heat's loader goes to about 990",
    ),
];

#[test]
fn heat_agrees_with_every_fixture() {
    let Some(python) = heat_python_or_skip() else {
        return;
    };
    let root = workspace_root();
    let mut files: Vec<PathBuf> = Vec::new();
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root.join("tests/lint"))
        .expect("tests/lint exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    for dir in &dirs {
        for name in ["bad.yaml", "good.yaml"] {
            let f = dir.join(name);
            if f.is_file() {
                files.push(f);
            }
        }
    }
    let out = Command::new(&python)
        .arg(root.join("tests/oracle/heat_validate.py"))
        .args(&files)
        .output()
        .expect("the Heat python runs");
    assert!(
        out.status.success(),
        "heat_validate.py failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut verdicts: BTreeMap<String, (bool, String)> = BTreeMap::new();
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("one JSON object a line");
        let path = v["path"].as_str().unwrap_or_default().to_owned();
        let ok = v["ok"].as_bool().unwrap_or(false);
        let message = v["message"].as_str().unwrap_or_default().to_owned();
        verdicts.insert(path, (ok, message));
    }
    let mut failures = Vec::new();
    for f in &files {
        let key = f.to_string_lossy().into_owned();
        let Some((ok, message)) = verdicts.get(&key) else {
            failures.push(format!("{key}: no verdict from Heat"));
            continue;
        };
        let code = f
            .parent()
            .and_then(|d| d.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let good = f.file_name().is_some_and(|n| n == "good.yaml");
        let severity = codes::lookup(&code).map(|c| c.severity);
        let departs = KNOWN_DEPARTURES.iter().any(|(c, _)| *c == code);
        match (good, severity) {
            (true, _) if !ok => {
                failures.push(format!("{key}: Heat refuses a good fixture: {message}"))
            }
            (false, Some(Severity::Error)) if *ok && !departs => {
                failures.push(format!(
                    "{key}: {code} is an error but Heat accepts the file"
                ));
            }
            (false, Some(Severity::Warning)) if !ok && !departs => {
                failures.push(format!(
                    "{key}: {code} is a warning but Heat refuses the file: {message}"
                ));
            }
            (false, None) => failures.push(format!("{key}: {code} is not in the code table")),
            _ => {}
        }
    }
    assert!(
        failures.is_empty(),
        "{} disagreement(s) with Heat:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
