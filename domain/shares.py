"""A project's funding shares (EU, state, beneficiary) as amounts: stated, or a percentage
of the total eligible expenditure.

The validator checks the shares with these amounts (``etl.validate.check_shares``) and
the loader stores them (``etl.transform.funding_rows``), so the two never disagree about
what a share is worth.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

#: How far stated amounts may be from their sum or their percentage (Kč): the sources round.
SHARE_TOLERANCE = Decimal("1.00")  # Kč


def resolve_share_amounts(total: Decimal | None, shares: Mapping[str, object]) -> dict[str, Decimal]:
    """Amount of each share: as stated, or its percentage of the total (half-up to haléře).

    When all three come from percentages, the EU share takes the rounding
    remainder so that the three add up to the total exactly.
    """
    amounts: dict[str, Decimal] = {}
    for column, share in shares.items():
        if share.amount is not None:
            amounts[column] = share.amount
        elif share.percent is not None and total is not None:
            amounts[column] = (total * share.percent / 100).quantize(Decimal("0.01"),
                                                                     rounding="ROUND_HALF_UP")
    derived = [c for c, s in shares.items() if s.amount is None]
    if total is not None and len(amounts) == 3 and "podil_eu" in derived:
        others = sum(a for c, a in amounts.items() if c != "podil_eu")
        percents_total = sum(s.percent for s in shares.values() if s.percent is not None)
        if percents_total == 100:
            amounts["podil_eu"] = total - others
    return amounts
