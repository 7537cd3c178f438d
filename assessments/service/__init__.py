"""Every use case of the records, and the only way to change them. `Service` joins small units
by job, each holding the one `Ledger` (engine, definitions, today, audit log, version check)
and only the units it needs; none inherits from another:

- `providers`: providers and teams, and the teams CSV;
- `rounds`: either kind of round, its details and who took part;
- `workshop`: Template A rounds and what the room records for each challenge;
- `moderation`: a commissioner's or peer reviewer's rating beside the provider's own;
- `plans`: Template B priorities and TRIP priorities: choosing one, reading, its status;
- `versions`: a plan's versions: saving, signing off a Template B plan, agreeing a TRIP one;
- `reviews`: Plan-Do-Study-Act reviews, figures between them, what is due or overdue;
- `stories`: success stories against a priority, read as their consent allows;
- `trip`: TRIP rounds, ratings, assets and co-led priorities;
- `portfolio`: what commissioners compare across teams and providers;
- `measures`: the measures commissioners contract on, per provider or team and period;
- `trip_status`: teams by their TRIP (current or not, reviews, co-leads), never ranked;
- `accounts`: local accounts, their passwords, signing in and sessions;
- `audit`: the audit log for its page: entries by who, what and when, and the chain's state;
- `votes`: live votes from the room's phones on a challenge, landing in its group views.

Pages and commands hold a `Service` and call a unit: `svc.plans.create_plan(...)`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from sqlalchemy import Engine

from assessments.records import AuditEntry
from assessments.rules.permissions import THIS_COMPUTER, Access, Do
from assessments.service.accounts import Accounts
from assessments.service.audit import AuditLog
from assessments.service.ledger import Ledger, utc_now
from assessments.service.measures import ProviderMeasures
from assessments.service.moderation import Moderating
from assessments.service.plans import Plans
from assessments.service.portfolio import Portfolio
from assessments.service.providers import Providers
from assessments.service.reviews import Reviews
from assessments.service.rounds import Rounds
from assessments.service.stories import Stories
from assessments.service.trip import Trip
from assessments.service.trip_status import TripStatus
from assessments.service.versions import PlanVersions
from assessments.service.votes import Votes
from assessments.service.workshop import Workshop
from framework.loader import Definitions


class Service:
    """The units on one engine and one set of loaded definitions."""

    def __init__(
        self,
        engine: Engine,
        definitions: Definitions,
        today: Callable[[], date] = date.today,
        now: Callable[[], datetime] = utc_now,
        access: Access = THIS_COMPUTER,
    ) -> None:
        # `access`: who is asking; every use case checks it first. The default, everything,
        # is this computer alone without accounts, and the command line.
        self.ledger = Ledger(engine, definitions, today, access)
        self.engine = engine
        self.definitions = definitions
        self.providers = Providers(self.ledger)
        self.rounds = Rounds(self.ledger)
        self.workshop = Workshop(self.ledger, self.providers, self.rounds)
        self.moderation = Moderating(self.ledger, self.workshop)
        self.plans = Plans(self.ledger)
        self.versions = PlanVersions(self.ledger, self.plans)
        self.reviews = Reviews(self.ledger, self.plans)
        self.stories = Stories(self.ledger)  # success stories against a priority, by consent
        self.trip = Trip(self.ledger, self.providers, self.rounds, self.plans)
        self.portfolio = Portfolio(self.ledger)
        self.measures = ProviderMeasures(self.ledger)
        self.trip_status = TripStatus(self.ledger)  # teams by their TRIP, for commissioners
        # `now`: the clock (UTC) sign-ins and sessions are timed by; tests move it.
        self.accounts = Accounts(self.ledger, now)
        self.audit = AuditLog(self.ledger)
        self.votes = Votes(self.ledger, self.workshop)  # phones' votes, into the group views

    def today(self) -> date:
        return self.ledger.today()

    def may(self, do: Do) -> bool:
        """Whether the person asking may `do` anywhere: a page offers only what they may (the
        service still checks each record)."""
        return self.ledger.gate.access.may(do)

    def last_change(self) -> tuple[int, datetime | None]:
        return self.ledger.last_change()

    def history(self, entity: str | None = None, entity_id: int | None = None) -> list[AuditEntry]:
        return self.ledger.history(entity, entity_id)
