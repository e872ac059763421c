"""`make audit` tells "clean" from "not checked" (security review I2): pip-audit alone says "No known
vulnerabilities found" when the advisory service answered for no package at all."""

import json

from scripts.audit_dependencies import EXIT_CLEAN, EXIT_UNCHECKED, EXIT_VULNERABLE, summarize


def _report(*dependencies):
    return json.dumps({"dependencies": list(dependencies), "fixes": []})


def test_a_service_that_answers_for_no_package_is_reported_as_not_reached():
    report = _report(
        {"name": "babel", "skip_reason": "Dependency not found on PyPI and could not be audited"},
        {"name": "jinja2", "skip_reason": "Dependency not found on PyPI and could not be audited"},
    )
    outcome = summarize(report, 0, "", "pypi")
    assert outcome.status == EXIT_UNCHECKED
    assert outcome.lines[0] == "make audit: cannot reach the advisory database (pypi); nothing was checked."


def test_a_network_failure_without_a_report_names_the_reason():
    stderr = "Traceback ...\nrequests.exceptions.ConnectionError: Failed to resolve 'api.osv.dev'\n"
    outcome = summarize("", 1, stderr, "osv")
    assert outcome.status == EXIT_UNCHECKED
    assert "cannot reach the advisory database (osv)" in outcome.lines[0]
    assert "Failed to resolve 'api.osv.dev'" in outcome.lines[1]


def test_a_known_vulnerability_fails_with_its_id_and_fixed_version():
    report = _report(
        {
            "name": "mkdocs-material",
            "version": "9.7.6",
            "vulns": [
                {"id": "GHSA-xvg9-69gf-fjrf", "aliases": ["CVE-2026-73295"], "fix_versions": ["9.7.7"]}
            ],
        },
        {"name": "babel", "version": "2.18.0", "vulns": []},
    )
    outcome = summarize(report, 1, "", "pypi")
    assert outcome.status == EXIT_VULNERABLE
    assert "mkdocs-material 9.7.6: GHSA-xvg9-69gf-fjrf (CVE-2026-73295), fixed in 9.7.7" in outcome.lines


def test_every_package_checked_and_clean_passes():
    outcome = summarize(_report({"name": "babel", "version": "2.18.0", "vulns": []}), 0, "", "pypi")
    assert outcome.status == EXIT_CLEAN
    assert outcome.lines == ("make audit: 1 packages checked against pypi, no known vulnerabilities.",)


def test_some_packages_unchecked_is_not_clean():
    report = _report(
        {"name": "babel", "version": "2.18.0", "vulns": []},
        {"name": "local-pkg", "skip_reason": "not on PyPI"},
    )
    outcome = summarize(report, 0, "", "pypi")
    assert outcome.status == EXIT_UNCHECKED and "local-pkg" in outcome.lines[0]
