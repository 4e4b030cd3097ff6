"""One process of the shared-token test: `python -m tests.resolvers.molo_token_worker
URL TOKENS_FILE N` makes N concurrent Molo calls with a FileTokenStore on TOKENS_FILE
and prints what its token source did, as JSON."""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path

from resolvers import FileTokenStore, MoloConfig
from resolvers.molo import MoloClient


async def main(url: str, path: str, count: int) -> None:
    client = MoloClient.create(MoloConfig(), url, token_store=FileTokenStore(Path(path)))
    try:
        rows = await asyncio.gather(*(client.list_applications() for _ in range(count)))
    finally:
        await client.aclose()
    tokens = client.tokens
    sys.stdout.write(
        json.dumps(
            {
                "answered": sum(1 for r in rows if r),
                "grants": tokens.grants,
                "adopted": tokens.adopted,
            }
        )
        + "\n"
    )


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2], int(sys.argv[3])))
