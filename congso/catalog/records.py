"""Turn one line of procedures.jsonl into a validated, parsed record ready to store. Pure functions.

Validation is per line so one bad line is reported (line number, stable code, Vietnamese message) and
skipped while the rest of the catalogue imports.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from typing import Any

from congso.catalog.choices import Level
from congso.catalog.fees import FeeItem, parse_fees
from congso.catalog.parsing import TimeLimit, parse_processing_time
from congso.core.text import vn_fold

# National TTHC code: one digit, a dot, six digits (1.000656). The README's 1.0133611 (seven decimals)
# is the known malformed code; local variants (…H56) are offerings, not catalogue keys.
CODE_RE = re.compile(r"^\d\.\d{6}$")
_TEXT_FIELDS = (
    "field",
    "agency",
    "processing_time_text",
    "fee_text",
    "decision",
    "result",
    "subjects",
    "conditions",
    "portal_url",
)
_LIST_FIELDS = ("alt_names", "level", "methods", "legal_basis", "documents")
_EMPTY_CASES = {"", "-", "--", "---"}
# "…: 01 bản chụp;", "- 01 (một) bản sao", "(02 bản)": the count must open the text or follow a separator.
_COPIES_RE = re.compile(
    r"(?:^|[:\-–(]\s*)(\d{1,2})\s*(?:\((?:một|hai|ba|bốn|năm)\)\s*)?(bản(?:\s+(?:chính|sao|chụp|gốc))?)(?![\w])",
    re.I,
)


@dataclass(frozen=True)
class LineError:
    line: int
    code: str
    message: str
    procedure_code: str = ""


@dataclass(frozen=True)
class DocumentItem:
    name: str
    group: str
    copies: str


@dataclass
class PreparedRecord:
    line: int
    code: str
    content_hash: str
    field_name: str
    values: dict[str, Any]  # ProcedureVersion column values, without procedure / number / field / moments
    limit: TimeLimit
    documents: list[DocumentItem] = field(default_factory=list)
    fees: list[FeeItem] = field(default_factory=list)


def canonical_hash(record: dict) -> str:
    """sha256 of the record's canonical JSON: key order and spacing of the source file do not matter."""
    canonical = json.dumps(record, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def parse_copies(name: str) -> str:
    """'Hóa đơn thương mại: 01 bản chụp;' → '01 bản chụp'; nothing when absent or contradictory."""
    found = {f"{count} {kind.lower()}" for count, kind in _COPIES_RE.findall(name)}
    return found.pop() if len(found) == 1 else ""


def document_items(record: dict) -> list[DocumentItem]:
    """Components by case (trường hợp) when the source groups them, else the flat list."""
    items: list[DocumentItem] = []
    groups = record.get("document_groups") or []
    if groups:
        for group in groups:
            case = (group.get("case") or "").strip()
            case = "" if case in _EMPTY_CASES else case
            for name in group.get("documents") or []:
                if name.strip():
                    items.append(DocumentItem(name.strip(), case, parse_copies(name)))
        return items
    for name in record.get("documents") or []:
        if name.strip():
            items.append(DocumentItem(name.strip(), "", parse_copies(name)))
    return items


def _check_types(record: dict) -> str | None:
    """The name of the first field whose type the importer cannot use, if any."""
    for key in _TEXT_FIELDS:
        if record.get(key) is not None and not isinstance(record[key], str):
            return key
    for key in _LIST_FIELDS:
        value = record.get(key)
        if value is not None and not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
            return key
    groups = record.get("document_groups")
    if groups is not None:
        if not isinstance(groups, list):
            return "document_groups"
        for group in groups:
            docs = group.get("documents") if isinstance(group, dict) else None
            if not isinstance(docs, list) or not all(isinstance(d, str) for d in docs):
                return "document_groups"
            if group.get("case") is not None and not isinstance(group["case"], str):
                return "document_groups"
    if record.get("online_submission") is not None and not isinstance(record["online_submission"], bool):
        return "online_submission"
    return None


def prepare_line(line_no: int, text: str) -> PreparedRecord | LineError | None:
    """Parse and validate one line; None for a blank line, LineError for a line that must be skipped."""
    if not text.strip():
        return None
    try:
        record = json.loads(text)
    except ValueError as exc:
        return LineError(line_no, "invalid_json", f"Dòng {line_no}: không đọc được JSON ({exc.msg}).")
    if not isinstance(record, dict):
        return LineError(line_no, "not_an_object", f"Dòng {line_no}: bản ghi phải là một đối tượng JSON.")
    code = record.get("code")
    if not isinstance(code, str) or not code.strip():
        return LineError(line_no, "missing_code", f"Dòng {line_no}: thiếu mã thủ tục (code).")
    code = code.strip()
    if not CODE_RE.match(code):
        return LineError(
            line_no,
            "invalid_code",
            f"Dòng {line_no}: mã thủ tục '{code}' không đúng dạng mã TTHC quốc gia (ví dụ 1.000656).",
            code,
        )
    name = record.get("name")
    if not isinstance(name, str) or not name.strip():
        return LineError(line_no, "missing_name", f"Dòng {line_no}: thủ tục {code} thiếu tên (name).", code)
    if bad := _check_types(record):
        return LineError(
            line_no,
            "invalid_field",
            f"Dòng {line_no}: trường '{bad}' của thủ tục {code} sai kiểu dữ liệu.",
            code,
        )
    return build_record(line_no, code, record)


def build_record(line_no: int, code: str, record: dict) -> PreparedRecord:
    name = " ".join(record["name"].split())
    alt_names = [n.strip() for n in record.get("alt_names") or [] if n.strip()]
    field_name = " ".join((record.get("field") or "").split())
    levels: list[str] = []
    for level in record.get("level") or []:
        if level in Level.values and level not in levels:
            levels.append(level)
    limit = parse_processing_time(record.get("processing_time_text"))
    values = {
        "content_hash": canonical_hash(record),
        "name": name,
        "alt_names": alt_names,
        "levels": levels,
        "agency_text": record.get("agency") or "",
        "processing_time_text": record.get("processing_time_text") or "",
        "days_direct": limit.days_direct,
        "days_online": limit.days_online,
        "days_post": limit.days_post,
        "time_unit": limit.unit,
        "same_day": limit.same_day,
        "review_code": limit.review_code,
        "limits_note": limit.review_reason,
        "fee_text": record.get("fee_text") or "",
        "online_submission": record.get("online_submission"),
        "methods": list(record.get("methods") or []),
        "legal_basis": list(record.get("legal_basis") or []),
        "decision": (record.get("decision") or "")[:255],
        "result_text": record.get("result") or "",
        "subjects_text": record.get("subjects") or "",
        "conditions_text": record.get("conditions") or "",
        "portal_url": (record.get("portal_url") or "")[:500],
        "raw": record,
        "search_text": vn_fold(" ".join([name, *alt_names, field_name])),
    }
    return PreparedRecord(
        line=line_no,
        code=code,
        content_hash=values["content_hash"],
        field_name=field_name,
        values=values,
        limit=limit,
        documents=document_items(record),
        fees=parse_fees(record.get("fee_text")),
    )
