//! The local state backend: a directory with one JSON file per stack.
//!
//! Files in the directory, for a stack `web`:
//! - `web.json`: the state;
//! - `web.json.backup`: the version before the last write;
//! - `web.lock`: the lock file (see `lock.rs`), empty when nobody holds it;
//! - `.web.json.tmp`, `.web.json.backup.tmp`: a write in progress, or left
//!   by a crash in the middle of one (then ignored, and reused next time).
//!
//! A write replaces a file only by renaming a complete, fsynced temporary
//! file over it, then fsyncs the directory, so after a crash at any point the
//! state file is either the old version or the new one, never a mixture.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::codec;
use super::error::StateError;
use super::lock::{self, StackLock, Unlocked};
use super::model::{SCHEMA_VERSION, StackState};

/// A directory of state files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalBackend {
    dir: PathBuf,
}

impl LocalBackend {
    /// The backend in `dir`, which is created on the first lock.
    pub fn new(dir: &Path) -> Self {
        Self {
            dir: dir.to_owned(),
        }
    }

    /// The default backend of a template: `.hotc/` in the template's
    /// directory.
    pub fn beside_template(template_path: &Path) -> Self {
        let parent = template_path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        Self::new(&parent.join(".hotc"))
    }

    /// The state directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The path of a stack's state file (whether or not it exists).
    pub fn state_path(&self, stack: &str) -> Result<PathBuf, StateError> {
        check_name(stack)?;
        Ok(self.dir.join(format!("{stack}.json")))
    }

    /// The names of the stacks that have a state file, sorted. A directory
    /// that does not exist holds no stacks.
    pub fn list(&self) -> Result<Vec<String>, StateError> {
        let entries = match fs::read_dir(&self.dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(StateError::io(&self.dir, e)),
        };
        let mut stacks = Vec::new();
        for entry in entries {
            let entry = entry.map_err(|e| StateError::io(&self.dir, e))?;
            // Names that are not UTF-8, or not a valid stack name plus
            // `.json`, were not written by hotc: temporary files start with a
            // dot and backups end in `.backup`.
            let name = entry.file_name();
            if let Some(stack) = name.to_str().and_then(|n| n.strip_suffix(".json"))
                && check_name(stack).is_ok()
            {
                stacks.push(stack.to_owned());
            }
        }
        stacks.sort();
        Ok(stacks)
    }

    /// The state of `stack`, or `None` if it has none. A corrupt file, or
    /// one of a newer schema, is an error.
    pub fn read(&self, stack: &str) -> Result<Option<StackState>, StateError> {
        let path = self.state_path(stack)?;
        match fs::read(&path) {
            Ok(bytes) => self.decode(&path, stack, &bytes).map(Some),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(StateError::io(&path, e)),
        }
    }

    /// Takes the lock of `stack` for `purpose` (e.g. "plan"), creating the
    /// directory if needed. Fails at once with [`StateError::Locked`] if
    /// another process, or another lock in this one, holds it.
    pub fn lock(&self, stack: &str, purpose: &str) -> Result<StackLock, StateError> {
        check_name(stack)?;
        create_dir(&self.dir)?;
        lock::acquire(&self.dir, &self.lock_path(stack), stack, purpose)
    }

    /// Writes `state` under `lock`, atomically, keeping the previous version
    /// as `<stack>.json.backup`, and bumps `state.serial` once it is written.
    ///
    /// Refused, with nothing written: a lock of another stack or directory,
    /// or one that was broken; a file on disk that is corrupt or newer, of
    /// another lineage, or of another serial than `state` (someone wrote
    /// since it was read); a state no reader would accept.
    pub fn write(&self, lock: &StackLock, state: &mut StackState) -> Result<(), StateError> {
        let stack = state.stack.clone();
        let path = self.state_path(&stack)?;
        if lock.stack != stack || lock.dir != self.dir {
            return Err(StateError::WrongLock {
                stack,
                locked: lock.stack.clone(),
                dir: lock.dir.clone(),
            });
        }
        if !lock.still_held()? {
            return Err(StateError::LockLost { stack });
        }
        codec::check(state).map_err(|message| StateError::Invalid {
            stack: stack.clone(),
            message,
        })?;

        let old = match fs::read(&path) {
            Ok(bytes) => Some(bytes),
            Err(e) if e.kind() == io::ErrorKind::NotFound => None,
            Err(e) => return Err(StateError::io(&path, e)),
        };
        if let Some(bytes) = &old {
            // This is what keeps a corrupt or newer file from being
            // overwritten: it must read before it is replaced.
            let on_disk = self.decode(&path, &stack, bytes)?;
            if on_disk.lineage != state.lineage {
                return Err(StateError::LineageMismatch {
                    stack,
                    expected: state.lineage.clone(),
                    found: on_disk.lineage,
                });
            }
            if on_disk.serial != state.serial {
                return Err(StateError::Conflict {
                    stack,
                    expected: state.serial,
                    found: on_disk.serial,
                });
            }
        }

        let mut next = state.clone();
        next.version = SCHEMA_VERSION;
        // A u64 serial bumped once per write does not overflow.
        next.serial += 1;
        let text = next.to_json();
        // Never write what could not be read back (a value nested deeper
        // than the JSON reader's limit, say).
        codec::decode(&path, &stack, text.as_bytes()).map_err(|e| StateError::Invalid {
            stack: stack.clone(),
            message: format!("it would not read back: {e}"),
        })?;

        if let Some(bytes) = &old {
            self.replace(&format!("{stack}.json.backup"), bytes)?;
        }
        // The lock could have been broken while the old file was read; the
        // window left between this check and the rename is a few syscalls.
        if !lock.still_held()? {
            return Err(StateError::LockLost { stack });
        }
        self.replace(&format!("{stack}.json"), text.as_bytes())?;
        *state = next;
        Ok(())
    }

