"""Who did it to whom: the actors of an event, their inter codes, and who a strategic development
is by when the report names nobody."""

from __future__ import annotations

from ...records import Actor, ActorMention
from ...taxonomy import EVENT_TYPE, TERRITORY
from ..actors import actor_dictionary
from .index import ARMED, Index, Scope, nearest_in_scope, subject_of

Role = ActorMention | Actor | None


# Who a strategic development is by when the report names nobody: arrests are made by police,
# the rest (an agreement, a coup, a deployment) by the state's forces.
SD_FALLBACK = {"Arrests": "police", "Looting/property destruction": "unidentified"}


def choose_actors(scope: Scope, index: Index, sub_event: str) -> tuple[Role, Role]:
    known = actor_dictionary()
    mentions = index.taking_part.within(scope.sentence)
    armed = [a for a in mentions if a.actor.inter in ARMED]
    civilians = [a for a in mentions if a.actor.inter == 7] or [
        a for a in index.actors.within(scope.window) if a.actor.inter == 7
    ]
    event_type = EVENT_TYPE[sub_event]
    if event_type == "Protests":
        first = nearest_in_scope(scope, [a for a in mentions if a.actor.inter == 6]) or known["protesters"]
        return first, (nearest_in_scope(scope, armed) if sub_event != "Peaceful protest" else None)
    if event_type == "Riots":
        return nearest_in_scope(scope, [a for a in mentions if a.actor.inter == 5]) or known[
            "rioters"
        ], nearest_in_scope(scope, armed)
    first = subject_of(scope, armed)
    if event_type in ("Violence against civilians", "Explosions/Remote violence"):
        # ACLED: the target of violence against civilians is always actor2.
        victims = nearest_in_scope(scope, civilians) or (civilians[0] if civilians else None)
        if event_type == "Violence against civilians":
            victims = victims or known["civilians"]
        other = victims or nearest_in_scope(
            scope, [a for a in armed if first is None or a.actor.key != first.actor.key]
        )
        return first or known["unidentified"], other
    if first is None and event_type == "Strategic developments":
        first = nearest_in_scope(scope, mentions) or known[SD_FALLBACK.get(sub_event, "military")]
    if first is None:
        return None, None  # a fight nobody is named in is a general statement
    key = first.actor.key if isinstance(first, ActorMention) else first.key
    opponents = [a for a in armed if a.actor.key != key]
    second = nearest_in_scope(scope, opponents)
    if second is None and sub_event in TERRITORY:
        # Territory changes hands between sides the report names, not always in the same sentence.
        second = next((a for a in index.participants if a.actor.inter in ARMED and a.actor.key != key), None)
    return first, second


def actor_of(role: Role) -> Actor | None:
    return role.actor if isinstance(role, ActorMention) else role


def inter_code(actor: Actor, iso2: str) -> int:
    # A state's forces acting outside their own country are external forces (ACLED inter 8).
    if actor.inter == 1 and actor.country and iso2 and actor.country != iso2:
        return 8
    return actor.inter
