//! Who forms, runs and reads supervision delegations (đoàn giám sát, đoàn kiểm tra). A member's
//! access is a grant of the delegation, not of a role (DESIGN section 4): it holds while the
//! delegation is active and never reaches agencies the delegation does not supervise.

use super::Actor;
use crate::domain::delegation::{DelegationStatus, MemberRole};

/// How a caller stands to one delegation, strongest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// Forms and runs it: admins, supervisors, the head of the leading body's subtree.
    Overseer,
    /// A member of an active delegation.
    Member(MemberRole),
    /// Reads all of it: the province's read roles, the leading body's own staff.
    Reader,
    /// An agency it supervises: sees its own part (its subject entry), never other subjects'.
    Subject,
}

/// Admins and supervisors form delegations of any body; an agency manager forms those its own
/// subtree leads (a department's inspection of its units).
pub fn forms(actor: &impl Actor, leading_path: &str) -> bool {
    actor.supervises() || actor.heads(leading_path)
}

/// A body's yearly plan is read by the province's roles and the body's own subtree; the
/// agencies it plans to supervise learn of it by the delegation's notice.
pub fn sees_plan(actor: &impl Actor, body_path: &str) -> bool {
    !actor.role().is_agency_scoped() || actor.works_in(body_path)
}

/// Whether the caller's role forms delegations at all (before the leading body is known).
pub fn forms_any(actor: &impl Actor) -> bool {
    actor.supervises() || actor.role() == crate::domain::role::Role::AgencyManager
}

/// The caller's standing, if any: `member` is its role in the delegation, `subject_visible`
/// whether one of its subjects lies in the caller's subtree.
pub fn standing(
    actor: &impl Actor,
    leading_path: &str,
    status: DelegationStatus,
    member: Option<MemberRole>,
    subject_visible: bool,
) -> Option<Standing> {
    if forms(actor, leading_path) {
        return Some(Standing::Overseer);
    }
    if let Some(role) = member.filter(|_| status.is_active()) {
        return Some(Standing::Member(role));
    }
    if !actor.role().is_agency_scoped() || actor.works_in(leading_path) {
        return Some(Standing::Reader);
    }
    subject_visible.then_some(Standing::Subject)
}

/// Who writes the delegation's own work (the outline, sessions, findings, drafts): its
/// overseers and members, an inspector included (the only place an inspector writes).
pub fn writes_work(standing: Standing) -> bool {
    matches!(standing, Standing::Overseer | Standing::Member(_))
}

/// The subject agency's own users (its subtree) draft its report to the delegation.
pub fn drafts_subject_report(actor: &impl Actor, subject_path: &str) -> bool {
    actor.works_in(subject_path)
}

/// The subject agency's manager sends its report.
pub fn submits_subject_report(actor: &impl Actor, subject_path: &str) -> bool {
    actor.heads(subject_path)
}

/// The delegation's side reads a subject's report once it was sent; the subject always.
pub fn sees_subject_report(
    actor: &impl Actor,
    standing: Standing,
    subject_path: &str,
    sent: bool,
) -> bool {
    actor.works_in(subject_path) || (sent && standing != Standing::Subject)
}

/// The delegation's side reads a subject's conclusion from its first draft; the subject once it
/// was sent.
pub fn sees_conclusion(
    actor: &impl Actor,
    standing: Standing,
    subject_path: &str,
    sent: bool,
) -> bool {
    standing != Standing::Subject || (sent && actor.works_in(subject_path))
}

/// The subject agency's manager comments on the draft conclusion it was sent.
pub fn comments_on_conclusion(actor: &impl Actor, subject_path: &str) -> bool {
    actor.heads(subject_path)
}

/// The subject agency's manager records its plan to carry out the conclusion.
pub fn records_implementation_plan(actor: &impl Actor, subject_path: &str) -> bool {
    actor.heads(subject_path)
}

/// Who moves a delegation through its lifecycle (field work, closing): its overseers and
/// its head.
pub fn runs(standing: Standing) -> bool {
    matches!(
        standing,
        Standing::Overseer | Standing::Member(MemberRole::Head)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::permissions::testing::actor;
    use crate::domain::role::Role;

    const LEAD: &str = "/tu/";

    #[test]
    fn membership_is_a_grant_that_ends_when_the_delegation_closes() {
        let staff = actor(Role::AgencyStaff, "/sttt/");
        let open = DelegationStatus::FieldWork;
        let head = Some(MemberRole::Head);
        assert_eq!(
            standing(&staff, LEAD, open, head, false),
            Some(Standing::Member(MemberRole::Head))
        );
        assert_eq!(
            standing(&staff, LEAD, DelegationStatus::Closed, head, false),
            None
        );
        assert_eq!(
            standing(&staff, LEAD, open, None, true),
            Some(Standing::Subject)
        );
        assert_eq!(standing(&staff, LEAD, open, None, false), None);
    }

    #[test]
    fn province_roles_read_and_supervisors_run() {
        for role in [Role::Inspector, Role::Viewer] {
            let reader = actor(role, "");
            let got = standing(&reader, LEAD, DelegationStatus::Preparing, None, false);
            assert_eq!(got, Some(Standing::Reader));
        }
        let supervisor = actor(Role::Supervisor, "");
        assert!(forms(&supervisor, LEAD));
        let manager = actor(Role::AgencyManager, LEAD);
        assert!(forms(&manager, "/tu/ubkt/"));
        assert!(!forms(&actor(Role::AgencyManager, "/sttt/"), LEAD));
        assert!(runs(Standing::Member(MemberRole::Head)));
        assert!(!runs(Standing::Member(MemberRole::Secretary)));
        assert!(!runs(Standing::Reader));
        let subject = actor(Role::AgencyStaff, "/sttt/");
        assert!(!sees_conclusion(
            &subject,
            Standing::Subject,
            "/sttt/",
            false
        ));
        assert!(sees_conclusion(&subject, Standing::Subject, "/sttt/", true));
        assert!(!sees_conclusion(&subject, Standing::Subject, "/scn/", true));
        assert!(sees_conclusion(
            &supervisor,
            Standing::Overseer,
            "/sttt/",
            false
        ));
        assert!(!comments_on_conclusion(&subject, "/sttt/"));
        assert!(comments_on_conclusion(
            &actor(Role::AgencyManager, "/sttt/"),
            "/sttt/"
        ));
    }
}
