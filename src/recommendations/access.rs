//! The only door to recommendations: the province's roles see all of them; an agency user
//! those addressed to its subtree, and those of the delegations its subtree leads or it is an
//! active member of. Anything else is never read.

use chrono::NaiveDate;

use super::queries::{self, Followed, Reach, RecommendationFilter};
use crate::auth::AuthUser;
use crate::db::AnyConnection;
use crate::error::ApiError;
use crate::http::pagination::PageRequest;

/// A page of the recommendations the caller sees, with their tasks' state on `today`.
pub(crate) fn list(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    filter: RecommendationFilter,
    today: NaiveDate,
    page: &PageRequest,
) -> Result<Vec<Followed>, ApiError> {
    let reach = caller
        .scope
        .subtree()
        .filter(|_| caller.role.is_agency_scoped())
        .map(|root| Reach {
            user: &caller.id,
            root,
        });
    queries::list(conn, reach, filter, today, page)
}
