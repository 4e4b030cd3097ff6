"""The layout holds: the sandboxes are a package of their own, wired in at one place.

`gateway/embedded.py` is the only module of gateway/, schema/ and resolvers/ that
imports `sandbox`, and only inside its functions; importing the gateway loads no
sandbox module, and an app composed with the sandboxes disabled never does.
The import checks run in a fresh interpreter (this one has the test sandbox loaded).
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from bench.layout import measure
from resolvers import PROVIDER_NAMES
from sandbox import PROVIDERS
from schema.build import build_schema
from schema.common import Node

ROOT = Path(__file__).resolve().parents[1]
COMPOSITION = "gateway/embedded.py"


def _imported(node: ast.AST) -> list[str]:
    """The absolute module names an import statement or import_module("...") call names."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
        return [node.module]
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name | ast.Attribute)
        and (node.func.id if isinstance(node.func, ast.Name) else node.func.attr)
        in ("import_module", "__import__")
        and node.args
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
    ):
        return [node.args[0].value]
    return []


def _imports_of(package: str, *, names: tuple[str, ...]) -> dict[str, list[int]]:
    """Per file under `package`, the lines that import any of the top-level `names`."""
    found: dict[str, list[int]] = {}
    for path in sorted((ROOT / package).rglob("*.py")):
        tree = ast.parse(path.read_text(), filename=str(path))
        lines = [
            node.lineno
            for node in ast.walk(tree)
            for module in _imported(node)
            if module.split(".")[0] in names
        ]
        if lines:
            found[path.relative_to(ROOT).as_posix()] = lines
    return found


def _is_type_checking_block(node: ast.stmt) -> bool:
    return isinstance(node, ast.If) and ast.unparse(node.test) in (
        "TYPE_CHECKING",
        "typing.TYPE_CHECKING",
    )


def _run(script: str, *args: str) -> Any:
    """Run `script` in a fresh interpreter at the repository root; its stdout as JSON."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("FINGATE_")}
    result = subprocess.run(
        [sys.executable, "-c", script, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=50,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    return json.loads(result.stdout.splitlines()[-1])


LOADED = "sorted(m for m in sys.modules if m == 'sandbox' or m.startswith('sandbox.'))"

COMPOSED = f"""
import json, sys
from fastapi.testclient import TestClient
from gateway import Settings, create_app

settings = Settings(data_dir=sys.argv[1], sandbox_enabled=sys.argv[2] == "on")
app = create_app(settings)
with TestClient(app) as client:
    status = {{
        "readyz": client.get("/readyz").status_code,
        "sandbox_stats": client.get("/sandbox/_stats").status_code,
        "graphql": client.post("/graphql", json={{"query": "{{ __typename }}"}}).json(),
    }}
