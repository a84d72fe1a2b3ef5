//! The lock of a stack: an OS file lock on `<stack>.lock`, plus a record in
//! that file of who holds it.
//!
//! The lock itself is `File::try_lock` (an exclusive `flock` on Unix), taken
//! on the open file and never waited for. Because the kernel releases it when
//! its holder exits, a crashed hotc never leaves a stack locked: it leaves
//! only a stale record, which the next lock overwrites and
//! `LocalBackend::unlock` clears. What the lock cannot survive is a holder
//! that hangs, or a network filesystem whose lock server has not yet noticed
//! that the holder's host died; `unlock` with `force` breaks such a lock by
//! removing the file, and the old holder, which checks before every write
//! that its file is still the one at the path, then refuses to write.
//!
//! The lock file is never removed on release (only emptied): removing it
//! would let a process that opened the old file lock it while another locks
//! a new file of the same name.

use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::thread;
use std::time::{Duration, SystemTime};

use serde::{Deserialize, Serialize};

use super::error::StateError;
use super::time::rfc3339;

/// Who holds a stack's lock, as recorded in the lock file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LockInfo {
    /// The holder's process id.
    pub pid: u32,
    /// The holder's host name.
    pub host: String,
    /// When it took the lock, RFC 3339 in UTC (`2026-01-02T03:04:05Z`).
    pub since: String,
    /// What it took the lock for, e.g. "plan" or "state rm".
    pub purpose: String,
}

impl LockInfo {
    /// A record for this process, now.
    fn here(purpose: &str) -> Self {
        Self {
            pid: std::process::id(),
            host: host_name(),
            since: rfc3339(SystemTime::now()),
            purpose: purpose.to_owned(),
        }
    }
}

/// A held lock on one stack. Dropping it releases the lock and empties the
/// record.
#[derive(Debug)]
pub struct StackLock {
    /// The open lock file; the OS lock lives as long as this handle.
    file: File,
    path: PathBuf,
    pub(super) dir: PathBuf,
    pub(super) stack: String,
    info: LockInfo,
}

impl StackLock {
    /// The stack this lock is for.
    pub fn stack(&self) -> &str {
        &self.stack
    }

    /// The record written for this lock.
    pub fn info(&self) -> &LockInfo {
        &self.info
    }

    /// Whether the lock file at the path is still the one this lock holds
    /// (it is not if `unlock --force` removed it, whoever locked it since).
    pub(super) fn still_held(&self) -> Result<bool, StateError> {
        same_file(&self.file, &self.path)
    }
}

impl Drop for StackLock {
    fn drop(&mut self) {
        // Empty the record while still holding the lock, so that nobody
        // reads it as a holder; closing the file then releases the lock. If
        // this fails the record is merely stale, which the next lock
        // overwrites.
        let _ = self.file.set_len(0);
    }
}

/// What `unlock` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unlocked {
    /// Nobody held the lock: the record of a process that exited without
    /// releasing it (a crash) was cleared.
    Stale(Option<LockInfo>),
    /// A lock held by a live process was broken (`force`): its file was
    /// removed, so the holder's next write fails.
    Broken(Option<LockInfo>),
}

/// Takes the lock of `stack` at `path` (inside `dir`), without waiting.
pub(super) fn acquire(
    dir: &Path,
    path: &Path,
    stack: &str,
    purpose: &str,
) -> Result<StackLock, StateError> {
    // A forced unlock can remove the file between our open and our lock,
    // leaving us holding a file nobody else will open; then start over with
    // the new one. Twice is plenty: it takes a human to force an unlock.
    for _ in 0..3 {
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            // The record belongs to whoever holds the lock: never truncate
            // before holding it.
            .truncate(false)
            .open(path)
            .map_err(|e| StateError::io(path, e))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                return Err(StateError::Locked {
                    stack: stack.to_owned(),
                    holder: read_holder(path),
                });
            }
            Err(TryLockError::Error(e)) => return Err(StateError::io(path, e)),
        }
        if !same_file(&file, path)? {
            continue;
        }
        let info = LockInfo::here(purpose);
        write_record(&mut file, &info).map_err(|e| StateError::io(path, e))?;
        return Ok(StackLock {
            file,
            path: path.to_owned(),
            dir: dir.to_owned(),
            stack: stack.to_owned(),
            info,
        });
    }
    Err(StateError::Locked {
        stack: stack.to_owned(),
        holder: read_holder(path),
    })
}

