"""The errors of a campaign: an invalid file, a run that cannot go on, a credit limit."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, ClassVar

from .._error_base import TokPortalError, _ReprFields

if TYPE_CHECKING:
    from ._report import Quote


class CampaignFileError(TokPortalError, ValueError):
    """A campaign file (or its journal) that cannot be used; nothing was sent.

    ``problems`` lists every problem found at once, each as ``"location: message"``, the
    location written as in the TOML file (``bundles[3].videos[1].date``, indices from 0).
    """

    _repr_fields: ClassVar[_ReprFields] = (("message", "message"), ("problems", "problems"))

    def __init__(self, problems: Iterable[str], *, path: str | None = None) -> None:
        self.problems: tuple[str, ...] = tuple(problems)
        self.path = path
        where = f"{path}: " if path else ""
        count = len(self.problems)
        head = f"{where}{count} problem{'s' if count != 1 else ''} in the campaign"
        self.message = head + "".join(f"\n  - {problem}" for problem in self.problems)
        super().__init__(self.message)


class CampaignError(TokPortalError):
    """A campaign run cannot go on (a step failed for good, a journal already in progress)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class CreditLimitError(CampaignError):
    """The quote is above ``max_credits`` or above the balance: nothing paid was sent.

    ``quote`` is the quote the decision was made on, ``limit`` the ``max_credits`` in force
    (``None`` when there was none) and ``balance`` the balance read before the run.
    """

    def __init__(
        self,
        message: str,
        *,
        quote: Quote | None = None,
        limit: int | None = None,
        balance: int | None = None,
    ) -> None:
        super().__init__(message)
        self.quote = quote
        self.limit = limit
        self.balance = balance
