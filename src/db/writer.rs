//! SQLite's one writer, with group commit. Write requests queue their closures here; a
//! dedicated thread takes whatever has queued, runs the batch inside one `BEGIN IMMEDIATE`
//! transaction with a savepoint per request (a request that fails rolls back only its own
//! savepoint), commits once (one fsync under `synchronous=FULL`), and only then answers each
//! request. A request is therefore acknowledged only once its write is durable, and writes
//! that arrive together share one commit instead of paying one each.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc;

use diesel::connection::{AnsiTransactionManager, TransactionManager};
use diesel::Connection;

use super::AnyConnection;
use crate::error::ApiError;

/// Most requests committed together; past it the next batch starts at once.
const MAX_BATCH: usize = 256;

/// Called once the batch has committed (`Ok`) or failed to (`Err`).
type Answer = Box<dyn FnOnce(Result<(), String>) + Send>;
type Job = Box<dyn FnOnce(&mut AnyConnection) -> Answer + Send>;
type Connect = Box<dyn FnMut() -> Result<AnyConnection, String> + Send>;

/// The queue in front of the writer thread; the thread stops when the last handle is dropped.
pub(super) struct Writer {
    jobs: mpsc::Sender<Job>,
}

impl Writer {
    /// Opens the writer's own connection with `connect` and starts its thread.
    pub(super) fn start(mut connect: Connect) -> Result<Self, String> {
        let conn = connect()?;
        let (jobs, queue) = mpsc::channel::<Job>();
        std::thread::Builder::new()
            .name("sqlite-writer".into())
            .spawn(move || serve(conn, connect, queue))
            .map_err(|e| format!("cannot start the SQLite writer: {e}"))?;
        Ok(Self { jobs })
    }

    /// Runs `work` in the next batch, inside its own savepoint, and answers after the commit.
    pub(super) async fn submit<T, F>(&self, work: F) -> Result<T, ApiError>
    where
        F: FnOnce(&mut AnyConnection) -> Result<T, ApiError> + Send + 'static,
        T: Send + 'static,
    {
        let (reply, answer) = tokio::sync::oneshot::channel();
        let job: Job = Box::new(move |conn| {
            let outcome = conn.transaction(work);
            Box::new(move |committed: Result<(), String>| {
                let _ = reply.send(committed.map_err(ApiError::Unavailable).and(outcome));
            })
        });
        let stopped = || ApiError::Unavailable("the database writer has stopped".into());
        self.jobs.send(job).map_err(|_| stopped())?;
        // A dropped reply means the batch was abandoned (a request panicked): nothing of it
        // was committed.
        answer
            .await
            .map_err(|_| ApiError::internal("a write in the same batch panicked; rolled back"))?
    }
}

fn serve(mut conn: AnyConnection, mut connect: Connect, queue: mpsc::Receiver<Job>) {
    while let Ok(first) = queue.recv() {
        let mut batch = vec![first];
        while batch.len() < MAX_BATCH {
            match queue.try_recv() {
                Ok(job) => batch.push(job),
                Err(_) => break,
            }
        }
        if !commit_batch(&mut conn, batch) {
            // The connection may be mid-transaction after a panic: replace it.
            match connect() {
                Ok(fresh) => conn = fresh,
                Err(error) => log::error!("the SQLite writer cannot reconnect: {error}"),
            }
        }
    }
}

fn sqlite(conn: &mut AnyConnection) -> Result<&mut diesel::SqliteConnection, String> {
    match conn {
        AnyConnection::Sqlite(sqlite) => Ok(sqlite),
        AnyConnection::Postgresql(_) => Err("the batch writer serves SQLite only".into()),
    }
}

/// Runs and commits one batch; `false` when the connection must be replaced.
fn commit_batch(conn: &mut AnyConnection, batch: Vec<Job>) -> bool {
    let begun = sqlite(conn).and_then(|c| {
        AnsiTransactionManager::begin_transaction_sql(c, "BEGIN IMMEDIATE")
            .map_err(|e| format!("cannot begin the write batch: {e}"))
    });
    if let Err(error) = begun {
        log::error!("{error}");
        // Every job must still be answered: run none, fail all.
        drop(batch);
        return false;
    }
    let mut answers = Vec::with_capacity(batch.len());
    for job in batch {
        match catch_unwind(AssertUnwindSafe(|| job(conn))) {
            Ok(answer) => answers.push(answer),
            Err(_) => {
                log::error!(
                    "a write panicked; its batch of {} is rolled back",
                    answers.len() + 1
                );
                rollback(conn);
                let error = "the write batch was rolled back".to_owned();
                answers.into_iter().for_each(|a| a(Err(error.clone())));
                return false;
            }
        }
    }
    let committed = sqlite(conn).and_then(|c| {
        <AnsiTransactionManager as TransactionManager<diesel::SqliteConnection>>::commit_transaction(c)
            .map_err(|e| format!("the write batch did not commit: {e}"))
    });
    let healthy = committed.is_ok();
    if let Err(error) = &committed {
        log::error!("{error}");
        rollback(conn);
    }
    for answer in answers {
        answer(committed.clone());
    }
    healthy
}

fn rollback(conn: &mut AnyConnection) {
    if let Ok(c) = sqlite(conn) {
        let _ = <AnsiTransactionManager as TransactionManager<diesel::SqliteConnection>>::rollback_transaction(c);
    }
}
