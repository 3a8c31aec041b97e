//! Start-up: connect and migrate, load or create the JWT secret, create the first admin.

use std::io::Write;
use std::path::Path;
use std::sync::Arc;

use crate::audit::AuditActor;
use crate::auth::password::{hash_blocking, Passwords};
use crate::auth::tokens::{random_token, JwtKeys};
use crate::auth::Scope;
use crate::config::{Config, MIN_JWT_SECRET_BYTES};
use crate::db::{write_transaction, DbPool};
use crate::domain::role::Role;
use crate::domain::values::{Name, NewPassword, Username};
use crate::evidence::store::LocalBlobStore;
use crate::state::AppState;
use crate::users::create::{insert_user, NewUser};
use crate::users::queries as user_queries;

const SECRET_FILE: &str = "jwt_secret";

/// Connects to the database and applies pending migrations.
pub fn open_database(config: &Config) -> Result<DbPool, String> {
    let pool = DbPool::connect(
        &config.database_url,
        config.db_pool_size,
        config.sqlite_synchronous,
    )?;
    let applied = pool.migrate()?;
    if applied > 0 {
        log::info!("applied {applied} database migrations");
    }
    Ok(pool)
}

/// The configured secret, or one kept in `DATA_DIR` (created once with mode 0600).
pub fn jwt_secret(config: &Config) -> Result<Vec<u8>, String> {
    if let Some(secret) = &config.jwt_secret {
        return Ok(secret.clone());
    }
    let path = config.data_dir.join(SECRET_FILE);
    if let Ok(existing) = std::fs::read(&path) {
        if existing.len() >= MIN_JWT_SECRET_BYTES {
            return Ok(existing);
        }
        return Err(format!(
            "{} holds fewer than {MIN_JWT_SECRET_BYTES} bytes",
            path.display()
        ));
    }
    log::warn!(
        "JWT_SECRET is not set; using a generated secret in {} (set JWT_SECRET in production)",
        path.display()
    );
    let secret = random_token().into_bytes();
    write_private(&path, &secret).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(secret)
}

fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)?.write_all(bytes)
}

/// On an empty database, creates `admin` with `ADMIN_PASSWORD` or a random password that is
/// logged once.
pub fn ensure_admin(pool: &DbPool, config: &Config) -> Result<(), String> {
    let mut conn = pool.get().map_err(|e| e.to_string())?;
    if user_queries::count(&mut conn).map_err(|e| format!("{e:?}"))? > 0 {
        return Ok(());
    }
    let generated = config.admin_password.is_none();
    let password = config.admin_password.clone().unwrap_or_else(random_token);
    let new = NewUser {
        username: Username::parse("admin")?,
        full_name: Name::parse("Quản trị hệ thống", 200)?,
        password: NewPassword::parse(&password)?,
        role: Role::Admin,
        agency_id: None,
        active: true,
    };
    let hash = hash_blocking(&password).map_err(|e| format!("{e:?}"))?;
    write_transaction(&mut conn, |c| {
        insert_user(c, &Scope::Province, &AuditActor::system(), new, hash)
    })
    .map_err(|e| format!("cannot create the admin account: {e:?}"))?;
    if generated {
        log::warn!("created the first account: username admin, password {password} (shown only once; change it)");
    } else {
        log::info!("created the first account admin with the password from ADMIN_PASSWORD");
    }
    Ok(())
}

/// Everything the App needs, ready to serve.
pub fn build_state(config: Config) -> Result<AppState, String> {
    let pool = open_database(&config)?;
    let secret = jwt_secret(&config)?;
    ensure_admin(&pool, &config)?;
    Ok(AppState {
        exports: Default::default(),
        pool,
        jwt: Arc::new(JwtKeys::new(&secret, config.access_token_ttl)?),
        passwords: Passwords::new().map_err(|e| format!("{e:?}"))?,
        blobs: Arc::new(LocalBlobStore::new(config.data_dir.join("blobs"))?),
        config: Arc::new(config),
    })
}
