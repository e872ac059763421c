"""Issue 13's structure on every article, in every language, on the built site.

The same checks run on a small fixture site that follows the conventions (tests/fixtures/content_site,
must pass) and on the real site (`built_site`). The articles are the nav pages minus
`extra.atlas.handouts.exclude` of each site's mkdocs.yml; nothing here lists pages.

Checked per article: the key points come first after the h1; every evidence note carries a certainty
label; a risk block on every article mentioning a dose, supplements or fasting; JSON-LD MedicalWebPage
with lastReviewed, reviewedBy an Organization and the cited references with DOI/PMID; Highwire tags;
one COinS span per reference; no HTML comment from the sources; the no-source and precaution markers
named by their words; the visible review dates. On the safety page: each risk group in the safety box.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from html import unescape
from pathlib import Path

import pytest
import yaml
from atlas.translations.project import _ConfigLoader

from tests.support.site import BuildResult, BuiltSite, build_site, copy_fixture

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]

# The risk groups of the safety box, as the conventions (issue 13, item 2) fix their bold words.
RISK_GROUPS = {
    "nl": [
        "leverziekte",
        "nierziekte",
        "zwanger",
        "kinderen",
        "kanker",
        "epilepsie",
        "diabetesmedicijnen",
        "ernstig ziek",
    ],
    "en": [
        "liver disease",
        "kidney disease",
        "pregnant",
        "children",
        "cancer",
        "epilepsy",
        "diabetes medication",
        "seriously ill",
    ],
}
SAFETY_PAGE = "glutamine/safety.md"
# A dose (a number with g/gram/mg), supplements or fasting: such an article needs a risk block.
RISKY = re.compile(
    r"\b\d+(?:[.,]\d+)?\s?(?:g|grams?|mg)\b|supplement|suppleti|\bvast(?:en|t)\b|\bfasting\b", re.I
)


@dataclass(frozen=True)
class Article:
    source: str  # docs-relative source of the default language, e.g. glutamine/safety.md
    locale: str
    html: str

    @property
    def name(self) -> str:
        return f"{self.source} [{self.locale}]"

    @property
    def content(self) -> str:
        """The article element: what the page's Markdown became, plus the templates' additions to it."""
        match = re.search(r'<article class="md-content__inner md-typeset">(.*?)</article>', self.html, re.S)
        assert match, f"{self.name}: no article element"
        return match.group(1)

    @property
    def running_text(self) -> str:
        """The article's text without reference list, footnotes and the cite-this-page block."""
        html = re.sub(r'<ol class="atlas-references">.*?</ol>', " ", self.content, flags=re.S)
        html = re.sub(r'<div class="footnote">.*?</div>', " ", html, flags=re.S)
        html = re.sub(
            r'<(section|div|details)[^>]*class="[^"]*atlas-cite-page.*?</\1>', " ", html, flags=re.S
        )
        return unescape(re.sub(r"<[^>]+>", " ", html))


def _config(config_file: Path) -> dict:
    return yaml.load(config_file.read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}


def _nav_pages(nav: object) -> list[str]:
    if isinstance(nav, str):
        return [nav] if nav.endswith(".md") else []
    if isinstance(nav, list):
        return [page for item in nav for page in _nav_pages(item)]
    if isinstance(nav, dict):
        return [page for value in nav.values() for page in _nav_pages(value)]
    return []


def _locales(config: dict) -> list[str]:
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and "i18n" in plugin:
            languages = sorted(plugin["i18n"]["languages"], key=lambda lang: not lang.get("default"))
            return [str(lang["locale"]) for lang in languages]
    return [str(config["theme"]["language"])]


def _html_path(source: str, locale: str, default: str) -> str:
    stem = source.removesuffix(".md")
    path = f"{stem.removesuffix('index')}index.html" if stem.endswith("index") else f"{stem}/index.html"
    return path if locale == default else f"{locale}/{path}"


def articles(config_file: Path, site: BuiltSite) -> list[Article]:
    config = _config(config_file)
    atlas = (config.get("extra") or {}).get("atlas") or {}
    excluded = set((atlas.get("handouts") or {}).get("exclude") or [])
    locales = _locales(config)
    found = []
    for source in _nav_pages(config.get("nav")):
        if source in excluded:
            continue
        for locale in locales:
            found.append(Article(source, locale, site.page(_html_path(source, locale, locales[0]))))
    assert found, f"{config_file}: no articles in nav"
    return found


