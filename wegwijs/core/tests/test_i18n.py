import pytest


@pytest.mark.django_db
def test_pages_are_dutch_whatever_the_browser_says(client):
    response = client.get("/toegankelijkheid", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.headers["Content-Language"] == "nl"
    client.cookies["django_language"] = "en"
    response = client.get("/toegankelijkheid", HTTP_ACCEPT_LANGUAGE="nl")
    assert response.headers["Content-Language"] == "en"


def test_api_follows_accept_language(client):
    response = client.get("/api/v1/me", HTTP_ACCEPT_LANGUAGE="en")
    assert response.headers["Content-Language"] == "en"
