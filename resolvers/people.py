"""Who a borrower is across providers: one person, matched by normalized email.

Each provider's part lists its people (a `PeopleDirectory`): by provider id, by
normalized email, newest first. Here those directories are asked through
per-request dataloaders (one call per provider per level of a query, whatever
the number of borrowers asking), and a person's profiles elsewhere are gathered
newest first, a failing provider costing only its own profiles.
"""

from __future__ import annotations


def normalize_email(email: str | None) -> str | None:
    """Lower case, no surrounding space: how emails are matched across providers."""
    if email is None:
        return None
    cleaned = email.strip().lower()
    return cleaned or None