def markers(config_file: Path) -> dict[str, str]:
    raw = ((_config(config_file).get("extra") or {}).get("atlas") or {}).get("markers") or {}
    return {entry["id"]: entry["label"] for per_locale in raw.values() for entry in per_locale.values()}


# --- the checks: each returns the problems of one article ------------------------------------------


def key_points_first(article: Article) -> list[str]:
    if re.search(r'</h1>\s*<div class="admonition abstract key-points">', article.content):
        return []
    return [
        f"{article.name}: the first element after the h1 is not the key points "
        '(!!! abstract key-points "In het kort" / "In short")'
    ]


def certainty_labels(article: Article) -> list[str]:
    problems = []
    notes = re.findall(r'<div class="admonition evidence">(.*?)</div>', article.content, re.S)
    for index, note in enumerate(notes, 1):
        first = re.search(r"</p>\s*(<p[^>]*>)", note)  # the paragraph after the title
        if not first or 'class="atlas-certainty"' not in first.group(1):
            problems.append(f"{article.name}: evidence note {index} has no certainty label")
        elif not re.search(r'<strong class="atlas-certainty__level">[^<]+</strong>', note):
            problems.append(f"{article.name}: evidence note {index}: certainty label without its level")
    return problems


def risk_block(article: Article, siblings: list[Article] | None = None) -> list[str]:
    """A risk block when this article, or its other-language version, mentions a dose, supplements or fasting
    (same structure in every language, even where one translation words it without a trigger). The safety
    page's full "talk to your doctor first" box counts: it is the longer form of the same block."""
    hits = [m for a in [article, *(siblings or [])] if (m := RISKY.search(a.running_text))]
    blocks = ('<div class="admonition warning careful">', '<div class="admonition danger safety-first">')
    if not hits or any(block in article.content for block in blocks):
        return []
    return [
        f"{article.name}: mentions '{hits[0].group(0)}' but has no risk block "
        '(!!! warning careful "Wie moet oppassen?" / "Who should be careful?")'
    ]


def safety_box(article: Article) -> list[str]:
    if article.source != SAFETY_PAGE:
        return []
    box = re.search(r'<div class="admonition danger safety-first">(.*?)</div>', article.content, re.S)
    if not box:
        return [f"{article.name}: no safety box (!!! danger safety-first)"]
    named = {
        " ".join(unescape(s).split()).lower() for s in re.findall(r"<strong>(.*?)</strong>", box.group(1))
    }
    missing = [group for group in RISK_GROUPS[article.locale] if group not in named]
    return [f"{article.name}: the safety box does not name {', '.join(missing)}"] if missing else []


def json_ld(article: Article) -> list[str]:
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', article.html, re.S)
    if len(scripts) != 1:
        return [f"{article.name}: expected one JSON-LD script, found {len(scripts)}"]
    try:
        data = json.loads(scripts[0])
    except json.JSONDecodeError as error:
        return [f"{article.name}: JSON-LD is not valid JSON ({error})"]
    problems = []
    if data.get("@type") != "MedicalWebPage" or data.get("inLanguage") != article.locale:
        problems.append(f"{article.name}: JSON-LD is not a MedicalWebPage in {article.locale}")
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(data.get("lastReviewed", ""))):
        problems.append(f"{article.name}: JSON-LD has no lastReviewed date")
    if (data.get("reviewedBy") or {}).get("@type") != "Organization":
        problems.append(f"{article.name}: JSON-LD reviewedBy is not an Organization")
    references = len(re.findall(r'<li id="ref-', article.content))
    cited = data.get("citation") or []
    if len(cited) != references:
        problems.append(
            f"{article.name}: JSON-LD cites {len(cited)} works, the reference list has {references}"
        )
    for work in cited:
        ids = {i.get("propertyID") for i in work.get("identifier") or []}
        if work.get("@type") == "WebPage" or not ids:  # no DOI or PMID seen: the address where it was
            if not str(work.get("url", "")).startswith("https://"):
                problems.append(f"{article.name}: JSON-LD web page '{work.get('name')}' has no https address")
        elif work.get("@type") != "ScholarlyArticle" or not ids & {"DOI", "PMID"}:
            problems.append(f"{article.name}: JSON-LD citation '{work.get('name')}' lacks a DOI or PMID")
    return problems


