"""Risk groups written once: who should be careful, per topic, in every language (pure core).

The "Wie moet oppassen?" / "Who should be careful?" boxes used to be copied by hand into every article,
and the copies drifted apart: a risk group added to one page was missing on the next. Now the groups are
data (`includes/risk-groups.yml`, path in `extra.atlas.risks.file`): each group has its text per locale,
with its citations (`[@key]`) or the precaution marker (`[^voorzorg]`), and the topics it concerns. A page
names its topics in front matter (`risks: [fasting]`) and `atlas.risks_extension` renders the box.

This module reads and checks the data file (every problem with its file:line, never a traceback), builds
the box as Markdown source lines, and finds the words that show a page discusses a topic (`mentions`),
so a test can fail on a page that talks about fasting or doses without declaring the topic.
"""

from __future__ import annotations

import importlib
import posixpath
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import yaml

from atlas.citations.syntax import (
    cited_keys,  # the citation engine's own scanner, as on the pages
    scan,
)
from atlas.content_policy import Policy
from atlas.data_policy import inert_markdown, markdown_text_problems
from atlas.problems import FileProblem
from atlas.safe_yaml import LOADER

TOP_KEYS = {"title", "topics", "groups", "mentions", "footnotes"}
TOPIC_KEYS = {"intro", "more", "full_list_on"}
MORE_KEYS = {"page"}        # plus one text per locale
GROUP_KEYS = {"id", "topics"}  # plus one text per locale
MENTION_KEYS = {"topics"}   # plus patterns per locale
FOOTNOTE_REF = re.compile(r"\[\^([^\]\s]+)\](?!:)")
PAGE_SLOT = "{page}"


Problem = FileProblem  # one thing wrong in the data file or a page


@dataclass(frozen=True)
class MoreLink:
    page: str                     # docs-relative target page, e.g. glutamine/safety.md
    text: Mapping[str, str]       # per locale; `{page}` becomes the link target relative to the citing page


@dataclass(frozen=True)
class Topic:
    name: str
    intro: Mapping[str, str]      # per locale: the lead-in above the topic's groups
    more: MoreLink | None = None  # one "read more" link, left out on the page it points to
    full_list_on: str = ""        # the page whose own section lists these groups in full (needs no box)


@dataclass(frozen=True)
class Group:
    id: str
    topics: tuple[str, ...]
    text: Mapping[str, str]       # per locale, one list item of Markdown
    lines: Mapping[str, int] = field(default_factory=dict)   # per locale, where its text starts


@dataclass(frozen=True)
class Mention:
    """Words that show a page discusses one of `topics` (any of them satisfies it)."""

    topics: tuple[str, ...]
    patterns: Mapping[str, tuple[re.Pattern[str], ...]]   # per locale


@dataclass(frozen=True)
class RiskData:
    title: Mapping[str, str] = field(default_factory=dict)
    topics: Mapping[str, Topic] = field(default_factory=dict)
    groups: tuple[Group, ...] = ()
    mentions: tuple[Mention, ...] = ()
    footnotes: Mapping[str, Mapping[str, str]] = field(default_factory=dict)  # locale -> id -> text


# --- reading YAML with line numbers ---------------------------------------------------------------


class _Lined:
    """A YAML value with the (1-based) line it starts on."""

    def __init__(self, value: object, line: int) -> None:
        self.value = value
        self.line = line
        self.key_line = line   # for a mapping value: the line of its key


def _from_node(node: yaml.Node, path: str, problems: list[Problem]) -> _Lined:
    line = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        mapping: dict[str, _Lined] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in mapping:
                problems.append(Problem(path, key_node.start_mark.line + 1, f"key '{key}' is written twice; "
                                        "keep one"))
            mapping[key] = _from_node(value_node, path, problems)
            mapping[key].key_line = key_node.start_mark.line + 1
        return _Lined(mapping, line)
    if isinstance(node, yaml.SequenceNode):
        return _Lined([_from_node(item, path, problems) for item in node.value], line)
    return _Lined(node.value if node.tag != "tag:yaml.org,2002:null" else None, line)


