"""The dashboard end to end: `syncmatrix dashboard` serves it on loopback, headless Chromium uses it.

Under CI (CI=true) the browser test must run, so a missing Chromium or Playwright fails it; on a
developer machine without them it is skipped with the reason. Playwright drives Debian's Chromium
(/usr/bin/chromium) and never downloads a browser of its own. Every wait has a bound.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("streamlit", reason="the dashboard extra is not installed")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Headless, as root, on a machine whose only network is loopback: the flags keep Chromium from
# reaching out (background networking, component updates, sync) and from needing a sandbox or GPU.
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
START_TIMEOUT = 90.0  # seconds for the server to answer its health check
# Screenshots kept after the run for people to look at (CI keeps the folder; git ignores it).
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
WAIT_MS = 45_000  # milliseconds for any one thing to appear on the page


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until_healthy(url: str, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"the dashboard exited with {server.returncode}:\n{log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(url + "_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    return
        except urllib.error.HTTPError as error:  # not ready (503): it holds the response, to close
            error.close()
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.3)
    pytest.fail(f"the dashboard did not answer within {START_TIMEOUT:.0f} s:\n{log.read_text(errors='replace')}")


@pytest.fixture
def dashboard_url(tmp_path: Path) -> Iterator[str]:
    """`python -m syncmatrix dashboard` on a free loopback port; stopped, with its children, after the test."""
    port = free_port()
    log = tmp_path / "syncmatrix.dashboard.log"
    with log.open("wb") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "syncmatrix", "dashboard", "--port", str(port), "--address", "127.0.0.1"],
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,  # its own process group, so Streamlit's child goes with it
        )
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_until_healthy(url, server, log)
        yield url
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=15)


def test_the_dashboard_command_serves_the_app(dashboard_url):
    with urllib.request.urlopen(dashboard_url, timeout=10) as answer:
        page = answer.read().decode("utf-8", errors="replace")
    assert answer.status == 200 and "<noscript>" in page


def shot(page, tmp_path: Path, name: str, *, full_page: bool = False) -> Path:
    """A screenshot in the test's folder, copied to tests/artifacts/ for people to look at."""
    path = tmp_path / name
    page.screenshot(path=str(path), full_page=full_page)
    ARTIFACTS.mkdir(exist_ok=True)
    shutil.copyfile(path, ARTIFACTS / name)
    return path


def wait_for_widgets(page, last, inputs: int) -> None:
    """Wait until all `inputs` are drawn (Streamlit draws widgets after the text), then `last`."""
    page.locator("[data-testid=stSelectbox]").get_by_role("combobox").nth(inputs - 1).wait_for()
    last.wait_for()


def _browser_or_skip():
    """Playwright's sync API and the Chromium to drive; a skip (or, under CI, a failure) saying what is missing."""
    missing = []
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None
        missing.append("Playwright for Python (pip install -e '.[test]')")
    if not Path(CHROMIUM).exists():
        missing.append("Chromium (apt-get install -y chromium)")
    if missing:
        reason = "the browser test needs " + " and ".join(missing)
        if os.environ.get("CI") == "true":
            pytest.fail(reason + "; .ci/run installs both")
        pytest.skip(reason)
    return sync_playwright


def browser_context(playwright, tmp_path: Path, width: int = 1400):
    """Chromium with a fresh profile for every run, every wait bounded."""
    context = playwright.chromium.launch_persistent_context(
        str(tmp_path / "chromium-profile"),
        executable_path=CHROMIUM,
        headless=True,
        args=CHROMIUM_FLAGS,
        viewport={"width": width, "height": 1700},
        timeout=WAIT_MS,
    )
    context.set_default_timeout(WAIT_MS)
    context.set_default_navigation_timeout(WAIT_MS)
    return context


def test_a_browser_sees_the_verdict_applies_the_fix_switches_language_and_reopens_the_link(
    dashboard_url, tmp_path, page_kb
):
    sync_playwright = _browser_or_skip()
    rule = page_kb.rule("act-sync-needs-exchange")
    with sync_playwright() as playwright:
        context = browser_context(playwright, tmp_path)
        try:
            page = context.new_page()
            # The page alone, on a named day: the page's facts, whatever the day the suite runs.
            page.goto(dashboard_url + "?email_system=gmail&act_sync=true&as_of=2026-11-29&page_only=1")
            verdict = page.locator(".st-key-verdict")
            verdict.get_by_text("Verdict: unsupported").wait_for()
            text = verdict.inner_text()
            assert rule.id in text
            assert "Source: " in text and page_kb.cite(rule.sources[:1]) in text
            assert f"Remedy: {rule.remedy.en}" in text
            from syncmatrix.present.words import t

            label = page_kb.variable("act_sync").label.en
            fix = page.get_by_role("button", name=t("apply", "en", changes=t("turn_off", "en", label=label)))
            wait_for_widgets(page, fix, len(page_kb.variables))
            shot(page, tmp_path, "dashboard-unsupported-en.png")

            fix.click()
            verdict.get_by_text("Verdict: supported").wait_for()
            page.wait_for_url("**act_sync=false**")

            page.get_by_text("Tiếng Việt", exact=True).click()
            verdict.get_by_text("Kết luận: được hỗ trợ").wait_for()
            page.wait_for_url("**lang=vi**")
            wait_for_widgets(page, page.get_by_role("button", name="Hoàn tác"), len(page_kb.variables))
            shot(page, tmp_path, "dashboard-supported-vi.png")

            # The link reproduces the state in a new tab.
            again = context.new_page()
            again.goto(page.url)
            again.locator(".st-key-verdict").get_by_text("Kết luận: được hỗ trợ").wait_for()
            assert again.locator(".st-key-verdict").inner_text() == verdict.inner_text()

            again.get_by_role("tab", name="Đồ thị phụ thuộc").click()
            again.locator("[data-testid=stGraphVizChart] svg").first.wait_for()
            shot(again, tmp_path, "dashboard-graph-vi.png")
        finally:
            context.close()
    for name in ("dashboard-unsupported-en.png", "dashboard-supported-vi.png", "dashboard-graph-vi.png"):
        assert (tmp_path / name).stat().st_size > 10_000, name


