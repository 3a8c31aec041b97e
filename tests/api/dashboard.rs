//! The dashboard through the real App: figures equal to counts made here from the same
//! tasks, scope, the previous year, the province's cut-off day and bad input.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;

use serde_json::{json, Value};

use crate::common::fixtures::{set_report_times, set_task_history, task_body, today_plus, History};
use crate::common::{self, Province, TestApp};

/// A task as the test made it: who leads it, its directive and its history.
struct Made {
    id: String,
    lead: String,
    directive: String,
    created: &'static str,
    due: &'static str,
    completed: Option<&'static str>,
    cancelled: bool,
}

/// The deadline status of `task` in a window, by the rules the README states, or `None` when
/// the window does not count it.
fn expected_status(task: &Made, from: &str, to: &str, as_of: &str) -> Option<&'static str> {
    // ISO dates compare as text.
    let in_window = (from <= task.due && task.due <= to)
        || (task.due < from && task.completed.is_none_or(|c| c >= from));
    if task.cancelled || task.created > as_of || !in_window {
        return None;
    }
    Some(match task.completed.filter(|c| *c <= as_of) {
        Some(done) if done <= task.due => "done_on_time",
        Some(_) => "done_late",
        None if task.due < as_of => "overdue",
        None => "on_track",
    })
}

/// Counts by status of the tasks `take` keeps, in the shape of the answer.
fn expected_counts(
    tasks: &[Made],
    window: (&str, &str, &str),
    take: impl Fn(&Made) -> bool,
) -> Value {
    let mut counts: BTreeMap<&str, i64> = BTreeMap::new();
    for task in tasks.iter().filter(|t| take(t)) {
        if let Some(status) = expected_status(task, window.0, window.1, window.2) {
            *counts.entry(status).or_default() += 1;
        }
    }
    let n = |s: &str| counts.get(s).copied().unwrap_or(0);
    let total = counts.values().sum::<i64>();
    let done = n("done_on_time") + n("done_late");
    json!({"done_on_time": n("done_on_time"), "done_late": n("done_late"), "on_track": n("on_track"),
           "overdue": n("overdue"), "total": total,
           "completion_rate": if total == 0 { 0.0 } else { done as f64 / total as f64 }})
}

const H1_2025: (&str, &str, &str) = ("2024-12-15", "2025-06-14", "2025-06-14");
const H1_2024: (&str, &str, &str) = ("2023-12-15", "2024-06-14", "2024-06-14");

/// A task to make: lead, directive, created, due, completed, cancelled.
type Row<'a> = (
    &'a str,
    &'a str,
    &'static str,
    &'static str,
    Option<&'static str>,
    bool,
);

/// Tasks around the edges of 2025-H1 and 2024-H1 for departments A and B, under two
/// directives.
async fn history(app: &TestApp, p: &Province) -> Vec<Made> {
    let plan = |number: &str| {
        json!({"kind": "plan", "number": number, "issuer": "UBND tỉnh",
        "issued_on": "2023-01-05", "title": format!("Kế hoạch {number}")})
    };
    let first = app
        .post("/api/v1/directives", Some(&p.admin), plan("12/KH-UBND"))
        .await
        .id();
    let second = app
        .post("/api/v1/directives", Some(&p.admin), plan("40/KH-UBND"))
        .await
        .id();
    #[rustfmt::skip]
    let rows: [Row<'_>; 15] = [
        (&p.division_a, &first, "2024-12-01", "2025-03-01", Some("2025-02-20"), false),
        (&p.division_a, &first, "2024-12-01", "2025-03-01", Some("2025-03-05"), false),
        (&p.division_a, &first, "2025-01-10", "2025-06-14", None, false),
        (&p.division_a, &second, "2025-01-10", "2025-06-13", None, false),
        (&p.division_a, &first, "2024-10-01", "2024-12-14", None, false),
        (&p.division_a, &first, "2024-10-01", "2024-12-14", Some("2024-12-14"), false),
        (&p.division_a, &second, "2024-10-01", "2024-12-01", Some("2025-01-05"), false),
        (&p.division_a, &first, "2025-06-15", "2025-07-01", None, false),
        (&p.division_a, &first, "2025-01-01", "2025-06-15", None, false),
        (&p.dept_a, &second, "2025-01-01", "2025-05-01", Some("2025-06-20"), false),
        (&p.dept_a, &first, "2025-01-01", "2025-05-01", None, true),
        (&p.division_b, &second, "2025-01-01", "2025-05-01", Some("2025-04-01"), false),
        (&p.division_b, &first, "2024-01-01", "2024-03-01", Some("2024-02-01"), false),
        (&p.division_a, &first, "2024-01-05", "2024-06-14", Some("2024-06-20"), false),
        (&p.division_a, &second, "2023-11-01", "2023-12-01", Some("2023-12-20"), false),
    ];
    let mut made = Vec::new();
    for (lead, directive, created, due, completed, cancelled) in rows {
        let body = task_body(directive, lead, &today_plus(30));
        let id = app.post("/api/v1/tasks", Some(&p.admin), body).await.id();
        let status = match (cancelled, completed) {
            (true, _) => "cancelled",
            (false, Some(_)) => "completed",
            (false, None) => "in_progress",
        };
        let history = History {
            created,
            due,
            completed,
            status,
        };
        set_task_history(app, &id, &history);
        made.push(Made {
            id,
            lead: lead.to_owned(),
            directive: directive.to_owned(),
            created,
            due,
            completed,
            cancelled,
        });
    }
    made
}