def _compose(text: str, path: str, problems: list[Problem]) -> _Lined | None:
    try:
        node = yaml.compose(text, Loader=LOADER)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line = mark.line + 1 if mark else 1
        reason = getattr(error, "problem", None) or str(error).splitlines()[0]
        problems.append(Problem(path, line, f"not valid YAML ({reason}); fix the indentation or quoting "
                                "there"))
        return None
    if node is None:
        problems.append(Problem(path, 1, "the risk-group file is empty; it needs title, topics and groups"))
        return None
    return _from_node(node, path, problems)


# --- checking -------------------------------------------------------------------------------------


class _Reader:
    """Turns the lined YAML tree into RiskData, collecting every problem instead of stopping at one."""

    def __init__(self, path: str, locales: Sequence[str], policy: Policy | None = None) -> None:
        self.path = path
        self.locales = list(locales)
        self.policy = policy or Policy()
        self.problems: list[Problem] = []
        self.refused: set[str] = set()   # `where` of the reader-facing texts the content policy refused

    def problem(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.path, line, message))

    def mapping(self, item: _Lined, where: str) -> dict[str, _Lined] | None:
        if isinstance(item.value, dict):
            return item.value
        self.problem(item.line, f"{where}: expected keys and values here")
        return None

    def unknown_keys(self, mapping: Mapping[str, _Lined], allowed: Iterable[str], where: str) -> None:
        allowed = set(allowed)
        for key, value in mapping.items():
            if key not in allowed:
                self.problem(value.key_line, f"{where}: unknown key '{key}' "
                             f"(allowed: {', '.join(sorted(allowed))}); fix its name or remove it")

    def text(self, item: _Lined | None, where: str, line: int) -> str:
        if item is None or not isinstance(item.value, str) or not item.value.strip():
            self.problem(item.line if item else line, f"{where}: expected a text")
            return ""
        return " ".join(item.value.split())

    def per_locale(self, mapping: Mapping[str, _Lined], where: str, line: int) -> dict[str, str]:
        texts = {}
        for locale in self.locales:
            if locale not in mapping:
                self.problem(line, f"{where}: no text for locale '{locale}'; add `{locale}: …`")
                continue
            texts[locale] = self.shown(self.text(mapping[locale], f"{where}.{locale}", line),
                                       f"{where}.{locale}", mapping[locale].line)
        return texts

    def shown(self, text: str, where: str, line: int) -> str:
        """A text readers see on a page, under the content policy (atlas.data_policy): each problem at
        the text's line, and a refused text kept only as inert Markdown (shown as written, never run)."""
        problems = markdown_text_problems(text, self.policy) if text else []
        for problem in problems:
            self.problem(line, f"{where}: {problem}")
        if problems:
            self.refused.add(where)
            return inert_markdown(text)
        return text

    def names(self, item: _Lined | None, where: str, line: int) -> tuple[str, ...]:
        if item is None or not isinstance(item.value, list) or not item.value \
                or not all(isinstance(v.value, str) for v in item.value):
            self.problem(item.line if item else line, f"{where}: expected a list of topic names, "
                         "e.g. [fasting]")
            return ()
        return tuple(v.value for v in item.value)

    def read(self, root: _Lined) -> RiskData:
        top = self.mapping(root, "risk-group file")
        if top is None:
            return RiskData()
        self.unknown_keys(top, TOP_KEYS, "risk-group file")
        for required in ("title", "topics", "groups"):
            if required not in top:
                self.problem(root.line, f"risk-group file: '{required}:' is missing")
        title = self.per_locale(self.mapping(top["title"], "title") or {}, "title", top["title"].line) \
            if "title" in top else {}
        footnotes = self.footnotes(top.get("footnotes"))
        topics = self.topics(top.get("topics"))
        groups = self.groups(top.get("groups"), topics, footnotes)
        mentions = self.mentions(top.get("mentions"), topics)
        for name in topics:
            if not any(name in group.topics for group in groups):
                declared, line = top["topics"].value, top["topics"].line
                if isinstance(declared, dict) and name in declared:
                    line = declared[name].line
                self.problem(line, f"topic '{name}': no group concerns it; "
                             "list it under a group's topics or remove it")
        return RiskData(title, topics, tuple(groups), tuple(mentions), footnotes)

    def footnotes(self, item: _Lined | None) -> dict[str, dict[str, str]]:
        if item is None:
            return {}
        mapping = self.mapping(item, "footnotes") or {}
        result: dict[str, dict[str, str]] = {}
        for locale, per_id in mapping.items():
            if locale not in self.locales:
                self.problem(per_id.line, f"footnotes: unknown locale '{locale}' "
                             f"(site languages: {', '.join(self.locales)})")
                continue
            ids = self.mapping(per_id, f"footnotes.{locale}") or {}
            result[locale] = {ident: self.shown(self.text(value, f"footnotes.{locale}.{ident}", value.line),
                                                f"footnotes.{locale}.{ident}", value.line)
                              for ident, value in ids.items()}
        return result

    def topics(self, item: _Lined | None) -> dict[str, Topic]:
        if item is None:
            return {}
        topics = {}
        for name, value in (self.mapping(item, "topics") or {}).items():
            where = f"topic '{name}'"
            entry = self.mapping(value, where)
            if entry is None:
                continue
            self.unknown_keys(entry, TOPIC_KEYS, where)
            intro_item = entry.get("intro")
            intro = self.per_locale(self.mapping(intro_item, f"{where}.intro") or {}, f"{where}.intro",
                                    intro_item.line) if intro_item else {}
            if intro_item is None:
                self.problem(value.line, f"{where}: 'intro:' is missing (one lead-in per locale)")
            more = self.more(entry.get("more"), where)
            full = entry.get("full_list_on")
            topics[name] = Topic(name, intro, more, self.text(full, f"{where}.full_list_on", value.line)
                                 if full else "")
        return topics

    def more(self, item: _Lined | None, where: str) -> MoreLink | None:
        if item is None:
            return None
        entry = self.mapping(item, f"{where}.more") or {}
        self.unknown_keys(entry, MORE_KEYS | set(self.locales), f"{where}.more")
        page = self.text(entry.get("page"), f"{where}.more.page", item.line)
        texts = self.per_locale({k: v for k, v in entry.items() if k != "page"}, f"{where}.more", item.line)
        for locale, text in texts.items():
            if text and PAGE_SLOT not in text and f"{where}.more.{locale}" not in self.refused:
                self.problem(entry[locale].line, f"{where}.more.{locale}: write the link as "
                             f"[words]({PAGE_SLOT}#anchor) so it points to {page or 'the page'}")
        return MoreLink(page, texts)

    def groups(self, item: _Lined | None, topics: Mapping[str, Topic],
               footnotes: Mapping[str, Mapping[str, str]]) -> list[Group]:
        if item is None:
            return []
        if not isinstance(item.value, list):
            self.problem(item.line, "groups: expected a list of groups (- id: …)")
            return []
        groups, seen = [], set()
        for value in item.value:
            entry = self.mapping(value, "group")
            if entry is None:
                continue
            ident = self.text(entry.get("id"), "group.id", value.line)
            where = f"group '{ident or '?'}'"
            if ident in seen:
                self.problem(value.line, f"{where}: the id is used twice; give each group its own id")
            seen.add(ident)
            self.unknown_keys(entry, GROUP_KEYS | set(self.locales), where)
            names = self.names(entry.get("topics"), f"{where}.topics", value.line)
            for name in names:
                if name not in topics:
                    self.problem(entry["topics"].line, f"{where}: unknown topic '{name}' "
                                 f"(topics: {', '.join(topics) or 'none'})")
            texts = self.per_locale(entry, where, value.line)
            for locale, text in texts.items():
                if f"{where}.{locale}" not in self.refused:  # a refused text shows no citation anyway
                    self.support(text, footnotes.get(locale, {}), f"{where}.{locale}", entry[locale].line)
            groups.append(Group(ident, names, texts, {loc: entry[loc].line for loc in texts}))
        return groups

    def support(self, text: str, footnotes: Mapping[str, str], where: str, line: int) -> None:
        """A group says where its advice comes from: a citation, or the site's precaution marker."""
        refs = FOOTNOTE_REF.findall(text)
        for ref in refs:
            if ref not in footnotes:
                self.problem(line, f"{where}: footnote [^{ref}] is not defined under footnotes; "
                             "add its text there")
        if text and not scan(text).groups and not refs:  # the citation grammar of every other reader
            self.problem(line, f"{where}: neither a citation [@key] nor a precaution marker "
                         "(e.g. [^voorzorg]); say where this advice comes from")

    def mentions(self, item: _Lined | None, topics: Mapping[str, Topic]) -> list[Mention]:
        if item is None:
            return []
        if not isinstance(item.value, list):
            self.problem(item.line, "mentions: expected a list (- topics: […], nl: […], en: […])")
            return []
        found = []
        for value in item.value:
            entry = self.mapping(value, "mention") or {}
            self.unknown_keys(entry, MENTION_KEYS | set(self.locales), "mention")
            names = self.names(entry.get("topics"), "mention.topics", value.line)
            for name in names:
                if name not in topics:
                    self.problem(entry["topics"].line, f"mention: unknown topic '{name}'")
            patterns = {}
            for locale in self.locales:
                patterns[locale] = self.patterns(entry.get(locale), f"mention.{locale}", value.line)
            found.append(Mention(names, patterns))
        return found

    def patterns(self, item: _Lined | None, where: str, line: int) -> tuple[re.Pattern[str], ...]:
        if item is None:
            self.problem(line, f"{where}: no patterns for this locale; add a list of regular expressions")
            return ()
        if not isinstance(item.value, list):
            self.problem(item.line, f"{where}: expected a list of regular expressions")
            return ()
        compiled = []
        for pattern in item.value:
            try:
                expression = re.compile(str(pattern.value), re.IGNORECASE)
            except re.error as error:
                self.problem(pattern.line, f"{where}: not a valid regular expression ({error})")
                continue
            if nested_repetition(expression.pattern):
                self.problem(pattern.line, f"{where}: '{pattern.value}' repeats something that itself "
                             "repeats or branches (like (a+)+ or (a|ab)*), which can take hours on one page; "
                             "write it without the outer + or *")
                continue
            compiled.append(expression)
        return tuple(compiled)


