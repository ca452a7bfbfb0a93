from __future__ import annotations

import pytest
from django.urls import reverse

from congso.places.choices import Era
from congso.places.models import Commune

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("model", ["province", "district", "commune", "communesuccession"])
def test_changelists_render(places, admin_client, model, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):  # list_select_related: no query per row
        response = admin_client.get(reverse(f"admin:places_{model}_changelist"))
    assert response.status_code == 200


@pytest.mark.parametrize("query", ["nha trang", "Nha Trang", "đô vinh", "22366"])
def test_commune_search_ignores_tones(places, admin_client, query):
    response = admin_client.get(
        reverse("admin:places_commune_changelist"), {"q": query, "era__exact": "current"}
    )
    assert response.status_code == 200
    names = {c.name for c in response.context["cl"].result_list}
    assert names & {"Phường Nha Trang", "Phường Đô Vinh"}


def test_filters(places, admin_client):
    khanh_hoa = Commune.objects.filter(era=Era.CURRENT, province__code="56").first().province_id
    response = admin_client.get(
        reverse("admin:places_commune_changelist"),
        {"province__id__exact": khanh_hoa, "kind__exact": "dac_khu"},
    )
    assert [c.name for c in response.context["cl"].result_list] == ["Đặc khu Trường Sa"]


def test_commune_page_shows_the_mapping_read_only(places, admin_client):
    old = Commune.objects.get(era=Era.LEGACY, code="22768")
    response = admin_client.get(reverse("admin:places_commune_change", args=[old.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Phường Đông Hải (22780), Tỉnh Khánh Hòa" in page
    assert "Xã Phước Dinh" in page
    assert admin_client.get(reverse("admin:places_commune_add")).status_code == 403
    assert admin_client.post(reverse("admin:places_commune_delete", args=[old.pk])).status_code == 403
