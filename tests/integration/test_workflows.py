"""GitHub configuration: workflows, issue forms and pre-commit parse and do what CONTRIBUTING.md says."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = ROOT / ".github" / "workflows"
ISSUE_FORMS = ROOT / ".github" / "ISSUE_TEMPLATE"


def load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def triggers(workflow: dict[str, Any]) -> dict[str, Any]:
    """PyYAML reads the bare key `on` as the boolean True."""
    value = workflow.get("on", workflow.get(True))
    return value if isinstance(value, dict) else {name: None for name in value}


def steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def index_of(all_steps: list[dict[str, Any]], wanted: str) -> int:
    for position, step in enumerate(all_steps):
        if wanted in str(step.get("run", "")) or wanted in str(step.get("uses", "")):
            return position
    raise AssertionError(f"no step runs or uses {wanted!r}")


@pytest.mark.parametrize(
    "path",
    sorted([*WORKFLOWS.glob("*.yml"), *ISSUE_FORMS.glob("*.yml"), ROOT / ".pre-commit-config.yaml"]),
    ids=lambda p: p.name,
)
def test_yaml_parses(path: Path) -> None:
    assert isinstance(load(path), dict)


# The newest major of each action the workflows use (each on the Node 24 runtime; actionlint in
# `make lint` flags majors that run on the deprecated Node 20). A new action is added here on purpose.
CURRENT_MAJORS = {
    "actions/checkout": 6,
    "actions/cache": 5,
    "actions/upload-pages-artifact": 5,
    "actions/deploy-pages": 5,
}
# The system .ci/run is tested on: Debian 12 (bookworm) with Python 3.11, pinned by digest.
DEBIAN_IMAGES = ("python:3.11-bookworm", "python:3.11.", "debian:bookworm")
PINNED_IMAGE = re.compile(r"^[a-z0-9./-]+(:[\w.-]+)?@sha256:[0-9a-f]{64}$")


def workflows() -> dict[str, dict[str, Any]]:
    return {path.name: load(path) for path in sorted(WORKFLOWS.glob("*.yml"))}


def image(job: dict[str, Any]) -> str:
    container = job.get("container")
    return str(container.get("image") if isinstance(container, dict) else container or "")


def test_ci_lints_then_tests_in_debian_on_pull_requests_with_a_pip_cache() -> None:
    ci = load(WORKFLOWS / "ci.yml")
    assert "pull_request" in triggers(ci)
    test = ci["jobs"]["test"]
    assert image(test).startswith(DEBIAN_IMAGES), "the tests run in the Debian image .ci/run is tested on"
    all_steps = test["steps"]
    assert index_of(all_steps, "make lint") < index_of(all_steps, ".ci/run test")
    cache = all_steps[index_of(all_steps, "actions/cache")]
    assert cache["with"]["path"] == "~/.cache/pip" and "'requirements.txt'" in cache["with"]["key"]
    assert index_of(all_steps, "actions/cache") < index_of(all_steps, "make lint")


def test_ci_builds_with_properdocs_and_compares() -> None:
    job = load(WORKFLOWS / "ci.yml")["jobs"]["properdocs"]
    assert image(job).startswith(DEBIAN_IMAGES)
    all_steps = job["steps"]
    assert all_steps[index_of(all_steps, "actions/checkout")]["with"]["fetch-depth"] == 0
    assert index_of(all_steps, ".ci/run properdocs") > index_of(all_steps, "actions/checkout")
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile[makefile.index("\nproperdocs:"):].split("\n\n")[0]
    assert "properdocs build --strict" in recipe and "mkdocs build --strict" in recipe
    # review M6: `-q` drops warnings before --strict counts them, so the job passed sites `make site` fails
    assert " -q" not in recipe and "--quiet" not in recipe
    assert "scripts/compare_sites.py" in recipe


def test_pages_builds_with_pdfs_and_full_history_in_debian_then_deploys() -> None:
    pages = load(WORKFLOWS / "pages.yml")
    assert image(pages["jobs"]["build"]).startswith(DEBIAN_IMAGES)
    all_steps = steps(pages)
    checkout = all_steps[index_of(all_steps, "actions/checkout")]
    assert checkout["with"]["fetch-depth"] == 0, "last-updated dates need the full git history"
    assert index_of(all_steps, ".ci/run site") < index_of(all_steps, "actions/upload-pages-artifact")
    assert index_of(all_steps, "actions/deploy-pages") > index_of(all_steps, "actions/upload-pages-artifact")
    assert "requirements.txt'" not in str(pages), "the Pages build installs the site lock only"


def test_every_action_is_pinned_by_commit_sha_at_its_current_major() -> None:
    """zizmor (below) refuses a tag; this adds that the comment names the version of the current major."""
    used = [(path.name, line.strip()) for path in sorted(WORKFLOWS.glob("*.yml"))
            for line in path.read_text(encoding="utf-8").splitlines() if re.match(r"\s*(- )?uses:", line)]
    assert used
    for name, line in used:
        match = re.fullmatch(r"(?:- )?uses: ([\w./-]+)@([0-9a-f]{40})  # v(\d+)\.\d+\.\d+", line)
        assert match, f"{name}: {line!r} is not `uses: action@<40-hex SHA>  # vX.Y.Z`"
        action, _sha, major = match.groups()
        assert action in CURRENT_MAJORS, f"{name}: {action} is not in CURRENT_MAJORS; check its current major"
        assert int(major) == CURRENT_MAJORS[action], f"{name}: {line}, current major {CURRENT_MAJORS[action]}"


def run_zizmor(*paths: Path) -> subprocess.CompletedProcess[str]:
    zizmor = Path(sys.executable).parent / "zizmor"
    options = ["--offline", "--no-progress", "--persona=pedantic", "--format", "plain"]
    return subprocess.run([str(zizmor), *options, *map(str, paths)],
                          capture_output=True, text=True, check=False)


def test_zizmor_finds_nothing_in_the_workflows_and_dependabot_config() -> None:
    done = run_zizmor(ROOT / ".github")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "No findings" in done.stdout + done.stderr


# The Pages workflow as the security review (M2, L1) found it: workflow-wide pages/id-token, a checkout that
# keeps its token, an action pinned by tag, a container image pinned by tag.
REVIEWED_PAGES = """\
name: Deploy site
on:
  push:
    branches: [main]
