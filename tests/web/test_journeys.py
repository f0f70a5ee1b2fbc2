"""The officers' main journeys in a real headless Chromium against the live server."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from borderwatch.screening import Screener, default_lists
from borderwatch.store import open_store
from borderwatch.store.schema import declarations
from tests.web.conftest import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def page(browser: Any, live_server: str) -> Iterator[Any]:
    context = browser.new_context(base_url=live_server)
    tab = context.new_page()
    yield tab
    context.close()


def shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def log_in(page: Any, user: str) -> None:
    page.goto("/ui/login")
    page.fill("#username", user)
    page.fill("#password", f"demo-{user}")
    page.click("button[type=submit]")


def test_a_wrong_password_stays_on_the_login_page(page: Any) -> None:
    page.goto("/ui/login")
    page.fill("#username", "targeter")
    page.fill("#password", "wrong")
    page.click("button[type=submit]")
    assert page.locator(".problem").inner_text() == "wrong user name or password"
    shot(page, "01-login-refused")


def test_targeter_works_the_queue_and_reads_a_declaration(page: Any) -> None:
    log_in(page, "targeter")
    page.wait_for_url("**/ui/queue")
    rows = page.locator("#queue tbody tr")
    assert rows.count() > 1
    shot(page, "02-queue")
    lane = page.locator("#queue tbody .lane").first.inner_text()
    page.select_option("#lane", lane)
    page.click("text=Filter")
    page.wait_for_url(f"**lane={lane}**")
    lanes = page.locator("#queue tbody .lane").all_inner_texts()
    assert lanes and set(lanes) == {lane}
    first = page.locator("#queue tbody tr").first
    first.locator("button", has_text="Claim").click()
    expect(first.locator(".claimed")).to_have_text("claimed by targeter")
    first.locator("a").first.click()
    page.wait_for_url(re.compile(r".*/ui/declarations/.+"))
    assert page.locator("#reasons li").count() >= 1
    assert page.locator("#history tr").count() >= 2
    shot(page, "03-declaration")


def test_analyst_writes_validates_saves_and_backtests_a_rule(page: Any) -> None:
    log_in(page, "analyst")
    page.goto("/ui/rules")
    page.fill("#expression", "total_valu > 1")
    page.wait_for_selector("#invalid")
    assert "total_value" in page.locator("#invalid").inner_text()
    page.fill("#expression", "total_value > 20000")
    page.wait_for_selector("#valid")
    page.fill("#rule_id", "BROWSER_HIGH_VALUE")
    page.fill("#title", "High-value consignments")
    page.fill("#description", "Consignments worth more than 20,000")
    page.fill("#start", "2024-02-01")
    page.fill("#end", "2024-04-30")
    page.click("#run-backtest")
    page.wait_for_selector("#backtest-chart svg")
    assert int(page.locator("#backtest-figures tr:nth-child(1) td").inner_text()) > 0
    shot(page, "04-backtest")
    page.click("text=Save draft")
    expect(page.locator("#saved")).to_contain_text("BROWSER_HIGH_VALUE v1")
    assert page.locator("#rules", has_text="BROWSER_HIGH_VALUE").count() == 1


def test_a_seizure_is_recorded_with_its_legal_basis(page: Any) -> None:
    log_in(page, "targeter")
    page.wait_for_url("**/ui/queue")
    page.locator("#queue tbody tr").nth(1).locator("a").first.click()
    page.fill("#reason", "X-ray anomaly")
    page.click("text=Open case")
    page.wait_for_url(re.compile(r".*/ui/cases/\d+"))
    case_url = page.url
    page.fill("#officer", "inspector")
    page.click("button:has-text('Assign')")
    expect(page.locator("#state")).to_have_text("assigned")
    page.click("text=Log out")
    log_in(page, "inspector")
    page.goto(case_url)
    page.select_option("#kind", "physical")
    page.fill("#place", "Rotterdam quay 3")
    page.click("text=Record inspection")
    expect(page.locator("#state")).to_have_text("inspecting")
    page.select_option("#legal_basis", "UCC-198")
    page.fill("#s-reason", "undeclared cigarettes behind the declared goods")
    page.fill("#s-place", "Rotterdam bonded store")
    page.select_option("#commodity", "cigarettes")
    page.fill("#description", "Cigarette sticks")
    page.fill("#quantity", "20000")
    page.select_option("#unit", "sticks")
    page.click("text=Record seizure")
    expect(page.locator("#actions")).to_contain_text("UCC-198")
    assert "Chain: verified" in page.locator("#custody").inner_text()
    shot(page, "05-seizure")


def test_dashboard_and_audit_views(page: Any) -> None:
    log_in(page, "analyst")
    page.goto("/ui/dashboard")
    assert page.locator(".chart svg").count() == 5
    assert "decisions" in page.locator("#figures").inner_text()
    shot(page, "06-dashboard")
    page.click("text=Log out")
    log_in(page, "auditor")
    page.wait_for_url("**/ui/audit")
    assert page.locator("#audit tr").count() > 1
    shot(page, "07-audit")
    page.goto("/ui/queue")
    assert "may not open this page" in page.locator("h1").inner_text()


def _with_a_hit(settings: Any) -> str:
    """A Rotterdam declaration one of whose parties resembles a listed entity (the demo
    plants sanctioned parties in its trade)."""
    screener = Screener(default_lists())
    engine = open_store(settings.store_url)
    query = select(declarations.c.source_id, declarations.c.payload).where(
        declarations.c.office == "NLRTM", declarations.c.superseded_at.is_(None)
    )
    with engine.connect() as conn:
        for row in conn.execute(query):
            for p in row.payload["parties"]:
                if screener.screen_party(p["name"], p.get("schema") or "LegalEntity",
                                         p.get("country")):  # fmt: skip
                    engine.dispose()
                    return str(row.source_id)
    engine.dispose()
    raise AssertionError("the demo plants sanctioned parties; one must resemble a list entry")


def test_targeter_dismisses_a_screening_hit_with_a_reason(page: Any, demo_settings: Any) -> None:
    screened = _with_a_hit(demo_settings)
    log_in(page, "targeter")
    page.wait_for_url("**/ui/queue")
    page.goto(f"/ui/declarations/{screened}")
    hit = page.locator("#hits tr.hit").first
    alias = hit.locator(".alias").inner_text()
    assert alias
    hit.locator("input[name=reason]").fill("different company: other address and EORI")
    hit.locator("button", has_text="Dismiss").click()
    expect(hit.locator(".reviewed")).to_contain_text("dismissed by targeter")
    shot(page, "08-hit-dismissed")
    page.reload()
    expect(page.locator("#hits tr.hit.suppressed").first).to_be_visible()
