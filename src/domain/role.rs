//! Roles (vai trò) and what each may do in general; scope is `domain::scope`, and who may do what `domain::permissions`.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A user's role. Provincial roles see the whole province; agency roles see their agency's
/// subtree only.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Serialize,
    Deserialize,
    ToSchema,
    diesel::AsExpression,
    diesel::FromSqlRow,
)]
#[serde(rename_all = "snake_case")]
#[diesel(sql_type = diesel::sql_types::Text)]
pub enum Role {
    /// Quản trị: everything, including users and agencies.
    Admin,
    /// Cán bộ theo dõi tỉnh: manages directives, tasks, campaigns; reviews and decides.
    Supervisor,
    /// Thanh tra, kiểm tra: reads the whole province.
    Inspector,
    /// Xem: reads the whole province, writes nothing.
    Viewer,
    /// Lãnh đạo cơ quan: agency staff rights plus submitting and managing own staff accounts.
    AgencyManager,
    /// Cán bộ cơ quan: reads own scope, drafts reports and self-assessments.
    AgencyStaff,
}

impl Role {
    pub const ALL: [Role; 6] = [
        Role::Admin,
        Role::Supervisor,
        Role::Inspector,
        Role::Viewer,
        Role::AgencyManager,
        Role::AgencyStaff,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Supervisor => "supervisor",
            Role::Inspector => "inspector",
            Role::Viewer => "viewer",
            Role::AgencyManager => "agency_manager",
            Role::AgencyStaff => "agency_staff",
        }
    }

    pub fn parse(text: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == text)
    }

    /// Agency roles are confined to their agency's subtree and must belong to an agency.
    pub fn is_agency_scoped(self) -> bool {
        matches!(self, Role::AgencyManager | Role::AgencyStaff)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("root"), None);
    }
}
