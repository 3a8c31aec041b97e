//! What a reorganisation does to the registrations of the agencies it ends, through the real
//! App: an undecided one follows a successor that takes part in the campaign, or is closed
//! with the reason; a decided one stays.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use serde_json::json;

use crate::common::{
    self,
    campaigns::{open_with_a_registered, scores},
    fixtures::today_plus,
};
use crate::reorganisations::merge;

backend_test!(
    an_undecided_registration_follows_a_successor_in_the_campaign,
    |app| {
        let p = common::province(&app).await;
        let sup = app.insert_user("giam.sat", "supervisor", None).1;
        let (campaign, id) = open_with_a_registered(&app, &p, &sup).await;
        let path = format!("/api/v1/assessments/{id}");
        let scored = app
            .put(
                &format!("{path}/self-scores"),
                Some(&p.manager_a),
                scores(40.0, true),
            )
            .await;
        assert_eq!(scored.status, 200, "{}", scored.body);

        let made = app
            .post(
                "/api/v1/reorganisations",
                Some(&p.admin),
                merge(&[&p.dept_a, &p.division_a], &p.dept_b, &today_plus(0)),
            )
            .await;
        let reorganisation = made.id();
        let preview = app
            .post(
                &format!("/api/v1/reorganisations/{reorganisation}/preview"),
                Some(&sup),
                json!({}),
            )
            .await;
        assert_eq!(
            preview.body["assessments"],
            json!([{"assessment_id": id, "campaign_id": campaign, "from_agency_id": p.dept_a,
            "to_agency_id": p.dept_b, "closed_reason": null}])
        );
        let applied = app
            .post(
                &format!("/api/v1/reorganisations/{reorganisation}/apply"),
                Some(&p.admin),
                json!({}),
            )
            .await;
        assert_eq!(applied.body["outcome"], preview.body);

        // Department B carries the self-assessment on, with the scores given so far.
        let read = app.get(&path, Some(&p.manager_b)).await;
        assert_eq!(
            (
                &read.body["agency_id"],
                &read.body["status"],
                &read.body["self_total"]
            ),
            (&json!(p.dept_b), &json!("self_assessing"), &json!(80.0)),
            "{}",
            read.body
        );
        let rescored = app
            .put(
                &format!("{path}/self-scores"),
                Some(&p.manager_b),
                scores(45.0, true),
            )
            .await;
        assert_eq!(rescored.status, 200, "{}", rescored.body);
        let overview = app
            .get(
                &format!("/api/v1/campaigns/{campaign}/assessments"),
                Some(&sup),
            )
            .await;
        assert_eq!(
            overview.body["counts"]["by_status"]["self_assessing"], 1,
            "{}",
            overview.body
        );
    }
);

backend_test!(
    a_registration_closes_when_the_successor_is_outside_the_campaign,
    |app| {
        let p = common::province(&app).await;
        let sup = app.insert_user("giam.sat", "supervisor", None).1;
        let outside = app.create_agency(&p.admin, "SO-NGOAI", None).await;
        let (_, outside_manager) =
            app.insert_user("manager.ngoai", "agency_manager", Some(&outside));
        let (campaign, id) = open_with_a_registered(&app, &p, &sup).await;
        let made = app
            .post(
                "/api/v1/reorganisations",
                Some(&p.admin),
                merge(&[&p.dept_a, &p.division_a], &outside, &today_plus(0)),
            )
            .await;
        let apply = format!("/api/v1/reorganisations/{}/apply", made.id());
        let applied = app.post(&apply, Some(&p.admin), json!({})).await;
        assert_eq!(applied.status, 200, "{}", applied.body);
        let read = app
            .get(&format!("/api/v1/assessments/{id}"), Some(&outside_manager))
            .await;
        assert_eq!(
            (&read.body["status"], &read.body["agency_id"]),
            (&json!("closed"), &json!(p.dept_a))
        );
        assert!(read.body["closed_reason"]
            .as_str()
            .unwrap()
            .contains("does not take part"));
        // A closed registration takes no more scores, from anyone.
        app.put(
            &format!("/api/v1/assessments/{id}/review-scores"),
            Some(&sup),
            scores(40.0, true),
        )
        .await
        .assert_problem(409);
        let overview = app
            .get(
                &format!("/api/v1/campaigns/{campaign}/assessments"),
                Some(&sup),
            )
            .await;
        assert_eq!(
            overview.body["counts"]["by_status"]["closed"], 1,
            "{}",
            overview.body
        );
    }
);
