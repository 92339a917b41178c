"""Calendar arithmetic the apps share."""

import datetime

from dateutil.relativedelta import relativedelta


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later, or the month's last day when it has no such day."""
    return day + relativedelta(months=months)