fn entry<'a>(list: &'a Value, key: &str, id: &str) -> &'a Value {
    list.as_array()
        .unwrap()
        .iter()
        .find(|e| e[key] == id)
        .map_or(&Value::Null, |e| &e["tasks"])
}

backend_test!(the_figures_equal_counts_made_from_the_same_tasks, |app| {
    let p = common::province(&app).await;
    let tasks = history(&app, &p).await;
    let answer = app
        .get("/api/v1/dashboard?period=2025-H1", Some(&p.admin))
        .await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    let current = &answer.body["current"];
    assert_eq!(current["period"], "2025-H1");
    assert_eq!(
        (current["from"].as_str(), current["to"].as_str()),
        (Some("2024-12-15"), Some("2025-06-14"))
    );
    assert_eq!(current["tasks"], expected_counts(&tasks, H1_2025, |_| true));
    assert_eq!(current["tasks"]["total"], 8, "{}", current["tasks"]);
    for agency in [&p.division_a, &p.dept_a, &p.division_b] {
        let expected = expected_counts(&tasks, H1_2025, |t| &t.lead == agency);
        assert_eq!(
            entry(&current["by_agency"], "agency_id", agency),
            &expected,
            "{agency}"
        );
    }
    let directives: Vec<&String> = tasks.iter().map(|t| &t.directive).collect();
    for directive in directives {
        let expected = expected_counts(&tasks, H1_2025, |t| &t.directive == directive);
        assert_eq!(
            entry(&current["by_directive"], "directive_id", directive),
            &expected
        );
    }
    assert_eq!(current["by_directive"][0]["number"], "12/KH-UBND");
    let previous = &answer.body["previous_year"];
    assert_eq!(previous["period"], "2024-H1");
    assert_eq!(
        previous["tasks"],
        expected_counts(&tasks, H1_2024, |_| true)
    );
    assert_eq!(previous["tasks"]["total"], 3, "{}", previous["tasks"]);
});

backend_test!(a_department_counts_only_its_own_subtree, |app| {
    let p = common::province(&app).await;
    let tasks = history(&app, &p).await;
    let in_a = |t: &Made| t.lead == p.division_a || t.lead == p.dept_a;
    let manager = app
        .get("/api/v1/dashboard?period=2025-H1", Some(&p.manager_a))
        .await;
    assert_eq!(
        manager.body["current"]["tasks"],
        expected_counts(&tasks, H1_2025, in_a)
    );
    assert!(manager.body["current"]["by_agency"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["agency_id"] != json!(p.division_b)));
    let staff = app
        .get("/api/v1/dashboard?period=2025-H1", Some(&p.staff_a))
        .await;
    let in_division = |t: &Made| t.lead == p.division_a;
    assert_eq!(
        staff.body["current"]["tasks"],
        expected_counts(&tasks, H1_2025, in_division)
    );
    let narrowed = app
        .get(
            &format!(
                "/api/v1/dashboard?period=2025-H1&agency_id={}",
                p.division_a
            ),
            Some(&p.admin),
        )
        .await;
    assert_eq!(
        narrowed.body["current"]["tasks"],
        staff.body["current"]["tasks"]
    );
    assert_eq!(narrowed.body["agency_id"], json!(p.division_a));
    // Another department's agency answers exactly like an unknown one.
    let foreign = app
        .get(
            &format!("/api/v1/dashboard?period=2025-H1&agency_id={}", p.dept_a),
            Some(&p.manager_b),
        )
        .await;
    let unknown = app
        .get(
            &format!(
                "/api/v1/dashboard?period=2025-H1&agency_id={}",
                uuid::Uuid::now_v7()
            ),
            Some(&p.manager_b),
        )
        .await;
    foreign.assert_problem(422);
    assert_eq!(foreign.error_fields(), vec!["agency_id"]);
    assert_eq!(foreign.body["errors"], unknown.body["errors"]);
    assert_eq!(foreign.status, unknown.status);
});

