//! Parsing task requests into values known to be valid (references are checked later, in
//! the write transaction).

use chrono::NaiveDate;
use uuid::Uuid;

use super::dto::{CreateTask, Target, UpdateTask, COORDINATORS_MAX, TEXT_MAX, TITLE_MAX};
use crate::domain::ids::{AgencyId, DirectiveId};
use crate::domain::task::{check_target, Priority, Recurrence};
use crate::domain::values::{parse_calendar_date, parse_text, Name};
use crate::error::{ApiError, FieldError, FieldErrors};

pub fn parse_target(target: Target) -> Result<Target, Vec<FieldError>> {
    check_target(target).map_err(|errors| {
        errors
            .into_iter()
            .map(|(field, m)| FieldError::new(&format!("target.{field}"), m))
            .collect()
    })
}

pub fn parse_ids(
    field: &str,
    ids: Option<Vec<Uuid>>,
    errors: &mut FieldErrors,
) -> Option<Vec<AgencyId>> {
    let ids = ids?;
    if ids.len() > COORDINATORS_MAX {
        errors.0.push(FieldError::new(
            field,
            format!("must have at most {COORDINATORS_MAX} ids"),
        ));
    }
    let mut ids: Vec<AgencyId> = ids.into_iter().map(AgencyId::from).collect();
    ids.sort();
    ids.dedup();
    Some(ids)
}

/// A create request whose fields are known valid (references not yet checked).
pub struct NewTask {
    pub directive_id: DirectiveId,
    pub title: String,
    pub description: Option<String>,
    pub lead_agency_id: AgencyId,
    pub coordinating_agency_ids: Vec<AgencyId>,
    pub start_on: Option<NaiveDate>,
    pub due_on: NaiveDate,
    pub priority: Priority,
    pub target: Option<Target>,
    pub recurrence: Recurrence,
}

fn take_target(target: Option<Target>, errors: &mut FieldErrors) -> Option<Target> {
    target.and_then(|t| parse_target(t).map_err(|e| errors.0.extend(e)).ok())
}

impl CreateTask {
    pub fn parse(self) -> Result<NewTask, ApiError> {
        let mut errors = FieldErrors::default();
        let title = errors.take(
            "title",
            Name::parse(&self.title, TITLE_MAX).map(Name::into_inner),
        );
        let description = self
            .description
            .and_then(|d| errors.take("description", parse_text(&d, TEXT_MAX)));
        let start_on = self
            .start_on
            .and_then(|d| errors.take("start_on", parse_calendar_date(d)));
        let due_on = errors.take("due_on", parse_calendar_date(self.due_on));
        if let (Some(start), Some(due)) = (start_on, due_on) {
            if due < start {
                errors
                    .0
                    .push(FieldError::new("due_on", "must not be before start_on"));
            }
        }
        let target = take_target(self.target, &mut errors);
        let coordinating_agency_ids = parse_ids(
            "coordinating_agency_ids",
            self.coordinating_agency_ids,
            &mut errors,
        )
        .unwrap_or_default();
        errors.finish()?;
        let (Some(title), Some(due_on)) = (title, due_on) else {
            return Err(ApiError::internal("task parse lost an error"));
        };
        Ok(NewTask {
            directive_id: DirectiveId::from(self.directive_id),
            title,
            description,
            lead_agency_id: AgencyId::from(self.lead_agency_id),
            coordinating_agency_ids,
            start_on,
            due_on,
            priority: self.priority.unwrap_or(Priority::Normal),
            target,
            recurrence: self.recurrence.unwrap_or(Recurrence::None),
        })
    }
}

/// An update request whose fields are known valid (references not yet checked).
#[derive(Clone)]
pub struct TaskPatch {
    pub title: Option<String>,
    pub description: Option<Option<String>>,
    pub lead_agency_id: Option<AgencyId>,
    pub coordinating_agency_ids: Option<Vec<AgencyId>>,
    pub start_on: Option<Option<NaiveDate>>,
    pub due_on: Option<NaiveDate>,
    pub priority: Option<Priority>,
    pub target: Option<Option<Target>>,
    pub recurrence: Option<Recurrence>,
}

impl UpdateTask {
    pub fn parse(self) -> Result<TaskPatch, ApiError> {
        let mut errors = FieldErrors::default();
        let patch = TaskPatch {
            title: self.title.and_then(|t| {
                errors.take("title", Name::parse(&t, TITLE_MAX).map(Name::into_inner))
            }),
            description: match self.description {
                Some(Some(d)) => errors
                    .take("description", parse_text(&d, TEXT_MAX))
                    .map(Some),
                Some(None) => Some(None),
                None => None,
            },
            lead_agency_id: self.lead_agency_id.map(AgencyId::from),
            coordinating_agency_ids: parse_ids(
                "coordinating_agency_ids",
                self.coordinating_agency_ids,
                &mut errors,
            ),
            start_on: match self.start_on {
                Some(Some(d)) => errors.take("start_on", parse_calendar_date(d)).map(Some),
                Some(None) => Some(None),
                None => None,
            },
            due_on: self
                .due_on
                .and_then(|d| errors.take("due_on", parse_calendar_date(d))),
            priority: self.priority,
            target: match self.target {
                Some(Some(t)) => take_target(Some(t), &mut errors).map(Some),
                Some(None) => Some(None),
                None => None,
            },
            recurrence: self.recurrence,
        };
        errors.finish()?;
        Ok(patch)
    }
}
