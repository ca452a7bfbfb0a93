from __future__ import annotations

import time

from django.db import connection

from bench import world
from congso.dossiers import services
from congso.identity import services as identity

N = 2000


def run() -> None:
    agency, officer, procedure = world.build()
    applicant = identity.find_or_create_applicant(full_name="Nguyễn Văn Bench", id_number="056090000001")
    # Warm up caches (calendar, process template) so both sides are measured hot.
    services.receive_at_counter(
        actor=officer.user, agency=agency, procedure_code=procedure.code, applicant=applicant
    )

    with connection.cursor() as cur:
        cur.execute(
            "CREATE TABLE bench_plain (id bigserial primary key, code text, status int, at timestamptz)"
        )
    started = time.perf_counter()
    with connection.cursor() as cur:
        for i in range(N):
            cur.execute("INSERT INTO bench_plain (code, status, at) VALUES (%s, %s, now())", [f"X-{i}", 2])
    plain = time.perf_counter() - started

    started = time.perf_counter()
    for _ in range(N):
        services.receive_at_counter(
            actor=officer.user, agency=agency, procedure_code=procedure.code, applicant=applicant
        )
    service = time.perf_counter() - started
    print(
        f"Tiếp nhận hồ sơ qua tầng dịch vụ: {N / service:,.0f} hồ sơ/giây ({service / N * 1000:.2f} ms/hồ sơ)"
    )
    print(f"INSERT một dòng thuần (autocommit):  {N / plain:,.0f} dòng/giây ({plain / N * 1000:.2f} ms/dòng)")
    print(f"Tỷ lệ thời gian dịch vụ / INSERT thuần: {service / plain:.1f}×")
