//! `netplus backup` and `netplus restore`: a consistent copy of the store, taken
//! while the bot is stopped. Opening the store first proves nobody else has it
//! open (sled holds a lock) and replays its log; then its files are copied.

use super::{Store, StoreError};
use std::path::{Path, PathBuf};

/// Written into every backup folder, so `restore` can tell one from any folder.
pub const MARKER: &str = "NETPLUS-BACKUP";

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("cannot open the store at {}: is the bot still running? Stop it first. ({source})", path.display())]
    InUse { path: PathBuf, source: StoreError },
    #[error("{} is not empty: choose a new folder", .0.display())]
    NotEmpty(PathBuf),
    #[error("{} is not a netplus backup (no {MARKER} file)", .0.display())]
    NotABackup(PathBuf),
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the restored store does not open: {0}")]
    Verify(StoreError),
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> BackupError + '_ {
    move |source| BackupError::Io {
        path: path.to_path_buf(),
        source,
    }
}

fn empty_or_missing(dir: &Path) -> Result<bool, BackupError> {
    match std::fs::read_dir(dir) {
        Ok(mut entries) => Ok(entries.next().is_none()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(true),
        Err(e) => Err(io(dir)(e)),
    }
}

fn copy_dir(from: &Path, to: &Path) -> Result<u64, BackupError> {
    std::fs::create_dir_all(to).map_err(io(to))?;
    let mut bytes = 0;
    for entry in std::fs::read_dir(from).map_err(io(from))? {
        let entry = entry.map_err(io(from))?;
        let src = entry.path();
        let dst = to.join(entry.file_name());
        if entry.file_type().map_err(io(&src))?.is_dir() {
            bytes += copy_dir(&src, &dst)?;
        } else {
            bytes += std::fs::copy(&src, &dst).map_err(io(&src))?;
            sync(&dst)?;
        }
    }
    sync(to)?;
    Ok(bytes)
}

/// A copy is a backup only once it is on disk (files and folder entries).
fn sync(path: &Path) -> Result<(), BackupError> {
    std::fs::File::open(path)
        .and_then(|f| f.sync_all())
        .map_err(io(path))
}

/// Copies the store at `data_dir` into the new folder `dest`; returns the bytes copied.
pub fn backup(data_dir: &Path, dest: &Path) -> Result<u64, BackupError> {
    if !empty_or_missing(dest)? {
        return Err(BackupError::NotEmpty(dest.to_path_buf()));
    }
    {
        let store = Store::open(data_dir).map_err(|source| BackupError::InUse {
            path: data_dir.to_path_buf(),
            source,
        })?;
        store.db.flush().map_err(|e| BackupError::InUse {
            path: data_dir.to_path_buf(),
            source: e.into(),
        })?;
    }
    let bytes = copy_dir(data_dir, &dest.join("store"))?;
    let marker = format!(
        "netplus backup, format 1\nprofiles and sessions of {}\n",
        data_dir.display()
    );
    std::fs::write(dest.join(MARKER), marker).map_err(io(dest))?;
    sync(&dest.join(MARKER))?;
    sync(dest)?;
    Ok(bytes)
}

/// Puts the backup in `src` back as the store at `data_dir`, which must be empty
/// or missing; the result is opened to prove it works.
pub fn restore(src: &Path, data_dir: &Path) -> Result<u64, BackupError> {
    if !src.join(MARKER).is_file() {
        return Err(BackupError::NotABackup(src.to_path_buf()));
    }
    if !empty_or_missing(data_dir)? {
        return Err(BackupError::NotEmpty(data_dir.to_path_buf()));
    }
    let bytes = copy_dir(&src.join("store"), data_dir)?;
    Store::open(data_dir).map_err(BackupError::Verify)?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Profile;
    use crate::store::Loaded;

    #[test]
    fn backup_and_restore_round_trip_and_refuse_what_they_should() {
        let dir = tempfile::tempdir().unwrap();
        let (data, copy, back) = (
            dir.path().join("data"),
            dir.path().join("copy"),
            dir.path().join("back"),
        );
        {
            let s = Store::open(&data).unwrap();
            s.put_profile(
                5,
                &Profile {
                    lang: Some("ug".into()),
                    ..Profile::default()
                },
            )
            .unwrap();
            s.db.flush().unwrap();
            // While it is open (the bot running), no backup.
            assert!(matches!(
                backup(&data, &copy),
                Err(BackupError::InUse { .. })
            ));
        }
        // sled's threads let go of the lock a moment after the store is dropped.
        let mut took = backup(&data, &copy);
        for _ in 0..200 {
            if !matches!(took, Err(BackupError::InUse { .. })) {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
            took = backup(&data, &copy);
        }
        assert!(took.unwrap() > 0);
        assert!(matches!(
            backup(&data, &copy),
            Err(BackupError::NotEmpty(_))
        ));
        assert!(matches!(
            restore(&data, &back),
            Err(BackupError::NotABackup(_))
        ));
        assert!(matches!(
            restore(&copy, &data),
            Err(BackupError::NotEmpty(_))
        ));
        restore(&copy, &back).unwrap();
        let s = Store::open(&back).unwrap();
        assert!(
            matches!(s.profile(5).unwrap(), Loaded::Found(p) if p.lang.as_deref() == Some("ug"))
        );
    }
}
