"""Stage `places`: place names in the text, resolved to gazetteer entries.

Finding: candidates are word n-grams that contain a capitalised word, looked up as
written, then through the language's suffix rules ("Миколаєві" -> "Миколаїв"), then,
where the text says a place is expected (a dateline or label, after "in"/"near", or
beside a region), by spelling skeleton ("Kupyansk" for "Kupiansk").

Choosing: curated names first, then places in the report's focus countries (the
countries it names, the other places it names -- datelines, labels and names after
"in" most --, its actors' home countries, more weakly, and the theatre of base/
places.yaml where nothing else decides), in an admin region the text names (strongest
when given beside the name: "Kupiansk, Kharkiv oblast"), near the places the text gives
unambiguously, then the more populous. Small places the context does not support are
dropped as likely common words or person names ("deputy Zhuravko"), and so are foreign
places far from every place the text gives and villages named in passing far from them.
Countries go to `Doc.countries`: a country is context, never an event location.

Modules, in the order they depend on each other: `rules` (the language's place rules and the
stage's constants), `candidates` (finding names and their gazetteer candidates), `features` (what
decides between candidates, and their scores), `choice` (the choice, and the stage function).
"""

from .choice import find_place_mentions, find_places
from .features import default_theatre, theatre_of
from .rules import REGIONS, PlaceRules, rules

__all__ = ["REGIONS", "PlaceRules", "default_theatre", "find_place_mentions", "find_places", "rules", "theatre_of"]
