"""LaTeX in `.bib` field values → pybtex rich text (later HTML-escaped by the backend).

BibTeX values carry LaTeX: accents (`{\\"u}`), `\\emph{}`, Greek letters, `--`. pybtex's own
`rich_fields` keeps unknown commands as literal text, so the few constructs references use are
handled here; accents go through latexcodec, and any other command keeps only its argument, so no
LaTeX source ever leaks into a page. Text is never emitted as markup: the HTML backend escapes it.
"""

# ruff: noqa: RUF001  (Greek letters and dashes are the point of this table)
from __future__ import annotations

import codecs
import re

import latexcodec  # noqa: F401  (registers the "ulatex" codec)
from pybtex.richtext import String, Tag, Text

EMPHASIS = {"emph": "em", "textit": "em", "it": "em", "textsl": "em", "textbf": "strong", "bf": "strong"}
GREEK = {
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε",
    "zeta": "ζ", "eta": "η", "theta": "θ", "iota": "ι", "kappa": "κ", "lambda": "λ", "mu": "μ",
    "nu": "ν", "xi": "ξ", "pi": "π", "rho": "ρ", "sigma": "σ", "tau": "τ", "upsilon": "υ",
    "phi": "φ", "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω", "Gamma": "Γ", "Delta": "Δ",
    "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π", "Sigma": "Σ", "Phi": "Φ", "Psi": "Ψ",
    "Omega": "Ω",
}
SYMBOLS = {
    "&": "&", "%": "%", "$": "$", "#": "#", "_": "_", "{": "{", "}": "}", " ": " ", ",": "\u2009",
    "textendash": "–", "textemdash": "—", "textregistered": "®", "texttrademark": "™",
    "pm": "±", "times": "×", "deg": "°", "textdegree": "°", "ldots": "…", "dots": "…",
    "leq": "≤", "geq": "≥", "le": "≤", "ge": "≥", "to": "→", "rightarrow": "→", "textmu": "μ",
}
ACCENT_COMMANDS = set("'`^\"~=.") | {"c", "v", "u", "H", "k", "r", "d", "b", "t", "o", "O", "l", "L",
                                     "ss", "ae", "AE", "oe", "OE", "aa", "AA", "i", "j"}
COMMAND = re.compile(r"\\([A-Za-z]+|.)", re.S)


PLAIN = re.compile(r"[^\\{}$~\-\s]*(?: [^\\{}$~\-\s]+)*")


def latex_to_text(value: str) -> Text:
    """Rich text for a LaTeX field value; never raises, whatever the input."""
    if PLAIN.fullmatch(value):  # most values hold no LaTeX at all: skip the parser
        return Text(value)
    parts, _ = _parse(value, 0, closing=None)
    return Text(*parts)


def latex_to_plain(value: str) -> str:
    """The same, as plain Unicode (for sorting and exports)."""
    return value if PLAIN.fullmatch(value) else str(latex_to_text(value))


def _parse(src: str, pos: int, closing: str | None) -> tuple[list, int]:
    """Parse until `closing` (a `}`) or the end; return rich parts and the position after it."""
    parts: list = []
    buf: list[str] = []

    def flush() -> None:
        if buf:
            parts.append(String("".join(buf)))
            buf.clear()

    while pos < len(src):
        char = src[pos]
        if closing and char == closing:
            flush()
            return parts, pos + 1
        if char == "{":
            inner, pos = _parse(src, pos + 1, "}")
            flush()
            parts.extend(inner)
        elif char == "}":
            pos += 1  # a stray closing brace: drop it
        elif char == "$":
            end = src.find("$", pos + 1)
            end = len(src) if end < 0 else end
            inner, _ = _parse(src[pos + 1:end], 0, None)
            flush()
            parts.extend(inner)
            pos = end + 1
        elif char == "\\":
            pos = _command(src, pos, parts, buf, flush)
        elif src.startswith("---", pos):
            buf.append("—")
            pos += 3
        elif src.startswith("--", pos):
            buf.append("–")
            pos += 2
        elif char == "~":
            buf.append("\u00a0")
            pos += 1
        elif char in " \t\r\n":
            if not buf or buf[-1] != " ":
                buf.append(" ")
            pos += 1
        else:
            buf.append(char)
            pos += 1
    flush()
    return parts, pos


def _group_or_char(src: str, pos: int) -> tuple[str, int]:
    """The raw argument of a command: a `{…}` group or one character, skipping spaces before it."""
    while pos < len(src) and src[pos] == " ":
        pos += 1
    if pos >= len(src):
        return "", pos
    if src[pos] != "{":
        return src[pos], pos + 1
    depth, start = 0, pos
    while pos < len(src):
        if src[pos] == "{":
            depth += 1
        elif src[pos] == "}":
            depth -= 1
            if depth == 0:
                return src[start + 1:pos], pos + 1
        pos += 1
    return src[start + 1:], pos


def _command(src: str, pos: int, parts: list, buf: list[str], flush) -> int:
    match = COMMAND.match(src, pos)
    if not match:  # a lone trailing backslash
        return pos + 1
    name, pos = match.group(1), match.end()
    if name in EMPHASIS:
        arg, pos = _group_or_char(src, pos)
        flush()
        inner, _ = _parse(arg, 0, None)
        parts.append(Tag(EMPHASIS[name], *inner))
    elif name in GREEK:
        buf.append(GREEK[name])
    elif name in SYMBOLS:
        buf.append(SYMBOLS[name])
    elif name in ACCENT_COMMANDS:
        takes_argument = not name.isalpha() or name in {"c", "v", "u", "H", "k", "r", "d", "b", "t"}
        arg, pos = _group_or_char(src, pos) if takes_argument else ("", pos)
        snippet = f"\\{name}{{{arg}}}" if takes_argument else f"{{\\{name}}}"
        decoded = codecs.decode(snippet, "ulatex").replace("{", "").replace("}", "")
        buf.append(decoded if "\\" not in decoded else arg)
    else:  # any other command: keep its argument's text, drop the command itself
        if pos < len(src) and src[pos] == "{":
            arg, pos = _group_or_char(src, pos)
            flush()
            inner, _ = _parse(arg, 0, None)
            parts.extend(inner)
    return pos
