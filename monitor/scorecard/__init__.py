"""The HPIG scorecard: every strategy and Joint Forward Plan rated Yes / To some extent / No on the
indicators of the HPIG review (`config/scorecard.yaml`), with the passages that show it.

`indicators` loads the rules, `evidence` reads a version's stored text and commitments once, `structure`
finds the structural facts (a named lead, a 0 to 25 population), `rate` rates one indicator, `card`
builds a system's and the nation's scorecard from the archive as of a date, `summary` the national
figures and the comparison of two dates.
"""

from .evidence import Evidence, Passage, gather
from .indicators import Clause, Indicator, Indicators, check_indicators, load_indicators
from .rate import Quote, Rating, rate

__all__ = ["Clause", "Evidence", "Indicator", "Indicators", "Passage", "Quote", "Rating", "check_indicators",
           "gather", "load_indicators", "rate"]
