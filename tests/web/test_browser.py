"""The web archive in real headless Chromium, served by uvicorn on 127.0.0.1: a reader goes from coverage
to a system, a document and the comparison of its two versions and sees the weakened passage marked;
searches and sees the snippet; opens the scorecard and a system's ratings from the menu; on a phone the pages fit the screen; no archived script ever runs;
axe-core finds no serious or critical accessibility violation."""

from __future__ import annotations

from store.vocabulary import DocType

from .browser import browser_page, serious_violations

JFP_FILE = (DocType.JOINT_FORWARD_PLAN, False, "Joint%20Forward%20Plan%202024-2029%20(final).pdf")


def test_coverage_to_system_to_document_to_compare_shows_the_weakened_passage(served, tmp_path):
    base, _ = served
    with browser_page(viewport={"width": 1200, "height": 900}) as page:
        page.goto(base + "/")
        assert page.get_by_role("heading", level=1).inner_text() == "Coverage of the Integrated Care Systems"
        page.screenshot(path=tmp_path / "coverage.png", full_page=True)
        page.get_by_role("link", name="Severn", exact=True).click()
        assert page.get_by_role("heading", level=1).inner_text() == "Severn"
        page.get_by_role("link", name="NHS Severn Integrated Care Board Joint Forward Plan 2024-2029").first.click()
        assert "Joint Forward Plan of Severn" in page.locator("main .lede").inner_text()
        page.get_by_role("link", name="Compare with the version before").first.click()
        assert page.url.startswith(base + "/compare/v-")
        first = page.locator("article.passage").first
        assert first.locator("h2").inner_text().startswith("Weakened commitment")
        assert "Weakened: 'will' became 'aim'" in first.inner_text()
        removed, added = first.locator("del"), first.locator("ins")
        assert removed.inner_text() == "will" and added.inner_text() == "aim to"
        # highlighted: the marks have their own background, and the weakened passage its own border colour
        assert added.evaluate("e => getComputedStyle(e).backgroundColor") not in ("rgba(0, 0, 0, 0)", "transparent")
        assert removed.evaluate("e => getComputedStyle(e).backgroundColor") != added.evaluate(
            "e => getComputedStyle(e).backgroundColor")
        assert first.evaluate("e => getComputedStyle(e).borderLeftColor") == "rgb(179, 38, 30)"
        page.screenshot(path=tmp_path / "compare.png", full_page=True)
    assert (tmp_path / "coverage.png").stat().st_size > 10_000 and (tmp_path / "compare.png").stat().st_size > 10_000


def test_search_shows_the_snippet_with_the_words_marked(served):
    base, _ = served
    with browser_page() as page:
        page.goto(base + "/search")
        page.get_by_label('Words or "a phrase"').fill("mental health support team")
        page.get_by_role("button", name="Search").click()
        first = page.locator("li.hit").first
        assert "Mental Health Support Team" in first.locator(".snippet").inner_text()
        assert {m.lower() for m in first.locator("mark").all_inner_texts()} >= {"mental", "health", "support", "team"}
        first.get_by_role("link").first.click()
        assert page.url.startswith(base + "/versions/v-") and "Cite this version" in page.locator("main").inner_text()


def test_the_scorecard_from_the_menu_to_a_system_and_its_evidence(served, tmp_path):
    base, _ = served
    with browser_page(viewport={"width": 1200, "height": 900}) as page:
        page.goto(base + "/")
        page.get_by_role("navigation", name="Main").get_by_role("link", name="Scorecard").click()
        assert page.get_by_role("heading", level=1).inner_text() == "How the plans answer the HPIG review"
        page.get_by_role("link", name="Severn", exact=True).click()
        assert page.get_by_role("heading", level=1).inner_text() == "Scorecard of Severn"
        question = page.locator("article.score", has=page.locator("#q-joint_forward_plan-joint_infrastructure"))
        assert question.locator(".rating").inner_text() == "To some extent"
        assert "A single point of access will triage referrals" in question.locator("blockquote").last.inner_text()
        page.screenshot(path=tmp_path / "scorecard.png", full_page=True)
    assert (tmp_path / "scorecard.png").stat().st_size > 10_000


def test_no_archived_script_runs(served):
    base, archived = served
    dialogs = []
    with browser_page() as page:
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        for path in (f"/versions/{archived.hostile_version}", f"/documents/{archived.hostile_document}",
                     "/search?q=family+hubs", "/systems/severn"):
            page.goto(base + path)
            assert page.evaluate("() => window.pwned") is None, path
        page.goto(base + f"/versions/{archived.hostile_version}")
        assert "We will open four family hubs by 2026." in page.locator("main").inner_text()
        assert page.locator("main a[href^='javascript:']").count() == 0
        page.get_by_text("easy read version and the summary").click()  # once a link: now plain text
        assert page.evaluate("() => window.pwned") is None
    assert dialogs == []


def test_on_a_phone_the_pages_fit_the_screen(served):
    base, archived = served
    [old, new] = archived.history("severn")[JFP_FILE]
    with browser_page(viewport={"width": 375, "height": 740}, is_mobile=True) as page:
        for path in ("/", f"/compare/{old}/{new}", "/changes", f"/versions/{new}", "/scorecard",
                     "/systems/severn/scorecard"):
            page.goto(base + path)
            overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, f"{path} is {overflow}px wider than a phone"


def test_axe_finds_no_serious_or_critical_violation(served):
    base, archived = served
    [old, new] = archived.history("severn")[JFP_FILE]
    paths = ["/", "/systems/severn", f"/versions/{new}", f"/compare/{old}/{new}", "/changes?relevant=true",
             "/search?q=family+hub", "/versions/v-000000000000", f"/documents/{archived.hostile_document}",
             "/scorecard", "/systems/severn/scorecard?as_of=2026-11-17"]
    found = {}
    with browser_page() as page:
        for path in paths:
            page.goto(base + path)
            found[path] = serious_violations(page)
        page.goto(base + "/")
        page.get_by_role("link", name="Severn", exact=True).click()
        page.get_by_role("link", name="NHS Severn Integrated Care Board Joint Forward Plan 2024-2029").first.click()
        found["a document"] = serious_violations(page)
    assert {path: v for path, v in found.items() if v} == {}


def test_the_accessibility_check_finds_what_it_should(served):
    """The check itself: a page with an unlabelled image and field is reported (so a pass above means something)."""
    with browser_page() as page:
        page.set_content('<html><body><img src="chart.png"><input type="text"></body></html>')
        found = serious_violations(page)
    assert any(v.startswith("image-alt") for v in found) and any(v.startswith("label") for v in found)
