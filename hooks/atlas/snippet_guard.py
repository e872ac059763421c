"""Python-Markdown extension: a snippet that is not a file under the snippet folder is a problem with its
line, not a traceback (security review M3).

mkdocs.yml restricts pymdownx.snippets to `includes/` (`restrict_base_path`) and turns on `check_paths`,
so `--8<-- ".git/config"` can no longer paste the repository's git config into a page. With
`check_paths`, though, snippets raises an exception, which MkDocs prints as a Python traceback. This
preprocessor runs just before snippets, asks snippets itself (its own parser and path rules) whether each
inline snippet resolves, and for one that does not, records a problem and blanks the line, so the build
goes on and reports every such line at once (a warning: `--strict` fails).

    guard = SnippetGuardExtension()
    markdown.markdown(text, extensions=[snippets_with_config, guard])
    guard.problems  # [(the snippet line, message), ...] of the last conversion
"""

from __future__ import annotations

from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

SNIPPETS_NAME = "snippet"
_BEFORE_SNIPPETS = 33  # pymdownx.snippets registers at 32


class SnippetGuard(Preprocessor):
    """Blanks each inline snippet line whose file snippets would refuse or not find; records why."""

    def __init__(self, md: Markdown, extension: SnippetGuardExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        problems: list[tuple[str, str]] = []
        self.extension.problems = problems
        if SNIPPETS_NAME not in self.md.preprocessors:
            return lines
        snippets: Any = self.md.preprocessors[SNIPPETS_NAME]  # pymdownx.snippets' SnippetPreprocessor
        kept = []
        for line in lines:
            found = snippets.RE_ALL_SNIPPETS.match(line) if "8<-" in line else None
            if found and found.group("snippet") and not found.group("escape"):
                path = found.group("snippet")[1:-1].strip()
                target = snippets.parse_snippet_target(path) if not path.startswith(";") else None
                remote = path.lower().startswith(("https://", "http://"))
                if target is not None and not remote and snippets.get_snippet_path(target["path"]) is None:
                    problems.append(
                        (
                            line.strip(),
                            f"the snippet '{target['path']}' is not a file in the snippet "
                            "folder (includes/); snippets come only from there",
                        )
                    )
                    kept.append("")
                    continue
            kept.append(line)
        return kept


class SnippetGuardExtension(Extension):
    """Registers the guard just before pymdownx.snippets; `problems` holds those of the last conversion."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.problems: list[tuple[str, str]] = []

    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.register(SnippetGuard(md, self), "atlas_snippet_guard", _BEFORE_SNIPPETS)


def makeExtension(**kwargs: object) -> SnippetGuardExtension:
    return SnippetGuardExtension(**kwargs)
