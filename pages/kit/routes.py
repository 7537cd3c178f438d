"""Every page's file, named once: app.py builds the navigation from `SECTIONS`, and pages and
tests switch and link to pages by these names, never by a literal path."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Route:
    path: str
    title: str
    icon: str
    url_path: str | None = None  # None: the default page, at the site's root


HOME = Route("pages/setup/home.py", "Home", ":material/home:")
FRAMEWORK = Route(
    "pages/setup/the_framework.py", "The framework", ":material/menu_book:", "framework"
)
PROVIDERS = Route(
    "pages/setup/providers.py", "Providers and teams", ":material/domain:", "providers"
)
ROUNDS = Route("pages/setup/rounds.py", "Rounds", ":material/event:", "rounds")
WORKSHOP = Route("pages/template_a/workshop.py", "Workshop", ":material/co_present:", "workshop")
SUMMARY = Route(
    "pages/template_a/summary.py", "Template A summary", ":material/table_chart:", "summary"
)
PLANS = Route("pages/template_b/plans.py", "Action plans", ":material/flag:", "plans")
PLAN = Route("pages/template_b/plan.py", "Template B", ":material/assignment:", "plan")
TRIP = Route("pages/trip/team.py", "TRIP", ":material/groups:", "trip")
TRIP_BENCHMARKS = Route(
    "pages/trip/benchmarks.py", "Benchmarks", ":material/forum:", "trip-benchmarks"
)
TRIP_SUMMARY = Route(
    "pages/trip/summary.py", "TRIP summary", ":material/summarize:", "trip-summary"
)
PORTFOLIO = Route("pages/portfolio/portfolio.py", "Portfolio", ":material/grid_view:", "portfolio")
MEASURES = Route("pages/portfolio/measures.py", "Measures", ":material/monitoring:", "measures")
REPORTS = Route(
    "pages/reports/reports.py", "Board report and files", ":material/download:", "reports"
)

# An administrator's page, reached from the signed-in line above every page (kit/access.py),
# not the top bar, which has no room left at 1024 px.
ACCOUNTS = Route("pages/setup/accounts.py", "Accounts", ":material/manage_accounts:", "accounts")
# Reached from the Accounts page.
AUDIT = Route("pages/setup/audit.py", "Audit log", ":material/history:", "audit")
# The method's words in plain English, reached from Home, the framework page and each word's
# first use on a page (`glossary?term=baseline`).
GLOSSARY = Route("pages/setup/glossary.py", "Words we use", ":material/help:", "glossary")
# Pages not on the top bar: each reached by a link, or by its address.
HIDDEN = [ACCOUNTS, AUDIT, GLOSSARY]

# Sections follow the methodology's order; at 1024 px every one fits on the top bar.
SECTIONS: dict[str, list[Route]] = {
    "": [HOME, FRAMEWORK, PROVIDERS, ROUNDS],
    "Template A": [WORKSHOP, SUMMARY],
    "Template B": [PLANS, PLAN],
    "TRIP": [TRIP, TRIP_BENCHMARKS, TRIP_SUMMARY],
    "Reports": [PORTFOLIO, MEASURES, REPORTS],
}
