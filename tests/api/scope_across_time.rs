//! Scope across time (issue 11 part 4) through the real App: a successor's users read what
//! their predecessors did, and write only what was carried to them; nobody outside the
//! lineage sees more than before.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use serde_json::json;

use crate::common::{self, fixtures::today_plus};
use crate::reorganisations::{merge, task};

fn ids(page: &serde_json::Value) -> Vec<String> {
    let mut ids: Vec<String> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap().to_owned())
        .collect();
    ids.sort();
    ids
}

backend_test!(
    a_successor_reads_its_predecessors_records_and_writes_only_what_it_carries,
    |app| {
        let admin = app.token_for("admin");
        let sup = app.insert_user("supervisor", "supervisor", None).1;
        let tttt = app.create_agency(&admin, "SO-TTTT", None).await;
        let khcn = app.create_agency(&admin, "SO-KHCN", None).await;
        let other = app.create_agency(&admin, "SO-KHAC", None).await;
        let (_, tttt_staff) = app.insert_user("staff.tttt", "agency_staff", Some(&tttt));
        let (_, khcn_manager) = app.insert_user("manager.khcn", "agency_manager", Some(&khcn));
        let (_, other_staff) = app.insert_user("staff.khac", "agency_staff", Some(&other));
        let d = common::fixtures::directive(&app, &sup).await;
        let finished = task(&app, &sup, &d, &tttt, &[]).await;
        let open = task(&app, &sup, &d, &tttt, &[]).await;
        let report = app
            .post(
                &format!("/api/v1/tasks/{finished}/reports"),
                Some(&tttt_staff),
                json!({"period": "2023", "body": "Đã triển khai tại 12/12 xã."}),
            )
            .await;
        assert_eq!(report.status, 201, "{}", report.body);
        let cancel = format!("/api/v1/tasks/{finished}/cancel");
        let cancelled = app
            .post(
                &cancel,
                Some(&sup),
                json!({"comment": "Đã hoàn thành theo kế hoạch khác"}),
            )
            .await;
        assert_eq!(cancelled.status, 200, "{}", cancelled.body);
        let own = task(&app, &sup, &d, &khcn, &[]).await;

        // Before the merger the new department sees nothing of the old one's work.
        let before = app
            .get(&format!("/api/v1/tasks/{finished}"), Some(&khcn_manager))
            .await;
        before.assert_problem(404);
        let made = app
            .post(
                "/api/v1/reorganisations",
                Some(&admin),
                merge(&[&tttt], &khcn, &today_plus(0)),
            )
            .await;
        // A draft on the open task goes with it, and the preview says so.
        let draft = app
            .post(
                &format!("/api/v1/tasks/{open}/reports"),
                Some(&tttt_staff),
                json!({"period": "2025", "body": "Bản nháp"}),
            )
            .await;
        assert_eq!(draft.status, 201, "{}", draft.body);
        let preview = format!("/api/v1/reorganisations/{}/preview", made.id());
        let preview = app.post(&preview, Some(&admin), json!({})).await;
        let carried = preview.body["tasks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["task_id"] == open.as_str())
            .unwrap();
        assert_eq!(carried["report_drafts"], json!([draft.id()]));
        assert_eq!(carried["recommendation_id"], json!(null));
        let apply = format!("/api/v1/reorganisations/{}/apply", made.id());
        assert_eq!(app.post(&apply, Some(&admin), json!({})).await.status, 200);
        let moved_draft = format!("/api/v1/reports/{}", draft.id());
        assert_eq!(app.get(&moved_draft, Some(&khcn_manager)).await.status, 200);

        // The finished task stays with the agency that did it, under its name, and the successor
        // reads it, its reports and its discussion; it writes none of them.
        let read = app
            .get(&format!("/api/v1/tasks/{finished}"), Some(&khcn_manager))
            .await;
        assert_eq!(read.status, 200, "{}", read.body);
        assert_eq!(read.body["lead_agency_id"], tttt.as_str());
        let report_path = format!("/api/v1/reports/{}", report.id());
        let report_read = app.get(&report_path, Some(&khcn_manager)).await;
        assert_eq!(report_read.status, 200, "{}", report_read.body);
        let listed = app
            .get(
                &format!("/api/v1/tasks/{finished}/reports"),
                Some(&khcn_manager),
            )
            .await;
        assert_eq!(listed.body["items"].as_array().unwrap().len(), 1);
        let comments = format!("/api/v1/tasks/{finished}/comments");
        assert_eq!(app.get(&comments, Some(&khcn_manager)).await.status, 200);
        app.post(&comments, Some(&khcn_manager), json!({"body": "Ghi chú"}))
            .await
            .assert_problem(403);
        let edit = app
            .patch(&report_path, Some(&khcn_manager), json!({"body": "Sửa"}))
            .await;
        edit.assert_problem(403);
        // The carried task is the successor's own to work on.
        let carried = app
            .get(&format!("/api/v1/tasks/{open}"), Some(&khcn_manager))
            .await;
        assert_eq!(carried.body["lead_agency_id"], khcn.as_str());

        // Lists hold the predecessors' tasks only when asked, and page through them.
        let plain = app.get("/api/v1/tasks", Some(&khcn_manager)).await;
        let mut expected = vec![open.clone(), own.clone()];
        expected.sort();
        assert_eq!(ids(&plain.body), expected);
        let wide = app
            .get(
                "/api/v1/tasks?include_predecessors=true",
                Some(&khcn_manager),
            )
            .await;
        let mut all = vec![finished.clone(), open.clone(), own.clone()];
        all.sort();
        assert_eq!(ids(&wide.body), all);
        let first = app
            .get(
                "/api/v1/tasks?include_predecessors=true&limit=1",
                Some(&khcn_manager),
            )
            .await;
        let cursor = first.body["next_cursor"].as_str().unwrap().to_owned();
        let next = format!("/api/v1/tasks?include_predecessors=true&limit=5&cursor={cursor}");
        assert_eq!(app.get(&next, Some(&khcn_manager)).await.status, 200);
        // Without the flag a predecessor's task is no cursor of this list.
        let cursor_of_finished = format!("/api/v1/tasks?cursor={finished}");
        let refused = app.get(&cursor_of_finished, Some(&khcn_manager)).await;
        refused.assert_problem(422);

        // An agency outside the lineage sees what it saw before: the same 404 as a missing task.
        let foreign = app
            .get(&format!("/api/v1/tasks/{finished}"), Some(&other_staff))
            .await;
        let missing = app
            .get(
                &format!("/api/v1/tasks/{}", uuid::Uuid::now_v7()),
                Some(&other_staff),
            )
            .await;
        foreign.assert_problem(404);
        assert_eq!(foreign.body, missing.body);
        app.get(&report_path, Some(&other_staff))
            .await
            .assert_problem(404);
        let wide_other = app
            .get(
                "/api/v1/tasks?include_predecessors=true",
                Some(&other_staff),
            )
            .await;
        assert_eq!(ids(&wide_other.body), Vec::<String>::new());
        // Nor does an account left in the agency that ended gain the successor's work.
        let (_, left_behind) = app.insert_user("staff.tttt.cu", "agency_staff", Some(&tttt));
        app.get(&format!("/api/v1/tasks/{own}"), Some(&left_behind))
            .await
            .assert_problem(404);
        let still = app
            .get(&format!("/api/v1/tasks/{finished}"), Some(&left_behind))
            .await;
        assert_eq!(still.status, 200, "{}", still.body);
    }
);

backend_test!(
    a_successor_reads_its_predecessors_assessment_and_scores_nothing,
    |app| {
        use crate::common::campaigns::{day, open_with_a_registered, scores};
        let p = common::province(&app).await;
        let sup = app.insert_user("giam.sat", "supervisor", None).1;
        let other = app.create_agency(&p.admin, "SO-KHAC", None).await;
        let (_, other_staff) = app.insert_user("staff.khac", "agency_staff", Some(&other));
        let (campaign, id) = open_with_a_registered(&app, &p, &sup).await;
        let path = format!("/api/v1/assessments/{id}");
        app.get(&path, Some(&p.manager_b)).await.assert_problem(404);
        // Department B registered itself: A's registration cannot follow it and is closed.
        let own = app
            .post(&format!("/api/v1/campaigns/{campaign}/registrations"), Some(&p.manager_b),
                json!({"agency_id": p.dept_b, "document_number": "12/SB-VP", "registered_on": day(-1)}))
            .await;
        assert_eq!(own.status, 201, "{}", own.body);

        // Department A and its division merge into department B; the accounts are deactivated.
        let mut body = merge(&[&p.dept_a, &p.division_a], &p.dept_b, &today_plus(0));
        body["accounts"] = json!("deactivate");
        let made = app
            .post("/api/v1/reorganisations", Some(&p.admin), body)
            .await;
        assert_eq!(made.status, 201, "{}", made.body);
        let apply = format!("/api/v1/reorganisations/{}/apply", made.id());
        let applied = app.post(&apply, Some(&p.admin), json!({})).await;
        assert_eq!(applied.status, 200, "{}", applied.body);

        let read = app.get(&path, Some(&p.manager_b)).await;
        assert_eq!(read.status, 200, "{}", read.body);
        assert_eq!(read.body["agency_id"], p.dept_a.as_str());
        assert_eq!(read.body["status"], "closed");
        assert!(
            read.body["closed_reason"]
                .as_str()
                .unwrap()
                .contains("registered in the campaign already"),
            "{}",
            read.body
        );
        assert_eq!(
            applied.body["outcome"]["assessments"][0]["to_agency_id"],
            json!(null)
        );
        app.put(
            &format!("{path}/self-scores"),
            Some(&p.manager_b),
            scores(50.0, true),
        )
        .await
        .assert_problem(403);
        // Department B's division did not succeed department A: it sees what it saw before.
        app.get(&path, Some(&p.staff_b)).await.assert_problem(404);
        let foreign = app.get(&path, Some(&other_staff)).await;
        let missing = format!("/api/v1/assessments/{}", uuid::Uuid::now_v7());
        assert_eq!(
            foreign.body,
            app.get(&missing, Some(&other_staff)).await.body
        );
        foreign.assert_problem(404);
        // The campaign overview shows department A's row to its successor on request only.
        let overview = |token: &str, wide: bool| {
            let path =
                format!("/api/v1/campaigns/{campaign}/assessments?include_predecessors={wide}");
            let token = token.to_owned();
            let app = &app;
            async move {
                let rows = app.get(&path, Some(&token)).await.body["items"].clone();
                rows.as_array()
                    .unwrap()
                    .iter()
                    .map(|r| r["status"].as_str().unwrap().to_owned())
                    .collect::<Vec<_>>()
            }
        };
        assert_eq!(overview(&p.manager_b, false).await, ["registered"]);
        assert_eq!(overview(&p.manager_b, true).await.len(), 2);
        assert!(overview(&p.manager_b, true)
            .await
            .contains(&"closed".to_owned()));
        assert!(overview(&other_staff, true).await.is_empty());
    }
);
