"""A provincial system's first steps, through a client generated from openapi/openapi.json.

Usage: PYTHONPATH=<dir holding dc_client> python client_smoke.py <base-url> <admin-password>
An admin sets up a department, a task for it and an API client; the client takes a token by
the client-credentials grant, files a report twice with one Idempotency-Key (as after a
dropped connection) and reads the change feed. Any surprise exits non-zero.
"""

import datetime
import sys
import uuid

from dc_client import AuthenticatedClient, Client
from dc_client.api.agencies import create_agency
from dc_client.api.api_clients import create_api_client, issue_client_token
from dc_client.api.auth import login
from dc_client.api.changes import list_changes
from dc_client.api.directives import create_directive
from dc_client.api.reports import create_report
from dc_client.api.tasks import create_task
from dc_client.models import (
    AgencyKind,
    ClientScope,
    CreateAgency,
    CreateApiClient,
    CreateDirective,
    CreateReport,
    CreateTask,
    DirectiveKind,
    LoginRequest,
    TokenRequest,
)


def expect(value, what):
    if value is None or type(value).__name__ == "Problem":
        sys.exit(f"{what} failed: {value!r}")
    return value


def main(base, admin_password):
    anonymous = Client(base_url=base)
    token = expect(
        login.sync(client=anonymous, body=LoginRequest(username="admin", password=admin_password)),
        "admin login",
    )
    admin = AuthenticatedClient(base_url=base, token=token.access_token)
    suffix = uuid.uuid4().hex[:6].upper()
    agency = expect(
        create_agency.sync(
            client=admin,
            body=CreateAgency(code=f"SO-{suffix}", name="Sở Thông tin và Truyền thông", kind=AgencyKind("department")),
        ),
        "create agency",
    )
    directive = expect(
        create_directive.sync(
            client=admin,
            body=CreateDirective(
                kind=DirectiveKind("plan"),
                number=f"{int(suffix, 16) % 9999 + 1}/KH-UBND",
                issuer="UBND tỉnh",
                issued_on=datetime.date(2026, 1, 15),
                title="Kế hoạch bảo đảm an ninh, trật tự năm 2026",
            ),
        ),
        "create directive",
    )
    task = expect(
        create_task.sync(
            client=admin,
            body=CreateTask(
                directive_id=uuid.UUID(directive.id),
                title="Tuyên truyền phòng, chống tội phạm",
                lead_agency_id=uuid.UUID(agency.id),
                due_on=datetime.date.today() + datetime.timedelta(days=30),
            ),
        ),
        "create task",
    )
    scopes = [ClientScope("tasks:read"), ClientScope("reports:write"), ClientScope("changes:read")]
    made = expect(
        create_api_client.sync(
            client=admin,
            body=CreateApiClient(name="Phần mềm báo cáo của Sở", scopes=scopes, agency_id=uuid.UUID(agency.id)),
        ),
        "create API client",
    )

    grant = TokenRequest(
        grant_type="client_credentials", client_id=made.client.id, client_secret=made.client_secret
    )
    client_token = expect(issue_client_token.sync(client=anonymous, body=grant), "client-credentials token")
    system = AuthenticatedClient(base_url=base, token=client_token.access_token)

    key = str(uuid.uuid4())
    retrying = system.with_headers({"Idempotency-Key": key})
    report = CreateReport(period="2026-Q4", body="Đã tổ chức 12 buổi tuyên truyền cho 1.200 lượt người")
    first = create_report.sync_detailed(id=uuid.UUID(task.id), client=retrying, body=report)
    again = create_report.sync_detailed(id=uuid.UUID(task.id), client=retrying, body=report)
    if first.status_code != 201 or again.status_code != 201:
        sys.exit(f"report: {first.status_code} then {again.status_code}: {again.content!r}")
    if first.parsed.id != again.parsed.id or again.headers.get("idempotency-replayed") != "true":
        sys.exit("the repeated report was not a replay of the first")

    page = expect(list_changes.sync(client=system, types="task,report"), "change feed")
    seen = {(c.entity_type.value, c.entity_id) for c in page.items}
    for wanted in [("task", task.id), ("report", first.parsed.id)]:
        if wanted not in seen:
            sys.exit(f"the change feed lacks {wanted}: {seen}")
    print(f"generated client: token, idempotent report and {len(page.items)} changes read")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
