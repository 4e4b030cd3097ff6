"""How every mutation runs: check, claim the idempotency key, write once, remember.

check(input)          -> userErrors, and no upstream call, when the input is bad
claim (caller, mutation, key) with a fingerprint of the input
    new               -> send(provider_key) once
        ok                    -> record completed, payload returned
        provider refused it   -> userErrors (provider fields mapped to input fields)
        no answer after send  -> record outcome_unknown, error OUTCOME_UNKNOWN
        certainly not sent    -> claim released, the error returned
    same input, done  -> the stored result replayed, no upstream call
    same input, running -> wait (bounded) for it, else IDEMPOTENCY_IN_PROGRESS
    same input, unknown -> reconcile (read the provider, or re-send with the same
                           provider idempotency key) instead of writing blindly
    other input       -> IDEMPOTENCY_KEY_REUSED, no upstream call

Every mutation states its write as a `WriteSpec` subclass (below) and calls
`run_write(info, spec)`.
"""

from __future__ import annotations

import abc
import enum
import hashlib
import json
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar, Generic, TypeVar, get_args

import strawberry
from pydantic import BaseModel

from resolvers.checks import Checks
from resolvers.errors import ProviderUnavailable, ProviderValidationError
from resolvers.idempotency import IdempotencyRecord
from resolvers.refusals import Problem, Refused

from .context import Info
from .errors import BadInput, GatewayError

P = TypeVar("P")

WAIT_FOR_RUNNING = 10.0  # seconds a retry waits for the same write still in flight


@strawberry.type(description="A problem with the input, for a person to fix.")
class UserError:
    field: list[str] | None = strawberry.field(
        description='Path to the input field, e.g. ["input", "limitPrice"]; null: the whole input.'
    )
    message: str
    code: str = strawberry.field(
        description="REQUIRED, INVALID, OUT_OF_RANGE, NOT_FOUND or PROVIDER_REJECTED."
    )


def user_error(path: str | None, message: str, code: str = "INVALID") -> UserError:
    """A user error for `path`, a dotted input path such as "applicants.0.email"."""
    return UserError(
        field=["input", *path.split(".")] if path else None, message=message, code=code
    )


def user_errors(problems: Sequence[Problem]) -> list[UserError]:
    """The data layer's input problems (resolvers.refusals.Problem) as userErrors."""
    return [user_error(p.path, p.message, p.code) for p in problems]


class IdempotencyKeyReused(GatewayError):
    code = "IDEMPOTENCY_KEY_REUSED"


class IdempotencyInProgress(GatewayError):
    code = "IDEMPOTENCY_IN_PROGRESS"


class OutcomeUnknown(GatewayError):
    code = "OUTCOME_UNKNOWN"


class WriteSpec(abc.ABC, Generic[P]):
    """One mutation's write, stated once; `run_write` checks, claims and writes once.

    A subclass names the mutation and fills in its parts, each a method with one job:

        check(checks)        the input's rules, without reads (resolvers.checks.Checks)
        send(provider_key)   the provider call(s); the record it answers. A rule that
                             needs a read raises resolvers.refusals.Refused before the
                             write: nothing is sent, the claim is released, userErrors
        reconcile(key)       optional: what an unanswered write did (its record), or
                             None when it provably did not happen
        payload(record)      the payload, from the record, without upstream calls
        refused(errors)      the payload carrying userErrors (by default: P(user_errors=...))

    `record` is the pydantic model `send` answers (or None for plain JSON data): it is
    what the idempotency store keeps, dumped once and validated again on a replay.
    `fields()` maps the provider's field names to input paths, so a provider's refusal
    of a field becomes a userError on that input field.
    """

    mutation: ClassVar[str]
    record: ClassVar[type[BaseModel] | None] = None
    field_map: ClassVar[Mapping[str, str]] = {}
    payload_type: ClassVar[type[Any]]  # P, read off the class's own base (WriteSpec[P])

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        for base in getattr(cls, "__orig_bases__", ()):
            named = [a for a in get_args(base) if isinstance(a, type)]
            if named:
                cls.payload_type = named[0]

    def __init__(self, info: Info, input: Any) -> None:
        self.info = info
        self.input = input

    def check(self, checks: Checks) -> None:
        """The input's rules, stated as calls on `checks`; nothing by default."""

    @abc.abstractmethod
    async def send(self, provider_key: str | None) -> Any:
        """Send the write (provider_key: for providers that honour one); its record."""

    async def reconcile(self, provider_key: str) -> Any | None:
        """What an unanswered write did; only called when a subclass defines it."""
        raise NotImplementedError

    @abc.abstractmethod
    def payload(self, record: Any) -> P:
        """The payload of a write that was done."""

    def refused(self, errors: list[UserError]) -> P:
        """The payload of a write that was refused: nothing was written. Every payload
        type's other fields default to null, so this is the payload with only errors."""
        payload: P = self.payload_type(user_errors=errors)
        return payload

    def fields(self) -> Mapping[str, str]:
        return self.field_map

    @property
    def can_reconcile(self) -> bool:
        return type(self).reconcile is not WriteSpec.reconcile

    def stored(self, record: Any) -> Any:
        """The record as the idempotency store keeps it (JSON)."""
        return record.model_dump(mode="json") if isinstance(record, BaseModel) else record

    def restored(self, data: Any) -> Any:
        """A stored record as `payload` takes it."""
        return data if self.record is None else self.record.model_validate(data)