print(json.dumps({{"loaded": {LOADED}, **status}}))
"""


def test_only_the_composition_module_imports_the_sandbox_package() -> None:
    found = {
        path: lines
        for package in ("gateway", "schema", "resolvers")
        for path, lines in _imports_of(package, names=("sandbox",)).items()
    }
    assert set(found) == {COMPOSITION}, found


def test_the_composition_module_imports_the_sandboxes_only_inside_its_functions() -> None:
    tree = ast.parse((ROOT / COMPOSITION).read_text())
    at_import_time = [
        node.lineno
        for statement in tree.body
        if not _is_type_checking_block(statement)
        and not isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef)
        for node in ast.walk(statement)
        if any(m.split(".")[0] == "sandbox" for m in _imported(node))
    ]
    assert at_import_time == []
    assert _imports_of("gateway", names=("sandbox",))[COMPOSITION], "the check saw no import"


def test_the_sandboxes_import_nothing_of_the_gateway_schema_or_data_layer() -> None:
    assert _imports_of("sandbox", names=("gateway", "schema", "resolvers")) == {}


def test_importing_the_settings_the_app_and_the_cli_loads_no_sandbox_module() -> None:
    script = (
        "import json, sys\n"
        "import gateway.settings, gateway.app, gateway.cli, gateway.embedded, schema, resolvers\n"
        f"print(json.dumps({LOADED}))"
    )
    assert _run(script) == []


def test_an_app_composed_with_the_sandboxes_disabled_never_imports_them(tmp_path: Path) -> None:
    composed = _run(COMPOSED, str(tmp_path), "off")
    assert composed["loaded"] == []
    assert composed["sandbox_stats"] == 404
    assert composed["readyz"] == 503  # the providers still point at the unmounted sandboxes
    assert composed["graphql"] == {"data": {"__typename": "Query"}}


def test_an_app_composed_with_the_sandboxes_enabled_imports_and_mounts_them(
    tmp_path: Path,
) -> None:
    composed = _run(COMPOSED, str(tmp_path), "on")
    assert "sandbox" in composed["loaded"]
    assert composed["sandbox_stats"] == 200
    assert composed["readyz"] == 200
    assert composed["graphql"] == {"data": {"__typename": "Query"}}


def test_the_sandboxes_simulate_exactly_the_providers_the_data_layer_has_clients_for() -> None:
    assert PROVIDERS == PROVIDER_NAMES == ("finmo", "financeit", "finos", "molo")


def test_the_data_layer_imports_nothing_of_the_schema_the_gateway_or_graphql() -> None:
    """gateway -> schema -> resolvers: the data layer speaks records and plain arguments."""
    names = ("gateway", "schema", "strawberry", "graphql")
    assert _imports_of("resolvers", names=names) == {}


def test_no_schema_module_knows_the_finos_cursor_argument() -> None:
    """Finos paging (`starting_after`) is resolvers.brokerage.paging's, not the schema's."""
    found = [
        path.relative_to(ROOT).as_posix()
        for path in sorted((ROOT / "schema").rglob("*.py"))
        if "starting_after" in path.read_text()
    ]
    assert found == []


def test_no_import_cycle_crosses_a_domain_and_no_import_hides_in_a_function() -> None:
    """schema.borrower, the authorization modules and the domains import one way: the
    domains are composed in schema.build, Borrower's links into them are handed to the
    schema object, and cross-domain types are strawberry.lazy annotations. No module of
    gateway, schema or resolvers imports one of theirs inside a function (the sandbox
    package, imported lazily by gateway/embedded.py, is not one of them)."""
    figures = measure()
    crossing = [c["members"] for c in figures["import_cycles"] if c["crosses_domains"]]  # type: ignore[attr-defined]
    assert crossing == []
    local = {
        layer: counts["function_local_imports"]
        for layer, counts in figures["layers"].items()  # type: ignore[attr-defined]
    }
    assert local == {"gateway": 0, "schema": 0, "resolvers": 0, "sandbox": 0}


def test_the_layout_counts_see_cycles_and_local_imports(tmp_path: Path) -> None:
    """The counting can fail: two modules importing each other, one inside a function."""
    package = tmp_path / "schema" / "a"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (tmp_path / "schema" / "__init__.py").write_text("")
    (package / "x.py").write_text("from ..y import f\n")
    (tmp_path / "schema" / "y.py").write_text("def f():\n    from .a.x import g\n")
    figures = measure(tmp_path)
    cycles = figures["import_cycles"]
    assert [(c["members"], c["crosses_domains"]) for c in cycles] == [  # type: ignore[index]
        (["schema.a.x", "schema.y"], True)
    ]
    assert figures["layers"]["schema"]["function_local_imports"] == 1  # type: ignore[index]


def test_every_node_type_states_its_rules_next_to_it() -> None:
    """Each personal Node type says whose it is (visible_to), each type `node(id)` resolves
    has its own resolve_nodes, and `node(id)` resolves every concrete type."""
    build_schema()  # every domain imported: every Node type defined
    types = Node.implementations()
    assert len(types) >= 25
    ruleless = [t.__name__ for t in types if not t.PUBLIC and t.visible_to is Node.visible_to]
    unresolved = [
        t.__name__ for t in types if t.resolve_nodes.__func__ is Node.resolve_nodes.__func__
    ]  # type: ignore[attr-defined]
    unreachable = [t.__name__ for t in types if not t.NODE_CALLS]
    assert (ruleless, unresolved, unreachable) == ([], [], [])
