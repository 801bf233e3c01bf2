"""Several app servers against one database: a session started on one works on the other."""

import pytest
import requests

from wegwijs.core.tests.live import AppServer, app_servers, live_database, login  # noqa: F401


@pytest.mark.django_db(transaction=True)
def test_two_app_servers_share_the_session(live_database, app_servers):  # noqa: F811
    email = live_database.create_user("coordinator")
    first = AppServer(live_database.env())
    second = AppServer(live_database.env())
    app_servers += [first, second]
    assert first.process.pid != second.process.pid

    browser = requests.Session()
    response = login(browser, first.url, email)
    assert response.status_code == 200
    assert response.url.startswith(first.url)
    assert "/account/login/" not in response.url
    session_cookie = browser.cookies.get("sessionid")
    assert session_cookie, "logging in gave no session cookie"

    # The same cookie, the other process: still logged in.
    page = browser.get(f"{second.url}/mijn-organisatie/", timeout=10, allow_redirects=False)
    assert page.status_code == 200
    assert email in page.text

    # Logging out on the second ends the session on the first as well.
    token = browser.cookies["csrftoken"]
    out = browser.post(
        f"{second.url}/account/logout/",
        data={"csrfmiddlewaretoken": token},
        headers={"Referer": f"{second.url}/start/"},
        timeout=10,
        allow_redirects=False,
    )
    assert out.status_code == 302
    after = requests.get(
        f"{first.url}/mijn-organisatie/",
        cookies={"sessionid": session_cookie},
        timeout=10,
        allow_redirects=False,
    )
    assert after.status_code == 302
    assert "/account/login/" in after.headers["Location"]
