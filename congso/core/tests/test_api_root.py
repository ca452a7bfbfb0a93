def test_health_and_openapi_schema(client):
    assert client.get("/api/v1/health").json() == {"status": "ok"}
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["info"]["title"] == "congso API"


def test_unknown_api_path_gives_json_not_a_500(client):
    response = client.get("/api/v1/khong-co")
    assert response.status_code == 404
