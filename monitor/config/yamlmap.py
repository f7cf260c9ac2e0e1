"""Load YAML while remembering where every value came from.

Takes YAML text and returns plain Python data plus a map from each value's path (a tuple of keys and
list indices) to its line number, and the problems PyYAML itself would hide: duplicate keys (PyYAML
silently keeps the last) and YAML 1.1 scalars that do not mean what they look like (`no` and `off`
read as booleans, `0123` or `12:30` read as numbers).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

Path = tuple[str | int, ...]

_BOOL_WORDS = {"yes", "no", "on", "off"}
_SEXAGESIMAL = re.compile(r"^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$")


@dataclass
class YamlDoc:
    data: object
    lines: dict[Path, int] = field(default_factory=dict)
    # Plain scalars whose YAML 1.1 reading is probably not what the author meant: path -> source text.
    surprises: dict[Path, str] = field(default_factory=dict)
    duplicates: list[tuple[Path, int, int]] = field(default_factory=list)  # (path, line, first_line)

    def line_of(self, path: Path) -> int:
        """The line of the longest prefix of `path` that we know (1 for the whole file)."""
        for end in range(len(path), -1, -1):
            line = self.lines.get(tuple(path[:end]))
            if line is not None:
                return line
        return 1


class _Builder:
    def __init__(self) -> None:
        self.loader = yaml.SafeLoader("")
        self.doc = YamlDoc(data=None)

    def build(self, node: yaml.Node | None, path: Path) -> object:
        if node is None:
            return None
        self.doc.lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (i,)) for i, item in enumerate(node.value)]
        value = self.loader.construct_object(node, deep=True)
        if node.style is None and self._is_surprising(node, value):
            self.doc.surprises[path] = node.value
        return value

    def _mapping(self, node: yaml.MappingNode, path: Path) -> dict:
        self.loader.flatten_mapping(node)  # resolves `<<:` merge keys the way SafeLoader does
        result: dict = {}
        first_line: dict = {}
        for key_node, value_node in node.value:
            key = self.loader.construct_object(key_node, deep=True)
            key = key if isinstance(key, str | int) else str(key)
            line = key_node.start_mark.line + 1
            if key in result:
                self.doc.duplicates.append((path + (key,), line, first_line[key]))
            first_line.setdefault(key, line)
            self.doc.lines[path + (key,)] = line
            result[key] = self.build(value_node, path + (key,))
        return result

    @staticmethod
    def _is_surprising(node: yaml.ScalarNode, value: object) -> bool:
        text = node.value
        if isinstance(value, bool):
            return text.lower() in _BOOL_WORDS
        if isinstance(value, int | float):
            return (text.startswith("0") and len(text) > 1 and text[1:2].isdigit()) or bool(
                _SEXAGESIMAL.match(text)
            )
        return False


def load_yaml(text: str) -> YamlDoc:
    """Parse one YAML document. Raises yaml.YAMLError (with a mark) when the text is not YAML."""
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    builder = _Builder()
    builder.doc.data = builder.build(node, ())
    return builder.doc


def yaml_error(exc: yaml.YAMLError) -> tuple[int, str]:
    """(line, message) for text that is not YAML. The line is where the broken construct began (an
    unclosed quote or bracket, a key without its colon), which is where the mistake is; the parser
    notices it only a line or more later, and the message says where."""
    problem = getattr(exc, "problem", None) or str(exc)
    found, began = getattr(exc, "problem_mark", None), getattr(exc, "context_mark", None)
    if began is not None and found is not None and began.line < found.line:
        return began.line + 1, f"not valid YAML: {exc.context} here: {problem} (at line {found.line + 1})"
    missing = _colon_missing_before(found) if found is not None and "mapping values" in problem else None
    if missing is not None:
        line, key, value = missing
        return line, (f"not valid YAML: {key!r} has no colon after it (did you mean '{key}: {value}'?); "
                      f"the parser noticed at line {found.line + 1}: {problem}")
    return (found.line + 1 if found else 1), f"not valid YAML: {problem}"


_KEY_AND_VALUE = re.compile(r"^\s*(?:-\s+)?([A-Za-z_][\w-]*)\s+(\S.*)$")


def _colon_missing_before(mark) -> tuple[int, str, str] | None:
    """(line, key, value) when the line before the one YAML stopped at reads "key value": its colon
    is missing, so YAML took the next line's "key:" as a value it cannot be."""
    lines = (getattr(mark, "buffer", None) or "").split("\n")
    before = [(n, lines[n]) for n in range(min(mark.line, len(lines)) - 1, -1, -1) if lines[n].strip()]
    if not before or ":" in before[0][1] or before[0][1].lstrip().startswith("#"):
        return None
    found = _KEY_AND_VALUE.match(before[0][1])
    return (before[0][0] + 1, found.group(1), found.group(2).rstrip("\0").strip()) if found else None
