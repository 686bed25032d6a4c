"""The report in a real browser: headless Chromium draws the page and its first chart.

``.ci/run`` installs Debian's ``chromium``; the test is skipped only where no browser exists.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

from figcheck import analysis, html_report, report
from figcheck.claimsfile.locate import snapshot
from figcheck.claimsfile.reading import load

from .conftest import SHIPPED

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
VERMILLION = np.array([0xD5, 0x5E, 0x00]) / 255  # the conflicting claims in the forest plot


def _browser() -> str | None:
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


BROWSER = _browser()
pytestmark = pytest.mark.skipif(
    BROWSER is None,
    reason="no headless browser found (chromium, chromium-browser or google-chrome); "
    "install one (apt-get install chromium) to run the real-browser test",
)


def _report() -> str:
    claims_file = load(snapshot(str(SHIPPED)))
    frame = analysis.claims_frame(claims_file)
    verdicts = report.verdict_records(analysis.verdicts(frame, claims_file))
    generated = dt.datetime(2026, 2, 1, 12, 0, tzinfo=dt.UTC)
    return html_report.render_report(
        claims_file, frame, verdicts, generated=generated, source_path="data/claims.yaml"
    )


def screenshot(
    page: str, folder: Path, name: str, size: tuple[int, int] = (1280, 2000)
) -> np.ndarray:
    """The page as Chromium draws it in a window of ``size`` CSS pixels (1280×2000 unless told):
    an RGB array of floats in [0, 1]."""
    from matplotlib import image

    assert BROWSER is not None
    html = folder / f"{name}.html"
    html.write_text(page, encoding="utf-8")
    png = folder / f"{name}.png"
    profile = folder / f"{name}-profile"
    profile.mkdir()
    command = [
        BROWSER,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        f"--user-data-dir={profile}",
        f"--screenshot={png}",
        f"--window-size={size[0]},{size[1]}",
        html.as_uri(),
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert png.exists(), f"no screenshot (exit {result.returncode}): {result.stderr[-2000:]}"
    pixels = np.asarray(image.imread(png))
    return pixels[:, :, :3]


def test_the_report_renders_and_its_first_chart_is_drawn(tmp_path: Path) -> None:
    page = _report()
    shown = screenshot(page, tmp_path, "report")
    assert shown.shape[:2] == (2000, 1280)
    ink = (shown < 0.9).any(axis=2)
    assert ink.mean() > 0.02, "the page is (almost) blank"
    assert shown.std() > 0.05

    # The same page with the first chart hidden (its space kept): what differs is the chart.
    first = '#metric-political_prisoners figure[data-chart="forest"] svg'
    hidden = page.replace("</head>", f"<style>{first} {{ visibility: hidden; }}</style></head>", 1)
    without = screenshot(hidden, tmp_path, "without-chart")
    drawn = np.abs(shown - without).max(axis=2) > 0.1
    rows, columns = np.nonzero(drawn)
    assert drawn.sum() > 3000, "the first chart draws (almost) nothing"
    assert columns.max() - columns.min() > 500, "the first chart is not as wide as the page"
    assert rows.max() - rows.min() > 120, "the first chart has no height"
    conflict = np.abs(shown[drawn] - VERMILLION).max(axis=1) < 0.08
    assert conflict.sum() > 200, "the conflicting claims are not drawn in their colour"


PHONE = (390, 3600)  # a phone's width; tall enough to reach the first metric's section


def test_on_a_phone_the_first_chart_is_rows_of_text_over_bars_that_fit_the_screen(
    tmp_path: Path,
) -> None:
    page = _report()
    shown = screenshot(page, tmp_path, "phone", PHONE)
    assert shown.shape[:2] == (PHONE[1], PHONE[0])

    # The first metric's bars hidden (their space kept): what differs is its narrow chart.
    bars = "#metric-political_prisoners .bars"
    hidden = page.replace("</head>", f"<style>{bars} {{ visibility: hidden; }}</style></head>", 1)
    without = screenshot(hidden, tmp_path, "phone-without-bars", PHONE)
    drawn = np.abs(shown - without).max(axis=2) > 0.1
    rows, columns = np.nonzero(drawn)
    assert drawn.sum() > 3000, "the narrow chart draws (almost) nothing"
    assert columns.max() - columns.min() > 300, "the bars do not span the screen"
    assert columns.max() < PHONE[0] - 8, "the bars run off the screen"
    assert rows.max() - rows.min() > 100, "the narrow chart has no height"
    conflict = np.abs(shown[drawn] - VERMILLION).max(axis=1) < 0.08
    assert conflict.sum() > 100, "the conflicting claims are not drawn in their colour"

    # The SVG takes no room and draws nothing at this width: hiding it changes no pixel.
    svg = '#metric-political_prisoners figure[data-chart="forest"] svg'
    no_svg = page.replace("</head>", f"<style>{svg} {{ visibility: hidden; }}</style></head>", 1)
    assert np.array_equal(screenshot(no_svg, tmp_path, "phone-without-svg", PHONE), shown)
