//! A file system that forgets, for power-cut tests (after LazyFS).
//!
//! An in-memory FUSE file system mounted on a temporary folder. Every file keeps
//! two contents: what programs see (`data`) and what a disk would hold after a
//! power cut (`durable`). `write`, `truncate` and `sync_file_range` change only
//! `data`; `fsync`/`fdatasync` copy `data` to `durable`. [`LazyFs::power_cut`]
//! replaces every file's `data` with its `durable` content: exactly what a machine
//! loses when the power goes before the page cache reached the disk. Names
//! (create, rename, unlink, mkdir) are kept, as a journaling file system keeps
//! its metadata; the test is about data.
//!
//! Files are opened with direct I/O and attributes are never cached, so the
//! kernel holds no copy of its own: after a power cut the next reader sees the
//! durable content.
//!
//! Needs `/dev/fuse` and root (the mount is made with mount(2) directly; no
//! fusermount needed).
#![allow(dead_code)]

use fuser::{
    Errno, FileAttr, FileHandle, FileType, Filesystem, FopenFlags, Generation, INodeNo, LockOwner,
    MountOption, OpenFlags, RenameFlags, ReplyAttr, ReplyCreate, ReplyData, ReplyDirectory,
    ReplyEmpty, ReplyEntry, ReplyOpen, ReplyWrite, Request, TimeOrNow, WriteFlags,
};
use std::collections::{BTreeMap, HashMap};
use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Never let the kernel cache an attribute or a name: sizes change under it.
const TTL: Duration = Duration::ZERO;

enum Body {
    File { data: Vec<u8>, durable: Vec<u8> },
    Dir(BTreeMap<OsString, u64>),
}

struct Node {
    body: Body,
    parent: u64,
    mode: u16,
}

struct Tree {
    nodes: HashMap<u64, Node>,
    next: u64,
    /// fsync/fdatasync calls seen, and bytes they made durable.
    syncs: u64,
}

impl Tree {
    fn attr(&self, ino: u64) -> Option<FileAttr> {
        let n = self.nodes.get(&ino)?;
        let (kind, size, nlink) = match &n.body {
            Body::File { data, .. } => (FileType::RegularFile, data.len() as u64, 1),
            Body::Dir(_) => (FileType::Directory, 0, 2),
        };
        Some(FileAttr {
            ino: INodeNo(ino),
            size,
            blocks: size.div_ceil(512),
            atime: UNIX_EPOCH,
            mtime: UNIX_EPOCH,
            ctime: UNIX_EPOCH,
            crtime: UNIX_EPOCH,
            kind,
            perm: n.mode,
            nlink,
            uid: 0,
            gid: 0,
            rdev: 0,
            flags: 0,
            blksize: 4096,
        })
    }

    fn child(&self, parent: u64, name: &OsStr) -> Option<u64> {
        match &self.nodes.get(&parent)?.body {
            Body::Dir(entries) => entries.get(name).copied(),
            Body::File { .. } => None,
        }
    }

    fn entries_mut(&mut self, dir: u64) -> Result<&mut BTreeMap<OsString, u64>, Errno> {
        match self.nodes.get_mut(&dir).map(|n| &mut n.body) {
            Some(Body::Dir(entries)) => Ok(entries),
            Some(Body::File { .. }) => Err(Errno::ENOTDIR),
            None => Err(Errno::ENOENT),
        }
    }

    fn add(&mut self, parent: u64, name: &OsStr, body: Body, mode: u16) -> Result<u64, Errno> {
        if self.child(parent, name).is_some() {
            return Err(Errno::EEXIST);
        }
        let ino = self.next;
        self.next += 1;
        self.entries_mut(parent)?.insert(name.to_os_string(), ino);
        self.nodes.insert(ino, Node { body, parent, mode });
        Ok(ino)
    }

    /// A new, empty regular file.
    fn add_file(&mut self, parent: u64, name: &OsStr, mode: u32) -> Result<u64, Errno> {
        let body = Body::File {
            data: Vec::new(),
            durable: Vec::new(),
        };
        self.add(parent, name, body, (mode & 0o7777) as u16)
    }