def _plain(value: Any) -> Any:
    if isinstance(value, enum.Enum):  # before the object branch: strawberry enums look like types
        return value.value
    if hasattr(value, "__strawberry_definition__") or hasattr(value, "__dataclass_fields__"):
        return {k: _plain(v) for k, v in vars(value).items() if k != "idempotency_key"}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)  # Decimal, date, UNSET...


def fingerprint(mutation: str, data: Any) -> str:
    raw = json.dumps([mutation, _plain(data)], sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(raw.encode()).hexdigest()


def provider_key(caller: str, mutation: str, key: str) -> str:
    """The Idempotency-Key sent to a provider: stable for one client intent, opaque."""
    digest = hashlib.sha256(f"{caller}\x00{mutation}\x00{key}".encode()).hexdigest()
    return f"fg-{digest[:40]}"


def provider_user_errors(
    exc: ProviderValidationError, field_map: Mapping[str, str]
) -> list[UserError]:
    errors = [
        user_error(field_map.get(fe.field) if fe.field else None, fe.message, "PROVIDER_REJECTED")
        for fe in exc.field_errors
    ]
    return errors or [user_error(None, exc.message, "PROVIDER_REJECTED")]


def _client_key(info: Info, write: WriteSpec[Any]) -> str | None:
    from_input = getattr(write.input, "idempotency_key", None)
    from_header = info.context.idempotency_key
    if from_input and from_header and from_input != from_header:
        raise BadInput(
            "idempotencyKey and the Idempotency-Key header differ: send one key per intent.",
            field="idempotencyKey",
        )
    key = from_input or from_header
    if key is not None and not (1 <= len(key) <= 255):
        raise BadInput("idempotencyKey must be 1 to 255 characters.", field="idempotencyKey")
    return key or None


async def run_write(info: Info, write: WriteSpec[P]) -> P:
    """Check the input, claim the client's idempotency key, send once (module docstring)."""
    checks = Checks()
    write.check(checks)
    if checks.problems:
        return write.refused(user_errors(checks.problems))
    key = _client_key(info, write)
    if key is None:
        return await _send(write, None, None, info)
    caller = info.context.caller.id
    store_key = f"{caller}\x00{write.mutation}\x00{key}"
    sent_key = provider_key(caller, write.mutation, key)
    intent = fingerprint(write.mutation, write.input)
    store = info.context.idempotency
    for _ in range(2):
        claim = await store.claim(store_key, intent)
        if claim.claimed:
            return await _send(write, sent_key, store_key, info)
        record = claim.existing
        assert record is not None
        if record.fingerprint != intent:
            raise IdempotencyKeyReused(
                "This idempotencyKey was used with a different input: "
                "use a new key for a new intent."
            )
        if record.state == "in_progress":
            waited = await store.wait(store_key, WAIT_FOR_RUNNING)
            if waited is None:
                continue  # the first attempt was released: claim again
            record = waited
            if record.state == "in_progress":
                raise IdempotencyInProgress(
                    "The first request with this idempotencyKey is still running: retry later."
                )
        return await _replay(write, record, sent_key, store_key, info)
    raise IdempotencyInProgress("The request with this idempotencyKey could not be claimed.")


async def _replay(
    write: WriteSpec[P], record: IdempotencyRecord, sent_key: str, store_key: str, info: Info
) -> P:
    if record.state == "completed":
        result = record.result or {}
        if "user_errors" in result:
            return write.refused([UserError(**e) for e in result["user_errors"]])
        return write.payload(write.restored(result["data"]))
    # outcome_unknown: find out before anything is written again
    if not write.can_reconcile:
        raise OutcomeUnknown(
            "An earlier request with this idempotencyKey got no answer from the provider and "
            "the provider cannot be asked what happened: check before trying with a new key."
        )
    found = await write.reconcile(sent_key)
    store = info.context.idempotency
    if found is not None:
        await store.complete(store_key, {"data": write.stored(found)})
        return write.payload(found)
    await store.release(store_key)  # provably not written: a new attempt is safe
    claim = await store.claim(store_key, fingerprint(write.mutation, write.input))
    if not claim.claimed:
        raise IdempotencyInProgress("Another request is retrying this idempotencyKey.")
    return await _send(write, sent_key, store_key, info)


async def _send(write: WriteSpec[P], sent_key: str | None, store_key: str | None, info: Info) -> P:
    store = info.context.idempotency
    try:
        record = await write.send(sent_key)
    except Refused as refusal:  # a rule checked with reads: nothing was written
        if store_key is not None:
            await store.release(store_key)
        return write.refused(user_errors(refusal.problems))
    except ProviderValidationError as exc:
        errors = provider_user_errors(exc, write.fields())
        if store_key is not None:
            await store.complete(store_key, {"user_errors": [vars(e) for e in errors]})
        return write.refused(errors)
    except ProviderUnavailable as exc:  # also ProviderTimeout
        maybe_sent = exc.maybe_sent
        if store_key is not None:
            if maybe_sent:
                await store.outcome_unknown(store_key, {"provider_key": sent_key or ""})
            else:
                await store.release(store_key)
        if maybe_sent:
            raise OutcomeUnknown(
                f"{exc.provider} did not answer in time and may have done the write. Retry "
                "with the same idempotencyKey: fingate checks before writing again.",
                provider=exc.provider,
            ) from exc
        raise
    except BaseException:  # certainly not written (refused, unauthorised, rate limited...)
        if store_key is not None:
            await store.release(store_key)
        raise
    if store_key is not None:
        await store.complete(store_key, {"data": write.stored(record)})
    return write.payload(record)
