"""Turn what went wrong in a config file into `file:line: message` problems a maintainer can act on.

Takes pydantic's validation errors (or our own findings) with the `YamlDoc` line map and returns
`Problem`s, each with a suggestion where one exists ("did you mean start_urls?").
"""

from __future__ import annotations

import difflib
import types
import typing
from dataclasses import dataclass

from pydantic import BaseModel, ValidationError

from .yamlmap import Path, YamlDoc


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    message: str
    severity: str = "error"  # or "warning": reported, but the file still loads

    def __str__(self) -> str:
        tag = "" if self.severity == "error" else "warning: "
        return f"{self.file}:{self.line}: {tag}{self.message}"


def suggest(word: str, choices) -> str:
    close = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return f" (did you mean {close[0]}?)" if close else ""


def context(doc: YamlDoc, path: Path) -> str:
    """'system 'west-yorkshire': ' for anything under systems[i], so messages name the entry."""
    if len(path) >= 2 and path[0] == "systems" and isinstance(path[1], int):
        systems = doc.data.get("systems") if isinstance(doc.data, dict) else None
        entry = systems[path[1]] if isinstance(systems, list) and path[1] < len(systems) else None
        sid = entry.get("id") if isinstance(entry, dict) else None
        return f"system {sid!r}: " if sid else f"systems entry {path[1] + 1}: "
    return ""


def dotted(path: Path) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _model_at(root: type[BaseModel], path: Path) -> type[BaseModel] | None:
    """The model class that validates the mapping found at `path`, by walking field annotations."""
    model: object = root
    for part in path:
        if isinstance(part, int):
            continue
        if not (isinstance(model, type) and issubclass(model, BaseModel)) or part not in model.model_fields:
            return None
        model = _unwrap(model.model_fields[part].annotation)
    return model if isinstance(model, type) and issubclass(model, BaseModel) else None


def _unwrap(annotation: object) -> object:
    """list[Link] | None  ->  Link, Annotated[Link, ...] -> Link."""
    while True:
        origin = typing.get_origin(annotation)
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if origin in (list, typing.Union, types.UnionType, typing.Annotated) and args:
            annotation = args[0]
        else:
            return annotation


def from_validation_error(
    exc: ValidationError, doc: YamlDoc, file: str, root: type[BaseModel], prefix: Path = ()
) -> list[Problem]:
    """`prefix` is where the validated value sits in the file when it is not the whole file."""
    problems = []
    for err in exc.errors(include_url=False):
        path = prefix + tuple(err["loc"])
        problems.append(Problem(file, doc.line_of(path), context(doc, path) + _message(err, path, doc, root)))
    return problems


def _message(err: dict, path: Path, doc: YamlDoc, root: type[BaseModel]) -> str:
    inside_system = len(path) >= 2 and path[0] == "systems" and isinstance(path[1], int)
    kind, where = err["type"], dotted(path[2:] if inside_system else path)
    key = path[-1] if path else ""
    if kind == "extra_forbidden":
        model = _model_at(root, path[:-1])
        return f"unknown key {key!r}" + (suggest(key, model.model_fields) if model else "")
    if kind == "missing":
        return f"missing required key {key!r}"
    if path in doc.surprises:
        raw = doc.surprises[path]
        return (
            f"{where}: {raw!r} is read by YAML as {err.get('input')!r}, not as text; "
            f'write it in quotes: "{raw}"'
        )
    if kind == "literal_error":
        expected = err.get("ctx", {}).get("expected", "")
        return f"{where}: {err.get('input')!r} is not one of {expected}" + suggest(
            err.get("input"), [e.strip(" '") for e in expected.replace(" or ", ",").split(",")]
        )
    if kind == "string_pattern_mismatch" and key == "id":
        return f"id {err.get('input')!r} must be a lowercase slug such as 'west-yorkshire'"
    if kind == "string_pattern_mismatch" and key == "ods_code":
        return f"ods_code {err.get('input')!r} must be 3 to 5 capital letters or digits, such as 'QWO'"
    message = err["msg"].removeprefix("Value error, ")
    return f"{where}: {message}" if where and not message.startswith(("bad URL", "valid_to")) else message
