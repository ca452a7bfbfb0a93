import pytest

from congso.core.errors import InvalidInput
from congso.identity import services
from congso.identity.choices import ApplicantKind, IdKind
from congso.identity.validation import clean_personal_id, clean_tax_code


def test_personal_id_accepts_twelve_digits_with_a_real_province_code():
    assert clean_personal_id("058 090 001 234") == "058090001234"  # 058 = Ninh Thuận (pre-2025 code)


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("", "id_required"),
        ("05809000123", "invalid_personal_id"),  # 11 digits
        ("05809000123A", "invalid_personal_id"),
        ("099090001234", "invalid_personal_id"),  # 099 is no province
        ("003090001234", "invalid_personal_id"),  # 003 was never used
    ],
)
def test_personal_id_rejections_are_explained_in_vietnamese(raw, code):
    with pytest.raises(InvalidInput) as err:
        clean_personal_id(raw)
    assert err.value.code == code
    assert "định danh" in err.value.message


def test_tax_codes_check_their_check_digit():
    assert clean_tax_code("0314409058") == "0314409058"
    assert clean_tax_code("0314409058-002") == "0314409058-002"
    with pytest.raises(InvalidInput) as err:
        clean_tax_code("0314409059")
    assert err.value.code == "invalid_tax_code"


@pytest.mark.django_db
def test_applicant_is_found_again_by_identity_and_refreshed():
    first = services.find_or_create_applicant(
        full_name="Trần  Thị Bình", id_number="056190000111", phone="0901"
    )
    again = services.find_or_create_applicant(
        full_name="Trần Thị Bình", id_number="056 190 000 111", phone="0902"
    )
    assert first.pk == again.pk and again.phone == "0902" and again.full_name == "Trần Thị Bình"
    company = services.find_or_create_applicant(
        full_name="Công ty TNHH Biển Xanh", id_number="0314409058", kind=ApplicantKind.ENTERPRISE
    )
    assert company.id_kind == IdKind.TAX_CODE


@pytest.mark.django_db
def test_invalid_applicant_saves_nothing():
    from congso.identity.models import Applicant

    with pytest.raises(InvalidInput):
        services.find_or_create_applicant(full_name="A", id_number="123")
    assert Applicant.objects.count() == 0