def highwire(article: Article) -> list[str]:
    tags = re.findall(r'<meta name="(citation_[a-z_]+)" content="([^"]*)"', article.html)
    names = [name for name, _ in tags]
    problems = [
        f"{article.name}: no {name} meta tag"
        for name in (
            "citation_title",
            "citation_language",
            "citation_publication_date",
            "citation_journal_title",
        )
        if name not in names
    ]
    references = len(re.findall(r'<li id="ref-', article.content))
    if names.count("citation_reference") != references:
        problems.append(
            f"{article.name}: {names.count('citation_reference')} citation_reference tags for "
            f"{references} references"
        )
    return problems


def coins(article: Article) -> list[str]:
    items = re.findall(r'<li id="ref-[^"]*">(.*?)</li>', article.content, re.S)
    without = sum(1 for item in items if item.count('class="Z3988"') != 1)
    if without:
        return [f"{article.name}: {without} of {len(items)} references without exactly one COinS span"]
    return []


def no_html_comments(article: Article) -> list[str]:
    found = [c for c in re.findall(r"<!--(.*?)-->", article.html, re.S) if not c.startswith("!")]
    # `<!--! … -->` is Font Awesome's licence line inside the theme's icons, not page content
    return [f"{article.name}: HTML comment in the built page: <!--{found[0][:60]}-->"] if found else []


def named_markers(article: Article, labels: dict[str, str]) -> list[str]:
    problems = []
    for footnote, text in re.findall(
        r'<a class="footnote-ref" href="#fn:([^"]+)">([^<]*)</a>', article.content
    ):
        if footnote in labels and text != labels[footnote]:
            problems.append(f"{article.name}: marker [^{footnote}] reads '{text}', not '{labels[footnote]}'")
    return problems


def review_line(article: Article) -> list[str]:
    if re.search(
        r'class="md-source-file atlas-review".*?<time datetime="\d{4}-\d{2}-\d{2}">.*?'
        r'<time datetime="\d{4}-\d{2}-\d{2}">',
        article.html,
        re.S,
    ):
        return []
    return [f"{article.name}: no review dates under the article (reviewed / next_review in front matter)"]


CHECKS = [
    key_points_first,
    certainty_labels,
    risk_block,
    safety_box,
    json_ld,
    highwire,
    coins,
    no_html_comments,
    review_line,
]


def problems_of(config_file: Path, site: BuiltSite, check) -> list[str]:
    every = articles(config_file, site)
    if check is risk_block:
        return [
            problem
            for article in every
            for problem in risk_block(article, [a for a in every if a.source == article.source])
        ]
    return [problem for article in every for problem in check(article)]


# --- the fixture site: the checks themselves work ---------------------------------------------------


@pytest.fixture(scope="module")
def fixture(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildResult]:
    root = tmp_path_factory.mktemp("content")
    config = copy_fixture("content_site", root / "content_site")
    env = {**os.environ, "ATLAS_TODAY": "2026-12-01"}
    return config, build_site(config, root / "site", env=env)


def test_fixture_builds_strict(fixture) -> None:
    _config_file, result = fixture
    assert result.returncode == 0, result.log


@pytest.mark.parametrize("check", CHECKS, ids=lambda check: check.__name__)
def test_fixture_articles_pass(fixture, check) -> None:
    config_file, result = fixture
    assert problems_of(config_file, result.site, check) == []


def test_fixture_markers_are_named(fixture) -> None:
    config_file, result = fixture
    labels = markers(config_file)
    every = articles(config_file, result.site)
    assert [p for article in every for p in named_markers(article, labels)] == []
    leucine = next(a for a in every if a.source == "leucine.md" and a.locale == "en")
    assert '<a class="footnote-ref" href="#fn:no-source">no source</a>' in leucine.content
    assert '<a class="footnote-ref" href="#fn:precaution">precaution</a>' in leucine.content


def test_fixture_source_comment_is_gone(fixture) -> None:
    _config_file, result = fixture
    for page in result.site.html_files():
        assert "private note" not in page.read_text(encoding="utf-8")
        assert "Privé notitie" not in page.read_text(encoding="utf-8")


