//! A subject's dossier through the real App: its counts match the subject's tasks under the
//! delegation's legal bases, and only the delegation's side reads it.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;
use crate::delegations::{body, members, setup};

use common::fixtures::{task_body, today_plus};
use serde_json::json;

backend_test!(
    the_dossier_counts_the_subjects_tasks_under_the_legal_bases,
    |app| {
        let s = setup(&app).await;
        let other = app
        .post(
            "/api/v1/directives",
            Some(&s.p.admin),
            json!({"kind": "plan", "number": "99/KH-UBND", "issuer": "UBND tỉnh", "issued_on": "2023-01-05", "title": "Kế hoạch khác"}),
        )
        .await
        .id();
        for (directive, lead, due) in [
            (&s.directive, &s.p.division_a, today_plus(-3)),
            (&s.directive, &s.p.dept_a, today_plus(10)),
            (&s.directive, &s.p.dept_b, today_plus(10)),
            (&other, &s.p.dept_a, today_plus(-3)),
        ] {
            let task = app
                .post(
                    "/api/v1/tasks",
                    Some(&s.supervisor),
                    task_body(directive, lead, &due),
                )
                .await;
            assert_eq!(task.status, 201, "{}", task.body);
        }
        let id = app
            .post(
                "/api/v1/delegations",
                Some(&s.supervisor),
                body(&s, members(&s)),
            )
            .await
            .id();
        let dossier = |agency: &str| format!("/api/v1/delegations/{id}/subjects/{agency}/dossier");
        let read = app.get(&dossier(&s.p.dept_a), Some(&s.head)).await;
        assert_eq!(read.status, 200, "{}", read.body);
        assert_eq!(
            read.body["task_counts"],
            json!({"done_on_time": 0, "done_late": 0, "on_track": 1, "overdue": 1})
        );
        let open = read.body["open_tasks"].as_array().unwrap();
        assert_eq!(open.len(), 2);
        assert_eq!(open[0]["deadline_status"], "overdue");
        assert_eq!(open[0]["lead_agency_id"], s.p.division_a.as_str());
        assert_eq!(read.body["subject_report"], serde_json::Value::Null);
        let b = app.get(&dossier(&s.p.dept_b), Some(&s.viewer)).await;
        assert_eq!(b.body["task_counts"]["on_track"], 1);
        assert_eq!(b.body["task_counts"]["overdue"], 0);
        // The subject does not read the delegation's dossier; outsiders find nothing.
        app.get(&dossier(&s.p.dept_a), Some(&s.p.manager_a))
            .await
            .assert_problem(403);
        app.get(&dossier(&s.p.dept_b), Some(&s.p.manager_a))
            .await
            .assert_problem(404);
        app.get(&dossier(&s.p.dept_a), Some(&s.outsider))
            .await
            .assert_problem(404);
        app.get(&dossier(&s.p.division_a), Some(&s.head))
            .await
            .assert_problem(404);
    }
);
