"""DataFrame rows as dicts, cheaply."""

from __future__ import annotations

import pandas as pd


def records(frame: pd.DataFrame) -> list[dict]:
    """The rows as ``{column: value}`` dicts, as ``frame.to_dict("records")`` gives them.

    Column by column: ``to_dict`` boxes every cell on its own, which with pandas' string
    columns costs a few milliseconds per thousand rows, on every uncached page.
    """
    names = list(frame.columns)
    columns = [frame.iloc[:, i].tolist() for i in range(len(names))]
    return [dict(zip(names, row, strict=True)) for row in zip(*columns, strict=True)]
