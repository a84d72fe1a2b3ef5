//! The state store through its public API, in scratch directories.
#![expect(clippy::unwrap_used, clippy::indexing_slicing, reason = "tests")]

use std::fs;
use std::path::Path;

use serde_json::json;

use super::*;

fn backend() -> (tempfile::TempDir, LocalBackend) {
    let dir = tempfile::tempdir().unwrap();
    let backend = LocalBackend::new(&dir.path().join(".hotc"));
    (dir, backend)
}

fn server() -> ResourceState {
    let mut properties = serde_json::Map::new();
    // Inserted out of order: the file must list them sorted.
    properties.insert("name".into(), json!("web-1"));
    properties.insert("flavor".into(), json!("m1.small"));
    ResourceState {
        type_name: "OS::Nova::Server".into(),
        provider: "heat".into(),
        physical_id: Some("7f3c".into()),
        properties,
        attributes: serde_json::Map::new(),
        status: ResourceStatus::CreateComplete,
        depends_on: vec!["port".into()],
        metadata: None,
    }
}

fn sample(stack: &str) -> StackState {
    let mut state = StackState::new(stack);
    state.template_hash = Some(template_hash("heat_template_version: 2018-08-31\n"));
    let password = state.param_record(true, &json!("s3cret"));
    state.parameters.insert("db_password".into(), password);
    state
        .parameters
        .insert("flavor".into(), ParamRecord::clear(json!("m1.small")));
    state.outputs.insert("url".into(), json!({"b": 1, "a": 2}));
    state.resources.insert("server".into(), server());
    state
}

/// Writes `state` as its first version, under a lock taken and released here.
fn create(backend: &LocalBackend, state: &mut StackState) {
    let lock = backend.lock(&state.stack, "test").unwrap();
    backend.write(&lock, state).unwrap();
}

fn read_text(path: &Path) -> String {
    fs::read_to_string(path).unwrap()
}

#[test]
fn write_then_read_gives_the_same_state() {
    let (_tmp, backend) = backend();
    let mut state = sample("web");
    create(&backend, &mut state);
    assert_eq!(state.serial, 1);
    assert_eq!(backend.read("web").unwrap(), Some(state.clone()));
    assert_eq!(backend.read("other").unwrap(), None);

    let text = read_text(&backend.dir().join("web.json"));
    assert_eq!(text, state.to_json());
    assert!(text.ends_with("}\n"));
    assert!(text.find("\"flavor\"").unwrap() < text.find("\"name\"").unwrap());
    assert!(text.find("\"a\": 2").unwrap() < text.find("\"b\": 1").unwrap());
}

#[test]
fn hidden_parameters_are_never_in_clear_text() {
    let (_tmp, backend) = backend();
    let mut state = sample("web");
    create(&backend, &mut state);
    let text = read_text(&backend.dir().join("web.json"));
    assert!(!text.contains("s3cret"));

    let record = &state.parameters["db_password"];
    assert!(record.value.is_none());
    assert!(record.matches(&state.lineage, &json!("s3cret")));
    assert!(!record.matches(&state.lineage, &json!("other")));
    // Salted with the lineage: the same value hashes differently elsewhere.
    assert!(!record.matches("another lineage", &json!("s3cret")));
    let clear = &state.parameters["flavor"];
    assert!(clear.matches(&state.lineage, &json!("m1.small")));
    // Key order does not matter to a hidden value's hash.
    let map = ParamRecord::hidden("l", &json!({"a": 1, "b": 2}));
    assert!(map.matches("l", &json!({"b": 2, "a": 1})));
}

#[test]
fn every_write_bumps_the_serial_and_keeps_a_backup() {
    let (_tmp, backend) = backend();
    let mut state = sample("web");
    create(&backend, &mut state);
    let first = read_text(&backend.dir().join("web.json"));
    assert!(!backend.dir().join("web.json.backup").exists());

    state.resources.remove("server");
    let lock = backend.lock("web", "test").unwrap();
    backend.write(&lock, &mut state).unwrap();
    assert_eq!(state.serial, 2);
    assert_eq!(read_text(&backend.dir().join("web.json.backup")), first);
    assert_eq!(backend.read("web").unwrap().unwrap().serial, 2);
    assert_eq!(backend.list().unwrap(), ["web"]);
}

