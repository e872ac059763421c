"""Independent checks of a finished PDF: the PDF/UA-1 and PDF/A-2a rule checker, cross-checked with qpdf.

Typst already refuses a document that breaks the standards it can see; this is the second opinion the
build and the tests share. `page` (the page-validation package, veraPDF's rules reimplemented in Rust)
runs every machine-checkable rule of both profiles. A checker is software too: where one of its rules
is known to misread a valid file, the object it names is read again with qpdf (through pikepdf), and
only when qpdf confirms the checker's complaint does it count. Each known fault has a minimal
reproducer in the tests (`tests/unit/test_handouts_pdf_check.py`), which fails once the checker is
fixed upstream, so the exception is dropped again.

Every problem names the PDF's label (the article or booklet) and the object, so a contributor can find it.
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import page as rule_checker
import pikepdf

log = logging.getLogger("mkdocs.hooks.handouts.pdf_check")

PROFILES: tuple[str, ...] = ("ua1", "2a")  # PDF/UA-1 and PDF/A-2a, the standards every handout declares


@dataclass(frozen=True)
class Finding:
    """One rule the checker reports broken, with what qpdf says about the same object."""

    profile: str
    rule_id: str
    message: str
    object_number: int | None
    known_fault: str = ""  # why this is a checker fault (qpdf reads the object as valid), or ""

    def describe(self, label: str) -> str:
        where = f" (object {self.object_number})" if self.object_number is not None else ""
        return f"{label}: PDF {self.profile} rule {self.rule_id}{where}: {self.message}"


_STREAM = re.compile(rb"\bstream(\r\n|\n)")


_OBJECT_HEADER = re.compile(rb"(?<![0-9])(\d+) 0 obj\b")


def _stream_ends_right(pdf_bytes: bytes, stream: pikepdf.Stream, header: int | None) -> bool:
    """Whether qpdf reads exactly /Length bytes of the stream (its object header at `header`) and
    `endstream` follows after one EOL."""
    raw = stream.read_raw_bytes()
    declared = int(stream.get("/Length", -1))
    opened = _STREAM.search(pdf_bytes, header) if header is not None else None
    if declared != len(raw) or opened is None:
        return False
    after = pdf_bytes[opened.end() + declared:opened.end() + declared + 12]
    return bool(re.match(rb"(\r\n|\n|\r)?endstream", after))


def _stream_length_is_right(pdf_bytes: bytes, document: pikepdf.Pdf, object_number: int | None) -> str:
    """The checker's STREAM-LENGTH fault: a stream whose data ends in a carriage return (0x0D).

    ISO 32000 puts an end-of-line marker between the data and `endstream`; when the data's last byte
    is 0x0D and the marker is 0x0A, the checker takes the two as one CR LF marker and counts the data
    one byte short. qpdf reads exactly /Length bytes; if they end in 0x0D and `endstream` follows
    after one EOL, the /Length is right and the complaint is the checker's. The checker sometimes
    names no object (several such streams in one file): then every stream of the file must be right,
    and at least one must end in 0x0D.
    """
    headers = {int(m.group(1)): m.end() for m in _OBJECT_HEADER.finditer(pdf_bytes)}
    if object_number is not None:
        named = document.get_object((object_number, 0))
        streams = [(named, object_number)] if isinstance(named, pikepdf.Stream) else []
    else:
        streams = [(obj, obj.objgen[0]) for obj in document.objects
                   if isinstance(obj, pikepdf.Stream) and obj.objgen[1] == 0]
    verdict = any(stream.read_raw_bytes().endswith(b"\r") for stream, _ in streams) and all(
        _stream_ends_right(pdf_bytes, stream, headers.get(number)) for stream, number in streams)
    if not verdict:
        return ""
    return "the stream's data ends in 0x0D; qpdf reads exactly /Length bytes (known checker fault)"


KnownFault = Callable[[bytes, pikepdf.Pdf, int | None], str]

# rule id -> a re-check with qpdf that returns why the complaint is wrong, or "" when it stands.
KNOWN_FAULTS: dict[str, KnownFault] = {
    "PDFA2A-STREAM-LENGTH-001": _stream_length_is_right,
}


def findings(pdf_bytes: bytes, profiles: Sequence[str] = PROFILES) -> list[Finding]:
    """Every rule the checker reports broken, each marked when qpdf shows it is a checker fault."""
    found: list[Finding] = []
    with pikepdf.open(io.BytesIO(pdf_bytes)) as document:
        for profile in profiles:
            report = rule_checker.validate_pdf_bytes(pdf_bytes, profile=profile)
            for failure in report.failures:
                number = failure.object_id.object_number if failure.object_id is not None else None
                recheck = KNOWN_FAULTS.get(failure.rule_id)
                why = recheck(pdf_bytes, document, number) if recheck else ""
                found.append(Finding(profile, failure.rule_id, failure.message, number, why))
    return found


def check_pdf(pdf_bytes: bytes, label: str, profiles: Sequence[str] = PROFILES) -> list[str]:
    """Problems of one PDF, one line each naming `label`; known checker faults are logged at debug level."""
    try:
        results = findings(pdf_bytes, profiles)
    except (pikepdf.PdfError, OSError) as error:
        return [f"{label}: qpdf cannot read the PDF: {error}"]
    except (rule_checker.ParseError, rule_checker.PageError) as error:
        return [f"{label}: the PDF/UA and PDF/A checker cannot read the PDF: {error}"]
    for finding in results:
        if finding.known_fault:
            log.debug(f"{finding.describe(label)}: ignored, {finding.known_fault}")
    return [finding.describe(label) for finding in results if not finding.known_fault]
