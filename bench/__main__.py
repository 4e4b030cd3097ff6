"""`python -m bench [COMMAND ...]`: a command's module runs its `main(argv)`; with none of
these commands, the latency and throughput bench (bench/run.py)."""

import importlib
import sys

COMMANDS = {
    "peer": "peer_run",  # fingate against Hive Gateway
    "layout": "layout",  # files, lines, local imports and import cycles per layer
    "cpu-ab": "cpu_ab",  # CPU per request of two trees, A/B/A/B
    "calls": "calls",  # Python calls per request under cProfile
    "floor": "floor",  # CPU per request next to strawberry + FastAPI's own floor
    "gc": "gc",  # the garbage collector's cost, two trees
    "workers": "workers",  # 1 against N worker processes, and a c=10..200 sweep
}

command = sys.argv[1] if len(sys.argv) > 1 else ""
if command in COMMANDS:
    module = importlib.import_module(f"bench.{COMMANDS[command]}")
    sys.exit(module.main(sys.argv[2:]))

from .run import main  # noqa: E402 (the default command, imported only when it runs)

sys.exit(main())
