//! Evidence through the real App: bytes come back identical, types are checked on the bytes,
//! limits hold, refused uploads leave nothing, and other departments get 404.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use actix_web::test::TestRequest;
use serde_json::json;
use sha2::{Digest, Sha256};

pub(crate) const BOUNDARY: &str = "----evidence-boundary-7MA4YWxkTrZu0gW";

pub(crate) fn multipart(disposition: &str, bytes: &[u8]) -> Vec<u8> {
    let mut body = format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; {disposition}\r\nContent-Type: application/octet-stream\r\n\r\n").into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    body
}

async fn upload(
    app: &common::TestApp,
    token: &str,
    report: &str,
    disposition: &str,
    bytes: &[u8],
) -> common::Resp {
    let uri = format!("/api/v1/reports/{report}/evidence");
    upload_to(app, token, &uri, disposition, bytes).await
}

/// Posts one file as multipart to `uri`.
pub(crate) async fn upload_to(
    app: &common::TestApp,
    token: &str,
    uri: &str,
    disposition: &str,
    bytes: &[u8],
) -> common::Resp {
    app.call(
        TestRequest::post()
            .uri(uri)
            .insert_header(("authorization", format!("Bearer {token}")))
            .insert_header((
                "content-type",
                format!("multipart/form-data; boundary={BOUNDARY}"),
            ))
            .set_payload(multipart(disposition, bytes)),
    )
    .await
}

/// A draft report on a task led by department A's division.
async fn draft_report(app: &common::TestApp, p: &common::Province) -> String {
    let directive = app
        .post(
            "/api/v1/directives",
            Some(&p.admin),
            json!({"kind": "plan", "number": "84/KH-STTTT",
            "issuer": "Sở TT&TT", "issued_on": "2022-01-21", "title": "Kế hoạch năm 2022"}),
        )
        .await
        .id();
    let task = app
        .post(
            "/api/v1/tasks",
            Some(&p.admin),
            json!({"directive_id": directive, "title": "Phổ biến",
            "lead_agency_id": p.division_a, "due_on": "2030-06-30"}),
        )
        .await
        .id();
    app.post(
        &format!("/api/v1/tasks/{task}/reports"),
        Some(&p.staff_a),
        json!({"period": "2022", "body": "Báo cáo"}),
    )
    .await
    .id()
}

fn stored_blobs(app: &common::TestApp) -> usize {
    let root = app.data_dir.join("blobs");
    let mut count = 0;
    for entry in std::fs::read_dir(&root).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            count += std::fs::read_dir(&path).unwrap().count();
        }
    }
    count
}

backend_test!(evidence_bytes_come_back_identical, |app| {
    let p = common::province(&app).await;
    let report = draft_report(&app, &p).await;
    let pdf = b"%PDF-1.4\n% bien ban hop trien khai\n%%EOF\n".repeat(50);
    let uploaded = upload(
        &app,
        &p.staff_a,
        &report,
        "filename*=UTF-8''Bi%C3%AAn%20b%E1%BA%A3n%20h%E1%BB%8Dp.pdf",
        &pdf,
    )
    .await;
    assert_eq!(uploaded.status, 201, "{}", uploaded.body);
    assert_eq!(uploaded.body["filename"], "Biên bản họp.pdf");
    assert_eq!(uploaded.body["content_type"], "application/pdf");
    assert_eq!(uploaded.body["size_bytes"], pdf.len());
    let sha: String = Sha256::digest(&pdf)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(uploaded.body["sha256"], sha);
    let id = uploaded.id();
    let content = app
        .call(
            TestRequest::get()
                .uri(&format!("/api/v1/evidence/{id}/content"))
                .insert_header(("authorization", format!("Bearer {}", p.manager_a))),
        )
        .await;
    assert_eq!(content.status, 200);
    assert_eq!(
        content.header("content-type").as_deref(),
        Some("application/pdf")
    );
    let disposition = content.header("content-disposition").unwrap();
    assert!(
        disposition.contains("filename*=UTF-8''Bi%C3%AAn%20b%E1%BA%A3n%20h%E1%BB%8Dp.pdf"),
        "{disposition}"
    );
    assert_eq!(content.body.as_str().unwrap().as_bytes(), pdf.as_slice());
    assert_eq!(
        content.header("x-content-type-options").as_deref(),
        Some("nosniff")
    );
    let policy = content.header("content-security-policy").unwrap();
    assert!(
        policy.contains("default-src 'none'") && policy.contains("sandbox"),
        "{policy}"
    );
    let listed = app
        .get(
            &format!("/api/v1/reports/{report}/evidence"),
            Some(&p.admin),
        )
        .await;
    assert_eq!(listed.body["items"][0]["sha256"], sha);
    // A plain ASCII name works too; an image is recognised by its bytes.
    let png = [b"\x89PNG\r\n\x1a\n".as_slice(), &[0u8; 64]].concat();
    let photo = upload(
        &app,
        &p.staff_a,
        &report,
        "filename=\"anh-hien-truong.png\"",
        &png,
    )
    .await;
    assert_eq!(photo.body["content_type"], "image/png");
    // Drafts lose files; submitted reports keep them.
    assert_eq!(
        app.delete(
            &format!("/api/v1/evidence/{}", photo.id()),
            Some(&p.staff_a)
        )
        .await
        .status,
        204
    );
    app.post(
        &format!("/api/v1/reports/{report}/submit"),
        Some(&p.manager_a),
        json!({}),
    )
    .await;
    app.delete(&format!("/api/v1/evidence/{id}"), Some(&p.staff_a))
        .await
        .assert_problem(409);
    upload(&app, &p.staff_a, &report, "filename=\"late.pdf\"", &pdf)
        .await
        .assert_problem(409);
    assert_eq!(stored_blobs(&app), 1);
});

