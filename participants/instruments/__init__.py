"""Standardised outcome instruments (LSNS-6, De Jong Gierveld 6-item) stored as data.

The scoring engine is pure Python so it can be tested and reused without Django; see scoring.py.
"""

from participants.instruments.scoring import (
    FORMAT_VERSION,
    AnswerError,
    DefinitionError,
    Scores,
    UnknownInstrumentError,
    bundled_codes,
    load_definition,
    score,
    validate_definition,
)

__all__ = [
    "FORMAT_VERSION",
    "AnswerError",
    "DefinitionError",
    "Scores",
    "UnknownInstrumentError",
    "bundled_codes",
    "load_definition",
    "score",
    "validate_definition",
]
