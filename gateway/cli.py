"""The `fingate` command: one GraphQL API over Finmo, FinanceIt, Finos and Molo.

    fingate serve   [--host 127.0.0.1] [--port 8000] [--seed N] [--scale N] [--workers N]
    fingate sandbox [--host 127.0.0.1] [--port 8001] [--seed N] [--scale N]
    fingate schema  print the GraphQL schema (SDL)
    fingate --version

The listening socket is bound before the app is built, so `--port 0` picks a
free port and the gateway still knows where its embedded sandboxes are.
"""

from __future__ import annotations

import argparse
import logging
import math
import os
import socket
import sys
from collections.abc import Sequence
from importlib import metadata
from typing import Any

import uvicorn
from pydantic import ValidationError
from pydantic_settings import SettingsError

from resolvers.resilience import SharedBuckets
from schema import build_schema

from .app import create_app, startup_checks
from .embedded import standalone_app
from .runtime import FrozenStartServer, tune_collector
from .settings import PREFIX, PROVIDER_NAMES, Settings, unknown_variables, unparsable_json
from .workers import Child, Supervisor, usable_cores


def _bind(host: str, port: int, *, reuse_port: bool = False) -> socket.socket:
    """A listening socket. `reuse_port`: one of several on the same port (one per
    worker), among which the kernel spreads new connections evenly."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # proto=IPPROTO_TCP matters: asyncio sets TCP_NODELAY on accepted sockets only when
    # it can see they are TCP; without it, Nagle and delayed ACKs add ~40 ms per response.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if reuse_port:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.bind((host, port))
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


KEEP_ALIVE_SECONDS = 75
SETTINGS_DOC = "README.md, section Settings"


def _version() -> str:
    try:
        return metadata.version("fingate")
    except metadata.PackageNotFoundError:  # run from a source tree that is not installed
        return "(not installed)"


def uvicorn_options(settings: Settings) -> dict[str, Any]:
    """How uvicorn serves the gateway, beyond the app and the socket.

    Forwarded headers: uvicorn believes `X-Forwarded-For` from 127.0.0.1 unless told
    otherwise, which would let any local client (or one behind a proxy that passes the
    header through) pick the address its budget and limits are keyed on. They are read
    only from `security.trusted_proxies`, and not at all when none is configured.

    Idle keep-alive connections are held 75 s (uvicorn's default is 5 s): longer than
    the pools in front of it keep theirs (load balancers 60 s, httpx 30 s, the gateway's
    own calls to its embedded sandboxes), so no client sends on a connection the server
    is closing at that moment."""
    proxies = list(settings.security.trusted_proxies)
    return {
        "lifespan": "on",
        "ws": "none",
        "timeout_keep_alive": KEEP_ALIVE_SECONDS,
        "proxy_headers": bool(proxies),
        "forwarded_allow_ips": proxies,
    }


def _run(app: Any, sock: socket.socket, settings: Settings) -> None:
    """Serve until SIGINT/SIGTERM; then the listening socket closes at once (no new
    connections) and in-flight requests get `resilience.shutdown_grace` seconds."""
    config = uvicorn.Config(
        app,
        log_level=settings.log_level,
        timeout_graceful_shutdown=math.ceil(settings.resilience.shutdown_grace),
        **uvicorn_options(settings),
    )
    tune_collector(settings.gc_threshold)
    tuned = settings.gc_threshold > 0
    collect_every = settings.gc_interval if tuned else 0
    FrozenStartServer(config, freeze=tuned, collect_every=collect_every).run(sockets=[sock])


def worker_count(settings: Settings) -> int:
    """`workers`, or by default one per usable core; one while the embedded sandboxes
    serve unless asked for more (their state lives in a single process)."""
    if settings.workers:
        return settings.workers
    return 1 if _embedded(settings) else usable_cores()


def _embedded(settings: Settings) -> bool:
    return settings.sandbox_enabled and any(settings.uses_sandbox(p) for p in PROVIDER_NAMES)


def _serve_workers(settings: Settings, first: socket.socket, count: int, shown: str) -> int:
    """The supervisor: `count` workers, each on its own socket of the port (SO_REUSEPORT:
    the kernel spreads connections over them, where one shared socket lets whichever
    worker wakes first take a whole burst), and the embedded sandboxes (when used) in a
    process of their own that every worker calls (gateway/workers.py)."""
    startup_checks(settings)  # before forking: a refusal stops the server, not a worker
    socks = [first] + [
        _bind(settings.host, settings.port, reuse_port=True) for _ in range(count - 1)
    ]
    shared = SharedBuckets()
    sandbox: Child | None = None
    sandbox_at: str | None = None
    where = "no embedded sandboxes"
    if _embedded(settings):
        sandbox_sock = _bind("127.0.0.1", 0)  # its own free loopback port
        sandbox_at = f"http://127.0.0.1:{sandbox_sock.getsockname()[1]}"
        where = f"sandboxes at {sandbox_at}/"

        def run_sandbox() -> None:
            for sock in socks:
                sock.close()
            _run(standalone_app(settings), sandbox_sock, settings)

        sandbox = Child("sandbox", run_sandbox)

    def worker(index: int) -> Child:
        def run() -> None:
            for other, sock in enumerate(socks):
                if other != index:
                    sock.close()
            app = create_app(settings, shared=shared, sandbox_at=sandbox_at)
            _run(app, socks[index], settings)

        return Child(f"worker {index + 1}", run)

    def close_listeners() -> None:  # on shutdown: new connections are refused at once
        for sock in socks:
            sock.close()

    print(
        f"fingate serving http://{shown}:{settings.port}/graphql ({count} workers, {where})",
        flush=True,
    )
    workers = [worker(i) for i in range(count)]
    grace = settings.resilience.shutdown_grace
    return Supervisor(workers, sandbox, grace=grace, on_stop=close_listeners).run()


def _common(parser: argparse.ArgumentParser, default_port: int) -> None:
    parser.add_argument("--host", default=None, help="address to listen on (127.0.0.1)")
    parser.add_argument(
        "--port", type=int, default=None, help=f"port ({default_port}; 0: a free one)"
    )
    parser.add_argument("--seed", type=int, default=None, help="sandbox data seed (42)")
    parser.add_argument("--scale", type=int, default=None, help="sandbox data size (1)")


def describe_errors(exc: ValidationError) -> list[str]:
    """One line per bad value: the environment variable, what is wrong, what it got."""
    lines = []
    for error in exc.errors():
        variable = PREFIX + "__".join(str(part) for part in error["loc"]).upper()
        given = error.get("input")
        shown = "" if isinstance(given, dict) else f" (got {str(given)[:60]!r})"
        lines.append(f"{variable}: {error['msg']}{shown}")
    return lines


def _settings(args: argparse.Namespace, default_port: int) -> Settings:
    unknown = unknown_variables(os.environ)
    if unknown:  # a misspelt setting must not start the gateway on its default
        for line in unknown:
            print(f"fingate: {line}", file=sys.stderr)
        print("fingate: not started; every FINGATE_ variable must be a setting", file=sys.stderr)
        raise SystemExit(2)
    overrides: dict[str, Any] = {}
    if args.host is not None:
        overrides["host"] = args.host
    if args.port is not None:
        overrides["port"] = args.port
    elif default_port != 8000:
        overrides["port"] = default_port
    if args.seed is not None:
        overrides["sandbox_seed"] = args.seed
    if args.scale is not None:
        overrides["sandbox_scale"] = args.scale
    if getattr(args, "workers", None) is not None:
        overrides["workers"] = args.workers
    try:
        return Settings(**overrides)
    except (ValidationError, SettingsError) as exc:  # a line each: never a traceback
        if isinstance(exc, ValidationError):
            lines = describe_errors(exc)
        else:  # a JSON value that does not parse; pydantic-settings names only its section
            lines = unparsable_json(os.environ) or [str(exc)]
        for line in lines:
            print(f"fingate: {line}", file=sys.stderr)
        print(f"fingate: not started; the settings are listed in {SETTINGS_DOC}", file=sys.stderr)
        raise SystemExit(2) from None


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="fingate",
        description=__doc__.splitlines()[0].removeprefix("The `fingate` command: "),
        epilog=f"Settings are FINGATE_* environment variables, listed in {SETTINGS_DOC}; "
        "`fingate serve` with none serves the embedded sandbox providers on 127.0.0.1:8000.",
    )
    parser.add_argument("--version", action="version", version=f"fingate {_version()}")
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="serve the gateway and its sandboxes")
    _common(serve, 8000)
    serve.add_argument(
        "--workers",
        type=int,
        default=None,
        help="processes serving together (FINGATE_WORKERS; default: one per core, "
        "or one on the embedded sandboxes)",
    )
    _common(commands.add_parser("sandbox", help="serve only the sandboxes"), 8001)
    commands.add_parser("schema", help="print the GraphQL schema (SDL)")
    args = parser.parse_args(argv)
    if args.command == "schema":
        print(build_schema().as_str())
        return 0

    default_port = 8001 if args.command == "sandbox" else 8000
    settings = _settings(args, default_port)
    workers = worker_count(settings) if args.command == "serve" else 1
    shown_pid = " [%(process)d]" if workers > 1 else ""  # which worker wrote the line
    logging.basicConfig(
        level=settings.log_level.upper(), format=f"%(levelname)s{shown_pid} %(name)s %(message)s"
    )
    sock = _bind(settings.host, settings.port, reuse_port=workers > 1)
    port = sock.getsockname()[1]
    settings = settings.model_copy(update={"port": port})
    shown = f"[{settings.host}]" if ":" in settings.host else settings.host

    if workers > 1:
        return _serve_workers(settings, sock, workers, shown)
    if args.command == "serve":
        app = create_app(settings)
        print(f"fingate serving http://{shown}:{port}/graphql (sandboxes at /sandbox/)", flush=True)
    else:
        app = standalone_app(settings)  # imports the sandbox package only here
        where = f"http://{shown}:{port}"
        print(f"fingate sandboxes at {where}/{{finmo,financeit,finos,molo}}", flush=True)
    _run(app, sock, settings)
    return 0


if __name__ == "__main__":
    sys.exit(main())