    /// Clears the lock record of `stack` left by a process that is gone, or
    /// with `force` breaks a lock that a live process holds.
    ///
    /// Without `force` a held lock is refused ([`StateError::Locked`]): the
    /// OS releases the lock of a process that exits, so a held lock means
    /// its holder is running (or hung, or on a network filesystem, on a host
    /// that died). Breaking it removes the lock file; the holder's next write
    /// then fails with [`StateError::LockLost`].
    pub fn unlock(&self, stack: &str, force: bool) -> Result<Unlocked, StateError> {
        check_name(stack)?;
        let path = self.lock_path(stack);
        let result = lock::release(&path, stack, force)?;
        if matches!(result, Unlocked::Broken(_)) {
            sync_dir(&self.dir)?;
        }
        Ok(result)
    }

    /// `codec::decode`, with the backup to restore from named in a
    /// corruption error when there is one.
    fn decode(&self, path: &Path, stack: &str, bytes: &[u8]) -> Result<StackState, StateError> {
        codec::decode(path, stack, bytes).map_err(|e| match e {
            StateError::Corrupt {
                path,
                line,
                column,
                message,
                backup: _,
            } => {
                let backup = self.dir.join(format!("{stack}.json.backup"));
                StateError::Corrupt {
                    path,
                    line,
                    column,
                    message,
                    backup: backup.is_file().then_some(backup),
                }
            }
            other => other,
        })
    }

    fn lock_path(&self, stack: &str) -> PathBuf {
        self.dir.join(format!("{stack}.lock"))
    }

    /// Replaces `name` in the directory with `bytes`: a temporary file
    /// beside it, written and fsynced, renamed over it, then the directory
    /// fsynced so that the rename itself is durable.
    fn replace(&self, name: &str, bytes: &[u8]) -> Result<(), StateError> {
        let target = self.dir.join(name);
        // The lock makes this writer the only one, so a fixed name is safe;
        // one left by a crash is simply truncated.
        let temp = self.dir.join(format!(".{name}.tmp"));
        let written = (|| {
            let mut file = private_file(&temp)?;
            file.write_all(bytes)?;
            file.sync_all()
        })();
        if let Err(e) = written {
            let _ = fs::remove_file(&temp);
            return Err(StateError::io(&temp, e));
        }
        fs::rename(&temp, &target).map_err(|e| StateError::io(&target, e))?;
        sync_dir(&self.dir)
    }
}

/// A stack name is a file name: nonempty, no path separator, no leading dot
/// (which also keeps `.` and `..` out, and temporary files apart).
fn check_name(name: &str) -> Result<(), StateError> {
    let reason = if name.is_empty() {
        "it is empty"
    } else if name.contains(['/', '\\']) {
        "it contains a path separator"
    } else if name.starts_with('.') {
        "it starts with a dot"
    } else if name.contains('\0') {
        "it contains a NUL character"
    } else {
        return Ok(());
    };
    Err(StateError::BadStackName {
        name: name.to_owned(),
        reason,
    })
}

/// State files hold resolved properties, which can include secrets, so they
/// are readable by their owner only.
fn private_file(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)
}

fn create_dir(dir: &Path) -> Result<(), StateError> {
    fs::create_dir_all(dir).map_err(|e| StateError::io(dir, e))
}

/// Makes the directory's entries (a rename, a removal) durable.
#[cfg(unix)]
fn sync_dir(dir: &Path) -> Result<(), StateError> {
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| StateError::io(dir, e))
}

/// Directories cannot be opened as files everywhere; there the rename is as
/// durable as the filesystem makes it.
#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> Result<(), StateError> {
    Ok(())
}
