"""Checks on the vendored GOV.UK Frontend build (static/govuk/).

Pure file checks: no app needed. Rebuild with `make vendor-frontend`
(scripts/vendor-govuk-frontend.sh).
"""

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "vendor-govuk-frontend.sh"
OUT = ROOT / "static" / "govuk"
CSS = OUT / "council.min.css"
JS = OUT / "govuk-frontend.min.js"
MANIFEST = OUT / "assets" / "manifest.json"

# govuk-frontend-jinja 4.1.x renders markup for exactly this govuk-frontend release.
EXPECTED_GOVUK_FRONTEND = "6.3.0"


@pytest.fixture(scope="module")
def css() -> str:
    assert CSS.is_file(), f"{CSS} missing: run `make vendor-frontend`"
    return CSS.read_text(encoding="utf-8")


def test_css_exists_and_is_compressed(css):
    assert len(css) > 50_000
    # --style=compressed puts (nearly) everything on one line, no source map
    assert css.count("\n") < 5
    assert "sourceMappingURL" not in css


def test_css_has_no_gds_transport(css):
    assert not re.search(r"gds[\s_-]*transport", css, re.IGNORECASE)


def test_css_has_no_web_fonts(css):
    assert "@font-face" not in css.lower()
    assert "/fonts/" not in css
    assert ".woff" not in css.lower()


def test_css_uses_system_font_stack(css):
    assert "font-family:system-ui," in css


def test_css_images_resolve_under_static(css):
    urls = re.findall(r"url\(\s*['\"]?([^'\")]+)", css)
    assert urls, "expected the CSS to reference at least one image"
    for url in urls:
        if url.startswith("data:"):
            continue
        assert url.startswith("/static/govuk/assets/images/"), url
        assert (ROOT / url.lstrip("/")).is_file(), f"{url} referenced but not vendored"


def test_css_built_from_pinned_version(css):
    assert f'--govuk-frontend-version: "{EXPECTED_GOVUK_FRONTEND}"' in css


def test_css_has_council_header_and_no_crown(css):
    assert ".govuk-generic-header{background-color:#0b5c3e}" in css
    assert ".govuk-footer__crown{display:none}" in css
    assert ".app-header-council-name{" in css


def _relative_luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_header_brand_colour_contrast_with_white_is_aa(css):
    match = re.search(r"\.govuk-generic-header\{background-color:#([0-9a-f]{6})\}", css)
    assert match
    ratio = 1.05 / (_relative_luminance(match.group(1)) + 0.05)
    assert ratio >= 4.5, ratio


def test_js_is_es_module():
    assert JS.is_file()
    text = JS.read_text(encoding="utf-8")
    assert "export{" in text.replace(" ", "")
    assert "initAll" in text


def test_manifest_and_images_exist_without_fonts():
    assert MANIFEST.is_file()
    manifest = json.loads(MANIFEST.read_text(encoding="utf-8"))
    for icon in manifest["icons"]:
        assert (MANIFEST.parent / icon["src"]).is_file(), icon["src"]
    assert not (OUT / "assets" / "fonts").exists()
    assert not list(OUT.rglob("*.woff*"))


def test_script_pins_govuk_frontend_version():
    text = SCRIPT.read_text(encoding="utf-8")
    assert re.search(r'^GOVUK_FRONTEND_VERSION="6\.3\.0"$', text, re.MULTILINE)
    assert re.search(r'^SASS_VERSION="\d+\.\d+\.\d+"$', text, re.MULTILINE)
    assert text.startswith("#!/usr/bin/env bash")
    assert "set -euo pipefail" in text
    assert (OUT / "VERSION").read_text().strip() == EXPECTED_GOVUK_FRONTEND


def test_govuk_frontend_jinja_targets_same_version():
    metadata = pytest.importorskip("importlib.metadata")
    try:
        version = metadata.version("govuk-frontend-jinja")
    except metadata.PackageNotFoundError:
        pytest.skip("govuk-frontend-jinja not installed")
    assert version.startswith("4.1."), version
