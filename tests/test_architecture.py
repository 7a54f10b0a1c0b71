"""The layout is the architecture (docs/architecture.md): imports flow one way, no module
reaches into another's private names, functions and modules stay short enough to read.

Read from the source with :mod:`ast` (every import statement, function-level ones too), so
a lazy import cannot hide a cycle.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent / "thermo_orbit"

#: layers, lowest first: a module may import from its own layer or any layer below
LAYERS = (
    ("base", ("units", "constants", "errors", "constraints", "results", "format", "timescales", "_io", "_data",
              "_forms", "_jit_cache", "_version", "uncertain")),
    ("physics", ("orbit", "environment", "materials", "power", "thermal")),
    ("system", ("system", "design", "fields")),
    ("transient", ("transient",)),
    ("sizing", ("sizing", "batch", "summary")),
    ("studies", ("sweeps", "sweep", "sweep_spec", "pareto", "validation", "optimize")),
    ("front doors", ("cli", "sweep_cli", "tui", "__main__")),
)
_TOP = {name: i for i, (_, names) in enumerate(LAYERS) for name in names}
#: the package's __init__ re-exports the public API of every layer below the front doors
_PACKAGE_INIT = "thermo_orbit"
MAX_FUNCTION_LINES = 80
MAX_MODULE_LINES = 500
#: argument tables of the front doors (argparse set-up), exempt from the function length
FRONT_DOOR_TABLES = {"thermo_orbit.cli.parser.build_parser"}


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(ROOT.rglob("*.py")):
        rel = path.relative_to(ROOT.parent).with_suffix("")
        parts = list(rel.parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


MODULES = _modules()


def _resolve(module: str, node: ast.ImportFrom, is_package: bool) -> str:
    if node.level == 0:
        return node.module or ""
    base = module.split(".")
    if not is_package:
        base = base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _imports(module: str) -> list[tuple[str, str | None, int]]:
    """(imported module, imported name or None, line) of every import in ``module``."""
    path = MODULES[module]
    tree = ast.parse(path.read_text())
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(a.name, None, node.lineno) for a in node.names if a.name.startswith("thermo_orbit")]
        elif isinstance(node, ast.ImportFrom):
            target = _resolve(module, node, path.name == "__init__.py")
            if not target.startswith("thermo_orbit"):
                continue
            for a in node.names:
                sub = f"{target}.{a.name}"
                out.append((sub, None, node.lineno) if sub in MODULES else (target, a.name, node.lineno))
    return out


def _layer(module: str) -> int | None:
    parts = module.split(".")
    if len(parts) < 2:
        return None
    return _TOP.get(parts[1])


def test_every_module_has_a_layer():
    missing = [m for m in MODULES if m != _PACKAGE_INIT and _layer(m) is None]
    assert not missing, f"add these to LAYERS in tests/test_architecture.py and docs/architecture.md: {missing}"


def test_imports_flow_one_way():
    wrong = []
    for module in MODULES:
        if module == _PACKAGE_INIT:
            continue
        mine = _layer(module)
        for target, _, line in _imports(module):
            theirs = _layer(target)
            if theirs is not None and mine is not None and theirs > mine:
                wrong.append(f"{module}:{line} imports {target} ({LAYERS[theirs][0]} above {LAYERS[mine][0]})")
    assert not wrong, "\n".join(wrong)


def test_no_import_cycle():
    graph = {m: {t for t, _, _ in _imports(m) if t in MODULES and t != m} for m in MODULES}
    # importing a submodule runs its package's __init__ first
    for m in list(graph):
        parent = m.rsplit(".", 1)[0]
        while parent in MODULES and parent != _PACKAGE_INIT:
            graph[m].add(parent) if parent not in (m,) and not m.startswith(parent + ".") else None
            parent = parent.rsplit(".", 1)[0] if "." in parent else ""
    state, stack, cycles = {}, [], []

    def visit(m):
        state[m] = 1
        stack.append(m)
        for t in sorted(graph[m]):
            if state.get(t) == 1:
                cycles.append(" -> ".join([*stack[stack.index(t):], t]))
            elif t not in state:
                visit(t)
        stack.pop()
        state[m] = 2

    for m in sorted(graph):
        if m not in state and m != _PACKAGE_INIT:
            visit(m)
    assert not cycles, "\n".join(cycles)


def test_no_module_uses_another_modules_private_names():
    wrong = []
    for module in MODULES:
        for target, name, line in _imports(module):
            if name and name.startswith("_") and not name.startswith("__") and target != module:
                wrong.append(f"{module}:{line} imports {target}.{name}")
        tree = ast.parse(MODULES[module].read_text())
        aliases = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                target = _resolve(module, node, MODULES[module].name == "__init__.py")
                for a in node.names:
                    if f"{target}.{a.name}" in MODULES:
                        aliases[a.asname or a.name] = f"{target}.{a.name}"
            elif isinstance(node, ast.Import):
                for a in node.names:
                    if a.name.startswith("thermo_orbit") and a.asname:
                        aliases[a.asname] = a.name
        for node in ast.walk(tree):
            if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in aliases
                    and node.attr.startswith("_") and not node.attr.startswith("__")):
                wrong.append(f"{module}:{node.lineno} uses {aliases[node.value.id]}.{node.attr}")
    assert not wrong, "\n".join(wrong)


def _functions(tree):
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield node


def _body_lines(node) -> int:
    """Lines of a function without its docstring."""
    body = node.body
    if body and isinstance(body[0], ast.Expr) and isinstance(getattr(body[0], "value", None), ast.Constant) \
            and isinstance(body[0].value.value, str):
        body = body[1:]
    if not body:
        return 0
    return body[-1].end_lineno - body[0].lineno + 1


def test_functions_are_short():
    long = []
    for module, path in MODULES.items():
        for node in _functions(ast.parse(path.read_text())):
            name = f"{module}.{node.name}"
            if name in FRONT_DOOR_TABLES:
                continue
            n = _body_lines(node)
            if n > MAX_FUNCTION_LINES:
                long.append(f"{name}: {n} lines")
    assert not long, "\n".join(long)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_modules_are_short(module):
    n = len(MODULES[module].read_text().splitlines())
    assert n <= MAX_MODULE_LINES, f"{module}: {n} lines"
