"""The package layout written in iop/README.md, kept: no import cycles, imports only down the
written order, and module names from the convention (or with a reason in layout_allowlist.txt).

Imports are read with `ast`, every `import` and `from … import …` in a module, also those
inside functions; `from iop.pkg import module` counts as importing that module.
"""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
IOP = ROOT / "iop"
README = IOP / "README.md"
ALLOWLIST = Path(__file__).with_name("layout_allowlist.txt")



@cache
def modules() -> dict[str, Path]:
    """Dotted module name -> file, for every module of the iop package."""
    found = {}
    for path in IOP.rglob("*.py"):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def _known(name: str) -> str:
    while name not in modules() and "." in name:
        name = name.rsplit(".", 1)[0]
    return name


@cache
def imports() -> dict[str, frozenset[str]]:
    """Module -> the iop modules it imports."""
    graph = {}
    for name, path in modules().items():
        package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
        targets = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets.update(_known(alias.name) for alias in node.names
                               if alias.name.split(".")[0] == "iop")
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parts = package.split(".")[:len(package.split(".")) - (node.level - 1)]
                    base = ".".join(parts + ([base] if base else []))
                if base.split(".")[0] != "iop":
                    continue
                for alias in node.names:
                    full = f"{base}.{alias.name}"
                    targets.add(full if full in modules() else _known(base))
        targets.discard(name)
        graph[name] = frozenset(targets)
    return graph


def package(module: str) -> str:
    """`iop.agreements.views` -> "agreements"; `iop.rest` -> "rest"; the package itself -> "iop"."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "iop"


def _block_after(marker: str) -> list[str]:
    text = README.read_text(encoding="utf-8")
    match = re.search(re.escape(marker) + r".*?\n```text\n(.*?)\n```", text, re.S)
    assert match, f"iop/README.md has no ```text block after {marker!r}"
    return [line for line in match.group(1).splitlines() if line.strip()]


@cache
def layers() -> dict[str, int]:
    """Package or core module -> its layer, from the order written in iop/README.md."""
    placed = {}
    for line in _block_after("<!-- layers"):
        number, _, rest = line.partition(".")
        for name in rest.partition(":")[2].split(","):
            placed[name.strip()] = int(number)
    return placed


def module_roles() -> set[str]:
    return {line.split()[0] for line in _block_after("<!-- module names")} | {"__init__"}


def allowlist() -> dict[str, str]:
    entries = {}
    for line in ALLOWLIST.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            path, _, reason = line.partition(" ")
            entries[path] = reason.strip()
    return entries


def cycles(graph: dict[str, frozenset[str]]) -> list[list[str]]:
    """The strongly connected parts of more than one node (Tarjan, iteratively)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []
    for start in graph:
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                part = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    part.append(member)
                    if member == node:
                        break
                if len(part) > 1:
                    found.append(sorted(part))
    return found


def package_edges() -> dict[tuple[str, str], list[str]]:
    """(from package, to package) -> the module imports behind it."""
    edges: dict[tuple[str, str], list[str]] = {}
    for source, targets in imports().items():
        for target in targets:
            pair = (package(source), package(target))
            if pair[0] != pair[1]:
                edges.setdefault(pair, []).append(f"{source} -> {target}")
    return edges


def test_no_module_is_part_of_an_import_cycle():
    found = cycles(imports())
    assert not found, "import cycles (break each by moving the shared part down):\n" + "\n".join(
        " <-> ".join(part) for part in found)


def test_every_package_and_module_under_iop_has_a_place_in_the_order():
    unplaced = sorted({package(name) for name in modules()} - set(layers()))
    assert not unplaced, f"place these in the order in iop/README.md: {', '.join(unplaced)}"


def test_no_import_runs_against_the_written_order():
    order = layers()
    against = [f"{a} (layer {order[a]}) imports {b} (layer {order[b]}): {', '.join(sorted(why))}"
               for (a, b), why in sorted(package_edges().items())
               if a in order and b in order and order[a] < order[b]]
    assert not against, "imports against the order in iop/README.md:\n" + "\n".join(against)


def test_no_two_packages_depend_on_each_other():
    edges = package_edges()
    graph: dict[str, frozenset[str]] = {}
    for a, b in edges:
        graph[a] = graph.get(a, frozenset()) | {b}
        graph.setdefault(b, frozenset())
    found = cycles(graph)
    details = []
    for part in found:
        details.append(" <-> ".join(part) + ": " + "; ".join(
            line for (a, b), why in sorted(edges.items()) if a in part and b in part for line in sorted(why)))
    assert not found, "packages that depend on each other:\n" + "\n".join(details)


def test_module_names_follow_the_convention_or_say_why_not():
    roles, excused = module_roles(), allowlist()
    # Modules inside a package under iop/ (the modules directly under iop/ are placed by the order).
    inside_packages = {str(path.relative_to(IOP)) for path in modules().values()
                       if len(path.relative_to(IOP).parts) > 1}
    unexplained = sorted(path for path in inside_packages
                         if Path(path).stem not in roles and path not in excused)
    gone = sorted(set(excused) - inside_packages)
    assert not unexplained, ("module names outside the convention in iop/README.md; rename them, or "
                             "add a line saying what each holds to tests/layout_allowlist.txt:\n"
                             + "\n".join(unexplained))
    assert not gone, "tests/layout_allowlist.txt names modules that are gone: " + ", ".join(gone)
