"""Persisted operations: automatic persisted queries and a production allowlist.

Automatic persisted queries (Apollo's protocol, development): a client sends
`extensions.persistedQuery.sha256Hash` without a query; an unknown hash is
answered `PERSISTED_QUERY_NOT_FOUND`, the client retries with the query and
the hash, and the gateway keeps the pair (after checking the hash). With APQ off
(production), a hash alone is answered `PersistedQueryNotSupported`
(`PERSISTED_QUERY_NOT_SUPPORTED`), the protocol's word for "stop trying": Apollo
Client then sends every operation with its text, once, instead of two round trips.

The allowlist (production): a JSON manifest loaded at start, either
`{"<operation id>": "<document>"}` or Apollo's persisted query manifest
(`{"operations": [{"id", "body"}]}`). A client names an operation by its id in
`extensions.persistedQuery.sha256Hash` (or `extensions.documentId`), or by the
SHA-256 of its document (what Apollo Client's persisted-queries link sends); when the
allowlist is enforced, any other document is refused (`PERSISTED_QUERY_NOT_ALLOWED`),
and so is a request that names an operation by id but sends another text with it.
In a batch (when batching is on) every operation is resolved on its own.
"""

from __future__ import annotations

import hashlib
import json
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Refusal:
    message: str
    code: str


NOT_FOUND = Refusal("PersistedQueryNotFound", "PERSISTED_QUERY_NOT_FOUND")
NOT_SUPPORTED = Refusal("PersistedQueryNotSupported", "PERSISTED_QUERY_NOT_SUPPORTED")
NOT_ALLOWED = Refusal("Only persisted operations are accepted", "PERSISTED_QUERY_NOT_ALLOWED")
NOT_THAT_OPERATION = Refusal(
    "The query sent is not the persisted operation its id names: send the id alone",
    "PERSISTED_QUERY_NOT_ALLOWED",
)
HASH_MISMATCH = Refusal("provided sha256Hash does not match query", "BAD_USER_INPUT")


def sha256(document: str) -> str:
    return hashlib.sha256(document.encode()).hexdigest()


def load_manifest(path: Path) -> dict[str, str]:
    """operation id -> document, from either manifest shape."""
    data: Any = json.loads(path.read_text())
    if isinstance(data, dict) and isinstance(data.get("operations"), list):
        return {str(op["id"]): str(op["body"]) for op in data["operations"]}
    if isinstance(data, dict) and all(isinstance(v, str) for v in data.values()):
        return {str(k): v for k, v in data.items()}
    raise ValueError(f"{path}: not a persisted operation manifest")


class PersistedOperations:
    def __init__(
        self,
        *,
        apq: bool,
        apq_cache_size: int = 1000,
        manifest: dict[str, str] | None = None,
        enforce: bool = False,
    ) -> None:
        self.apq = apq
        self.manifest = dict(manifest or {})
        self.enforce = enforce
        self._by_hash = {sha256(doc): doc for doc in self.manifest.values()}
        self._apq: OrderedDict[str, str] = OrderedDict()
        self._apq_size = apq_cache_size

    def resolve(self, query: str | None, extensions: dict[str, Any] | None) -> str | Refusal | None:
        """The document to run (None: the request has none), or why it is refused."""
        operation_id = _operation_id(extensions)
        listed = None
        if operation_id is not None:
            listed = self.manifest.get(operation_id) or self._by_hash.get(operation_id.lower())
        if listed is not None:
            if query is not None and query != listed:
                return NOT_THAT_OPERATION  # the id of one operation, the text of another
            return listed
        if self.enforce:
            if query is not None and sha256(query) in self._by_hash:
                return query  # the full text of an allowed operation
            return NOT_ALLOWED if query is not None or operation_id is None else NOT_FOUND
        if operation_id is not None and self.apq:
            return self._automatic(operation_id, query)
        if query is None:
            return NOT_SUPPORTED if operation_id is not None else None
        return query

    def _automatic(self, digest: str, query: str | None) -> str | Refusal:
        digest = digest.lower()
        if query is None:
            known = self._apq.get(digest)
            if known is None:
                return NOT_FOUND
            self._apq.move_to_end(digest)
            return known
        if sha256(query) != digest:
            return HASH_MISMATCH
        self._apq[digest] = query
        while len(self._apq) > self._apq_size:
            self._apq.popitem(last=False)
        return query


def _operation_id(extensions: dict[str, Any] | None) -> str | None:
    if not extensions:
        return None
    persisted = extensions.get("persistedQuery")
    if isinstance(persisted, dict) and isinstance(persisted.get("sha256Hash"), str):
        return str(persisted["sha256Hash"])
    document_id = extensions.get("documentId")
    return document_id if isinstance(document_id, str) else None