/// Clears a stale lock record, or with `force` breaks a held lock.
pub(super) fn release(path: &Path, stack: &str, force: bool) -> Result<Unlocked, StateError> {
    let mut file = match OpenOptions::new().read(true).write(true).open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return Err(StateError::NotLocked {
                stack: stack.to_owned(),
            });
        }
        Err(e) => return Err(StateError::io(path, e)),
    };
    match file.try_lock() {
        Ok(()) => {
            let mut text = String::new();
            file.read_to_string(&mut text)
                .map_err(|e| StateError::io(path, e))?;
            if text.trim().is_empty() {
                return Err(StateError::NotLocked {
                    stack: stack.to_owned(),
                });
            }
            file.set_len(0).map_err(|e| StateError::io(path, e))?;
            file.sync_all().map_err(|e| StateError::io(path, e))?;
            Ok(Unlocked::Stale(serde_json::from_str(&text).ok()))
        }
        Err(TryLockError::WouldBlock) => {
            let holder = read_holder(path);
            if !force {
                return Err(StateError::Locked {
                    stack: stack.to_owned(),
                    holder,
                });
            }
            fs::remove_file(path).map_err(|e| StateError::io(path, e))?;
            Ok(Unlocked::Broken(holder))
        }
        Err(TryLockError::Error(e)) => Err(StateError::io(path, e)),
    }
}

fn write_record(file: &mut File, info: &LockInfo) -> io::Result<()> {
    let mut text = serde_json::to_string_pretty(info).map_err(io::Error::other)?;
    text.push('\n');
    file.set_len(0)?;
    file.seek(SeekFrom::Start(0))?;
    file.write_all(text.as_bytes())?;
    file.sync_data()
}

/// The record of the current holder. A holder writes its record just after
/// taking the lock, so an empty file may only mean "not yet": look a few
/// times over a fraction of a second before giving up.
fn read_holder(path: &Path) -> Option<LockInfo> {
    for attempt in 0..10 {
        if attempt > 0 {
            thread::sleep(Duration::from_millis(20));
        }
        if let Ok(text) = fs::read_to_string(path)
            && let Ok(info) = serde_json::from_str(&text)
        {
            return Some(info);
        }
    }
    None
}

/// Whether `path` names the file open as `file`.
#[cfg(unix)]
fn same_file(file: &File, path: &Path) -> Result<bool, StateError> {
    use std::os::unix::fs::MetadataExt;
    let open = file.metadata().map_err(|e| StateError::io(path, e))?;
    match fs::metadata(path) {
        Ok(named) => Ok(open.dev() == named.dev() && open.ino() == named.ino()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(StateError::io(path, e)),
    }
}

/// Without inode numbers the check is only that the path still exists.
#[cfg(not(unix))]
fn same_file(_file: &File, path: &Path) -> Result<bool, StateError> {
    match fs::metadata(path) {
        Ok(_) => Ok(true),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(StateError::io(path, e)),
    }
}

/// This machine's name, for lock records: the kernel's (Linux), else
/// `/etc/hostname`, else `$HOSTNAME`, else "unknown". No process is started.
fn host_name() -> String {
    let from_file = |path: &str| {
        fs::read_to_string(path)
            .ok()
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
    };
    from_file("/proc/sys/kernel/hostname")
        .or_else(|| from_file("/etc/hostname"))
        .or_else(|| {
            std::env::var("HOSTNAME")
                .ok()
                .map(|s| s.trim().to_owned())
                .filter(|s| !s.is_empty())
        })
        .unwrap_or_else(|| "unknown".to_owned())
}
