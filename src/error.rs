//! The one API error type and its mapping to RFC 9457 `application/problem+json`.
//!
//! Causes of internal errors are logged (with the request id, by the request logger) and never
//! shown to the client.

use actix_web::error::{JsonPayloadError, PathError, QueryPayloadError};
use actix_web::http::{header, StatusCode};
use actix_web::{HttpRequest, HttpResponse, ResponseError};
use serde::Serialize;
use utoipa::ToSchema;

/// One invalid input field and what is wrong with it.
#[derive(Debug, Clone, Serialize, ToSchema, PartialEq, Eq)]
pub struct FieldError {
    /// The field's name in the request (`body` when the whole body is at fault).
    pub field: String,
    /// What is wrong, in words a client can show to a user.
    pub message: String,
    /// For an import, the row of the file that holds the field (the header is row 1 of a
    /// CSV or XLSX file; a JSON array counts its objects from 1).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row: Option<u32>,
}

impl FieldError {
    pub fn new(field: &str, message: impl Into<String>) -> Self {
        Self {
            field: field.to_owned(),
            message: message.into(),
            row: None,
        }
    }

    /// The same error, placed in a row of an imported file.
    pub fn at_row(mut self, row: u32) -> Self {
        self.row = Some(row);
        self
    }
}

/// Collects field errors while parsing a body.
#[derive(Default)]
pub struct FieldErrors(pub Vec<FieldError>);

impl FieldErrors {
    pub fn take<T>(&mut self, field: &str, parsed: Result<T, String>) -> Option<T> {
        parsed
            .map_err(|message| self.0.push(FieldError::new(field, message)))
            .ok()
    }

    pub fn add(&mut self, field: &str, message: impl Into<String>) {
        self.0.push(FieldError::new(field, message));
    }

    /// Notes an error when an optional text is longer than `max` characters.
    pub fn max_chars(&mut self, field: &str, value: Option<&str>, max: usize) {
        if value.is_some_and(|v| v.chars().count() > max) {
            self.0.push(FieldError::new(
                field,
                format!("must have at most {max} characters"),
            ));
        }
    }

    pub fn finish(self) -> Result<(), ApiError> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(ApiError::Validation(self.0))
        }
    }
}

/// An RFC 9457 problem document; every error of this API has this shape.
#[derive(Debug, Serialize, ToSchema)]
pub struct Problem {
    /// A URI reference naming the kind of problem.
    #[serde(rename = "type")]
    pub problem_type: String,
    /// A short summary of the kind of problem.
    pub title: String,
    /// The HTTP status code.
    pub status: u16,
    /// What went wrong with this request.
    pub detail: String,
    /// Field-level messages for validation problems.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
    /// The OAuth 2.0 error code (RFC 6749 section 5.2, RFC 6750 section 3.1) of a refused
    /// token request or of a client token lacking a scope.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<&'static str>,
}

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("the request has invalid fields")]
    Validation(Vec<FieldError>),
    #[error("{0}")]
    BadRequest(String),
    #[error("{0}")]
    Unauthorized(&'static str),
    #[error("your role does not allow this action")]
    Forbidden,
    #[error("the resource does not exist")]
    NotFound,
    #[error("this method is not allowed here; allowed: {0}")]
    MethodNotAllowed(&'static str),
    #[error("{0}")]
    Conflict(String),
    /// Another request changed the row between this one's read and its write; answered like
    /// a conflict, and retried on the server where the caller sent no `If-Match`.
    #[error("{0}")]
    LostRace(String),
    #[error("the resource has changed since you read it (If-Match does not match its ETag)")]
    PreconditionFailed,
    #[error("the request body is too large")]
    PayloadTooLarge,
    #[error("{0}")]
    UnsupportedMediaType(String),
    #[error("too many failed attempts; try again later")]
    TooManyRequests { retry_after_secs: u64 },
    #[error("the database is not reachable")]
    Unavailable(String),
    /// The database closed this connection (a server restart, an idle timeout): the pool
    /// replaces the connection, and a read is retried once on the new one.
    #[error("the database is not reachable")]
    ConnectionLost(String),
    #[error("internal error")]
    Internal(String),
    /// A token request refused (RFC 6749 section 5.2); `error` is its code.
    #[error("{detail}")]
    OAuth {
        error: &'static str,
        detail: &'static str,
    },
    /// An API client's token lacks what the operation needs (RFC 6750 `insufficient_scope`).
    #[error("{0}")]
    InsufficientScope(String),
    /// What the request names is no longer kept (a change-feed cursor past retention).
    #[error("{0}")]
    Gone(String),
}

impl ApiError {
    /// 403 unless a permission rule (`domain::permissions`) allowed the action.
    pub fn forbidden_unless(allowed: bool) -> Result<(), ApiError> {
        if allowed {
            Ok(())
        } else {
            Err(ApiError::Forbidden)
        }
    }

    /// A validation error for one field.
    pub fn field(field: &str, message: impl Into<String>) -> Self {
        Self::Validation(vec![FieldError::new(field, message)])
    }

    pub fn internal(cause: impl std::fmt::Display) -> Self {
        Self::Internal(cause.to_string())
    }

    fn slug_and_title(&self) -> (&'static str, &'static str) {
        match self {
            Self::Validation(_) => ("validation-error", "Invalid input"),
            Self::BadRequest(_) => ("bad-request", "Bad request"),
            Self::Unauthorized(_) => ("unauthorized", "Authentication required"),
            Self::Forbidden => ("forbidden", "Forbidden"),
            Self::NotFound => ("not-found", "Not found"),
            Self::MethodNotAllowed(_) => ("method-not-allowed", "Method not allowed"),
            Self::Conflict(_) | Self::LostRace(_) => ("conflict", "Conflict"),
            Self::PreconditionFailed => ("precondition-failed", "Precondition failed"),
            Self::PayloadTooLarge => ("payload-too-large", "Payload too large"),
            Self::UnsupportedMediaType(_) => ("unsupported-media-type", "Unsupported media type"),
            Self::TooManyRequests { .. } => ("too-many-requests", "Too many requests"),
            Self::Unavailable(_) | Self::ConnectionLost(_) => {
                ("service-unavailable", "Service unavailable")
            }
            Self::Internal(_) => ("internal-error", "Internal server error"),
            Self::OAuth { .. } => ("oauth-error", "Token request refused"),
            Self::InsufficientScope(_) => ("insufficient-scope", "Insufficient scope"),
            Self::Gone(_) => ("gone", "No longer kept"),
        }
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            Self::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Self::BadRequest(_) => StatusCode::BAD_REQUEST,
            Self::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            Self::Forbidden => StatusCode::FORBIDDEN,
            Self::NotFound => StatusCode::NOT_FOUND,
            Self::MethodNotAllowed(_) => StatusCode::METHOD_NOT_ALLOWED,
            Self::Conflict(_) | Self::LostRace(_) => StatusCode::CONFLICT,
            Self::PreconditionFailed => StatusCode::PRECONDITION_FAILED,
            Self::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Self::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Self::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            Self::Unavailable(_) | Self::ConnectionLost(_) => StatusCode::SERVICE_UNAVAILABLE,
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
            Self::OAuth {
                error: "invalid_client",
                ..
            } => StatusCode::UNAUTHORIZED,
            Self::OAuth { .. } => StatusCode::BAD_REQUEST,
            Self::InsufficientScope(_) => StatusCode::FORBIDDEN,
            Self::Gone(_) => StatusCode::GONE,
        }
    }

    fn error_response(&self) -> HttpResponse {
        let status = self.status_code();
        let (slug, title) = self.slug_and_title();
        let problem = Problem {
            problem_type: format!("/problems/{slug}"),
            title: title.to_owned(),
            status: status.as_u16(),
            detail: self.to_string(),
            errors: match self {
                Self::Validation(errors) => errors.clone(),
                _ => Vec::new(),
            },
            error: match self {
                Self::OAuth { error, .. } => Some(*error),
                Self::InsufficientScope(_) => Some("insufficient_scope"),
                _ => None,
            },
        };
        let mut response = HttpResponse::build(status);
        response.content_type("application/problem+json");
        match self {
            Self::TooManyRequests { retry_after_secs } => {
                response.insert_header((header::RETRY_AFTER, retry_after_secs.to_string()));
            }
            Self::MethodNotAllowed(allow) => {
                response.insert_header((header::ALLOW, *allow));
            }
            Self::Unauthorized(_) => {
                response.insert_header((header::WWW_AUTHENTICATE, "Bearer"));
            }
            Self::OAuth {
                error: "invalid_client",
                ..
            } => {
                response.insert_header((header::WWW_AUTHENTICATE, "Basic realm=\"api\""));
            }
            Self::InsufficientScope(_) => {
                let challenge = "Bearer error=\"insufficient_scope\"";
                response.insert_header((header::WWW_AUTHENTICATE, challenge));
            }
            _ => {}
        }
        response.json(problem)
    }
}

