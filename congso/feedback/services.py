"""Writes of citizen ratings (domain.md §10; Decision 766/QĐ-TTg counts them in indicator 5.4)."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from congso.core import clock
from congso.core.errors import Conflict, InvalidInput
from congso.feedback.choices import Level
from congso.feedback.models import DossierRating
from congso.outbox.services import Message, publish

RETURNED = 10  # TrangThaiHoSo "Đã trả kết quả" (domain.md §4.1); feedback does not import dossiers
MAX_COMMENT = 2000


def rate_dossier(
    *,
    dossier_code: str,
    dossier_id: int,
    dossier_status: int,
    province_code: str,
    agency_id: int | None,
    level: int,
    comment: str = "",
) -> DossierRating:
    """Record the citizen's quick rating of a dossier whose result was returned; once only."""
    if dossier_status != RETURNED:
        raise Conflict("not_returned", "Chỉ đánh giá được hồ sơ đã trả kết quả.")
    try:
        level = Level(int(level))
    except (TypeError, ValueError):
        raise InvalidInput(
            "bad_level", "Vui lòng chọn mức độ hài lòng.", fields={"level": "Mức độ không hợp lệ."}
        ) from None
    comment = (comment or "").strip()
    if len(comment) > MAX_COMMENT:
        raise InvalidInput(
            "comment_too_long",
            f"Ý kiến dài tối đa {MAX_COMMENT} ký tự.",
            fields={"comment": f"Tối đa {MAX_COMMENT} ký tự."},
        )
    already = Conflict("already_rated", "Hồ sơ này đã được đánh giá. Cảm ơn bạn đã đánh giá.")
    if DossierRating.objects.filter(province_code=province_code, dossier_code=dossier_code).exists():
        raise already
    try:
        with transaction.atomic():
            rating = DossierRating.objects.create(
                province_code=province_code,
                agency_id=agency_id,
                dossier_code=dossier_code,
                dossier_id=dossier_id,
                level=level,
                comment=comment,
                rated_at=clock.now(),
            )
            publish(
                Message(
                    topic="feedback.rated",
                    aggregate_type="feedback.dossier_rating",
                    aggregate_id=str(rating.pk),
                    province_code=province_code,
                    payload={
                        "dossier_code": dossier_code,
                        "dossier_id": dossier_id,
                        "agency_id": agency_id,
                        "level": int(level),
                    },
                ),
                at=rating.rated_at,
            )
    except IntegrityError:  # two submissions racing: the unique key decides
        raise already from None
    return rating
