"""Griffe extension for the API reference: render the reST habits of the docstrings in Markdown.

The docstrings follow numpydoc (STYLE.md): equations in ``.. math::`` directives and
cross-references as ``:func:`name```.  mkdocstrings renders docstrings as Markdown, where
those would show as raw text; this extension rewrites them, for the docs build only:

- a ``.. math::`` directive (with its indented continuation lines) becomes a fenced
  ``text`` block holding the LaTeX source;
- ``:func:`x```, ``:class:`x```, ``:mod:`x```, ``:data:`x```, ``:attr:`x```,
  ``:meth:`x``` become the code span ``x``;
- double-backquote literals become single-backquote code spans;
- a doctest outside an ``Examples`` section gets that section's header, so that numpydoc
  does not read it as part of the section before it (or as a Markdown quote).

Loaded by ``mkdocs.yml`` (``extensions: [docs/griffe_rst.py]``); the source is not changed.
"""

from __future__ import annotations

import itertools
import re
from typing import Any

import griffe

_ROLE = re.compile(r":(?:func|class|mod|data|attr|meth|obj|exc):`~?([^`]+)`")
_LITERAL = re.compile(r"``([^`]+)``")


def rst_to_markdown(text: str) -> str:
    """The docstring ``text`` with math directives, roles, literals and examples in Markdown."""
    lines = text.split("\n")
    out: list[str] = []
    examples = any(a.strip() == "Examples" and b.strip().startswith("---") for a, b in itertools.pairwise(lines))
    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.lstrip()
        if stripped.startswith(".. math::"):
            indent = line[: len(line) - len(stripped)]
            body = [stripped[len(".. math::"):].strip()]
            i += 1
            while i < len(lines) and lines[i].strip() and lines[i].startswith(indent + " "):
                body.append(lines[i].strip())
                i += 1
            out += [f"{indent}```text", *(f"{indent}{b}" for b in body if b), f"{indent}```"]
            continue
        if line.startswith(">>>") and not examples:
            out += ([""] if out and out[-1].strip() else []) + ["Examples", "--------"]
            examples = True
        out.append(line if line.startswith((">>>", "...")) else _LITERAL.sub(r"`\1`", _ROLE.sub(r"`\1`", line)))
        i += 1
    return "\n".join(out)


class RstToMarkdown(griffe.Extension):
    """Rewrite every docstring with :func:`rst_to_markdown` when it is loaded."""

    def on_instance(self, *, obj: Any = None, **kwargs: Any) -> None:
        if obj is not None and getattr(obj, "docstring", None) is not None:
            obj.docstring.value = rst_to_markdown(obj.docstring.value)
