//! A body's yearly plan of supervisions (kế hoạch kiểm tra, giám sát năm): its status and the
//! shape of its items, checked value by value (what they name is checked against the database
//! in `supervision_plans::input`).

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::domain::delegation::DelegationKind;
use crate::domain::values::Name;

stored_enum!(
    /// Where a plan stands.
    PlanStatus {
        /// Being prepared; its items change.
        Draft = "draft",
        /// Approved by the body (phê duyệt); it no longer changes.
        Approved = "approved",
    }
);

/// The most items a plan holds.
pub const ITEMS_MAX: usize = 100;
/// The most legal bases and subjects of one item.
pub const NAMED_MAX: usize = 50;
/// The longest topic.
pub const TOPIC_MAX: usize = 500;

/// One planned supervision: what, of which kind, in which month, under which directives, of
/// which agencies.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanItem {
    /// E.g. "Giám sát việc thực hiện Nghị quyết 28-NQ/TW".
    #[schema(
        min_length = 1,
        max_length = 500,
        pattern = r"^[^\x00-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x1f\x7f-\x9f]*$"
    )]
    pub topic: String,
    pub kind: DelegationKind,
    /// The month the work is planned for, 1 to 12.
    #[schema(minimum = 1, maximum = 12)]
    pub planned_month: u32,
    /// The directives whose carrying out it supervises, 1 to 50.
    #[schema(min_items = 1, max_items = 50)]
    pub legal_bases: Vec<Uuid>,
    /// The agencies it will supervise, 1 to 50.
    #[schema(min_items = 1, max_items = 50)]
    pub subject_ids: Vec<Uuid>,
}

/// Mistakes as (field path, message).
pub type Mistakes = Vec<(String, String)>;

/// Checks the items' values: at most [`ITEMS_MAX`], a topic, a month, 1 to [`NAMED_MAX`]
/// bases and subjects each, none listed twice, no topic twice in the same month.
pub fn check_items(items: Vec<PlanItem>) -> Result<Vec<PlanItem>, Mistakes> {
    let mut errors = Vec::new();
    if items.len() > ITEMS_MAX {
        errors.push((
            "items".into(),
            format!("must list at most {ITEMS_MAX} items"),
        ));
    }
    let mut out: Vec<PlanItem> = Vec::with_capacity(items.len());
    for (i, item) in items.into_iter().enumerate() {
        let at = |f: &str| format!("items[{i}].{f}");
        let topic = match Name::parse(&item.topic, TOPIC_MAX) {
            Ok(t) => t.into_inner(),
            Err(m) => {
                errors.push((at("topic"), m));
                String::new()
            }
        };
        if !(1..=12).contains(&item.planned_month) {
            errors.push((at("planned_month"), "must be a month from 1 to 12".into()));
        }
        for (field, ids) in [
            ("legal_bases", &item.legal_bases),
            ("subject_ids", &item.subject_ids),
        ] {
            if ids.is_empty() || ids.len() > NAMED_MAX {
                errors.push((at(field), format!("must name 1 to {NAMED_MAX}")));
            }
            if let Some(twice) = (1..ids.len()).find(|&k| ids[..k].contains(&ids[k])) {
                errors.push((
                    format!("items[{i}].{field}[{twice}]"),
                    "is listed twice".into(),
                ));
            }
        }
        if out
            .iter()
            .any(|o| o.topic == topic && o.planned_month == item.planned_month)
        {
            errors.push((at("topic"), "is planned twice in the same month".into()));
        }
        out.push(PlanItem { topic, ..item });
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(topic: &str, month: u32) -> PlanItem {
        PlanItem {
            topic: topic.into(),
            kind: DelegationKind::Supervision,
            planned_month: month,
            legal_bases: vec![Uuid::nil()],
            subject_ids: vec![Uuid::max()],
        }
    }

    #[test]
    fn items_are_checked_value_by_value() {
        let ok = check_items(vec![
            item(" Giám sát 28-NQ/TW ", 7),
            item("Giám sát 28-NQ/TW", 9),
        ]);
        assert_eq!(ok.unwrap()[0].topic, "Giám sát 28-NQ/TW");
        let mut twice = item("A", 13);
        twice.subject_ids = vec![Uuid::max(), Uuid::max()];
        twice.legal_bases = Vec::new();
        let errors = check_items(vec![twice]).unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| e.0.as_str()).collect();
        assert_eq!(
            fields,
            [
                "items[0].planned_month",
                "items[0].legal_bases",
                "items[0].subject_ids[1]"
            ]
        );
        let same = check_items(vec![item("A", 3), item("A", 3)]).unwrap_err();
        assert_eq!(same[0].0, "items[1].topic");
    }
}
