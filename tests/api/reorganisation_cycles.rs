//! A successor that itself ends by then (a cycle, or one merged away already) is refused when
//! the reorganisation is prepared, with nothing written.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use serde_json::json;

use crate::common::{self, fixtures::today_plus};
use crate::reorganisations::merge;

backend_test!(a_successor_that_ends_by_then_is_refused, |app| {
    let admin = app.token_for("admin");
    let a = app.create_agency(&admin, "SO-A", None).await;
    let b = app.create_agency(&admin, "SO-B", None).await;
    let c = app.create_agency(&admin, "SO-C", None).await;
    let first = app
        .post(
            "/api/v1/reorganisations",
            Some(&admin),
            merge(&[&a], &b, &today_plus(5)),
        )
        .await;
    assert_eq!(first.status, 201, "{}", first.body);
    let before = (app.count("reorganisations"), app.count("audit_events"));
    // B into A on the same day closes a cycle; C into A later names an agency gone by then.
    for body in [
        merge(&[&b], &a, &today_plus(5)),
        merge(&[&c], &a, &today_plus(9)),
    ] {
        let refused = app
            .post("/api/v1/reorganisations", Some(&admin), body)
            .await;
        refused.assert_problem(422);
        assert_eq!(refused.error_fields(), ["successor_id"], "{}", refused.body);
    }
    assert_eq!(
        (app.count("reorganisations"), app.count("audit_events")),
        before
    );
    // Before A ends, it may still take work over.
    let earlier = app
        .post(
            "/api/v1/reorganisations",
            Some(&admin),
            merge(&[&c], &a, &today_plus(2)),
        )
        .await;
    assert_eq!(earlier.status, 201, "{}", earlier.body);
    assert_eq!(earlier.body["successor_id"], json!(a));
});
