"""timeline: an auditable, charted timeline of claims in news reporting.

>>> import timeline
>>> frame = timeline.load_events()
>>> {"record_id", "quote", "claimant", "count_best"} <= set(frame.columns)
True
"""

from .dates import DateExpressionError, DateInterval, normalise_date
from .errors import RecordsInvalid, ValidationError
from .export import save
from .names import ActorRegistry, UnknownName
from .numbers import Count, CountExpressionError, parse_count
from .records import LoadResult, Tables, load_dataset, load_events, load_events_with_errors, load_tables

__all__ = [
    "ActorRegistry", "Count", "CountExpressionError", "DateExpressionError", "DateInterval", "LoadResult",
    "RecordsInvalid", "Tables", "UnknownName", "ValidationError", "load_dataset", "load_events",
    "load_events_with_errors", "load_tables", "normalise_date", "parse_count", "save",
]
__version__ = "0.1.0"
