"""When declarations are filed: weekly, yearly and daily cycles, drawn in time order.

The intensity of filing is a product of a weekday factor (busy Tuesday to Thursday, quiet
weekends), a yearly cycle (a lull after Chinese New Year and in August, a pre-Christmas peak
from September to November) and office hours. Declaration ``i`` of ``n`` is placed at the
quantile ``(i + u) / n`` of that intensity (stratified sampling), so the stream comes out
in time order without holding it in memory.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

_WEEKDAY = np.array([1.10, 1.20, 1.20, 1.15, 1.05, 0.30, 0.12])
_HOUR = np.array(
    [
        0.2,
        0.1,
        0.1,
        0.1,
        0.2,
        0.4,
        0.8,
        1.4,
        2.0,
        2.2,
        2.2,
        2.0,
        1.6,
        1.9,
        2.1,
        2.0,
        1.8,
        1.4,
        0.9,
        0.6,
        0.5,
        0.4,
        0.3,
        0.2,
    ]
)


def yearly_factor(day_of_year: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """Relative volume by day of year: a pre-Christmas peak and lulls in February and August."""
    peak = 0.25 * np.exp(-(((day_of_year - 290) / 40) ** 2))
    february = 0.20 * np.exp(-(((day_of_year - 45) / 12) ** 2))
    august = 0.12 * np.exp(-(((day_of_year - 225) / 15) ** 2))
    result: npt.NDArray[np.float64] = 1.0 + peak - february - august
    return result


@dataclass(frozen=True, slots=True)
class Calendar:
    """Filing intensity over ``days`` days from ``start``, one bin per hour."""

    start: dt.date
    days: int
    cdf: npt.NDArray[np.float64]
    day_strings: list[str]

    def place(
        self, positions: npt.NDArray[np.float64]
    ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        """Day index and second of day for sorted quantiles ``positions`` in ``[0, 1)``; the
        second interpolates within the hour, so sorted positions give sorted times."""
        hour = np.minimum(np.searchsorted(self.cdf, positions, side="right"), self.cdf.size - 1)
        lower = np.where(hour > 0, self.cdf[hour - 1], 0.0)
        within = (positions - lower) / np.maximum(self.cdf[hour] - lower, 1e-300)
        seconds = (hour % 24) * 3600 + np.clip(within * 3600, 0, 3599).astype(np.int64)
        return (hour // 24).astype(np.int64), seconds.astype(np.int64)

    def timestamp(self, day: int, second: int) -> str:
        """ISO 8601 UTC text for a day index and second of day."""
        hours, rest = divmod(second, 3600)
        return f"{self.day_strings[day]}T{hours:02d}:{rest // 60:02d}:{rest % 60:02d}Z"


def build_calendar(start: dt.date, days: int) -> Calendar:
    """The filing intensity for ``days`` days from ``start``."""
    dates = [start + dt.timedelta(days=d) for d in range(days)]
    weekday = _WEEKDAY[[d.weekday() for d in dates]]
    yearly = yearly_factor(np.array([d.timetuple().tm_yday for d in dates], np.float64))
    weights = np.outer(weekday * yearly, _HOUR).ravel()
    cdf = np.cumsum(weights) / weights.sum()
    return Calendar(start, days, cdf, [d.isoformat() for d in dates])