permissions:
  contents: read
  pages: write
  id-token: write
jobs:
  build:
    runs-on: ubuntu-latest
    container:
      image: python:3.11-bookworm
    steps:
      - uses: actions/checkout@v6
      - run: make site
  deploy:
    needs: build
    runs-on: ubuntu-latest
    steps:
      - uses: actions/deploy-pages@v5
"""


def test_zizmor_in_make_lint_catches_each_finding_of_the_review(tmp_path: Path) -> None:
    workflow = tmp_path / ".github" / "workflows" / "pages.yml"
    workflow.parent.mkdir(parents=True)
    workflow.write_text(REVIEWED_PAGES, encoding="utf-8")
    done = run_zizmor(workflow)
    assert done.returncode != 0
    for audit in ("excessive-permissions", "artipacked", "unpinned-uses", "unpinned-images"):
        assert audit in done.stdout, f"zizmor did not report {audit}: {done.stdout}"
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    zizmor_line = makefile.split("\nlint:")[0].split("ZIZMOR =")[1].splitlines()[0]
    assert "zizmor" in zizmor_line and "--persona=pedantic" in zizmor_line


def test_only_the_deploy_job_may_publish_and_every_job_has_a_timeout() -> None:
    for name, workflow in workflows().items():
        assert workflow.get("permissions") == {}, f"{name}: permissions belong to each job"
        for job_name, job in workflow["jobs"].items():
            assert isinstance(job.get("timeout-minutes"), int), f"{name}: {job_name} has no timeout-minutes"
            granted = job["permissions"]
            publishing = {key for key, value in granted.items() if key in {"pages", "id-token"} and value}
            expected = {"pages", "id-token"} if (name, job_name) == ("pages.yml", "deploy") else set()
            assert publishing == expected, f"{name}: {job_name} holds {publishing or 'no'} publishing rights"


def test_every_checkout_leaves_no_token_behind() -> None:
    checkouts = [step for workflow in workflows().values() for step in steps(workflow)
                 if str(step.get("uses", "")).startswith("actions/checkout@")]
    assert len(checkouts) >= 3
    assert all(step["with"]["persist-credentials"] is False for step in checkouts)


def test_dependency_audit_runs_on_pull_requests_and_on_a_schedule_and_dependabot_covers_all() -> None:
    audit = load(WORKFLOWS / "audit.yml")
    assert {"pull_request", "schedule"} <= set(triggers(audit))
    assert any("make audit" in str(step.get("run", "")) for step in steps(audit))
    dependabot = load(ROOT / ".github" / "dependabot.yml")
    ecosystems = {update["package-ecosystem"] for update in dependabot["updates"]}
    assert ecosystems == {"pip", "npm", "github-actions"}


def test_ci_fails_on_a_committed_file_under_an_ignored_path() -> None:
    assert any("git ls-files -ci --exclude-standard" in str(step.get("run", ""))
               for step in load(WORKFLOWS / "ci.yml")["jobs"]["test"]["steps"])


def test_ci_run_works_as_root_without_sudo_and_trusts_the_checkout_for_git_dates() -> None:
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in script and "make properdocs" in script and "make site" in script
    assert '[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)' in script
    assert 'git config --global --add safe.directory "$PWD"' in script
    done = subprocess.run(["bash", str(ROOT / ".ci" / "run"), "nonsense"], capture_output=True, text=True,
                          check=False)
    assert done.returncode == 2 and "usage: bash .ci/run" in done.stderr


@pytest.mark.parametrize("name", ["content-error", "translation-problem", "new-topic"])
def test_issue_form_is_valid(name: str) -> None:
    form = load(ISSUE_FORMS / f"{name}.yml")
    assert form["name"] and form["description"]
    fields = [item for item in form["body"] if item["type"] != "markdown"]
    assert fields, "an issue form needs at least one field"
    ids = [item["id"] for item in fields]
    assert len(ids) == len(set(ids)), "field ids must be unique"
    for item in form["body"]:
        assert item["type"] in {"markdown", "input", "textarea", "dropdown", "checkboxes"}
        assert item["attributes"].get("label") or item["type"] == "markdown"


def test_issue_chooser_config() -> None:
    config = load(ISSUE_FORMS / "config.yml")
    assert isinstance(config["blank_issues_enabled"], bool)
    assert all(link["url"].startswith("https://") for link in config.get("contact_links", []))


def test_pull_request_template_has_a_checklist() -> None:
    template = (ROOT / ".github" / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    assert template.count("- [ ]") >= 4
    assert "make lint" in template and "make test" in template


def test_pre_commit_runs_the_tools_make_lint_runs() -> None:
    hooks = [hook for repo in load(ROOT / ".pre-commit-config.yaml")["repos"] for hook in repo["hooks"]]
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for tool in ("actionlint", "ruff check", "scripts/lint_bib.py", "yamllint", "pymarkdown"):
        assert any(tool in hook["entry"] for hook in hooks), f"pre-commit does not run {tool}"
        assert tool in makefile, f"make lint does not run {tool}"
    assert all(hook["language"] == "system" for hook in hooks), "versions must come from requirements.txt"


def test_live_preview_watches_bibliography_hooks_templates_and_includes() -> None:
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda *_: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    assert {"references.bib", "hooks", "overrides", "includes"} <= set(config["watch"])


def test_every_container_image_is_pinned_by_digest_and_the_same_everywhere() -> None:
    """A tag can be moved under us; a digest cannot. One image for every job: the one .ci/run is tested on."""
    images = {
        f"{name}:{job_name}": image(job)
        for name, flow in workflows().items()
        for job_name, job in flow["jobs"].items()
        if job.get("container")
    }
    assert images, "the jobs run in a container"
    unpinned = {where: name for where, name in images.items() if not PINNED_IMAGE.match(name)}
    assert not unpinned, f"container images not pinned by digest: {unpinned}"
    assert len(set(images.values())) == 1, images
    assert all(name.startswith("python:3.11.") and "-bookworm@" in name for name in images.values())
