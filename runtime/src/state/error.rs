//! What can go wrong with stack state, as data; the `Display` impl below is
//! the one place where these become messages.
//!
//! A message says what was expected, what was found and, on `help:` lines,
//! how to get out of it. The CLI prints it after `error: ` as it is.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use super::lock::LockInfo;

/// An error of the state store.
#[derive(Debug, thiserror::Error)]
pub enum StateError {
    /// Reading or writing `path` failed.
    #[error("{}: {}", .path.display(), describe(.source))]
    Io { path: PathBuf, source: io::Error },

    /// The state file is not one hotc wrote. `line` and `column` are 1-based;
    /// both are 0 when the fault has no single place. `backup` is the
    /// previous version, when there is one.
    #[error(
        "{}: not a valid state file: {message}\n  \
         help: hotc will not overwrite it; {}",
        at(path, *line, *column),
        repair(backup.as_deref())
    )]
    Corrupt {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
        backup: Option<PathBuf>,
    },

    /// The state file has a schema version this hotc does not know.
    #[error(
        "{}: state schema version {found} is newer than this hotc supports ({supported})\n  \
         help: use the newer hotc that wrote it; this one will not change the file",
        .path.display()
    )]
    NewerSchema {
        path: PathBuf,
        found: u64,
        supported: u32,
    },

    /// Another process holds the stack's lock. `holder` is `None` when its
    /// lock record could not be read (not written yet, or damaged).
    #[error(
        "stack `{stack}` is locked by {}\n  \
         help: wait for it to finish; if that process is gone, run `hotc state unlock {stack} --force`",
        holder_text(holder.as_ref())
    )]
    Locked {
        stack: String,
        holder: Option<LockInfo>,
    },

    /// `unlock` found no lock record.
    #[error("stack `{stack}` is not locked; there is nothing to unlock")]
    NotLocked { stack: String },

    /// The lock this process held was broken (`hotc state unlock --force`)
    /// or its file replaced; nothing was written.
    #[error(
        "the lock on stack `{stack}` was broken while this process held it; nothing was written\n  \
         help: someone ran `hotc state unlock {stack} --force`; read the state again and retry"
    )]
    LockLost { stack: String },

    /// A write of one stack under the lock of another (a bug in the caller).
    #[error(
        "cannot write stack `{stack}` under the lock of stack `{locked}` in {}",
        .dir.display()
    )]
    WrongLock {
        stack: String,
        locked: String,
        dir: PathBuf,
    },

    /// The state on disk is not the one the write started from.
    #[error(
        "stack `{stack}` changed since it was read: serial {found} on disk, {expected} expected\n  \
         help: read the state again under the lock and redo the change"
    )]
    Conflict {
        stack: String,
        expected: u64,
        found: u64,
    },

    /// The state on disk belongs to another history of a stack of that name.
    #[error(
        "stack `{stack}` on disk has lineage {found}, the state being written has {expected}\n  \
         help: they are different stacks that share a name; use another state directory \
         or remove the old state file"
    )]
    LineageMismatch {
        stack: String,
        expected: String,
        found: String,
    },

    /// A state that no reader would accept (a bug in the caller).
    #[error("refusing to write stack `{stack}`: {message}")]
    Invalid { stack: String, message: String },

    /// A stack name that cannot be a file name in the state directory.
    #[error(
        "`{name}` is not a valid stack name: {reason}\n  \
         help: a stack name is a file name in the state directory: not empty, \
         no `/` or `\\`, no leading `.`"
    )]
    BadStackName { name: String, reason: &'static str },
}

impl StateError {
    pub(super) fn io(path: &Path, source: io::Error) -> Self {
        Self::Io {
            path: path.to_owned(),
            source,
        }
    }
}

fn describe(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file or directory".to_owned(),
        io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        io::ErrorKind::IsADirectory => "is a directory".to_owned(),
        io::ErrorKind::NotADirectory => "not a directory".to_owned(),
        _ => e.to_string(),
    }
}

fn at(path: &Path, line: usize, column: usize) -> String {
    if line == 0 {
        path.display().to_string()
    } else {
        format!("{}:{line}:{column}", path.display())
    }
}

fn repair(backup: Option<&Path>) -> String {
    match backup {
        Some(backup) => format!(
            "fix it by hand, or restore the previous version from `{}`",
            backup.display()
        ),
        None => "fix it by hand, or move it away to start the stack afresh".to_owned(),
    }
}

fn holder_text(holder: Option<&LockInfo>) -> String {
    match holder {
        Some(h) => h.to_string(),
        None => "another process (its lock record is empty or unreadable)".to_owned(),
    }
}

/// `pid 4242 on build-7 since 2026-01-02T03:04:05Z (apply)`.
impl fmt::Display for LockInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "pid {} on {} since {} ({})",
            self.pid, self.host, self.since, self.purpose
        )
    }
}
