"""Catalogue test fixtures: real records from procedures.jsonl (tests/fixtures/sample.jsonl) and an agency."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from congso.identity.choices import AgencyKind
from congso.identity.models import Agency
from congso.places.models import Province

SAMPLE = Path(__file__).parent / "fixtures" / "sample.jsonl"


@pytest.fixture
def sample_lines() -> list[str]:
    """Eight real catalogue lines: 1.001622, 1.013437, 1.000368, 1.014971, 1.001010, 3.000143, 3.000137, 2.000927."""
    return SAMPLE.read_text(encoding="utf-8").splitlines()


@pytest.fixture
def sample_records(sample_lines) -> dict[str, dict]:
    records = [json.loads(line) for line in sample_lines]
    return {r["code"]: r for r in records}


@pytest.fixture
def write_jsonl(tmp_path):
    """Write lines (dicts are dumped as JSON, strings kept verbatim) to a temporary .jsonl file."""

    def write(lines: list[dict | str], name: str = "procedures.jsonl") -> Path:
        path = tmp_path / name
        text = "\n".join(
            line if isinstance(line, str) else json.dumps(line, ensure_ascii=False) for line in lines
        )
        path.write_text(text + "\n", encoding="utf-8")
        return path

    return write


@pytest.fixture
def province(db) -> Province:
    return Province.objects.create(
        era="current", code="56", name="Tỉnh Khánh Hòa", short_name="Khánh Hòa", kind="tinh"
    )


@pytest.fixture
def agency(province) -> Agency:
    return Agency.objects.create(
        code="000.00.16.H56", name="Sở Tư pháp tỉnh Khánh Hòa", kind=AgencyKind.DEPARTMENT, province=province
    )
