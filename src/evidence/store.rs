//! The blob store behind evidence: bytes never go into a database column.
//!
//! Uploads are written to a temporary file first and only then moved into the store, so a
//! failed or cancelled upload leaves nothing behind. `BlobStore` is a trait so that an
//! S3-compatible store can serve several instances later.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::error::ApiError;

pub trait BlobStore: Send + Sync {
    /// Moves a finished upload into the store under `key`.
    fn put(&self, key: &str, upload: TempUpload) -> Result<(), ApiError>;
    /// The stored bytes.
    fn get(&self, key: &str) -> Result<Vec<u8>, ApiError>;
    fn delete(&self, key: &str) -> Result<(), ApiError>;
    /// A new temporary file for an upload in progress.
    fn temp(&self) -> Result<TempUpload, ApiError>;
}

/// Blobs as files under a directory (by default `DATA_DIR/blobs`).
pub struct LocalBlobStore {
    root: PathBuf,
}

impl LocalBlobStore {
    pub fn new(root: PathBuf) -> Result<Self, String> {
        std::fs::create_dir_all(root.join("tmp"))
            .map_err(|e| format!("cannot create {}: {e}", root.display()))?;
        Ok(Self { root })
    }

    /// Keys are generated UUIDs; anything else is refused rather than joined to a path.
    fn path(&self, key: &str) -> Result<PathBuf, ApiError> {
        if key.len() < 8 || !key.chars().all(|c| c.is_ascii_hexdigit() || c == '-') {
            return Err(ApiError::internal(format!("bad storage key {key:?}")));
        }
        Ok(self.root.join(&key[..2]).join(key))
    }
}

impl BlobStore for LocalBlobStore {
    fn put(&self, key: &str, mut upload: TempUpload) -> Result<(), ApiError> {
        let target = self.path(key)?;
        if let Some(dir) = target.parent() {
            std::fs::create_dir_all(dir).map_err(ApiError::internal)?;
        }
        upload.file.sync_all().map_err(ApiError::internal)?;
        std::fs::rename(&upload.path, &target).map_err(ApiError::internal)?;
        upload.kept = true;
        Ok(())
    }

    fn get(&self, key: &str) -> Result<Vec<u8>, ApiError> {
        std::fs::read(self.path(key)?).map_err(ApiError::internal)
    }

    fn delete(&self, key: &str) -> Result<(), ApiError> {
        match std::fs::remove_file(self.path(key)?) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(ApiError::internal(e)),
            _ => Ok(()),
        }
    }

    fn temp(&self) -> Result<TempUpload, ApiError> {
        let path = self.root.join("tmp").join(uuid::Uuid::now_v7().to_string());
        let file = File::create(&path).map_err(ApiError::internal)?;
        Ok(TempUpload {
            path,
            file,
            hasher: Sha256::new(),
            size: 0,
            head: Vec::new(),
            kept: false,
        })
    }
}

/// An upload being written: its size, SHA-256 and first bytes are tracked as it grows.
/// Dropping it without `put` deletes the file.
pub struct TempUpload {
    path: PathBuf,
    file: File,
    hasher: Sha256,
    size: u64,
    head: Vec<u8>,
    kept: bool,
}

/// Bytes kept from the start of an upload to recognise its type.
const HEAD_BYTES: usize = 16;

impl TempUpload {
    pub fn write(&mut self, chunk: &[u8]) -> Result<(), ApiError> {
        self.file.write_all(chunk).map_err(ApiError::internal)?;
        self.hasher.update(chunk);
        self.size += chunk.len() as u64;
        let room = HEAD_BYTES.saturating_sub(self.head.len());
        self.head.extend_from_slice(&chunk[..room.min(chunk.len())]);
        Ok(())
    }

    pub fn size(&self) -> u64 {
        self.size
    }

    pub fn head(&self) -> &[u8] {
        &self.head
    }

    pub fn sha256_hex(&self) -> String {
        self.hasher
            .clone()
            .finalize()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for TempUpload {
    fn drop(&mut self) {
        if !self.kept {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}