def test_a_phone_sees_the_answer_of_a_day_turns_to_the_page_alone_and_reads_the_timeline(
    dashboard_url, tmp_path, page_kb
):
    sync_playwright = _browser_or_skip()
    rule = page_kb.rule("a2-exchange-2019-extended-over")
    with sync_playwright() as playwright:
        context = browser_context(playwright, tmp_path, width=390)  # a phone: the sidebar starts closed
        try:
            page = context.new_page()
            page.goto(dashboard_url + "?email_system=exchange_2019&email_sync=true&as_of=2026-11-29")
            verdict = page.locator(".st-key-verdict")
            verdict.get_by_text("Verdict: unsupported").wait_for()
            assert "As of 2026-11-29" in page.locator(".st-key-day").inner_text()  # above the tabs, in sight
            text = verdict.inner_text()
            assert rule.id in text and "In force from 2025-10-15." in text
            assert page_kb.advisory("exchange-server-lifecycle").title.en in text

            page.get_by_role("tab", name="Timeline").click()
            current = page.locator(".st-key-period-current")
            current.get_by_text("2026-11-29, the day in question").wait_for()
            assert "From 2025-10-15 to 2027-01-12" in current.inner_text() and rule.id in current.inner_text()
            shot(page, tmp_path, "dashboard-timeline-phone.png", full_page=True)

            page.locator("[data-testid=stExpandSidebarButton]").click()
            page.get_by_text("Page only", exact=True).click()
            page.wait_for_url("**page_only=1**")
            page.get_by_text("“Page only” is on, so no day is marked.", exact=False).wait_for()
            assert not current.count()
        finally:
            context.close()
    assert (tmp_path / "dashboard-timeline-phone.png").stat().st_size > 10_000


# What the verdict panel says in its main text: its small grey details (rule ids in code) left out.
MAIN_TEXT = (
    "el => { const c = el.cloneNode(true); c.querySelectorAll('code').forEach(x => x.remove()); return c.innerText; }"
)


@pytest.mark.parametrize("width", [1400, 390])
def test_the_form_reads_in_the_administrators_order_at_desktop_and_phone_width(dashboard_url, tmp_path, page_kb, width):
    """Issue 14: the form's sections in order, one below the other on a phone; an empty form asks for
    what is known instead of giving a verdict; a verdict names its rules by title, ids only as details."""
    sync_playwright = _browser_or_skip()
    from syncmatrix.present.words import t

    sections = [section.label.en for section in page_kb.form()]
    rule = page_kb.rule("act-sync-needs-exchange")
    with sync_playwright() as playwright:
        context = browser_context(playwright, tmp_path, width=width)
        try:
            page = context.new_page()
            page.goto(dashboard_url + "?as_of=2026-11-29")
            page.get_by_text(t("explore_empty", "en")[:40]).wait_for()
            wait_for_widgets(page, page.get_by_text(sections[-1], exact=True), len(page_kb.variables))
            tops = [page.get_by_text(label, exact=True).first.bounding_box()["y"] for label in sections]
            assert tops == sorted(tops) and len(set(tops)) == len(tops)
            assert not page.locator(".st-key-verdict").count()
            shot(page, tmp_path, f"explore-empty-{width}.png", full_page=True)

            page.goto(dashboard_url + "?email_system=gmail&act_sync=true&as_of=2026-11-29")
            verdict = page.locator(".st-key-verdict")
            verdict.get_by_text("Verdict: unsupported").wait_for()
            main = verdict.evaluate(MAIN_TEXT)
            assert rule.title.en in main and rule.id not in main
            assert rule.id in verdict.inner_text()  # as a detail
            wait_for_widgets(page, verdict, len(page_kb.variables))
            shot(page, tmp_path, f"explore-gmail-{width}.png", full_page=True)
        finally:
            context.close()