def nested_repetition(pattern: str) -> bool:
    """Whether an unbounded repetition (`+`, `*`, `{n,}`) holds another unbounded repetition or a branch:
    the shapes whose backtracking can grow exponentially with the text (a pull request's pattern must
    not hang the checks). Read with Python's own parser of the pattern (`re._parser`; the public `re`
    has no parse tree), so what is judged is what `re` will run."""
    _parser: Any = importlib.import_module("re._parser")  # the stdlib's regex parser (untyped, private)

    def walk(items: Any, inside_unbounded: bool) -> bool:
        for op, value in items:
            if op in (_parser.MAX_REPEAT, _parser.MIN_REPEAT, _parser.POSSESSIVE_REPEAT):
                low, high, body = value
                unbounded = high == _parser.MAXREPEAT and op != _parser.POSSESSIVE_REPEAT
                if inside_unbounded and low != high and op != _parser.POSSESSIVE_REPEAT:
                    return True  # a variable-length part inside a repetition: many ways to split the text
                if walk(body, inside_unbounded or unbounded):
                    return True
            elif op == _parser.BRANCH:
                if inside_unbounded:
                    return True
                if any(walk(branch, inside_unbounded) for branch in value[1]):
                    return True
            elif op == _parser.SUBPATTERN:
                if walk(value[-1], inside_unbounded):
                    return True
            elif op in (_parser.ASSERT, _parser.ASSERT_NOT, _parser.ATOMIC_GROUP) and walk(
                    value if op == _parser.ATOMIC_GROUP else value[-1], inside_unbounded):
                return True
        return False

    return walk(_parser.parse(pattern), False)