backend_test!(
    targets_and_reports_are_counted_as_of_the_periods_last_day,
    |app| {
        let p = common::province(&app).await;
        let tasks = history(&app, &p).await;
        let (overdue, on_track) = (&tasks[3].id, &tasks[2].id);
        let mut reports = Vec::new();
        for (task, value) in [(overdue, 60.0), (on_track, 30.0), (overdue, 75.0)] {
            let body =
                json!({"period": "2025-M03", "body": "Kết quả thực hiện", "actual_value": value});
            let report = app
                .post(
                    &format!("/api/v1/tasks/{task}/reports"),
                    Some(&p.staff_a),
                    body,
                )
                .await;
            assert_eq!(report.status, 201, "{}", report.body);
            let id = report.id();
            app.post(
                &format!("/api/v1/reports/{id}/submit"),
                Some(&p.manager_a),
                json!({}),
            )
            .await;
            reports.push(id);
        }
        let accept = json!({"decision": "accept"});
        app.post(
            &format!("/api/v1/reports/{}/review", reports[0]),
            Some(&p.admin),
            accept.clone(),
        )
        .await;
        app.post(
            &format!("/api/v1/reports/{}/review", reports[2]),
            Some(&p.admin),
            accept,
        )
        .await;
        // The first is submitted on the day after its task's due date in Vietnam (still the due
        // date in UTC) and accepted in the period; the second is never reviewed; the third is
        // accepted after the period, so its value is not counted.
        set_report_times(
            &app,
            &reports[0],
            "2025-06-13 20:00",
            Some("2025-06-14 02:00"),
        );
        set_report_times(&app, &reports[1], "2025-05-01 02:00", None);
        set_report_times(
            &app,
            &reports[2],
            "2025-06-10 02:00",
            Some("2025-06-14 17:00"),
        );
        let answer = app
            .get("/api/v1/dashboard?period=2025-H1", Some(&p.admin))
            .await;
        let current = &answer.body["current"];
        assert_eq!(
            current["reports"],
            json!({"submitted": 3, "late": 1, "awaiting_review": 2})
        );
        let counted = current["tasks"]["total"].as_f64().unwrap();
        assert_eq!(
            current["targets"],
            json!([{"unit": "%", "tasks": counted as i64, "target": 100.0 * counted, "actual": 60.0}])
        );
        assert_eq!(
            answer.body["previous_year"]["reports"],
            json!({"submitted": 0, "late": 0, "awaiting_review": 0})
        );
        let other = app
            .get("/api/v1/dashboard?period=2025-H1", Some(&p.manager_b))
            .await;
        assert_eq!(other.body["current"]["reports"]["submitted"], 0);
    }
);

backend_test!(the_provinces_cutoff_day_moves_the_periods_dates, |app| {
    let p = common::province(&app).await;
    let tasks = history(&app, &p).await;
    let limit = app
        .put("/api/v1/time-limits/period_cutoff", Some(&p.admin),
             json!({"count": 31, "source": "Quyết định của UBND tỉnh: kỳ báo cáo theo tháng dương lịch"}))
        .await;
    assert_eq!(limit.status, 200, "{}", limit.body);
    let answer = app
        .get("/api/v1/dashboard?period=2025-H1", Some(&p.admin))
        .await;
    let current = &answer.body["current"];
    assert_eq!(
        (current["from"].as_str(), current["to"].as_str()),
        (Some("2025-01-01"), Some("2025-06-30"))
    );
    let calendar = ("2025-01-01", "2025-06-30", "2025-06-30");
    assert_eq!(
        current["tasks"],
        expected_counts(&tasks, calendar, |_| true)
    );
});

