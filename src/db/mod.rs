//! Database access: one connection type over SQLite and PostgreSQL, the pool, per-backend
//! connection set-up, embedded migrations and the transaction helper every write uses.

/// Runs `$body` with `$conn` as the backend's own connection, for the few statements every
/// request runs (the caller's account, a task): `AnyConnection` re-serialises a query's SQL on
/// each pass over it (cache check, binds), which cost as much CPU as the statement itself. The
/// body is compiled once per backend, so it must be backend-neutral DSL.
#[macro_export]
macro_rules! native {
    ($conn:expr, |$c:ident| $body:expr) => {
        match $conn {
            $crate::db::AnyConnection::Sqlite($c) => $body,
            $crate::db::AnyConnection::Postgresql($c) => $body,
        }
    };
}

pub mod json;
pub mod schema;
mod text_enum;
pub mod versioned;
mod writer;

use std::time::Duration;

use actix_web::web;
use diesel::connection::{AnsiTransactionManager, SimpleConnection, TransactionManager};
use diesel::prelude::*;
use diesel::r2d2::{self, ManageConnection};
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

use crate::auth::{AuthUser, Authenticated};
use crate::config::SqliteSynchronous;
use crate::error::ApiError;

const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/postgres");

/// A connection to whichever backend `DATABASE_URL` names.
#[derive(diesel::MultiConnection)]
pub enum AnyConnection {
    Postgresql(diesel::PgConnection),
    Sqlite(diesel::SqliteConnection),
}

/// The backend and its connection target, chosen by the URL scheme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Backend {
    Postgres(String),
    /// A file path (the `sqlite://` prefix removed).
    Sqlite(String),
}

impl Backend {
    pub fn from_url(url: &str) -> Result<Self, String> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            return Ok(Self::Postgres(url.to_owned()));
        }
        let path = url
            .strip_prefix("sqlite://")
            .or_else(|| url.strip_prefix("sqlite:"))
            .ok_or_else(|| "expected a URL starting with sqlite:// or postgres://".to_owned())?;
        if path.is_empty() {
            return Err("the sqlite:// URL names no file".into());
        }
        Ok(Self::Sqlite(path.to_owned()))
    }

    /// A description safe to log: never the password of a PostgreSQL URL.
    pub fn describe(url: &str) -> String {
        match Self::from_url(url) {
            Ok(Self::Sqlite(path)) => format!("sqlite file {path}"),
            Ok(Self::Postgres(url)) => {
                let host = url.rsplit('@').next().unwrap_or("").to_owned();
                format!(
                    "postgresql at {}",
                    host.trim_start_matches("postgres://")
                        .trim_start_matches("postgresql://")
                )
            }
            Err(_) => "invalid database URL".into(),
        }
    }
}

/// Opens connections for the pool and prepares each one for its backend.
#[derive(Debug, Clone)]
pub struct ConnectionFactory {
    backend: Backend,
    synchronous: SqliteSynchronous,
}

impl ManageConnection for ConnectionFactory {
    type Connection = AnyConnection;
    type Error = r2d2::Error;

    fn connect(&self) -> Result<AnyConnection, r2d2::Error> {
        match &self.backend {
            Backend::Postgres(url) => diesel::PgConnection::establish(url)
                .map(AnyConnection::Postgresql)
                .map_err(r2d2::Error::ConnectionError),
            Backend::Sqlite(path) => {
                let mut conn = diesel::SqliteConnection::establish(path)
                    .map_err(r2d2::Error::ConnectionError)?;
                // WAL lets readers run beside the single writer; busy_timeout makes writers wait.
                // The writer runs each request in a savepoint, whose statement journal would
                // otherwise be a temporary file created and removed in every batch.
                conn.batch_execute(&format!(
                    "PRAGMA busy_timeout = 5000; PRAGMA journal_mode = WAL; PRAGMA synchronous = {}; \
                     PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY;",
                    self.synchronous.pragma()
                ))
                .map_err(r2d2::Error::QueryError)?;
                Ok(AnyConnection::Sqlite(conn))
            }
        }
    }

    fn is_valid(&self, conn: &mut AnyConnection) -> Result<(), r2d2::Error> {
        conn.batch_execute("SELECT 1")
            .map_err(r2d2::Error::QueryError)
    }

