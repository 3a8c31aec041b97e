//! The scheduler's part: reorganisations an admin applied ahead of their effective date are
//! applied on that date (Vietnam calendar), once, as that admin, by the background thread.

use chrono::NaiveDate;

use super::queries::WithSources;
use super::{access, plan};
use crate::auth::extractor::system_acting_as;
use crate::auth::AuthUser;
use crate::db::{AnyConnection, DbPool};
use crate::domain::reorganisation::ReorganisationStatus;
use crate::error::ApiError;

/// Applies `reorganisation` as `caller`: carries out its plan and marks it applied, in the
/// caller's transaction; what moved.
pub(super) fn apply_now(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    reorganisation: &WithSources,
) -> Result<
    (
        super::model::ReorganisationRow,
        super::dto::ReorganisationPlan,
    ),
    ApiError,
> {
    let outcome = plan::plan(conn, caller, reorganisation)?;
    plan::carry_out(conn, caller, reorganisation, &outcome)?;
    let audit = serde_json::to_value(&outcome).map_err(ApiError::internal)?;
    let row = access::mark(
        conn,
        caller,
        &reorganisation.0,
        ReorganisationStatus::Applied,
        audit,
    )?;
    Ok((row, outcome))
}

/// Applies every scheduled reorganisation effective by `today`, each in a write of its own;
/// how many were applied. One whose admin is no longer an active admin, or that can no longer
/// be applied, is left scheduled and logged (an admin can apply it by hand). A second instance
/// applying the same one meets a changed version and rolls back.
pub fn apply_due(pool: &DbPool, today: NaiveDate) -> Result<usize, ApiError> {
    let due = {
        let mut conn = pool.get()?;
        access::system_due(&mut conn, today)?
    };
    let mut applied = 0;
    for reorganisation in due {
        let Some(admin) = reorganisation.0.scheduled_by.clone() else {
            continue;
        };
        let id = reorganisation.0.id.clone();
        let mut conn = pool.get()?;
        let outcome = crate::db::write_transaction(&mut conn, |conn| {
            // The scheduler acts with the rights the admin holds today, not those they held
            // when they scheduled it: an account since demoted or deactivated applies nothing.
            let caller = system_acting_as(conn, &admin)?.ok_or(ApiError::Forbidden)?;
            let reorganisation = access::for_apply(conn, &caller, &id)?;
            apply_now(conn, &caller, &reorganisation)
        });
        match outcome {
            Ok(_) => applied += 1,
            Err(error) => log::error!("scheduled reorganisation {id} was not applied: {error:?}"),
        }
    }
    Ok(applied)
}
