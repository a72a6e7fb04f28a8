"""The browser enforces the Content Security Policy: injected inline script does not run."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page


@pytest.mark.csp_refusal_expected
def test_injected_inline_script_is_refused(page: Page, base_url, app_context, accessible):
    refusals: list[str] = []
    page.on("console", lambda message: "Content Security Policy" in message.text and refusals.append(message.text))
    page.goto(base_url + "/")
    accessible("home")
    page.evaluate("""() => {
        const script = document.createElement('script');
        script.textContent = 'window.injected = true';
        document.body.appendChild(script);
    }""")
    page.wait_for_timeout(200)
    assert page.evaluate("() => window.injected === undefined")
    assert refusals


def test_progressive_enhancement_script_runs_under_the_policy(page: Page, base_url, app_context, accessible):
    page.goto(base_url + "/")
    accessible("home")
    assert page.evaluate("() => document.body.classList.contains('govuk-frontend-supported')")
