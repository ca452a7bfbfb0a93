import pytest


@pytest.mark.parametrize(
    "url",
    [
        "/mot-cua/ho-so/a%00b/",
        "/api/v1/dossiers/a%00b",
        "/thu-tuc/1.0%0001/",
        "/tim-kiem/?q=a%00b",
        "/tra-cuu/?x%00=1",
    ],
)
def test_a_nul_character_is_refused_with_a_vietnamese_message(client, db, url):
    response = client.get(url)
    assert response.status_code == 400 and "ký tự không hợp lệ" in response.content.decode()


def test_a_nul_in_a_form_field_is_refused_before_any_view(client, db):
    response = client.post("/tra-cuu/", {"code": "a\x00b", "secret": "0905123456"})
    assert response.status_code == 400


def test_ordinary_requests_pass(client, db):
    assert client.get("/tim-kiem/?q=khai+sinh").status_code == 200
