"""Finos's cursor pagination, exactly as the reference shows it.

    {"pagination": {"ending_before", "starting_after", "limit", "order",
                    [list filters...], "previous_page", "next_page",
                    "previous_uri", "next_uri"},
     "data": [...]}

`limit` 0-100 (default 25), `order` desc (default, newest first) or asc,
`starting_after` / `ending_before` an id in the list. The reference shows both
`previous_page`/`next_page` (a path: "/accounts?&limit=25&starting_after=...")
and `previous_uri`/`next_uri` (absolute URLs); the sandbox answers with both:
`*_page` is the path below the provider's base URL (`/v1/...`), `*_uri` the
absolute URL. Both carry every parameter of the current call. Silent in the
reference, so the plain choices: an unknown cursor or both cursors at once is a
400 invalid_request; `limit=0` answers no data and no next page.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Depends, Request

from .errors import invalid
from .store import Record

DEFAULT_LIMIT = 25
MAX_LIMIT = 100


@dataclass(frozen=True)
class PageParams:
    limit: int
    order: str
    starting_after: str | None
    ending_before: str | None


def page_params(
    limit: str | None = None,
    order: str | None = None,
    starting_after: str | None = None,
    ending_before: str | None = None,
) -> PageParams:
    """FastAPI dependency: the pagination query parameters, validated."""
    value = DEFAULT_LIMIT
    if limit is not None:
        try:
            value = int(limit)
        except ValueError:
            raise invalid(f"limit must be an integer between 0 and {MAX_LIMIT}") from None
        if not 0 <= value <= MAX_LIMIT:
            raise invalid(f"limit must be between 0 and {MAX_LIMIT}")
    direction = (order or "desc").lower()
    if direction not in ("asc", "desc"):
        raise invalid("order must be asc or desc")
    if starting_after and ending_before:
        raise invalid("starting_after and ending_before cannot be used together")
    return PageParams(value, direction, starting_after or None, ending_before or None)


Page = Annotated[PageParams, Depends(page_params)]


def _links(
    request: Request, params: PageParams, extra: Mapping[str, Any], cursor: tuple[str, str]
) -> tuple[str, str]:
    query: dict[str, Any] = {"limit": params.limit, "order": params.order}
    query.update({k: v for k, v in extra.items() if v is not None})
    query[cursor[0]] = cursor[1]
    encoded = urlencode(query)
    path = request.url.path
    root = str(request.scope.get("root_path", ""))
    relative = path[len(root) :] if root and path.startswith(root) else path
    return f"{relative}?{encoded}", str(request.url.replace(query=encoded))


def paginate(
    request: Request,
    params: PageParams,
    ids: Sequence[str],
    render: Callable[[str], Record],
    *,
    positions: Mapping[str, int] | None = None,
    extra: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """One page of `ids` (oldest first); only the page's records are rendered.

    `positions` are the creation positions of the whole collection `ids` is drawn
    from (in the same order): they make cursor lookups O(1) on unfiltered lists, and
    let a cursor the filters no longer keep still mark a place in a filtered one.
    """
    extra = dict(extra or {})
    count = len(ids)
    desc = params.order == "desc"

    def boundary(cursor: str, name: str, after: bool) -> int:
        """Where the page starts (after=True) or ends, in the view, for `cursor`."""
        pos = positions.get(cursor) if positions is not None else None
        if pos is not None and pos < count and ids[pos] == cursor:
            exact = pos
        else:
            try:
                exact = ids.index(cursor)
            except ValueError:
                if pos is None or positions is None:
                    raise invalid(f"{name} {cursor} is not an id in this list") from None
                # A record the filters no longer keep (an order filled meanwhile): the
                # walk goes on from where that record sits in the whole collection.
                gap = bisect_left([positions[i] for i in ids], pos)
                return count - gap if desc else gap
        view = count - 1 - exact if desc else exact
        return view + 1 if after else view

    def at(view_index: int) -> str:
        return ids[count - 1 - view_index] if desc else ids[view_index]

    if params.ending_before is not None:
        end = boundary(params.ending_before, "ending_before", after=False)
        start = max(0, end - params.limit)
    else:
        start = (
            boundary(params.starting_after, "starting_after", True) if params.starting_after else 0
        )
        end = min(count, start + params.limit)
    page = [at(i) for i in range(start, end)]
    next_page = next_uri = previous_page = previous_uri = None
    if page and end < count:
        next_page, next_uri = _links(request, params, extra, ("starting_after", page[-1]))
    if page and start > 0:
        previous_page, previous_uri = _links(request, params, extra, ("ending_before", page[0]))
    return {
        "pagination": {
            "ending_before": params.ending_before,
            "starting_after": params.starting_after,
            "limit": params.limit,
            "order": params.order,
            **extra,
            "previous_page": previous_page,
            "next_page": next_page,
            "previous_uri": previous_uri,
            "next_uri": next_uri,
        },
        "data": [render(ident) for ident in page],
    }
