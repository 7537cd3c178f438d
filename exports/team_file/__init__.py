"""Team files: one team's whole record as a YAML file a person can read, sent by a provider to
its commissioner, who imports it and sees the team in the portfolio.

A team file holds what the store holds about one team, and nothing else (never a database id,
never a time of writing, never who typed it in): the provider's name and kind, the team's name,
type and locality; every round of the team, Template A and TRIP, with what the room recorded;
the team's TRIP assets; and its plans, Template B and TRIP priorities, with every version,
review and measurement. For example:

    format: recovery-team-record
    format_version: 1
    provider: {name: Northfield Demo NHS Foundation Trust (fictional), kind: trust}
    team: {name: East Community Mental Health Team, type: cmht, locality: Northfield East}
    rounds:
      - key: template-a-2025-12-19
        kind: template-a
        framework: imroc-challenges@2010
        held_on: 2025-12-19
        ...
    plans:
      - kind: template-b
        round: template-a-2025-12-19
        challenge: c04-leadership
        ...

Exporting a team, importing the file into an empty store and exporting the team from there
gives the same text. The parts live in `format` (the file's models), `export`
(store -> text), `read` and `checks` (text -> checked records, or every
problem at once), and `importing` (checked records -> the store, through the service,
with the natural keys that make a second import create nothing, and `catch_up`'s
rules for bringing a record already there up to a later file), whose outcome, in words, is in
`result`; `zipped` sends and reads a provider's files in one zip.
"""

from __future__ import annotations

from exports.team_file.export import file_text, team_file, team_record
from exports.team_file.importing import import_team_file
from exports.team_file.read import TeamFileRefused, read_team_file
from exports.team_file.result import ImportResult, Tally
from exports.team_file.zipped import (
    Imported,
    Refused,
    import_sent_file,
    provider_files,
    team_files_in,
)

__all__ = [
    "ImportResult",
    "Imported",
    "Refused",
    "Tally",
    "TeamFileRefused",
    "file_text",
    "import_sent_file",
    "import_team_file",
    "provider_files",
    "read_team_file",
    "team_file",
    "team_files_in",
    "team_record",
]