#[test]
fn a_second_lock_conflicts_even_in_one_process() {
    // flock locks belong to the open file, not the process: two opens of
    // the lock file conflict, so this test needs no second process.
    let (_tmp, backend) = backend();
    let held = backend.lock("web", "plan").unwrap();
    assert_eq!(held.info().pid, std::process::id());
    match backend.lock("web", "apply") {
        Err(StateError::Locked { stack, holder }) => {
            assert_eq!(stack, "web");
            assert_eq!(holder.as_ref(), Some(held.info()));
        }
        other => panic!("expected Locked, got {other:?}"),
    }
    // Another stack is another lock.
    drop(backend.lock("db", "plan").unwrap());

    let message = backend.lock("web", "apply").unwrap_err().to_string();
    assert!(message.contains(&format!("pid {}", std::process::id())));
    assert!(message.contains("(plan)"));
    assert!(message.contains("hotc state unlock web"));

    drop(held);
    assert_eq!(read_text(&backend.dir().join("web.lock")), "");
    drop(backend.lock("web", "apply").unwrap());
}

#[test]
fn a_lock_record_says_who_and_since_when() {
    let (_tmp, backend) = backend();
    let lock = backend.lock("web", "plan").unwrap();
    let record: LockInfo =
        serde_json::from_str(&read_text(&backend.dir().join("web.lock"))).unwrap();
    assert_eq!(&record, lock.info());
    assert_eq!(record.purpose, "plan");
    assert!(!record.host.is_empty());
    // RFC 3339 in UTC, to the second.
    assert_eq!(record.since.len(), "2026-01-02T03:04:05Z".len());
    assert!(record.since.ends_with('Z'));
}

#[test]
fn a_corrupt_file_is_refused_and_never_overwritten() {
    let (_tmp, backend) = backend();
    let path = backend.dir().join("web.json");
    fs::create_dir_all(backend.dir()).unwrap();
    let garbage = "{\n  \"version\": 1,\n  \"lineage\": oops\n}\n";
    fs::write(&path, garbage).unwrap();

    match backend.read("web") {
        Err(StateError::Corrupt { line, column, .. }) => assert_eq!((line, column), (3, 14)),
        other => panic!("expected Corrupt, got {other:?}"),
    }
    let mut state = sample("web");
    let lock = backend.lock("web", "test").unwrap();
    assert!(matches!(
        backend.write(&lock, &mut state),
        Err(StateError::Corrupt { .. })
    ));
    assert_eq!(read_text(&path), garbage);
    assert_eq!(state.serial, 0);
    assert!(!backend.dir().join("web.json.backup").exists());

    let message = backend.read("web").unwrap_err().to_string();
    assert!(message.contains("web.json:3:14: not a valid state file"));
    assert!(message.contains("move it away"));
    // With a previous version, the message points at it.
    fs::write(backend.dir().join("web.json.backup"), "{}").unwrap();
    let message = backend.read("web").unwrap_err().to_string();
    assert!(
        message.contains("restore the previous version from"),
        "{message}"
    );
}

#[test]
fn a_file_that_does_not_fit_the_schema_is_corrupt() {
    let (_tmp, backend) = backend();
    let path = backend.dir().join("web.json");
    fs::create_dir_all(backend.dir()).unwrap();
    let mut state = sample("web");
    create(&backend, &mut state);

    // Another stack's file under this name.
    let text = read_text(&path).replace("\"stack\": \"web\"", "\"stack\": \"db\"");
    fs::write(&path, &text).unwrap();
    let message = backend.read("web").unwrap_err().to_string();
    assert!(message.contains("holds stack `db`"), "{message}");

    // A hidden parameter with its value in clear text.
    let mut leaked = sample("web");
    leaked.parameters.get_mut("db_password").unwrap().value = Some(json!("s3cret"));
    fs::write(&path, leaked.to_json()).unwrap();
    assert!(matches!(
        backend.read("web"),
        Err(StateError::Corrupt { .. })
    ));
    // And hotc will not write one either.
    fs::remove_file(&path).unwrap();
    let lock = backend.lock("web", "test").unwrap();
    assert!(matches!(
        backend.write(&lock, &mut leaked),
        Err(StateError::Invalid { .. })
    ));

    // A missing field, with its place.
    fs::write(&path, "{\"version\": 1, \"lineage\": \"x\"}").unwrap();
    assert!(matches!(
        backend.read("web"),
        Err(StateError::Corrupt { line: 1, .. })
    ));
    fs::write(&path, "[]").unwrap();
    assert!(matches!(
        backend.read("web"),
        Err(StateError::Corrupt { .. })
    ));
}

