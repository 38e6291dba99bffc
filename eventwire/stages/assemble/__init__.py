"""Stage `assemble`: triggers, actors, places, dates and counts combined into ACLED events.

Each trigger is read in its clause first, then in its sentence, then in a window of the sentences
that follow it up to the next trigger. ACLED's hierarchy decides between co-occurring triggers
(`taxonomy.PRIORITY`, `taxonomy.absorbs`); generic attack and killing words are typed by their
target. Events of the same type, actors, place and date within one report merge into one event.

The mentions a trigger is read with are looked up in a per-document `Index` (mentions sorted by
where they start, found by bisection), so the cost grows with the mentions near each trigger, not
with every mention of the report for every trigger.

Modules, in the order they depend on each other: `index` (scopes and mention lookup), `words`
(the lexicon words the stage reads), `ranking` (which triggers make events), `roles` (actors),
`fields` (place, date, toll, country), `build` (one event per clause, then `merge.within`).
"""

from .build import assemble_events
from .index import WEAPON_NOT_REPORTED, Index, Located, Scope

__all__ = ["WEAPON_NOT_REPORTED", "Index", "Located", "Scope", "assemble_events"]
