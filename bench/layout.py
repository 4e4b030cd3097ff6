"""`python -m bench layout`: the counts the layout is judged by, from the source alone.

Per layer (gateway, schema, resolvers, sandbox): files and lines; in schema, the files
that declare no Strawberry type or field and the direct `info.context.providers.` calls;
in every layer, the imports made inside a function (not under TYPE_CHECKING); and the
import cycles between modules of gateway, schema and resolvers (each strongly connected
component of the module graph, as a size and its members), with a flag on the ones whose
members sit in more than one domain package. Writes bench/results/<date>-layout.json and
prints a summary. Nothing is imported: it reads the files with `ast`.
"""

from __future__ import annotations

import ast
import datetime
import json
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LAYERS = ("gateway", "schema", "resolvers", "sandbox")
GRAPH_LAYERS = ("gateway", "schema", "resolvers")
STRAWBERRY_MARKS = ("@strawberry.", "strawberry.field(", "strawberry.mutation(", "@relay.")


def module_name(path: Path, root: Path = ROOT) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_module(name: str, root: Path) -> bool:
    path = root.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def _resolve(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    if node.level == 0:
        return node.module or ""
    base = module.split(".")
    if not is_package:
        base.pop()
    for _ in range(node.level - 1):
        base.pop()
    return ".".join([*base, *([node.module] if node.module else [])])


def _imports(
    tree: ast.Module, module: str, is_package: bool, root: Path = ROOT
) -> Iterator[tuple[list[str], bool]]:
    """Per import statement outside TYPE_CHECKING: the modules it loads, and whether it
    is made inside a function. `from a import b` names `a.b` when b is a module of a,
    else `a`."""

    def walk(node: ast.AST, in_function: bool) -> Iterator[tuple[list[str], bool]]:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and ast.unparse(child.test).endswith("TYPE_CHECKING"):
                yield from walk(ast.Module(body=child.orelse, type_ignores=[]), in_function)
                continue
            inner = in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
            if isinstance(child, ast.Import):
                yield [alias.name for alias in child.names], in_function
            elif isinstance(child, ast.ImportFrom):
                target = _resolve(module, is_package, child)
                submodules = [
                    f"{target}.{a.name}"
                    for a in child.names
                    if _is_module(f"{target}.{a.name}", root)
                ]
                # `from pkg import mod` loads mod (pkg is already loading); a name from
                # pkg's own namespace depends on pkg
                names = submodules if len(submodules) == len(child.names) else [target, *submodules]
                yield names, in_function
            yield from walk(child, inner)

    yield from walk(tree, False)


def _components(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's strongly connected components of size > 1."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    sys.setrecursionlimit(10_000)

    def visit(node: str) -> None:
        nonlocal counter
        index[node] = low[node] = counter
        counter += 1
        stack.append(node)
        on_stack.add(node)
        for nxt in graph[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            members = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                members.append(top)
                if top == node:
                    break
            if len(members) > 1:
                found.append(sorted(members))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found, key=len, reverse=True)


def _domain(module: str, root: Path = ROOT) -> str:
    """The domain package a module belongs to: schema.loans.x -> schema.loans; a module
    at a layer's top (schema.authz) belongs to the layer."""
    parts = module.split(".")
    if len(parts) > 1 and (root / parts[0] / parts[1]).is_dir():
        return ".".join(parts[:2])
    return parts[0]


def measure(root: Path = ROOT) -> dict[str, object]:
    """The figures of the tree at `root` (a layer missing there counts as empty)."""
    layers: dict[str, dict[str, int]] = {}
    graph: dict[str, set[str]] = {}
    local_imports: dict[str, int] = {}
    for layer in LAYERS:
        files = sorted((root / layer).rglob("*.py"))
        lines = 0
        untyped = 0
        provider_calls = 0
        local = 0
        for path in files:
            text = path.read_text()
            lines += len(text.splitlines())
            if layer == "schema":
                if not any(mark in text for mark in STRAWBERRY_MARKS):
                    untyped += 1
                provider_calls += text.count("info.context.providers.")
            module = module_name(path, root)
            tree = ast.parse(text, filename=str(path))
            targets: set[str] = set()
            for names, in_function in _imports(tree, module, path.name == "__init__.py", root):
                targets.update(names)
                if in_function and names[0].split(".")[0] in GRAPH_LAYERS:
                    local += 1
            if layer in GRAPH_LAYERS:
                graph[module] = targets
        layers[layer] = {"files": len(files), "lines": lines, "function_local_imports": local}
        if layer == "schema":
            layers[layer]["files_without_a_graphql_type"] = untyped
            layers[layer]["provider_calls"] = provider_calls
        local_imports[layer] = local
    known = set(graph)
    edges = {m: {t for t in targets if t in known and t != m} for m, targets in graph.items()}
    cycles = [
        {
            "size": len(members),
            "crosses_domains": len({_domain(m, root) for m in members}) > 1,
            "members": members,
        }
        for members in _components(edges)
    ]
    return {"layers": layers, "import_cycles": cycles}


def main(argv: list[str]) -> int:
    figures = measure()
    out = ROOT / "bench" / "results" / f"{datetime.date.today().isoformat()}-layout.json"
    if "--no-write" not in argv:
        out.write_text(json.dumps(figures, indent=2) + "\n")
    for layer, counts in figures["layers"].items():  # type: ignore[attr-defined]
        print(layer, " ".join(f"{k}={v}" for k, v in counts.items()))  # noqa: T201 (a report)
    for cycle in figures["import_cycles"]:  # type: ignore[attr-defined]
        flag = "crosses domains" if cycle["crosses_domains"] else "inside one domain"
        print(f"cycle of {cycle['size']} ({flag}): {' '.join(cycle['members'])}")  # noqa: T201
    return 0