def test_the_checks_catch_what_is_missing(fixture) -> None:
    """Each check reports a page that lacks its feature (so a passing check means something)."""
    config_file, result = fixture
    article = next(
        a for a in articles(config_file, result.site) if a.source == SAFETY_PAGE and a.locale == "nl"
    )
    broken = Article(
        article.source,
        article.locale,
        article.html.replace('<div class="admonition abstract key-points">', "<div>")
        .replace('class="atlas-certainty"', "")
        .replace('<div class="admonition warning careful">', "<div>")
        .replace("<strong>kanker</strong>", "kanker")
        .replace('class="Z3988"', 'class="x"')
        .replace('<meta name="citation_reference"', '<meta name="x"')
        .replace("</article>", "<!-- secret --></article>"),
    )
    for check in (
        key_points_first,
        certainty_labels,
        risk_block,
        safety_box,
        coins,
        highwire,
        no_html_comments,
    ):
        if check is risk_block:  # the safety page's own box still stands in for the risk block here
            continue
        assert check(broken), check.__name__
    assert safety_box(broken) == [f"{SAFETY_PAGE} [nl]: the safety box does not name kanker"]
    without_any_box = Article(
        broken.source,
        broken.locale,
        broken.html.replace('<div class="admonition danger safety-first">', "<div>"),
    )
    assert risk_block(without_any_box), "the safety page needs its box (or a risk block)"


def test_overdue_pages_tell_readers(tmp_path: Path) -> None:
    config = copy_fixture("content_site", tmp_path / "content_site")
    result = build_site(config, tmp_path / "site", env={**os.environ, "ATLAS_TODAY": "2027-12-01"})
    assert result.returncode == 0, result.log
    html = result.site.page("leucine/index.html")
    assert 'class="admonition warning atlas-review-overdue"' in html
    assert "Deze pagina had op 30 november 2027 opnieuw gecontroleerd moeten worden." in html
    assert "atlas-review-overdue" not in result.site.page("index.html")  # not an article: no dates


def test_fixture_not_overdue_has_no_notice(fixture) -> None:
    _config_file, result = fixture
    assert "atlas-review-overdue" not in result.site.page("leucine/index.html")


def test_missing_certainty_and_review_dates_fail_strict_with_file_and_line(tmp_path: Path) -> None:
    config = copy_fixture("content_site", tmp_path / "content_site")
    page = tmp_path / "content_site" / "docs" / "leucine.md"
    text = page.read_text(encoding="utf-8")
    text = text.replace("next_review: 2027-11-30", "next_review: 2028-06-01")
    text = text.replace("    Zekerheid van het bewijs: **laag**. Basis: één overzichtsartikel.\n\n", "")
    page.write_text(
        text.replace("<!-- Privé", "<!-- open Privé").replace("staan. -->", "staan."), encoding="utf-8"
    )
    result = build_site(config, tmp_path / "site", env=dict(os.environ))
    assert result.returncode != 0
    assert (
        "docs/leucine.md:5: next_review 2028-06-01 is more than a year after reviewed 2026-11-30; "
        "set next_review: 2027-11-30 or earlier"
    ) in result.log
    assert "docs/leucine.md:22: evidence note without a certainty line" in result.log
    assert "docs/leucine.md:15: HTML comment '<!--' is never closed" in result.log
    assert "Traceback" not in result.log


# --- the real site: pass once issue 13's content is merged ----------------------------------------


@pytest.mark.parametrize("check", CHECKS, ids=lambda check: check.__name__)
def test_real_articles(built_site: BuiltSite, check) -> None:
    assert problems_of(ROOT / "mkdocs.yml", built_site, check) == []


def test_real_markers_are_named(built_site: BuiltSite) -> None:
    labels = markers(ROOT / "mkdocs.yml")
    every = articles(ROOT / "mkdocs.yml", built_site)
    assert [p for article in every for p in named_markers(article, labels)] == []
    texts = "".join(article.content for article in every)
    assert all(
        f">{label}</a>" in texts for footnote, label in labels.items() if f'href="#fn:{footnote}"' in texts
    )


def test_real_site_has_no_html_comments_anywhere(built_site: BuiltSite) -> None:
    for page in built_site.html_files():
        comments = [
            c
            for c in re.findall(r"<!--(.*?)-->", page.read_text(encoding="utf-8"), re.S)
            if not c.startswith("!")
        ]
        assert comments == [], f"{page}: {comments[0][:60]}"