    fn remove(&mut self, parent: u64, name: &OsStr, want_dir: bool) -> Result<(), Errno> {
        let ino = self.child(parent, name).ok_or(Errno::ENOENT)?;
        match (&self.nodes[&ino].body, want_dir) {
            (Body::Dir(e), true) if !e.is_empty() => return Err(Errno::ENOTEMPTY),
            (Body::Dir(_), false) => return Err(Errno::EISDIR),
            (Body::File { .. }, true) => return Err(Errno::ENOTDIR),
            _ => {}
        }
        self.entries_mut(parent)?.remove(name);
        self.nodes.remove(&ino);
        Ok(())
    }
}

/// The shared state of the file system; clones see the same files.
#[derive(Clone)]
pub struct LazyFs {
    tree: Arc<Mutex<Tree>>,
}

impl Default for LazyFs {
    fn default() -> Self {
        let mut nodes = HashMap::new();
        nodes.insert(
            1,
            Node {
                body: Body::Dir(BTreeMap::new()),
                parent: 1,
                mode: 0o755,
            },
        );
        LazyFs {
            tree: Arc::new(Mutex::new(Tree {
                nodes,
                next: 2,
                syncs: 0,
            })),
        }
    }
}

/// A mounted [`LazyFs`]; unmounted when dropped.
pub struct Mounted {
    pub fs: LazyFs,
    pub path: PathBuf,
    session: Option<fuser::BackgroundSession>,
}

impl Drop for Mounted {
    fn drop(&mut self) {
        if let Some(s) = self.session.take() {
            // Unmounts; a failure here only leaves a stale mount in a temp folder.
            let _ = s.umount_and_join();
        }
    }
}

impl LazyFs {
    fn lock(&self) -> MutexGuard<'_, Tree> {
        self.tree.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Mounts a new, empty file system on `path` (an existing empty folder).
    pub fn mount(path: &Path) -> std::io::Result<Mounted> {
        let fs = LazyFs::default();
        let mut config = fuser::Config::default();
        config.mount_options = vec![
            MountOption::FSName("netplus-lazyfs".into()),
            MountOption::DefaultPermissions,
        ];
        let session = fuser::spawn_mount(fs.clone(), path, &config)?;
        Ok(Mounted {
            fs,
            path: path.to_path_buf(),
            session: Some(session),
        })
    }

    /// The power goes: every write not yet fsynced is gone.
    pub fn power_cut(&self) -> usize {
        let mut t = self.lock();
        let mut lost = 0;
        for n in t.nodes.values_mut() {
            if let Body::File { data, durable } = &mut n.body {
                if data != durable {
                    lost += 1;
                    *data = durable.clone();
                }
            }
        }
        lost
    }

    /// How many fsync/fdatasync calls reached the file system.
    pub fn syncs(&self) -> u64 {
        self.lock().syncs
    }
}

fn reply_entry(t: &Tree, ino: u64, reply: ReplyEntry) {
    match t.attr(ino) {
        Some(a) => reply.entry(&TTL, &a, Generation(0)),
        None => reply.error(Errno::ENOENT),
    }
}

impl Filesystem for LazyFs {
    fn lookup(&self, _req: &Request, parent: INodeNo, name: &OsStr, reply: ReplyEntry) {
        let t = self.lock();
        match t.child(parent.0, name) {
            Some(ino) => reply_entry(&t, ino, reply),
            None => reply.error(Errno::ENOENT),
        }
    }

    fn getattr(&self, _req: &Request, ino: INodeNo, _fh: Option<FileHandle>, reply: ReplyAttr) {
        match self.lock().attr(ino.0) {
            Some(a) => reply.attr(&TTL, &a),
            None => reply.error(Errno::ENOENT),
        }
    }

