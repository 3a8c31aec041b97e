//! `seed-bench`: a realistic volume for benchmarks — agencies, one directive, many tasks and
//! one manager and one staff account per agency. Synthetic rows are inserted in batches
//! without audit events; never run it on a production database.

use chrono::{Duration, NaiveDate, Utc};

use crate::agencies::create::insert_agency;
use crate::agencies::dto::NewAgency;
use crate::agencies::queries as agency_queries;
use crate::audit::AuditActor;
use crate::auth::password::hash_blocking;
use crate::auth::Scope;
use crate::db::{write_transaction, AnyConnection, DbPool};
use crate::directives::create::insert_directive;
use crate::directives::dto::NewDirective;
use crate::domain::directive::{DirectiveKind, DirectiveStatus};
use crate::domain::ids::{AgencyId, DirectiveId, TaskId};
use crate::domain::permissions::System;
use crate::domain::role::Role;
use crate::domain::search_key::search_key;
use crate::domain::task::{Priority, Recurrence, TaskStatus};
use crate::domain::values::{AgencyCode, AgencyKind, Name, NewPassword, Username};
use crate::error::ApiError;
use crate::tasks::model::TaskRow;
use crate::users::create::{insert_user, NewUser};

/// The password of every benchmark account.
pub const BENCH_PASSWORD: &str = "benchmark-password";
const BATCH: usize = 500;

fn agencies(conn: &mut AnyConnection, count: usize, hash: &str) -> Result<Vec<AgencyId>, ApiError> {
    let mut ids = Vec::new();
    for i in 1..=count {
        let code = format!("BENCH-{i:03}");
        if let Some(existing) = agency_queries::find_by_code(conn, &code)? {
            ids.push(existing.id);
            continue;
        }
        let new = NewAgency {
            code: AgencyCode::parse(&code).map_err(ApiError::internal)?,
            name: Name::parse(&format!("Sở thử nghiệm {i}"), 200).map_err(ApiError::internal)?,
            short_name: None,
            kind: AgencyKind::Department,
            parent_id: None,
            headcount: 30,
            active: true,
            valid_from: None,
        };
        let agency = insert_agency(conn, &Scope::Province, &AuditActor::system(), new)?;
        for (role, prefix) in [
            (Role::AgencyManager, "manager"),
            (Role::AgencyStaff, "staff"),
        ] {
            let user = NewUser {
                username: Username::parse(&format!("bench.{prefix}.{i:03}"))
                    .map_err(ApiError::internal)?,
                full_name: Name::parse(&format!("Cán bộ {prefix} {i}"), 200)
                    .map_err(ApiError::internal)?,
                password: NewPassword::parse(BENCH_PASSWORD).map_err(ApiError::internal)?,
                role,
                agency_id: Some(agency.id.clone()),
                active: true,
            };
            insert_user(
                conn,
                &Scope::Province,
                &AuditActor::system(),
                user,
                hash.to_owned(),
            )?;
        }
        ids.push(agency.id);
    }
    Ok(ids)
}

fn directive(conn: &mut AnyConnection) -> Result<String, ApiError> {
    let issued_on = NaiveDate::from_ymd_opt(2024, 1, 15).ok_or(ApiError::NotFound)?;
    if let Some(id) =
        crate::seed::directives::find(conn, DirectiveKind::Plan, "1/KH-BENCH", issued_on)?
    {
        return Ok(id);
    }
    let new = NewDirective {
        kind: DirectiveKind::Plan,
        number: "1/KH-BENCH".into(),
        issuer: Some("Ban Chỉ đạo".into()),
        issuer_agency_id: None,
        issued_on,
        title: "Kế hoạch thử tải".into(),
        summary: None,
        term: None,
        status: DirectiveStatus::InForce,
        superseded_by: None,
        based_on: Vec::new(),
    };
    Ok(insert_directive(conn, &System, &AuditActor::system(), new)?
        .0
        .id
        .into_string())
}

fn task(directive: &str, agency: &AgencyId, n: usize, today: NaiveDate) -> TaskRow {
    let now = Utc::now().naive_utc();
    let due_on = today + Duration::days((n % 1461) as i64 - 730);
    let done = n.is_multiple_of(3);
    let title = format!("Nhiệm vụ bảo đảm an ninh, trật tự số {n}");
    TaskRow {
        id: TaskId::generate(),
        directive_id: DirectiveId::from_stored(directive.to_owned()),
        search_key: search_key([title.as_str()]),
        title,
        description: None,
        lead_agency_id: agency.clone(),
        assigned_by: None,
        start_on: None,
        due_on,
        priority: Priority::Normal,
        target_value: Some(100.0),
        target_unit: Some("%".into()),
        recurrence: Recurrence::None,
        status: if done {
            TaskStatus::Completed
        } else {
            TaskStatus::InProgress
        },
        completed_on: done.then(|| due_on + Duration::days((n % 7) as i64 - 3)),
        origin: "directive".into(),
        previous_occurrence_id: None,
        recommendation_id: None,
        version: 1,
        created_at: now,
        updated_at: now,
    }
}

/// PostgreSQL takes a batch in one statement; SQLite (whose batch insert diesel does not offer
/// for rows with optional columns) takes the rows one by one inside the same transaction.
fn insert_batch(conn: &mut AnyConnection, batch: &[TaskRow]) -> Result<(), ApiError> {
    use crate::db::schema::tasks;
    use diesel::prelude::*;
    match conn {
        AnyConnection::Postgresql(pg) => {
            diesel::insert_into(tasks::table)
                .values(batch)
                .execute(pg)?;
        }
        AnyConnection::Sqlite(sqlite) => {
            for row in batch {
                diesel::insert_into(tasks::table)
                    .values(row)
                    .execute(sqlite)?;
            }
        }
    }
    Ok(())
}

/// Creates `agency_count` agencies with their accounts and `task_count` tasks spread over them.
pub fn seed_bench(
    pool: &DbPool,
    agency_count: usize,
    task_count: usize,
) -> Result<String, ApiError> {
    let mut conn = pool.get()?;
    let hash = hash_blocking(BENCH_PASSWORD)?;
    let (agencies, directive) = write_transaction(&mut conn, |c| {
        Ok((agencies(c, agency_count, &hash)?, directive(c)?))
    })?;
    let today = crate::domain::task::vietnam_date(Utc::now());
    let mut created = 0;
    while created < task_count {
        let batch: Vec<TaskRow> = (created..(created + BATCH).min(task_count))
            .map(|n| task(&directive, &agencies[n % agencies.len()], n, today))
            .collect();
        write_transaction(&mut conn, |c| insert_batch(c, &batch))?;
        created += batch.len();
    }
    // A bulk load leaves the planner without statistics until autovacuum gets to it, and
    // PostgreSQL then picks scans that cost seconds; both backends take ANALYZE.
    diesel::RunQueryDsl::execute(diesel::sql_query("ANALYZE"), &mut conn)?;
    Ok(format!(
        "{agency_count} agencies (BENCH-001..), accounts bench.manager.NNN and bench.staff.NNN with password {BENCH_PASSWORD}, {created} tasks"
    ))
}