impl From<diesel::result::Error> for ApiError {
    fn from(error: diesel::result::Error) -> Self {
        use diesel::result::{DatabaseErrorKind, Error};
        match error {
            Error::NotFound => Self::NotFound,
            Error::DatabaseError(DatabaseErrorKind::UniqueViolation, _) => {
                Self::Conflict("a record with the same unique value already exists".into())
            }
            Error::DatabaseError(DatabaseErrorKind::ForeignKeyViolation, _) => {
                Self::Conflict("the change conflicts with records that refer to it".into())
            }
            Error::DatabaseError(DatabaseErrorKind::ClosedConnection, info) => {
                Self::ConnectionLost(info.message().to_owned())
            }
            other => Self::internal(format!("database: {other}")),
        }
    }
}

impl From<actix_web::error::BlockingError> for ApiError {
    fn from(error: actix_web::error::BlockingError) -> Self {
        Self::internal(format!("blocking task: {error}"))
    }
}

/// Malformed JSON is 400, JSON of the wrong shape 422, the wrong content type 415, too big 413.
pub fn json_error(error: JsonPayloadError, _req: &HttpRequest) -> actix_web::Error {
    let api_error = match &error {
        JsonPayloadError::ContentType => {
            ApiError::UnsupportedMediaType("the request body must be application/json".into())
        }
        JsonPayloadError::Overflow { .. } | JsonPayloadError::OverflowKnownLength { .. } => {
            ApiError::PayloadTooLarge
        }
        JsonPayloadError::Deserialize(inner) if inner.is_data() => {
            ApiError::field("body", inner.to_string())
        }
        JsonPayloadError::Deserialize(inner) => {
            ApiError::BadRequest(format!("the request body is not valid JSON: {inner}"))
        }
        other => ApiError::BadRequest(format!("the request body could not be read: {other}")),
    };
    api_error.into()
}

pub fn query_error(error: QueryPayloadError, _req: &HttpRequest) -> actix_web::Error {
    let message = match &error {
        QueryPayloadError::Deserialize(inner) => inner.to_string(),
        other => other.to_string(),
    };
    ApiError::Validation(vec![FieldError::new("query", message)]).into()
}

pub fn path_error(error: PathError, _req: &HttpRequest) -> actix_web::Error {
    log::debug!("bad path parameter: {error}");
    ApiError::NotFound.into()
}
