//! Argon2id password hashing on the blocking pool, limited to one hash per core so a burst of
//! logins never starves other requests.

use std::sync::Arc;

use actix_web::web;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher as _, PasswordVerifier as _, SaltString};
use argon2::Argon2;
use tokio::sync::Semaphore;

use crate::error::ApiError;

/// Hashes and verifies passwords. Cheap to clone.
#[derive(Clone)]
pub struct Passwords {
    permits: Arc<Semaphore>,
    /// Verified against when a username is unknown, so timing does not reveal which exist.
    dummy_hash: Arc<String>,
}

/// Argon2id with the OWASP parameters (19 MiB, t=2, p=1), which are the crate's defaults.
fn argon2() -> Argon2<'static> {
    Argon2::default()
}

pub fn hash_blocking(password: &str) -> Result<String, ApiError> {
    let salt = SaltString::generate(&mut OsRng);
    argon2()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| ApiError::internal(format!("argon2 hash: {e}")))
}

/// A stored-hash string with the parameters of [`argon2`], a random salt and a random output:
/// verifying a password against it costs a full hash and never matches. Made without hashing,
/// so that start-up does not allocate argon2's 19 MiB (which the allocator then kept as idle
/// memory). API clients' accounts get one too: they never log in with a password.
pub(crate) fn unmatchable_hash() -> Result<String, ApiError> {
    use argon2::password_hash::rand_core::RngCore as _;
    use argon2::password_hash::Output;
    let salt = SaltString::generate(&mut OsRng);
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    let fail = |e: argon2::password_hash::Error| ApiError::internal(format!("dummy hash: {e}"));
    let hasher = argon2();
    let hash = PasswordHash {
        algorithm: argon2::ARGON2ID_IDENT,
        version: Some(argon2::Version::V0x13.into()),
        params: hasher.params().try_into().map_err(fail)?,
        salt: Some(salt.as_salt()),
        hash: Some(Output::new(&bytes).map_err(fail)?),
    };
    Ok(hash.to_string())
}

fn verify_blocking(password: &str, hash: &str) -> Result<bool, ApiError> {
    let parsed =
        PasswordHash::new(hash).map_err(|e| ApiError::internal(format!("stored hash: {e}")))?;
    Ok(argon2()
        .verify_password(password.as_bytes(), &parsed)
        .is_ok())
}

impl Passwords {
    pub fn new() -> Result<Self, ApiError> {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        let dummy = unmatchable_hash()?;
        Ok(Self {
            permits: Arc::new(Semaphore::new(cores)),
            dummy_hash: Arc::new(dummy),
        })
    }

    pub async fn hash(&self, password: String) -> Result<String, ApiError> {
        let _permit = self.permits.acquire().await.map_err(ApiError::internal)?;
        web::block(move || hash_blocking(&password)).await?
    }

    /// Verifies `password` against `hash`, or against the dummy hash when there is no user.
    /// Returns false in the latter case whatever the password.
    pub async fn verify(&self, password: String, hash: Option<String>) -> Result<bool, ApiError> {
        let _permit = self.permits.acquire().await.map_err(ApiError::internal)?;
        let known = hash.is_some();
        let hash = hash.unwrap_or_else(|| self.dummy_hash.as_ref().clone());
        let matches = web::block(move || verify_blocking(&password, &hash)).await??;
        Ok(known && matches)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_then_verify() {
        let hash = hash_blocking("correct horse battery").unwrap();
        assert!(
            hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{hash}"
        );
        assert!(verify_blocking("correct horse battery", &hash).unwrap());
        assert!(!verify_blocking("wrong horse battery", &hash).unwrap());
    }

    #[test]
    fn the_dummy_hash_costs_a_verification_and_never_matches() {
        let dummy = unmatchable_hash().unwrap();
        let real = hash_blocking("x").unwrap();
        let prefix = |h: &str| h.rsplitn(3, '$').nth(2).map(str::to_owned);
        assert_eq!(prefix(&dummy), prefix(&real), "{dummy} vs {real}");
        assert!(!verify_blocking("", &dummy).unwrap());
        assert!(!verify_blocking("x", &dummy).unwrap());
    }
}