#[test]
fn a_newer_schema_is_refused_and_never_overwritten() {
    let (_tmp, backend) = backend();
    let path = backend.dir().join("web.json");
    fs::create_dir_all(backend.dir()).unwrap();
    // A newer hotc may have changed anything but the version field.
    let newer = "{\"version\": 2, \"resources\": [\"a new shape\"]}\n";
    fs::write(&path, newer).unwrap();
    match backend.read("web") {
        Err(StateError::NewerSchema {
            found, supported, ..
        }) => assert_eq!((found, supported), (2, SCHEMA_VERSION)),
        other => panic!("expected NewerSchema, got {other:?}"),
    }
    let lock = backend.lock("web", "test").unwrap();
    assert!(matches!(
        backend.write(&lock, &mut sample("web")),
        Err(StateError::NewerSchema { .. })
    ));
    assert_eq!(read_text(&path), newer);
}

#[test]
fn a_crash_before_the_rename_leaves_the_old_file() {
    let (_tmp, backend) = backend();
    let mut state = sample("web");
    create(&backend, &mut state);
    let before = read_text(&backend.dir().join("web.json"));

    // What a crash between writing the temporary file and renaming it
    // leaves behind: a partial temporary file beside the intact state.
    let temp = backend.dir().join(".web.json.tmp");
    fs::write(&temp, "{\"version\": 1, \"lin").unwrap();
    assert_eq!(backend.read("web").unwrap(), Some(state.clone()));
    assert_eq!(backend.list().unwrap(), ["web"]);
    assert_eq!(read_text(&backend.dir().join("web.json")), before);

    // The next write reuses the temporary file's name and leaves none.
    let lock = backend.lock("web", "test").unwrap();
    backend.write(&lock, &mut state).unwrap();
    assert!(!temp.exists());
    assert_eq!(backend.read("web").unwrap().unwrap().serial, 2);
}

#[test]
fn a_write_from_a_stale_read_or_another_lineage_is_refused() {
    let (_tmp, backend) = backend();
    let mut state = sample("web");
    create(&backend, &mut state);
    let mut stale = state.clone();
    let lock = backend.lock("web", "test").unwrap();
    backend.write(&lock, &mut state).unwrap();
    assert!(matches!(
        backend.write(&lock, &mut stale),
        Err(StateError::Conflict {
            expected: 1,
            found: 2,
            ..
        })
    ));
    assert_eq!(stale.serial, 1);

    let mut stranger = sample("web");
    stranger.serial = 2;
    assert!(matches!(
        backend.write(&lock, &mut stranger),
        Err(StateError::LineageMismatch { .. })
    ));
}

#[test]
fn a_write_needs_the_lock_of_its_stack() {
    let (_tmp, backend) = backend();
    let lock = backend.lock("db", "test").unwrap();
    assert!(matches!(
        backend.write(&lock, &mut sample("web")),
        Err(StateError::WrongLock { .. })
    ));
    let elsewhere = LocalBackend::new(&backend.dir().join("sub"));
    let lock = elsewhere.lock("web", "test").unwrap();
    assert!(matches!(
        backend.write(&lock, &mut sample("web")),
        Err(StateError::WrongLock { .. })
    ));
}

