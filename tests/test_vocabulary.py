"""One vocabulary: document types and change kinds are spelled only in `store/vocabulary.py`.

If a module writes "joint_forward_plan" or "moved" itself, a rename in one place silently stops
matching in another; this test finds every such string literal in the code and the templates.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from store.vocabulary import ChangeKind, DocType

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("monitor", "store", "crawler")
VOCABULARY = ROOT / "store" / "vocabulary.py"
WORDS = {m.value for m in DocType} | {m.value for m in ChangeKind}


def _literals(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in WORDS]


def test_no_module_spells_a_document_type_or_change_kind():
    found = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if path == VOCABULARY or "migrations" in path.parts:  # a migration records the past as it was
                continue
            found += [f"{path.relative_to(ROOT)}:{line}: {value!r}" for line, value in _literals(path)]
    assert found == [], "use store.vocabulary instead:\n" + "\n".join(found)


def test_no_template_spells_a_document_type_or_change_kind():
    quoted = re.compile("[\"']({})[\"']".format("|".join(sorted(WORDS))))
    found = [f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
             for path in sorted((ROOT / "templates").rglob("*.j2"))
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if quoted.search(line)]
    assert found == [], "templates should be given labels and flags, not compare vocabulary strings:\n" + "\n".join(found)


def test_the_checker_finds_a_literal(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text('KIND = "moved"\n"""A docstring that says moved is fine."""\n')
    assert _literals(sample) == [(1, "moved")]


def _imports_sqlalchemy(path: Path) -> list[int]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    return [node.lineno for node in ast.walk(tree)
            if (isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "sqlalchemy")
            or (isinstance(node, ast.Import) and any(a.name.split(".")[0] == "sqlalchemy" for a in node.names))]


def test_only_the_store_talks_to_the_database():
    found = [f"{path.relative_to(ROOT)}:{line}" for package in ("monitor", "crawler")
             for path in sorted((ROOT / package).rglob("*.py")) for line in _imports_sqlalchemy(path)]
    assert found == [], "move the query into a named function in store/:\n" + "\n".join(found)