def read_risk_data(text: str, path: str, locales: Sequence[str],
                   policy: Policy | None = None) -> tuple[RiskData, list[Problem]]:
    """The risk data of a file's text, and every problem found in it (empty data if it cannot be read).
    Every text readers see is held to the content policy (`policy`: the site's, else the built-in one)."""
    problems: list[Problem] = []
    root = _compose(text, path, problems)
    if root is None:
        return RiskData(), problems
    reader = _Reader(path, locales, policy)
    data = reader.read(root)
    return data, problems + reader.problems


def unknown_citations(data: RiskData, path: str, known: Iterable[str]) -> list[Problem]:
    """Citation keys in the groups' texts that the bibliography lacks (keys compare without case)."""
    known = {key.lower() for key in known}
    return [Problem(path, group.lines.get(locale, 1), f"group '{group.id}'.{locale}: unknown citation key "
                    f"'{key}'; fix the key or add the entry to the bibliography")
            for group in data.groups for locale, text in group.text.items()
            for key in cited_keys(text) if key.lower() not in known]


# --- pages ----------------------------------------------------------------------------------------


def declared_topics(value: object) -> list[str] | None:
    """The front-matter `risks` value as a list of names (None when it is not a list of names)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return list(value)
    return None


def front_matter_line(source: str, key: str) -> int:
    """The line of `key:` in a page's front matter (1 when it is not found)."""
    for number, line in enumerate(source.splitlines(), 1):
        if line.startswith(f"{key}:"):
            return number
    return 1


