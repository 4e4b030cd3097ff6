"""Where the serving process spends its CPU: a pyinstrument session, summed by library.

The sandboxes run in the same process as the gateway (they are its upstream here), so
their share is reported apart: it is not a cost of the gateway on real providers.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

# Checked in order: the first fragment found in a frame's file path names its component.
COMPONENTS: tuple[tuple[str, str], ...] = (
    ("selectors.py", "idle (waiting in epoll)"),
    ("/sandbox/", "sandbox providers (not gateway cost)"),
    ("/graphql/validation/", "graphql-core validation"),
    ("/graphql/language/", "graphql-core parsing"),
    ("/graphql/execution/", "graphql-core execution"),
    ("/graphql/", "graphql-core other"),
    ("/strawberry/", "strawberry"),
    ("/httpcore/", "httpcore (client HTTP/1.1)"),
    ("/httpx/", "httpx client"),
    ("/h11/", "h11 (HTTP parsing, server and client)"),
    ("/uvicorn/", "uvicorn"),
    ("/starlette/", "starlette/fastapi"),
    ("/fastapi/", "starlette/fastapi"),
    ("/pydantic", "pydantic"),
    ("/aiodataloader", "aiodataloader"),
    ("/json/", "json (stdlib)"),
    ("/asyncio/", "asyncio event loop"),
    ("/logging/", "logging"),
    ("/schema/", "fingate schema"),
    ("/resolvers/", "fingate resolvers"),
    ("/gateway/", "fingate gateway"),
)


def component(file_path: str) -> str:
    for fragment, name in COMPONENTS:
        if fragment in file_path:
            return name
    return "other"


def serving_root(root: Any) -> Any:
    """The subtree of uvicorn's serving loop (gateway/cli.py `_run`): imports and schema
    building at start-up are left out."""
    stack = [root]
    while stack:
        node = stack.pop()
        if node.function == "_run" and str(node.file_path or "").endswith("gateway/cli.py"):
            return node
        stack.extend(node.children)
    return root


def self_times(frame: Any, by_component: dict[str, float], by_function: dict[str, float]) -> None:
    """Walk a pyinstrument frame tree, adding each frame's own (not children's) time.
    Built-ins (no source file) count for the component of the code that called them."""
    stack: list[tuple[Any, str]] = [(frame, "other")]
    while stack:
        node, caller = stack.pop()
        # pyinstrument hangs a frame's own samples on synthetic "[self]" children.
        children = [c for c in node.children if not c.is_synthetic]
        own = float(node.time) - sum(float(c.time) for c in children)
        path = str(node.file_path or "")
        name = component(path) if path and not path.startswith("<") else caller
        if node.function in ("poll", "select") and "epoll" in str(node.class_name or ""):
            name = "idle (waiting in epoll)"
        if own > 0:
            by_component[name] = by_component.get(name, 0.0) + own
            short = path.rsplit("site-packages/", 1)[-1].rsplit("/main/", 1)[-1]
            key = f"{short}:{node.function}"
            by_function[key] = by_function.get(key, 0.0) + own
        stack.extend((c, name) for c in children)


def summarize(session_file: Path, top: int = 12) -> dict[str, Any]:
    from pyinstrument.session import Session  # the bench extra

    session = Session.load(str(session_file))
    root = session.root_frame()
    if root is not None:
        root = serving_root(root)
    components: dict[str, float] = {}
    functions: dict[str, float] = {}
    if root is not None:
        self_times(root, components, functions)
    by_component = Counter(components)
    by_function = Counter(functions)
    busy = sum(t for name, t in by_component.items() if not name.startswith("idle"))
    return {
        "duration_s": session.duration,
        "busy_s": busy,
        "components": [
            {"name": n, "seconds": round(t, 3), "share_of_busy": round(t / busy, 3) if busy else 0}
            for n, t in by_component.most_common()
        ],
        "functions": [
            {"name": n, "seconds": round(t, 3), "share_of_busy": round(t / busy, 3) if busy else 0}
            for n, t in by_function.most_common(top)
        ],
    }