    /// A connection dropped while its thread panics, or left inside a transaction or with a
    /// broken one, is discarded rather than returned to the pool: on SQLite such a connection
    /// would keep holding the write lock.
    fn has_broken(&self, conn: &mut AnyConnection) -> bool {
        use diesel::r2d2::R2D2Connection;
        std::thread::panicking() || conn.is_broken()
    }
}

/// A pooled PostgreSQL connection idle longer than this is pinged before use: the server may
/// have closed it (restart, idle timeout). One in steady use is not, which saves a round trip
/// per request; if the server drops it anyway, the request fails with 503 and the connection
/// is pinged (and replaced) at its next checkout.
const PING_AFTER_IDLE: Duration = Duration::from_secs(2);

/// When a pooled connection last completed a request, kept in its r2d2 extensions.
struct LastUsed(std::time::Instant);

type Pooled = r2d2::PooledConnection<ConnectionFactory>;

/// The shared connection pool; cheap to clone.
#[derive(Clone)]
pub struct DbPool {
    pool: r2d2::Pool<ConnectionFactory>,
    factory: std::sync::Arc<ConnectionFactory>,
    /// SQLite has one writer: writes queue for it and commit in batches (see `writer`).
    /// `None` on PostgreSQL, where each write is its own transaction on a pooled connection.
    writer: Option<std::sync::Arc<writer::Writer>>,
}

impl DbPool {
    /// Connects, failing with a clear message when the URL is bad or the server unreachable.
    pub fn connect(url: &str, size: u32, synchronous: SqliteSynchronous) -> Result<Self, String> {
        let backend = Backend::from_url(url)?;
        if let Backend::Sqlite(path) = &backend {
            if let Some(dir) = std::path::Path::new(path)
                .parent()
                .filter(|d| !d.as_os_str().is_empty())
            {
                std::fs::create_dir_all(dir)
                    .map_err(|e| format!("cannot create the directory {}: {e}", dir.display()))?;
            }
        }
        let factory = ConnectionFactory {
            backend,
            synchronous,
        };
        let writer = match factory.backend {
            Backend::Sqlite(_) => {
                let own = factory.clone();
                let connect = Box::new(move || own.connect().map_err(|e| e.to_string()));
                Some(std::sync::Arc::new(writer::Writer::start(connect)?))
            }
            Backend::Postgres(_) => None,
        };
        // Staleness is checked by `checkout` only after an idle spell (see `PING_AFTER_IDLE`).
        let pool = r2d2::Pool::builder()
            .test_on_check_out(false)
            .max_size(size)
            .min_idle(Some(size.min(2)))
            .connection_timeout(Duration::from_secs(10))
            .build(factory.clone())
            .map_err(|e| format!("cannot open the database ({}): {e}", Backend::describe(url)))?;
        Ok(Self {
            pool,
            factory: std::sync::Arc::new(factory),
            writer,
        })
    }

    /// A pooled connection, pinged first if it is a PostgreSQL one that sat idle (a local
    /// SQLite file cannot go stale) and replaced when the ping fails.
    fn checkout(&self) -> Result<Pooled, ApiError> {
        let unavailable = |e: &dyn std::fmt::Display| ApiError::Unavailable(e.to_string());
        let mut conn = self.pool.get().map_err(|e| unavailable(&e))?;
        if matches!(self.factory.backend, Backend::Postgres(_)) {
            let recent = Pooled::extensions(&conn)
                .get::<LastUsed>()
                .is_some_and(|used| used.0.elapsed() < PING_AFTER_IDLE);
            if !recent && self.factory.is_valid(&mut conn).is_err() {
                *conn = self.factory.connect().map_err(|e| unavailable(&e))?;
            }
        }
        Ok(conn)
    }

    /// Notes that `conn` served a request, unless the server closed it under the request.
    fn check_in<T>(conn: &mut Pooled, outcome: &Result<T, ApiError>) {
        let extensions = Pooled::extensions_mut(conn);
        if matches!(outcome, Err(ApiError::ConnectionLost(_))) {
            extensions.remove::<LastUsed>();
        } else if let Some(used) = extensions.get_mut::<LastUsed>() {
            used.0 = std::time::Instant::now();
        } else {
            extensions.insert(LastUsed(std::time::Instant::now()));
        }
    }

