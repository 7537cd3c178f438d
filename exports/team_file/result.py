"""What an import did, in words a person reads on the Reports page and the command line: how
many of each kind of record it created, brought up to date or found already there, and which
plans it left as they were because they went another way in the importing store."""

from __future__ import annotations

from dataclasses import dataclass, field, fields


@dataclass
class Tally:
    """How many of each kind of record."""

    providers: int = 0
    teams: int = 0
    template_a_rounds: int = 0
    trip_rounds: int = 0
    assets: int = 0
    template_b_plans: int = 0
    trip_priorities: int = 0
    versions: int = 0
    reviews: int = 0
    measurements: int = 0

    def add(self, kind: str, n: int = 1) -> None:
        setattr(self, kind, getattr(self, kind) + n)

    def words(self) -> str:
        """ "2 Template A rounds, 1 TRIP round and 3 assets"; "nothing" when all are zero."""
        names = {
            "providers": ("the provider", "the provider"),
            "teams": ("the team", "the team"),
            "template_a_rounds": ("Template A round", "Template A rounds"),
            "trip_rounds": ("TRIP round", "TRIP rounds"),
            "assets": ("asset", "assets"),
            "template_b_plans": ("Template B plan", "Template B plans"),
            "trip_priorities": ("TRIP priority", "TRIP priorities"),
            "versions": ("plan version", "plan versions"),
            "reviews": ("review", "reviews"),
            "measurements": ("measurement", "measurements"),
        }
        said = []
        for f in fields(self):
            n = getattr(self, f.name)
            one, many = names[f.name]
            if n and f.name in ("providers", "teams"):
                said.append(one)
            elif n:
                said.append(f"{n} {one if n == 1 else many}")
        if not said:
            return "nothing"
        return said[0] if len(said) == 1 else ", ".join(said[:-1]) + " and " + said[-1]


@dataclass(frozen=True)
class ImportResult:
    """What an import wrote, what it brought up to date, what it found already there, and what
    it left as it was because it went another way in this store."""

    provider: str
    team: str
    team_id: int
    created: Tally
    already: Tally
    updated: Tally = field(default_factory=Tally)
    left: tuple[str, ...] = ()  # which records, in words

    def outcomes(self) -> list[str]:
        """What happened to the file's records, a sentence for each outcome there was."""
        said = [f"Created {self.created.words()}."]
        if self.updated.words() != "nothing":
            said.append(f"Brought up to date: {self.updated.words()}.")
        said.append(f"Already there: {self.already.words()}.")
        if self.left:
            said.append(
                "Left as they were, because this store's copy went another way (a version "
                "signed differently, or completed or closed here): " + "; ".join(self.left) + "."
            )
        return said

    def summary(self) -> str:
        return f"{self.team} ({self.provider}): " + " ".join(self.outcomes())
