//! The only door to recommendations: the province's roles see all of them; an agency user
//! those addressed to its subtree or whose follow-up task it leads (carried to it by a
//! reorganisation), and those of the delegations its subtree leads or it is an
//! active member of; a delegation's side, through its grant, the open ones earlier delegations
//! made to a subject. Anything else is never read.

use chrono::NaiveDate;

use super::queries::{self, Followed, Reach, RecommendationFilter};
use crate::agencies::access as agency_access;
use crate::auth::AuthUser;
use crate::db::AnyConnection;
use crate::delegations::grant::Grant;
use crate::error::ApiError;
use crate::http::pagination::PageRequest;
use crate::reorganisations::access as reorganisation_access;

/// A page of the recommendations the caller sees, with their tasks' state on `today`.
pub(crate) fn list(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    filter: RecommendationFilter,
    today: NaiveDate,
    page: &PageRequest,
) -> Result<Vec<Followed>, ApiError> {
    let predecessors = match filter.include_predecessors {
        true => {
            let roots = reorganisation_access::inherited_roots(conn, &caller.scope)?;
            agency_access::system_ids_within(conn, &roots)?
        }
        false => Vec::new(),
    };
    let reach = caller
        .scope
        .subtree()
        .filter(|_| caller.role.is_agency_scoped())
        .map(|root| Reach {
            user: &caller.id,
            root,
            predecessors,
        });
    queries::list(conn, reach, filter, today, page)
}

/// What a delegation reads of a subject before its visit: the recommendations earlier
/// delegations made to its subtree that are not carried out yet.
pub fn granted_open_earlier(
    conn: &mut AnyConnection,
    grant: &Grant,
    limit: i64,
) -> Result<Vec<Followed>, ApiError> {
    queries::open_to(conn, grant.subject_path(), grant.delegation(), limit)
}

/// How many recommendations of a delegation the caller sees are neither done nor cancelled.
pub fn open_count(
    conn: &mut AnyConnection,
    visible: &crate::delegations::access::Visible,
) -> Result<i64, ApiError> {
    queries::open_count(conn, &visible.row().id)
}

/// The recommendations made within a dashboard's window to agencies within its reach, by the
/// status of their follow-up task.
pub fn period_states(
    conn: &mut AnyConnection,
    reach: &crate::dashboard::reach::Reach,
    window: &crate::domain::period::Window,
) -> Result<Vec<(String, i64)>, ApiError> {
    reach.each_root(|root| queries::count_by_follow_up(conn, root, window))
}