    /// Applies the pending migrations of the pool's backend.
    pub fn migrate(&self) -> Result<usize, String> {
        let mut conn = self
            .pool
            .get()
            .map_err(|e| format!("cannot connect: {e}"))?;
        let applied = match &mut *conn {
            AnyConnection::Sqlite(c) => {
                c.run_pending_migrations(SQLITE_MIGRATIONS).map(|v| v.len())
            }
            AnyConnection::Postgresql(c) => c
                .run_pending_migrations(POSTGRES_MIGRATIONS)
                .map(|v| v.len()),
        };
        applied.map_err(|e| format!("migration failed: {e}"))
    }

    /// A pooled connection for synchronous code (CLI commands, tests).
    pub fn get(&self) -> Result<Pooled, ApiError> {
        self.checkout()
    }

    /// Runs `work` with a pooled connection on actix's blocking thread pool.
    pub async fn run<T, F>(&self, work: F) -> Result<T, ApiError>
    where
        F: FnOnce(&mut AnyConnection) -> Result<T, ApiError> + Send + 'static,
        T: Send + 'static,
    {
        let pool = self.clone();
        web::block(move || {
            let mut conn = pool.checkout()?;
            let outcome = work(&mut conn);
            Self::check_in(&mut conn, &outcome);
            outcome
        })
        .await?
    }

    /// Runs `work` as one write: on SQLite in the writer's next batch (answered once the
    /// batch is durable), on PostgreSQL in its own transaction on the blocking pool.
    pub async fn write<T, F>(&self, work: F) -> Result<T, ApiError>
    where
        F: FnOnce(&mut AnyConnection) -> Result<T, ApiError> + Send + 'static,
        T: Send + 'static,
    {
        match &self.writer {
            Some(writer) => writer.submit(work).await,
            None => self.run(move |conn| write_transaction(conn, work)).await,
        }
    }

    /// The one blocking hop of an authenticated read: loads the caller behind the token and
    /// runs `work` with it, on one pooled connection.
    pub async fn run_as<T, F>(&self, auth: Authenticated, work: F) -> Result<T, ApiError>
    where
        F: FnOnce(&mut AnyConnection, &AuthUser) -> Result<T, ApiError> + Send + 'static,
        T: Send + 'static,
    {
        self.run(move |conn| {
            let caller = auth.caller(conn)?;
            work(conn, &caller)
        })
        .await
    }

    /// [`run_as`](Self::run_as) for a read of a few rows by key (one record and its
    /// children): when an idle connection is at hand it runs on the calling thread, since
    /// such a read costs less than the two thread switches of the blocking pool (issue 8:
    /// they were half the CPU of `GET /tasks/{id}`). With no idle connection it waits on the
    /// blocking pool like any read, so the async workers never wait for a connection.
    pub async fn read_by_key_as<T, F>(&self, auth: Authenticated, work: F) -> Result<T, ApiError>
    where
        F: FnOnce(&mut AnyConnection, &AuthUser) -> Result<T, ApiError> + Send + 'static,
        T: Send + 'static,
    {
        let Some(mut conn) = self.idle_for_inline_read() else {
            return self.run_as(auth, work).await;
        };
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            auth.caller(&mut conn)
                .and_then(|caller| work(&mut conn, &caller))
        }))
        .unwrap_or_else(|_| Err(ApiError::internal("a read by key panicked")));
        Self::check_in(&mut conn, &outcome);
        outcome
    }

    /// An idle connection to read on the calling thread, if one is at hand without waiting:
    /// only on SQLite, where a read is a few microseconds of CPU; a PostgreSQL read waits for
    /// a round trip, which would hold up every request of the async worker.
    fn idle_for_inline_read(&self) -> Option<Pooled> {
        match self.factory.backend {
            Backend::Sqlite(_) => self.pool.try_get(),
            Backend::Postgres(_) => None,
        }
    }

    /// [`run_as`](Self::run_as) on the calling thread, for work that runs on a thread of its
    /// own (a streamed export asks for each page this way).
    pub fn run_as_here<T>(
        &self,
        auth: &Authenticated,
        work: impl FnOnce(&mut AnyConnection, &AuthUser) -> Result<T, ApiError>,
    ) -> Result<T, ApiError> {
        let mut conn = self.checkout()?;
        let outcome = auth
            .caller(&mut conn)
            .and_then(|caller| work(&mut conn, &caller));
        Self::check_in(&mut conn, &outcome);
        outcome
    }

    /// [`run_as`](Self::run_as) for a write: the caller is loaded inside the write, on the
    /// connection that writes, so a revoked token writes nothing.
    pub async fn write_as<T, F>(&self, auth: Authenticated, work: F) -> Result<T, ApiError>
    where
        F: FnOnce(&mut AnyConnection, &AuthUser) -> Result<T, ApiError> + Send + 'static,
        T: Send + 'static,
    {
        self.write(move |conn| {
            let caller = auth.caller(conn)?;
            work(conn, &caller)
        })
        .await
    }
}