    fn setattr(
        &self,
        _req: &Request,
        ino: INodeNo,
        mode: Option<u32>,
        _uid: Option<u32>,
        _gid: Option<u32>,
        size: Option<u64>,
        _atime: Option<TimeOrNow>,
        _mtime: Option<TimeOrNow>,
        _ctime: Option<SystemTime>,
        _fh: Option<FileHandle>,
        _crtime: Option<SystemTime>,
        _chgtime: Option<SystemTime>,
        _bkuptime: Option<SystemTime>,
        _flags: Option<fuser::BsdFileFlags>,
        reply: ReplyAttr,
    ) {
        let mut t = self.lock();
        let Some(n) = t.nodes.get_mut(&ino.0) else {
            return reply.error(Errno::ENOENT);
        };
        if let Some(m) = mode {
            n.mode = (m & 0o7777) as u16;
        }
        if let (Some(size), Body::File { data, .. }) = (size, &mut n.body) {
            data.resize(size as usize, 0);
        }
        match t.attr(ino.0) {
            Some(a) => reply.attr(&TTL, &a),
            None => reply.error(Errno::ENOENT),
        }
    }

    fn mknod(
        &self,
        _req: &Request,
        parent: INodeNo,
        name: &OsStr,
        mode: u32,
        _umask: u32,
        _rdev: u32,
        reply: ReplyEntry,
    ) {
        let mut t = self.lock();
        match t.add_file(parent.0, name, mode) {
            Ok(ino) => reply_entry(&t, ino, reply),
            Err(e) => reply.error(e),
        }
    }

    fn mkdir(
        &self,
        _req: &Request,
        parent: INodeNo,
        name: &OsStr,
        mode: u32,
        _umask: u32,
        reply: ReplyEntry,
    ) {
        let mut t = self.lock();
        match t.add(
            parent.0,
            name,
            Body::Dir(BTreeMap::new()),
            (mode & 0o7777) as u16,
        ) {
            Ok(ino) => reply_entry(&t, ino, reply),
            Err(e) => reply.error(e),
        }
    }

    fn unlink(&self, _req: &Request, parent: INodeNo, name: &OsStr, reply: ReplyEmpty) {
        match self.lock().remove(parent.0, name, false) {
            Ok(()) => reply.ok(),
            Err(e) => reply.error(e),
        }
    }

    fn rmdir(&self, _req: &Request, parent: INodeNo, name: &OsStr, reply: ReplyEmpty) {
        match self.lock().remove(parent.0, name, true) {
            Ok(()) => reply.ok(),
            Err(e) => reply.error(e),
        }
    }

    fn rename(
        &self,
        _req: &Request,
        parent: INodeNo,
        name: &OsStr,
        newparent: INodeNo,
        newname: &OsStr,
        _flags: RenameFlags,
        reply: ReplyEmpty,
    ) {
        let mut t = self.lock();
        let Some(ino) = t.child(parent.0, name) else {
            return reply.error(Errno::ENOENT);
        };
        if let Some(old) = t.child(newparent.0, newname) {
            if old == ino {
                return reply.ok();
            }
            let is_dir = matches!(t.nodes[&old].body, Body::Dir(_));
            if let Err(e) = t.remove(newparent.0, newname, is_dir) {
                return reply.error(e);
            }
        }
        let moved = t
            .entries_mut(parent.0)
            .map(|e| e.remove(name))
            .and_then(|_| t.entries_mut(newparent.0))
            .map(|e| e.insert(newname.to_os_string(), ino));
        match moved {
            Ok(_) => {
                if let Some(n) = t.nodes.get_mut(&ino) {
                    n.parent = newparent.0;
                }
                reply.ok()
            }
            Err(e) => reply.error(e),
        }
    }

    fn open(&self, _req: &Request, ino: INodeNo, _flags: OpenFlags, reply: ReplyOpen) {
        if self.lock().nodes.contains_key(&ino.0) {
            reply.opened(FileHandle(0), FopenFlags::FOPEN_DIRECT_IO);
        } else {
            reply.error(Errno::ENOENT);
        }
    }

