"""`make audit`: known vulnerabilities of every locked package, with pip-audit, and a plain answer.

pip-audit reads the hash-locked files without installing anything (--disable-pip). Its own output hides
the case that matters offline: when the advisory service cannot be reached, or answers "not found" for
every package (a mirror without PyPI's per-version JSON), it still says "No known vulnerabilities found".
This script tells the three outcomes apart: vulnerable (exit 1), checked and clean (exit 0), and not
checked at all (exit 2, with a line saying the advisory database could not be reached).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from dataclasses import dataclass

EXIT_CLEAN, EXIT_VULNERABLE, EXIT_UNCHECKED = 0, 1, 2
_NETWORK_SIGNS = (
    "ConnectionError",
    "NameResolutionError",
    "Max retries exceeded",
    "Failed to resolve",
    "Temporary failure in name resolution",
    "Network is unreachable",
    "timed out",
)


@dataclass(frozen=True)
class AuditOutcome:
    """What the audit found, as the lines to print and the exit status."""

    status: int
    lines: tuple[str, ...]


def summarize(report_text: str, returncode: int, stderr: str, service: str) -> AuditOutcome:
    """Turns pip-audit's JSON report (and its stderr) into one of the three outcomes."""
    unreachable = f"make audit: cannot reach the advisory database ({service}); nothing was checked."
    hint = "Run it where the network allows, or read the dependency-audit workflow's result on GitHub."
    try:
        report = json.loads(report_text) if report_text.strip() else None
    except json.JSONDecodeError:
        report = None
    if report is None:
        reason = _network_reason(stderr) or (stderr.strip().splitlines() or ["no report"])[-1]
        return AuditOutcome(EXIT_UNCHECKED, (unreachable, f"  pip-audit said: {reason}", hint))
    dependencies = report.get("dependencies", [])
    skipped = [dep for dep in dependencies if dep.get("skip_reason")]
    vulnerable = [dep for dep in dependencies if dep.get("vulns")]
    lines = [
        f"{dep['name']} {dep.get('version', '?')}: {vuln['id']}"
        + (f" ({', '.join(vuln.get('aliases', []))})" if vuln.get("aliases") else "")
        + (f", fixed in {', '.join(vuln['fix_versions'])}" if vuln.get("fix_versions") else ", no fix yet")
        for dep in vulnerable
        for vuln in dep["vulns"]
    ]
    if vulnerable:
        return AuditOutcome(EXIT_VULNERABLE, (f"make audit: {len(lines)} known vulnerabilities:", *lines))
    if dependencies and len(skipped) == len(dependencies):
        return AuditOutcome(
            EXIT_UNCHECKED,
            (
                unreachable,
                f"  the service answered for none of the {len(dependencies)} packages "
                f"(first: {skipped[0]['skip_reason']})",
                hint,
            ),
        )
    checked = len(dependencies) - len(skipped)
    tail = (
        f"; {len(skipped)} could not be checked: " + ", ".join(d["name"] for d in skipped) if skipped else ""
    )
    status = EXIT_UNCHECKED if skipped else EXIT_CLEAN
    return AuditOutcome(
        status,
        (f"make audit: {checked} packages checked against {service}, no known vulnerabilities{tail}.",),
    )


def _network_reason(stderr: str) -> str | None:
    """The last stderr line that shows a network failure, if any."""
    hits = [line.strip() for line in stderr.splitlines() if any(sign in line for sign in _NETWORK_SIGNS)]
    return hits[-1][:300] if hits else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("requirements", nargs="+", help="hash-locked requirement files")
    parser.add_argument("--service", default="pypi", choices=("pypi", "osv"), help="advisory database")
    args = parser.parse_args(argv)
    command = [
        sys.executable,
        "-m",
        "pip_audit",
        "--disable-pip",
        "--require-hashes",
        "--format",
        "json",
        "--progress-spinner",
        "off",
        "--vulnerability-service",
        args.service,
    ]
    for path in args.requirements:
        command += ["-r", path]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    outcome = summarize(done.stdout, done.returncode, done.stderr, args.service)
    for line in outcome.lines:
        print(line, file=sys.stderr if outcome.status else sys.stdout)
    return outcome.status


if __name__ == "__main__":
    sys.exit(main())
