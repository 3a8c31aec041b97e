//! Entity ids: the text form of a UUID v7, typed per entity so that one entity's id cannot be
//! passed where another's is expected. Stored as TEXT (`db/text_enum.rs`), serialised as a
//! plain string.

macro_rules! entity_id {
    ($($(#[$doc:meta])* $name:ident),+ $(,)?) => {$(
        $(#[$doc])*
        #[derive(
            Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord,
            serde::Serialize, serde::Deserialize, diesel::AsExpression, diesel::FromSqlRow,
        )]
        #[serde(transparent)]
        #[diesel(sql_type = diesel::sql_types::Text)]
        pub struct $name(String);

        impl $name {
            /// A new id: a UUID v7, so ids sort by creation time.
            pub fn generate() -> Self {
                Self(uuid::Uuid::now_v7().to_string())
            }

            /// An id read back from storage, or from a cursor this service issued for this entity.
            pub fn from_stored(text: String) -> Self {
                Self(text)
            }

            /// The id a request names (a path or body field), if it is a UUID.
            pub fn parse(text: &str) -> Option<Self> {
                uuid::Uuid::parse_str(text).ok().map(Self::from)
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }

            pub fn into_string(self) -> String {
                self.0
            }
        }

        impl From<uuid::Uuid> for $name {
            fn from(id: uuid::Uuid) -> Self {
                Self(id.to_string())
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }
    )+};
}

/// Calls `$then!` with every entity id type and its doc comment: the one list of them (the
/// types here, their storage in `db::text_enum`).
macro_rules! entity_ids {
    ($then:ident) => {
        $then!(
            /// A task's id (nhiệm vụ).
            TaskId,
            /// A progress report's id (báo cáo).
            ReportId,
            /// A directive's id (văn bản chỉ đạo).
            DirectiveId,
            /// An assessment standard version's id (bộ tiêu chí).
            FrameworkId,
            /// A yearly assessment campaign's id (đợt đánh giá).
            CampaignId,
            /// One agency's assessment in a campaign (hồ sơ tự đánh giá).
            AssessmentId,
            /// An evidence file's id (tài liệu minh chứng).
            EvidenceId,
            /// A task comment's id (ý kiến trao đổi).
            CommentId,
            /// An account's id (tài khoản).
            UserId,
            /// An agency's id (cơ quan, đơn vị).
            AgencyId,
            /// A supervision or inspection delegation's id (đoàn giám sát, đoàn kiểm tra).
            DelegationId,
            /// A delegation's working session with a subject (buổi làm việc).
            SessionId,
            /// A recommendation of an issued conclusion (kiến nghị).
            RecommendationId,
            /// A body's yearly plan of supervisions (kế hoạch kiểm tra, giám sát năm).
            PlanId,
            /// An API client's id, its OAuth `client_id` (a provincial system's account).
            ApiClientId,
            /// A webhook subscription's id (đăng ký nhận sự kiện).
            WebhookId,
            /// One event sent, or to send, to a webhook.
            DeliveryId,
            /// A reorganisation decision's id (sắp xếp tổ chức bộ máy).
            ReorganisationId,
            /// A periodic review's id (báo cáo sơ kết, tổng kết).
            ReviewId,
        );
    };
}
pub(crate) use entity_ids;

entity_ids!(entity_id);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_is_its_uuid_text_and_serialises_as_a_plain_string() {
        let uuid = uuid::Uuid::now_v7();
        let id = TaskId::from(uuid);
        assert_eq!(id.as_str(), uuid.to_string());
        assert_eq!(serde_json::to_string(&id).unwrap(), format!("\"{uuid}\""));
        assert_ne!(TaskId::generate(), TaskId::generate());
    }
}