    fn create(
        &self,
        _req: &Request,
        parent: INodeNo,
        name: &OsStr,
        mode: u32,
        _umask: u32,
        _flags: i32,
        reply: ReplyCreate,
    ) {
        let mut t = self.lock();
        match t.add_file(parent.0, name, mode) {
            Ok(ino) => match t.attr(ino) {
                Some(a) => reply.created(
                    &TTL,
                    &a,
                    Generation(0),
                    FileHandle(0),
                    FopenFlags::FOPEN_DIRECT_IO,
                ),
                None => reply.error(Errno::EIO),
            },
            Err(e) => reply.error(e),
        }
    }

    fn read(
        &self,
        _req: &Request,
        ino: INodeNo,
        _fh: FileHandle,
        offset: u64,
        size: u32,
        _flags: OpenFlags,
        _lock_owner: Option<LockOwner>,
        reply: ReplyData,
    ) {
        let t = self.lock();
        match t.nodes.get(&ino.0).map(|n| &n.body) {
            Some(Body::File { data, .. }) => {
                let from = (offset as usize).min(data.len());
                let to = (from + size as usize).min(data.len());
                reply.data(&data[from..to]);
            }
            Some(Body::Dir(_)) => reply.error(Errno::EISDIR),
            None => reply.error(Errno::ENOENT),
        }
    }

    fn write(
        &self,
        _req: &Request,
        ino: INodeNo,
        _fh: FileHandle,
        offset: u64,
        bytes: &[u8],
        _write_flags: WriteFlags,
        _flags: OpenFlags,
        _lock_owner: Option<LockOwner>,
        reply: ReplyWrite,
    ) {
        let mut t = self.lock();
        match t.nodes.get_mut(&ino.0).map(|n| &mut n.body) {
            Some(Body::File { data, .. }) => {
                let at = offset as usize;
                if data.len() < at + bytes.len() {
                    data.resize(at + bytes.len(), 0);
                }
                data[at..at + bytes.len()].copy_from_slice(bytes);
                reply.written(bytes.len() as u32);
            }
            Some(Body::Dir(_)) => reply.error(Errno::EISDIR),
            None => reply.error(Errno::ENOENT),
        }
    }

    fn flush(
        &self,
        _req: &Request,
        _ino: INodeNo,
        _fh: FileHandle,
        _lock_owner: LockOwner,
        reply: ReplyEmpty,
    ) {
        // close(2) makes nothing durable.
        reply.ok();
    }

    fn fsync(
        &self,
        _req: &Request,
        ino: INodeNo,
        _fh: FileHandle,
        _datasync: bool,
        reply: ReplyEmpty,
    ) {
        let mut t = self.lock();
        t.syncs += 1;
        match t.nodes.get_mut(&ino.0).map(|n| &mut n.body) {
            Some(Body::File { data, durable }) => {
                durable.clone_from(data);
                reply.ok();
            }
            Some(Body::Dir(_)) => reply.ok(),
            None => reply.error(Errno::ENOENT),
        }
    }

    fn readdir(
        &self,
        _req: &Request,
        ino: INodeNo,
        _fh: FileHandle,
        offset: u64,
        mut reply: ReplyDirectory,
    ) {
        let t = self.lock();
        let Some(node) = t.nodes.get(&ino.0) else {
            return reply.error(Errno::ENOENT);
        };
        let Body::Dir(entries) = &node.body else {
            return reply.error(Errno::ENOTDIR);
        };
        let mut all = vec![
            (ino.0, FileType::Directory, OsString::from(".")),
            (node.parent, FileType::Directory, OsString::from("..")),
        ];
        for (name, child) in entries {
            let kind = match t.nodes.get(child).map(|n| &n.body) {
                Some(Body::Dir(_)) => FileType::Directory,
                _ => FileType::RegularFile,
            };
            all.push((*child, kind, name.clone()));
        }
        for (i, (child, kind, name)) in all.into_iter().enumerate().skip(offset as usize) {
            if reply.add(INodeNo(child), (i + 1) as u64, kind, &name) {
                break;
            }
        }
        reply.ok();
    }

    fn fsyncdir(
        &self,
        _req: &Request,
        _ino: INodeNo,
        _fh: FileHandle,
        _datasync: bool,
        reply: ReplyEmpty,
    ) {
        reply.ok();
    }
}
