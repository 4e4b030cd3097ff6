"""A process that claims a key and is then killed: `python -m
tests.resolvers.idempotency_claimer DB KEY` claims KEY in the SQLite store DB, says
"claimed" on stdout, and waits for stdin to close (the test kills it first)."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from resolvers.idempotency import SqliteIdempotencyStore


async def main(path: str, key: str) -> None:
    store = SqliteIdempotencyStore(Path(path))
    claim = await store.claim(key, "intent")
    sys.stdout.write(f"{'claimed' if claim.claimed else 'refused'}\n")
    sys.stdout.flush()
    await asyncio.to_thread(sys.stdin.read)  # a write "in flight" until killed


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2]))