/// The outcome of an `UPDATE ... WHERE id = ? AND version = ?`: no row means another request
/// changed the record since it was read (PostgreSQL lets two transactions read the same
/// version), and the change is refused instead of overwriting the other one.
pub fn expect_updated(rows: usize, what: &str) -> Result<(), ApiError> {
    if rows == 0 {
        return Err(ApiError::LostRace(format!(
            "the {what} changed while this request ran; read it again and retry"
        )));
    }
    Ok(())
}

/// How often a write without `If-Match` is re-read and re-applied after losing a race.
/// Each retry follows a commit by another writer of the same row, so a request loses at most
/// once to each writer that overlaps it; this covers two dozen simultaneous writers of one row.
const RACE_ATTEMPTS: usize = 25;

/// Runs `work` inside a savepoint of the current transaction; when it loses a race to another
/// writer (see [`expect_updated`]) and `retry` is set, its effects are rolled back and it runs
/// again on a fresh read, so the rules are checked against the state it really changes. A
/// caller that sent `If-Match` asked for its own version, so it is not retried.
pub fn retry_lost_races<T>(
    conn: &mut AnyConnection,
    retry: bool,
    mut work: impl FnMut(&mut AnyConnection) -> Result<T, ApiError>,
) -> Result<T, ApiError> {
    let mut attempt = 1;
    loop {
        match conn.transaction(&mut work) {
            Err(ApiError::LostRace(_)) if retry && attempt < RACE_ATTEMPTS => {
                attempt += 1;
                // Only PostgreSQL loses races (SQLite writes one at a time), on a pooled
                // connection: a short, varied pause keeps the losers from colliding again.
                std::thread::sleep(race_pause(attempt));
            }
            outcome => return outcome,
        }
    }
}

/// Up to about a millisecond per attempt, varied by the clock so retries spread out.
fn race_pause(attempt: usize) -> std::time::Duration {
    let jitter = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |now| now.subsec_nanos() % 1000);
    std::time::Duration::from_micros(u64::from(jitter) * attempt.min(8) as u64 / 8 + 100)
}

/// Runs `work` in a transaction that commits on `Ok` and rolls back on `Err`.
///
/// On SQLite the transaction starts with `BEGIN IMMEDIATE`, so a second writer waits on the
/// busy timeout instead of failing with SQLITE_BUSY when it upgrades a read lock.
pub fn write_transaction<T>(
    conn: &mut AnyConnection,
    work: impl FnOnce(&mut AnyConnection) -> Result<T, ApiError>,
) -> Result<T, ApiError> {
    let AnyConnection::Sqlite(sqlite) = conn else {
        return conn.transaction(work);
    };
    AnsiTransactionManager::begin_transaction_sql(sqlite, "BEGIN IMMEDIATE")?;
    let outcome = work(conn);
    let AnyConnection::Sqlite(sqlite) = conn else {
        return Err(ApiError::internal(
            "connection changed backend inside a transaction",
        ));
    };
    match outcome {
        Ok(value) => {
            <AnsiTransactionManager as TransactionManager<diesel::SqliteConnection>>::commit_transaction(sqlite)?;
            Ok(value)
        }
        Err(error) => {
            <AnsiTransactionManager as TransactionManager<diesel::SqliteConnection>>::rollback_transaction(sqlite)?;
            Err(error)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backend_follows_the_url_scheme() {
        assert_eq!(
            Backend::from_url("sqlite://./data/x.db"),
            Ok(Backend::Sqlite("./data/x.db".into()))
        );
        assert!(matches!(
            Backend::from_url("postgres://u@h/db"),
            Ok(Backend::Postgres(_))
        ));
        assert!(Backend::from_url("mysql://h/db").is_err());
        assert!(Backend::from_url("sqlite://").is_err());
    }

    #[test]
    fn description_hides_credentials() {
        let text = Backend::describe("postgres://user:secret@db:5432/app");
        assert!(!text.contains("secret"), "{text}");
    }
}
