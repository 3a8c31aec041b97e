//! Access tokens (JWT, HS256) and refresh tokens (random, stored as SHA-256 hashes).

use std::time::Duration;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use rand::RngCore;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::error::ApiError;

pub const ISSUER: &str = "defense-compliance";
pub const AUDIENCE: &str = "defense-compliance-api";

/// The claims of an access token. Every field is required when decoding.
#[derive(Debug, Serialize, Deserialize)]
pub struct Claims {
    pub iss: String,
    pub aud: String,
    pub sub: String,
    pub exp: i64,
    pub iat: i64,
    pub jti: String,
    /// The user's token version when issued; a password change or deactivation bumps it.
    pub ver: i32,
    /// The API client a client-credentials token was issued to; none for a person's token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cid: Option<String>,
    /// The client token's scopes, space-separated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scp: Option<String>,
}

pub struct JwtKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
    ttl: Duration,
}

impl JwtKeys {
    /// Keys for an HS256 secret; fails only for a secret the library refuses (empty).
    pub fn new(secret: &[u8], ttl: Duration) -> Result<Self, String> {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[ISSUER]);
        validation.set_audience(&[AUDIENCE]);
        validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
        validation.leeway = 5;
        // Our tokens carry no `nbf`; one that does (issued elsewhere with our secret) must
        // not be used early.
        validation.validate_nbf = true;
        let refused = |e: jsonwebtoken::errors::Error| format!("unusable JWT secret: {e}");
        Ok(Self {
            encoding: EncodingKey::from_secret(secret).map_err(refused)?,
            decoding: DecodingKey::from_secret(secret).map_err(refused)?,
            validation,
            ttl,
        })
    }

    pub fn ttl(&self) -> Duration {
        self.ttl
    }

    /// Issues an access token for `user_id` at `token_version`.
    pub fn issue(&self, user_id: &str, token_version: i32) -> Result<String, ApiError> {
        self.sign(user_id, token_version, None)
    }

    /// A client-credentials token of `client_id` with `scopes`, acting as the client's account.
    pub fn issue_for_client(
        &self,
        user_id: &str,
        token_version: i32,
        client_id: &str,
        scopes: &str,
    ) -> Result<String, ApiError> {
        self.sign(user_id, token_version, Some((client_id, scopes)))
    }

    fn sign(
        &self,
        user_id: &str,
        token_version: i32,
        client: Option<(&str, &str)>,
    ) -> Result<String, ApiError> {
        let now = chrono::Utc::now().timestamp();
        let claims = Claims {
            iss: ISSUER.into(),
            aud: AUDIENCE.into(),
            sub: user_id.into(),
            exp: now + self.ttl.as_secs() as i64,
            iat: now,
            jti: uuid::Uuid::now_v7().to_string(),
            ver: token_version,
            cid: client.map(|(id, _)| id.to_owned()),
            scp: client.map(|(_, scopes)| scopes.to_owned()),
        };
        jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
            .map_err(|e| ApiError::internal(format!("jwt encode: {e}")))
    }

    pub fn verify(&self, token: &str) -> Result<Claims, ApiError> {
        jsonwebtoken::decode::<Claims>(token, &self.decoding, &self.validation)
            .map(|data| data.claims)
            .map_err(|_| ApiError::Unauthorized("the access token is invalid or expired"))
    }
}

/// 32 random bytes, URL-safe base64.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// What is stored for a refresh token: its SHA-256, hex.
pub fn hash_token(token: &str) -> String {
    let digest = Sha256::digest(token.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &[u8] = b"0123456789abcdef0123456789abcdef";

    #[test]
    fn issued_token_verifies() {
        let keys = JwtKeys::new(SECRET, Duration::from_secs(60)).unwrap();
        let token = keys.issue("user-1", 3).unwrap();
        let claims = keys.verify(&token).unwrap();
        assert_eq!(claims.sub, "user-1");
        assert_eq!(claims.ver, 3);
    }

    #[test]
    fn other_secret_or_missing_claims_are_rejected() {
        let keys = JwtKeys::new(SECRET, Duration::from_secs(60)).unwrap();
        let other = JwtKeys::new(
            b"another-secret-of-at-least-32-bytes!",
            Duration::from_secs(60),
        )
        .unwrap();
        assert!(keys.verify(&other.issue("u", 0).unwrap()).is_err());
        let no_jti = serde_json::json!({"iss": ISSUER, "aud": AUDIENCE, "sub": "u",
            "exp": chrono::Utc::now().timestamp() + 60, "iat": 0, "ver": 0});
        let token = jsonwebtoken::encode(
            &Header::default(),
            &no_jti,
            &EncodingKey::from_secret(SECRET).unwrap(),
        )
        .unwrap();
        assert!(keys.verify(&token).is_err());
    }

    #[test]
    fn expired_token_is_rejected() {
        let keys = JwtKeys::new(SECRET, Duration::from_secs(60)).unwrap();
        let claims = serde_json::json!({"iss": ISSUER, "aud": AUDIENCE, "sub": "u", "jti": "j",
            "exp": chrono::Utc::now().timestamp() - 60, "iat": 0, "ver": 0});
        let token = jsonwebtoken::encode(
            &Header::default(),
            &claims,
            &EncodingKey::from_secret(SECRET).unwrap(),
        )
        .unwrap();
        assert!(keys.verify(&token).is_err());
    }

    fn signed(claims: serde_json::Value) -> String {
        jsonwebtoken::encode(
            &Header::default(),
            &claims,
            &EncodingKey::from_secret(SECRET).unwrap(),
        )
        .unwrap()
    }

    #[test]
    fn time_claims_of_the_wrong_type_or_in_the_future_are_rejected() {
        let keys = JwtKeys::new(SECRET, Duration::from_secs(60)).unwrap();
        let now = chrono::Utc::now().timestamp();
        let base = serde_json::json!({"iss": ISSUER, "aud": AUDIENCE, "sub": "u", "jti": "j",
            "exp": now + 60, "iat": now, "ver": 0});
        assert!(keys.verify(&signed(base.clone())).is_ok());
        let mut string_exp = base.clone();
        string_exp["exp"] = serde_json::json!((now + 60).to_string());
        assert!(keys.verify(&signed(string_exp)).is_err());
        let mut string_nbf = base.clone();
        string_nbf["nbf"] = serde_json::json!(now.to_string());
        assert!(keys.verify(&signed(string_nbf)).is_err());
        let mut future_nbf = base.clone();
        future_nbf["nbf"] = serde_json::json!(now + 600);
        assert!(keys.verify(&signed(future_nbf)).is_err());
        let mut past_nbf = base;
        past_nbf["nbf"] = serde_json::json!(now - 10);
        assert!(keys.verify(&signed(past_nbf)).is_ok());
    }

    #[test]
    fn refresh_tokens_are_random_and_hashed() {
        let (a, b) = (random_token(), random_token());
        assert_ne!(a, b);
        assert_eq!(hash_token(&a).len(), 64);
        assert_ne!(hash_token(&a), a);
    }
}