backend_test!(refused_uploads_leave_no_row_and_no_file, |app| {
    let p = common::province(&app).await;
    let report = draft_report(&app, &p).await;
    let before = (app.count("evidence"), app.count("audit_events"));
    let exe = b"MZ\x90\x00\x03\x00\x00\x00 this is not a document".to_vec();
    upload(&app, &p.staff_a, &report, "filename=\"bao-cao.pdf\"", &exe)
        .await
        .assert_problem(415);
    let zip = b"PK\x03\x04 an archive".to_vec();
    upload(&app, &p.staff_a, &report, "filename=\"files.zip\"", &zip)
        .await
        .assert_problem(415);
    let big = [
        b"%PDF-1.4\n".as_slice(),
        &vec![b'x'; common::EVIDENCE_MAX_BYTES],
    ]
    .concat();
    upload(&app, &p.staff_a, &report, "filename=\"big.pdf\"", &big)
        .await
        .assert_problem(413);
    let unnamed = upload(&app, &p.staff_a, &report, "x=1", b"%PDF-1.4").await;
    unnamed.assert_problem(422);
    let not_multipart = app
        .post(
            &format!("/api/v1/reports/{report}/evidence"),
            Some(&p.staff_a),
            json!({"file": "x"}),
        )
        .await;
    assert_eq!(not_multipart.status / 100, 4, "{}", not_multipart.body);
    assert_eq!((app.count("evidence"), app.count("audit_events")), before);
    assert_eq!(
        stored_blobs(&app),
        0,
        "tmp holds no leftovers and no blob was stored"
    );
});

backend_test!(another_departments_evidence_answers_404, |app| {
    let p = common::province(&app).await;
    let report = draft_report(&app, &p).await;
    let id = upload(
        &app,
        &p.staff_a,
        &report,
        "filename=\"a.pdf\"",
        b"%PDF-1.4 x",
    )
    .await
    .id();
    for token in [&p.manager_b, &p.staff_b] {
        app.get(&format!("/api/v1/evidence/{id}"), Some(token))
            .await
            .assert_problem(404);
        app.get(&format!("/api/v1/evidence/{id}/content"), Some(token))
            .await
            .assert_problem(404);
        app.delete(&format!("/api/v1/evidence/{id}"), Some(token))
            .await
            .assert_problem(404);
        app.get(&format!("/api/v1/reports/{report}/evidence"), Some(token))
            .await
            .assert_problem(404);
        upload(&app, token, &report, "filename=\"b.pdf\"", b"%PDF-1.4 y")
            .await
            .assert_problem(404);
    }
    assert_eq!(app.count("evidence"), 1);
});

/// A multipart body with `fields` text fields of `size` bytes each before a small PDF.
fn junk_then_file(fields: usize, size: usize) -> Vec<u8> {
    let mut body = Vec::new();
    for i in 0..fields {
        body.extend_from_slice(
            format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"junk{i}\"\r\n\r\n")
                .as_bytes(),
        );
        body.extend(std::iter::repeat_n(b'x', size));
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(&multipart("filename=\"a.pdf\"", b"%PDF-1.4\n%% ok\n"));
    body
}

async fn upload_raw(
    app: &common::TestApp,
    token: &str,
    report: &str,
    body: Vec<u8>,
) -> common::Resp {
    app.call(
        TestRequest::post()
            .uri(&format!("/api/v1/reports/{report}/evidence"))
            .insert_header(("authorization", format!("Bearer {token}")))
            .insert_header((
                "content-type",
                format!("multipart/form-data; boundary={BOUNDARY}"),
            ))
            .set_payload(body),
    )
    .await
}

backend_test!(the_whole_upload_body_is_bounded_not_only_the_file, |app| {
    let p = common::province(&app).await;
    let report = draft_report(&app, &p).await;
    let before = app.count("evidence");
    // Over 2 MiB of junk fields with a 1 MiB file limit; many small fields; one large field.
    for body in [
        junk_then_file(2, 1024 * 1024 + 512),
        junk_then_file(200, 10),
        junk_then_file(1, 4096),
    ] {
        upload_raw(&app, &p.staff_a, &report, body)
            .await
            .assert_problem(413);
    }
    assert_eq!(app.count("evidence"), before);
    assert_eq!(stored_blobs(&app), 0);
    // A few small extra fields are read and ignored.
    let fine = upload_raw(&app, &p.staff_a, &report, junk_then_file(3, 100)).await;
    assert_eq!(fine.status, 201, "{}", fine.body);
});