backend_test!(a_bad_period_or_parameter_is_a_422, |app| {
    let p = common::province(&app).await;
    for bad in ["2025-H3", "2025-M13", "25", "2025-8M", ""] {
        let answer = app
            .get(&format!("/api/v1/dashboard?period={bad}"), Some(&p.admin))
            .await;
        answer.assert_problem(422);
        assert_eq!(answer.error_fields(), vec!["period"], "{bad}");
    }
    app.get("/api/v1/dashboard", Some(&p.admin))
        .await
        .assert_problem(422);
    app.get(
        "/api/v1/dashboard?period=2025&agency_id=nope",
        Some(&p.admin),
    )
    .await
    .assert_problem(422);
    app.get("/api/v1/dashboard?period=2025&colour=red", Some(&p.admin))
        .await
        .assert_problem(422);
    app.get("/api/v1/dashboard?period=2025", None)
        .await
        .assert_problem(401);
});

backend_test!(a_successor_sums_its_predecessors_work_when_asked, |app| {
    let admin = app.token_for("admin");
    let sup = app.insert_user("supervisor", "supervisor", None).1;
    let tttt = app.create_agency(&admin, "SO-TTTT", None).await;
    let khcn = app.create_agency(&admin, "SO-KHCN", None).await;
    let other = app.create_agency(&admin, "SO-KHAC", None).await;
    let (_, khcn_manager) = app.insert_user("manager.khcn", "agency_manager", Some(&khcn));
    let (_, other_manager) = app.insert_user("manager.khac", "agency_manager", Some(&other));
    let d = common::fixtures::directive(&app, &sup).await;
    #[rustfmt::skip]
    let history = [
        (&tttt, "2024-12-20", "2025-03-01", "2025-02-01"),
        (&tttt, "2024-01-10", "2024-03-01", "2024-04-01"),
        (&khcn, "2024-12-20", "2025-04-01", "2025-05-01"),
        (&other, "2024-12-20", "2025-04-01", "2025-03-01"),
    ];
    for (lead, created, due, completed) in history {
        let id = crate::reorganisations::task(&app, &sup, &d, lead, &[]).await;
        let done = History {
            created,
            due,
            completed: Some(completed),
            status: "completed",
        };
        set_task_history(&app, &id, &done);
    }
    let made = app
        .post(
            "/api/v1/reorganisations",
            Some(&admin),
            crate::reorganisations::merge(&[&tttt], &khcn, &today_plus(0)),
        )
        .await;
    let apply = format!("/api/v1/reorganisations/{}/apply", made.id());
    assert_eq!(app.post(&apply, Some(&admin), json!({})).await.status, 200);

    let own = app
        .get("/api/v1/dashboard?period=2025-H1", Some(&khcn_manager))
        .await;
    assert_eq!(own.body["current"]["tasks"]["done_late"], 1);
    assert_eq!(own.body["current"]["tasks"]["total"], 1);
    assert_eq!(own.body["previous_year"]["tasks"]["total"], 0);
    let wide = app
        .get(
            "/api/v1/dashboard?period=2025-H1&include_predecessors=true",
            Some(&khcn_manager),
        )
        .await;
    assert_eq!(wide.body["current"]["tasks"]["total"], 2, "{}", wide.body);
    assert_eq!(wide.body["current"]["tasks"]["done_on_time"], 1);
    assert_eq!(wide.body["previous_year"]["tasks"]["total"], 1);
    assert_eq!(wide.body["previous_year"]["tasks"]["done_late"], 1);
    let agencies: Vec<&str> = wide.body["current"]["by_agency"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["agency_id"].as_str().unwrap())
        .collect();
    assert_eq!(agencies.len(), 2);
    assert!(agencies.contains(&tttt.as_str()) && agencies.contains(&khcn.as_str()));
    // Nobody outside the lineage counts more with the flag.
    let outside = app
        .get(
            "/api/v1/dashboard?period=2025-H1&include_predecessors=true",
            Some(&other_manager),
        )
        .await;
    assert_eq!(outside.body["current"]["tasks"]["total"], 1);
    assert_eq!(outside.body["previous_year"]["tasks"]["total"], 0);
});
