"""Signing in with the issuer the API trusts: authorization code with PKCE, in Chromium, against
a small issuer of the test's own; the roles come from the configured claim. A callback whose
state does not match the flow signs no one in."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from tests.e2e.web.fake_issuer import AUDIENCE, CLIENT_ID, issuer_app
from tests.e2e.web.server import Served, running, serve

pytestmark = pytest.mark.e2e
CLAIMS = {"sub": "u-1", "preferred_username": "anna", "roles": ["case_director"], "team": "noord"}


@pytest.fixture
def with_issuer(tmp_path: Path) -> Iterator[Served]:
    holder: dict[str, str] = {}
    with running(_lazy(holder)) as url:
        holder["url"] = url
        settings = {
            "oidc_issuer": url,
            "oidc_jwks_url": f"{url}/jwks",
            "oidc_audience": AUDIENCE,
            "web_oidc_client_id": CLIENT_ID,
        }
        with serve(f"sqlite:///{tmp_path}/oidc.db", **settings) as served:
            yield served


def _lazy(holder: dict[str, str]):  # type: ignore[no-untyped-def]
    """The issuer app, built on its first request, once its own URL is known."""
    built: list[object] = []

    async def app(scope, receive, send):  # type: ignore[no-untyped-def]
        if not built:
            built.append(issuer_app(holder["url"], CLAIMS))
        await built[0](scope, receive, send)  # type: ignore[operator]

    return app


def test_a_person_signs_in_with_the_issuer(browser: Browser, with_issuer: Served) -> None:
    page = browser.new_context(base_url=with_issuer.url).new_page()
    page.goto("/aanmelden")
    page.get_by_role("link", name="Aanmelden met uw organisatie-account").click()
    expect(page.get_by_role("heading", name="Werkvoorraad")).to_be_visible()
    expect(page.get_by_text("Aangemeld als anna")).to_be_visible()


def test_a_callback_with_another_state_signs_no_one_in(
    browser: Browser, with_issuer: Served
) -> None:
    page = browser.new_context(base_url=with_issuer.url).new_page()
    page.goto("/aanmelden/oidc/terug?code=abc&state=forged")
    expect(page.get_by_role("alert")).to_contain_text("niet gelukt")
    page.goto("/werkvoorraad")
    expect(page.get_by_role("heading", name="Aanmelden")).to_be_visible()