#[test]
fn unlock_clears_a_stale_record_and_breaks_a_held_lock_only_by_force() {
    let (_tmp, backend) = backend();
    assert!(matches!(
        backend.unlock("web", false),
        Err(StateError::NotLocked { .. })
    ));
    drop(backend.lock("web", "test").unwrap());
    assert!(matches!(
        backend.unlock("web", false),
        Err(StateError::NotLocked { .. })
    ));

    // A crashed holder: its record stays, but the OS released its lock.
    let crashed = LockInfo {
        pid: 4242,
        host: "build-7".into(),
        since: "2026-01-02T03:04:05Z".into(),
        purpose: "apply".into(),
    };
    let lock_path = backend.dir().join("web.lock");
    fs::write(&lock_path, serde_json::to_string(&crashed).unwrap()).unwrap();
    // It does not block a new lock...
    drop(backend.lock("web", "plan").unwrap());
    // ...and unlock clears it.
    fs::write(&lock_path, serde_json::to_string(&crashed).unwrap()).unwrap();
    assert_eq!(
        backend.unlock("web", false).unwrap(),
        Unlocked::Stale(Some(crashed))
    );
    assert_eq!(read_text(&lock_path), "");

    // A live holder is refused without force.
    let mut state = sample("web");
    let held = backend.lock("web", "apply").unwrap();
    assert!(matches!(
        backend.unlock("web", false),
        Err(StateError::Locked { .. })
    ));
    assert_eq!(
        backend.unlock("web", true).unwrap(),
        Unlocked::Broken(Some(held.info().clone()))
    );
    // The broken holder can no longer write; a new holder can.
    assert!(matches!(
        backend.write(&held, &mut state),
        Err(StateError::LockLost { .. })
    ));
    let new = backend.lock("web", "apply").unwrap();
    backend.write(&new, &mut state).unwrap();
    // Dropping the broken lock does not touch the new holder's record.
    drop(held);
    assert!(read_text(&lock_path).contains("\"apply\""));
}

#[test]
fn stack_names_are_file_names() {
    let (_tmp, backend) = backend();
    for bad in ["", "a/b", "..", ".hidden", "a\\b"] {
        assert!(
            matches!(backend.read(bad), Err(StateError::BadStackName { .. })),
            "{bad:?}"
        );
        assert!(matches!(
            backend.lock(bad, "test"),
            Err(StateError::BadStackName { .. })
        ));
    }
    assert!(backend.read("web-1.prod").unwrap().is_none());
}

#[test]
fn list_shows_only_state_files() {
    let (_tmp, backend) = backend();
    assert_eq!(backend.list().unwrap(), Vec::<String>::new());
    let mut web = sample("web");
    create(&backend, &mut web);
    create(&backend, &mut web);
    create(&backend, &mut sample("db"));
    fs::write(backend.dir().join(".web.json.tmp"), "").unwrap();
    fs::write(backend.dir().join("notes.txt"), "").unwrap();
    assert_eq!(backend.list().unwrap(), ["db", "web"]);
}

#[test]
fn lineages_are_fresh_32_hex_digits() {
    let a = StackState::new("web").lineage;
    let b = StackState::new("web").lineage;
    assert_ne!(a, b);
    assert_eq!(a.len(), 32);
    assert!(a.chars().all(|c| c.is_ascii_hexdigit()));
}

#[test]
fn the_default_directory_is_beside_the_template() {
    assert_eq!(
        LocalBackend::beside_template(Path::new("stacks/web.yaml")).dir(),
        Path::new("stacks/.hotc")
    );
    assert_eq!(
        LocalBackend::beside_template(Path::new("web.yaml")).dir(),
        Path::new("./.hotc")
    );
}

#[cfg(unix)]
#[test]
fn state_files_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let (_tmp, backend) = backend();
    let mut state = sample("web");
    create(&backend, &mut state);
    create(&backend, &mut state);
    for name in ["web.json", "web.json.backup"] {
        let mode = fs::metadata(backend.dir().join(name))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "{name}");
    }
}

/// Metadata is recorded when a resource has some, and a file written
/// before it was (no `metadata` key) still reads, as none.
#[test]
fn metadata_is_optional_in_files() {
    let mut with = server();
    with.metadata = Some(json!({"owner": "ops"}));
    let text = serde_json::to_string(&with).unwrap();
    assert!(text.contains("\"metadata\""));
    let without = serde_json::to_string(&server()).unwrap();
    assert!(!without.contains("metadata"));
    let read: ResourceState = serde_json::from_str(&without).unwrap();
    assert_eq!(read.metadata, None);
}
