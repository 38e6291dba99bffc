"""ACLED's event taxonomy: event types, sub-event types in priority order, disorder types."""

from __future__ import annotations

# (event type, sub-event types): within a type, earlier wins when tactics co-occur;
# across types, the order below decides (an airstrike inside a battle is a Battles event; civilians
# killed by a strike are coded as the strike, not as violence against civilians).
TAXONOMY: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Battles", ("Government regains territory", "Non-state actor overtakes territory", "Armed clash")),
    (
        "Explosions/Remote violence",
        (
            "Chemical weapon",
            "Air/drone strike",
            "Suicide bomb",
            "Shelling/artillery/missile attack",
            "Remote explosive/landmine/IED",
            "Grenade",
        ),
    ),
    ("Violence against civilians", ("Sexual violence", "Attack", "Abduction/forced disappearance")),
    ("Riots", ("Violent demonstration", "Mob violence")),
    ("Protests", ("Excessive force against protesters", "Protest with intervention", "Peaceful protest")),
    (
        "Strategic developments",
        (
            "Agreement",
            "Arrests",
            "Change to group/activity",
            "Disrupted weapons use",
            "Headquarters or base established",
            "Looting/property destruction",
            "Non-violent transfer of territory",
            "Other",
        ),
    ),
)

EVENT_TYPE: dict[str, str] = {sub: event for event, subs in TAXONOMY for sub in subs}
PRIORITY: dict[str, int] = {sub: rank for rank, sub in enumerate(sub for _, subs in TAXONOMY for sub in subs)}
SUB_EVENT_TYPES: tuple[str, ...] = tuple(PRIORITY)

# ACLED's demonstration events: Protests and Riots (one family when merging; disorder type "Demonstrations").
DEMONSTRATIONS = frozenset({"Protests", "Riots"})
VIOLENT_TYPES = frozenset({"Battles", "Violence against civilians", "Explosions/Remote violence", "Riots"})
TERRITORY = frozenset(
    {"Government regains territory", "Non-state actor overtakes territory", "Non-violent transfer of territory"}
)


# ACLED's hierarchy beyond the order above: a type that, reported in the same sentence, says the
# other did not happen as such (an intercepted missile or a defused bomb is Disrupted weapons use,
# not a missile attack or an explosion; prisoners freed in an exchange are no territory retaken).
ABSORBS: dict[str, frozenset[str]] = {
    "Disrupted weapons use": frozenset(
        sub for sub, event in EVENT_TYPE.items() if event == "Explosions/Remote violence"
    ),
    # Prisoners "freed" in an exchange: a release, not territory taken.
    "Agreement": frozenset({"Government regains territory", "Non-state actor overtakes territory"}),
    # A withdrawal that hands over territory is part of that transfer, not a separate redeployment.
    **{sub: frozenset({"Change to group/activity"}) for sub in TERRITORY},
}


def absorbs(winner: str, loser: str) -> bool:
    return loser in ABSORBS.get(winner, frozenset())


def is_demonstration(event_type: str) -> bool:
    return event_type in DEMONSTRATIONS


def interaction(inter1: int, inter2: int | None) -> int:
    """ACLED's interaction code: the two actors' inter codes, lower first (one actor: inter1 and 0)."""
    if not inter2:
        return inter1 * 10
    return int(f"{min(inter1, inter2)}{max(inter1, inter2)}")


def disorder_type(event_type: str, sub_event_type: str) -> str:
    if is_demonstration(event_type):
        if sub_event_type == "Excessive force against protesters":
            return "Political violence; Demonstrations"
        return "Demonstrations"
    if event_type == "Strategic developments":
        return "Strategic developments"
    return "Political violence"
