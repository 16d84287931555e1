"""The import graph of the `sakip_xl` package, built from its source (every import statement,
also those inside functions), for the architecture test."""
from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = "sakip_xl"

# Layers from the bottom up. A module may import from its own layer or a lower one, never a
# higher one; the first matching prefix (longest first) names a module's layer.
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    ("core", ("sakip_xl._version", "sakip_xl.errors", "sakip_xl.findings", "sakip_xl.contract",
              "sakip_xl.seed_data")),
    ("xlsx", ("sakip_xl.xlsx",)),
    ("read", ("sakip_xl.read",)),
    ("write", ("sakip_xl.write",)),
    ("review", ("sakip_xl.review",)),
    ("sections", ("sakip_xl.pk", "sakip_xl.anggaran", "sakip_xl.renstra", "sakip_xl.skm", "sakip_xl.analisis",
                  "sakip_xl.lke", "sakip_xl.rencana_aksi")),
    ("registry", ("sakip_xl.sections",)),
    ("app", ("sakip_xl.catalogue", "sakip_xl.engine", "sakip_xl.template", "sakip_xl.examples", "sakip_xl.rekap", "sakip_xl.report")),
    ("cli", ("sakip_xl.cli", "sakip_xl.clitext", "sakip_xl.console", "sakip_xl.__main__")),
    ("api", ("sakip_xl",)),
]


def modules(root: Path) -> dict[str, Path]:
    """Dotted module name -> file, for every module of the package under `root`."""
    out = {}
    for path in sorted((root / PACKAGE).rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def _targets(name: str, is_package: bool, node: ast.AST, known: dict) -> list[str]:
    found = []
    if isinstance(node, ast.Import):
        found = [a.name for a in node.names]
    elif isinstance(node, ast.ImportFrom):
        if node.level:
            base = name.split(".") if is_package else name.split(".")[:-1]
            base = base[: len(base) - (node.level - 1)]
            module = ".".join(base + ([node.module] if node.module else []))
        else:
            module = node.module or ""
        found = [f"{module}.{a.name}" if f"{module}.{a.name}" in known else module for a in node.names]
    out = []
    for target in found:
        if target != PACKAGE and not target.startswith(PACKAGE + "."):
            continue
        while target not in known and "." in target:
            target = target.rsplit(".", 1)[0]
        out.append(target)
    return out


def graph(root: Path) -> dict[str, set[str]]:
    """module -> modules it imports. Importing `a.b.c` from outside package `a.b` also runs
    `a.b`'s `__init__` (and `a`'s), so those packages count as imported too; the package root
    `sakip_xl` itself, which every import runs, counts only when named."""
    known = modules(root)
    edges: dict[str, set[str]] = {}
    for name, path in known.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        is_package = path.name == "__init__.py"
        own = name if is_package else name.rsplit(".", 1)[0]
        deps = set()
        for node in ast.walk(tree):
            for target in _targets(name, is_package, node, known):
                deps.add(target)
                parts = target.split(".")
                for k in range(2, len(parts)):
                    ancestor = ".".join(parts[:k])
                    if ancestor in known and not (own == ancestor or own.startswith(ancestor + ".")):
                        deps.add(ancestor)
        deps.discard(name)
        edges[name] = deps
    return edges


def layer_of(module: str) -> int:
    best = None
    for rank, (_, prefixes) in enumerate(LAYERS):
        for p in prefixes:
            if module == p or module.startswith(p + "."):
                if best is None or len(p) > best[1]:
                    best = (rank, len(p))
    if best is None:
        raise KeyError(f"{module} belongs to no layer: add it to LAYERS")
    return best[0]


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index, low, on_stack, stack, out = {}, {}, set(), [], []
    counter = 0
    for start in sorted(edges):
        if start in index:
            continue
        work = [(start, iter(sorted(edges[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            v, it = work[-1]
            advanced = False
            for w in it:
                if w not in edges:
                    continue
                if w not in index:
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on_stack.add(w)
                    work.append((w, iter(sorted(edges[w]))))
                    advanced = True
                    break
                if w in on_stack:
                    low[v] = min(low[v], index[w])
            if advanced:
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[v])
            if low[v] == index[v]:
                comp = []
                while True:
                    w = stack.pop()
                    on_stack.discard(w)
                    comp.append(w)
                    if w == v:
                        break
                if len(comp) > 1:
                    out.append(sorted(comp))
    return out


def upward(edges: dict[str, set[str]]) -> list[tuple[str, str]]:
    """(importer, imported) pairs where a lower layer imports a higher one."""
    return sorted((a, b) for a, deps in edges.items() for b in deps if layer_of(b) > layer_of(a))
