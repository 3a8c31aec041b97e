//! Which agencies' work a dashboard counts: the caller's subtree, or one agency's inside it,
//! and with `include_predecessors` the subtrees of the agencies they succeeded. Only [`of`]
//! makes a [`Reach`], from the caller, so a figure can never be counted outside the scope.

use crate::agencies::access as agency_access;
use crate::auth::{AuthUser, Scope};
use crate::db::AnyConnection;
use crate::domain::agency_tree::is_within;
use crate::domain::ids::AgencyId;
use crate::error::ApiError;
use crate::reorganisations::access as reorganisation_access;

/// The subtrees a dashboard counts (`None`: the whole province).
#[derive(Debug, Clone)]
pub struct Reach {
    roots: Option<Vec<String>>,
}

impl Reach {
    /// The paths of the subtrees counted, none of them inside another; `None` for the whole
    /// province.
    pub fn roots(&self) -> Option<&[String]> {
        self.roots.as_deref()
    }

    /// `count` run for each subtree counted (once, with `None`, for the whole province),
    /// the results put together.
    pub fn each_root<T>(
        &self,
        mut count: impl FnMut(Option<&str>) -> Result<Vec<T>, ApiError>,
    ) -> Result<Vec<T>, ApiError> {
        let Some(roots) = &self.roots else {
            return count(None);
        };
        let mut all = Vec::new();
        for root in roots {
            all.extend(count(Some(root))?);
        }
        Ok(all)
    }

    /// Whether an agency at `path` is counted.
    pub fn holds(&self, path: &str) -> bool {
        self.roots
            .as_ref()
            .is_none_or(|roots| roots.iter().any(|root| is_within(path, root)))
    }
}

/// The reach of a dashboard for `caller`: the agency `agency` names (an unknown one and one
/// outside the caller's scope are the same 422), else the caller's scope.
pub fn of(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    agency: Option<&AgencyId>,
    include_predecessors: bool,
) -> Result<Reach, ApiError> {
    let root = match agency {
        Some(id) => Some(
            agency_access::named(
                conn,
                &caller.scope,
                id.as_str(),
                "agency_id",
                "no agency with this id",
            )?
            .path,
        ),
        None => caller.scope.subtree().map(str::to_owned),
    };
    let Some(root) = root else {
        return Ok(Reach { roots: None });
    };
    let mut roots = vec![root.clone()];
    if include_predecessors {
        roots.extend(reorganisation_access::inherited_roots(
            conn,
            &Scope::Subtree(root),
        )?);
    }
    Ok(Reach {
        roots: Some(outermost(roots)),
    })
}

/// `roots` without those inside another, so that nothing is counted twice.
fn outermost(mut roots: Vec<String>) -> Vec<String> {
    roots.sort();
    roots.dedup();
    let all = roots.clone();
    roots.retain(|root| {
        !all.iter()
            .any(|other| other != root && is_within(root, other))
    });
    roots
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_subtree_inside_another_is_counted_once() {
        let roots = outermost(vec![
            "/a/b/".into(),
            "/a/".into(),
            "/c/".into(),
            "/a/".into(),
        ]);
        assert_eq!(roots, vec!["/a/".to_owned(), "/c/".to_owned()]);
    }
}