def groups_by_topic(data: RiskData, topics: Sequence[str]) -> list[tuple[Topic, list[Group]]]:
    """Each topic with the groups it concerns not already listed under an earlier topic."""
    shown: set[str] = set()
    result = []
    for name in dict.fromkeys(topics):
        topic = data.topics.get(name)
        if topic is None:
            continue
        groups = [g for g in data.groups if name in g.topics and g.id not in shown]
        shown.update(g.id for g in groups)
        result.append((topic, groups))
    return result


def _link_target(page: str, from_page: str) -> str:
    return posixpath.relpath(page, posixpath.dirname(from_page) or ".")


def _same_page(target: str, page: str) -> bool:
    """`glutamine/safety.md` is `glutamine/safety.en.md` in another language."""
    stem = re.sub(r"\.[a-z]{2}(?:_[A-Z]{2})?\.md$", ".md", page)
    return target in (page, stem)


def render_box(data: RiskData, topics: Sequence[str], locale: str, page: str,
               admonition: str = "warning careful") -> list[str]:
    """The box as Markdown lines: per topic its lead-in and its groups (each group once), then its link."""
    sections = groups_by_topic(data, topics)
    if not sections:
        return []
    title = data.title.get(locale, "").replace('"', "'")
    lines = [f'!!! {admonition} "{title}"']
    for topic, groups in sections:
        if not groups and not topic.more:
            continue
        lines += [f"    {topic.intro.get(locale, '')}", ""]
        lines += [f"    - {group.text.get(locale, '')}" for group in groups]
        if groups:
            lines.append("")
        more = topic.more
        if more and more.page and not _same_page(more.page, page):
            link = more.text.get(locale, "").replace(PAGE_SLOT, _link_target(more.page, page))
            lines += [f"    {link}", ""]
    return lines


def footnotes_used(box: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(ref for line in box for ref in FOOTNOTE_REF.findall(line)))


def missing_footnotes(data: RiskData, box: Sequence[str], locale: str, page_text: str) -> list[str]:
    """Definitions of the box's footnotes that the page itself does not define (added after its text)."""
    definitions = data.footnotes.get(locale, {})
    lines = []
    for ref in footnotes_used(box):
        if not re.search(rf"^\[\^{re.escape(ref)}\]:", page_text, re.M) and ref in definitions:
            lines += [f"[^{ref}]: {definitions[ref]}", ""]
    return lines


def undeclared_mentions(data: RiskData, text: str, locale: str, declared: Iterable[str],
                        page: str) -> list[tuple[str, tuple[str, ...]]]:
    """(matched words, topics of which one must be declared) for each mention the page does not cover."""
    declared = set(declared)
    covered = declared | {name for name, topic in data.topics.items()
                          if topic.full_list_on and _same_page(topic.full_list_on, page)}
    missing = []
    for mention in data.mentions:
        if covered & set(mention.topics):
            continue
        for pattern in mention.patterns.get(locale, ()):
            match = pattern.search(text)
            if match:
                missing.append((match.group(0), mention.topics))
                break
    return missing
