"""Tables a commissioner reads across teams, from `portfolio.PortfolioRecords`: where each team
stands on each challenge, how many teams are at each stage, who moved since their baseline,
the most common priorities, what needs attention, one team beside its peers, and how the
stakeholder groups saw each challenge.

Stages are ordinal: teams are counted at each stage, never averaged, and no team is ranked by
a total. Counts of people that rest on fewer than `SMALL_NUMBER` people are suppressed (left
empty, shown as "fewer than 5"), so no one's view can be picked out. Pure functions of frames
and the loaded framework: no database, no Streamlit.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from assessments.analytics.template_a import NOT_AGREED, STAGE_ANSWERS
from assessments.records.portfolio import BASELINE, LATEST, PortfolioRecords
from framework.model import Framework, StakeholderGroup

NOT_RECORDED = "Not recorded"  # the round holds nothing for this challenge
MOVED_ON, NOT_MOVED, MOVED_BACK = "Moved on", "Not moved", "Moved back"
NOT_REVIEWED = "Not reviewed"  # one agreed round only: nothing to compare yet
NO_BASELINE = "No earlier round"  # the Baseline of a team not reviewed: said, not left blank
CANNOT_TELL = "No stage to compare"  # a stage was not agreed at the baseline or the latest
MOVEMENTS = (MOVED_ON, NOT_MOVED, MOVED_BACK, NOT_REVIEWED, CANNOT_TELL)
SMALL_NUMBER = 5
SUPPRESSED = f"fewer than {SMALL_NUMBER}"
TEAM_FIELDS = ["Team", "Provider", "Type", "Locality"]


def stage_names(framework: Framework) -> dict[int, str]:
    """Stage number -> its text as the room says it: "2 Development"."""
    return {s.number: f"{s.number} {s.name}" for s in framework.stages or ()}


def stage_texts(framework: Framework) -> list[str]:
    """Every text a team's stage on a challenge can have, in the order they are shown."""
    return [*stage_names(framework).values(), NOT_AGREED, NOT_RECORDED]


def challenge_label(framework: Framework, challenge_id: str) -> str:
    challenge = framework.challenge(challenge_id)
    return f"{challenge.number}. {challenge.short_title or challenge.title}"


def heat_map(framework: Framework, records: PortfolioRecords) -> pd.DataFrame:
    """Teams x challenges: each team's stage in its latest agreed round, as text ("2
    Development", "Not agreed", "Not recorded"). One row per team, by name; columns: Team,
    Provider, Type, Locality, Latest round (a date), then one per challenge in framework
    order, titled as `challenge_label`. Index: the team id."""
    latest = _latest_table(framework, records)
    held = records.rounds[records.rounds["role"] == LATEST].set_index("team_id")["Held on"]
    frame = records.teams.set_index("team_id")[TEAM_FIELDS].copy()
    frame["Latest round"] = held.reindex(frame.index)
    return frame.join(latest)


def stage_counts(framework: Framework, records: PortfolioRecords) -> pd.DataFrame:
    """Per challenge, how many teams are at each stage in their latest agreed round. One row
    per challenge in framework order; columns: No., Challenge, then one count per text of
    `stage_texts` (ints, zeros kept). Index: the challenge id."""
    latest = _latest_table(framework, records)
    texts = stage_texts(framework)
    counts = _counts(latest, texts)
    counts.insert(0, "No.", [c.number for c in framework.challenges])
    counts.insert(1, "Challenge", [c.short_title or c.title for c in framework.challenges])
    counts.index = pd.Index([c.id for c in framework.challenges], name="challenge_id")
    return counts


def movement(framework: Framework, records: PortfolioRecords) -> pd.DataFrame:
    """Each team's movement on each challenge since its baseline (its first agreed round in
    the filters) to its latest: one of MOVEMENTS. One row per team and challenge, teams by
    name, challenges in framework order; columns: team_id, Team, Provider, Type, Locality,
    challenge_id, Challenge, Baseline, Baseline held on, Latest, Latest held on, Movement.
    A team not reviewed has NO_BASELINE as its Baseline and no Baseline held on (NaT)."""
    ids = [c.id for c in framework.challenges]
    grid = pd.MultiIndex.from_product([records.teams["team_id"], ids], names=["team_id", "c"])
    frame = pd.DataFrame(index=grid).reset_index()
    frame = frame.join(records.teams.set_index("team_id")[TEAM_FIELDS], on="team_id")
    frame["challenge_id"] = frame.pop("c")
    frame["Challenge"] = frame["challenge_id"].map({c: challenge_label(framework, c) for c in ids})
    names = stage_names(framework)
    held = records.rounds.pivot(index="team_id", columns="role", values="Held on")
    held = held.reindex(columns=[BASELINE, LATEST])
    for role in (BASELINE, LATEST):
        mine = records.stages[records.stages["role"] == role]
        mine = mine.set_index(["team_id", "challenge_id"])[["stage", "not_agreed"]]
        found = frame.join(mine, on=["team_id", "challenge_id"])
        frame[f"_{role}"] = found["stage"].where(~found["not_agreed"].fillna(False).astype(bool))
        frame[role] = _texts(found["stage"], found["not_agreed"], names).to_numpy()
        frame[f"{role} held on"] = frame["team_id"].map(held[role])
    reviewed = frame["Baseline held on"].notna()
    frame.loc[~reviewed, BASELINE] = NO_BASELINE
    before, now = frame[f"_{BASELINE}"], frame[f"_{LATEST}"]
    comparable = before.notna() & now.notna()
    frame["Movement"] = CANNOT_TELL
    frame.loc[comparable & (now > before), "Movement"] = MOVED_ON
    frame.loc[comparable & (now == before), "Movement"] = NOT_MOVED
    frame.loc[comparable & (now < before), "Movement"] = MOVED_BACK
    frame.loc[~reviewed, "Movement"] = NOT_REVIEWED
    columns = ["team_id", *TEAM_FIELDS, "challenge_id", "Challenge", "Baseline"]
    return frame[[*columns, "Baseline held on", "Latest", "Latest held on", "Movement"]]


def movement_counts(framework: Framework, moves: pd.DataFrame) -> pd.DataFrame:
    """From `movement`: per challenge, how many teams made each movement. One row per
    challenge in framework order; columns: Challenge, then one count per MOVEMENTS."""
    counts = moves.groupby(["challenge_id", "Movement"]).size().unstack(fill_value=0)
    counts = counts.reindex(
        index=[c.id for c in framework.challenges], columns=list(MOVEMENTS), fill_value=0
    ).fillna(0)
    counts = counts.astype("int64")
    counts.insert(0, "Challenge", [challenge_label(framework, c) for c in counts.index])
    counts.columns.name = None
    return counts


def common_priorities(framework: Framework, records: PortfolioRecords) -> pd.DataFrame:
    """The challenges the teams work on most: per challenge, how many teams have an open
    Template B priority on it, how many an open TRIP priority under it, and how many either.
    Only challenges some team works on, most teams first (then framework order); columns:
    Challenge, Template B, TRIP, Teams."""
    chosen = records.priorities.dropna(subset=["challenge_id"])
    order = {c.id: c.number for c in framework.challenges}
    rows = []
    for challenge_id, mine in chosen.groupby("challenge_id"):
        if challenge_id not in order:
            continue
        rows.append(
            {
                "No.": order[challenge_id],
                "Challenge": challenge_label(framework, challenge_id),
                "Template B": mine.loc[mine["Kind"] == "Template B", "team_id"].nunique(),
                "TRIP": mine.loc[mine["Kind"] == "TRIP", "team_id"].nunique(),
                "Teams": mine["team_id"].nunique(),
            }
        )
    frame = pd.DataFrame(rows, columns=["No.", "Challenge", "Template B", "TRIP", "Teams"])
    frame = frame.sort_values(["Teams", "No."], ascending=[False, True], ignore_index=True)
    return frame.drop(columns="No.").astype({"Template B": "int64", "TRIP": "int64"})


def needs_attention(records: PortfolioRecords) -> pd.DataFrame:
    """Open priorities whose review is overdue or with a goal off track, with their teams:
    the longest overdue first. Columns: Team, Provider, Kind, Priority, Review due, Review
    overdue ("Yes" or ""), Goals off track."""
    p = records.priorities
    flagged = p[p["Review overdue"] | (p["Goals off track"] != "")]
    teams = records.teams.set_index("team_id")[["Team", "Provider"]]
    frame = flagged.join(teams, on="team_id")
    frame = frame.assign(**{"Review overdue": frame["Review overdue"].map({True: "Yes"})})
    frame = frame.fillna({"Review overdue": ""})
    frame = frame.sort_values(["Review due", "Team"], na_position="last", ignore_index=True)
    columns = ["Team", "Provider", "Kind", "Priority", "Review due", "Review overdue"]
    return frame[[*columns, "Goals off track"]]


def contracted(records: PortfolioRecords) -> pd.DataFrame:
    """Open priorities tied to a contract (a CQUIN, a schedule, an outcomes-based contract),
    with their teams, by team. Columns: Team, Provider, Kind, Priority, Contract."""
    p = records.priorities
    teams = records.teams.set_index("team_id")[["Team", "Provider"]]
    frame = p[p["Contract"] != ""].join(teams, on="team_id")
    frame = frame.sort_values(["Team", "Priority"], ignore_index=True)
    return frame[["Team", "Provider", "Kind", "Priority", "Contract"]]


def peers(framework: Framework, records: PortfolioRecords, team_id: int) -> pd.DataFrame:
    """One team beside the other teams of its type in the records: per challenge, the team's
    latest stage and how many peer teams are at each stage. One row per challenge in
    framework order; columns: Challenge, This team, then one count per `stage_texts`."""
    latest = _latest_table(framework, records)
    kind = records.teams.set_index("team_id").at[team_id, "type_id"]
    others = records.teams.loc[
        (records.teams["type_id"] == kind) & (records.teams["team_id"] != team_id), "team_id"
    ]
    texts = stage_texts(framework)
    frame = _counts(latest.loc[others], texts)
    frame.insert(0, "Challenge", latest.columns)
    frame.insert(1, "This team", latest.loc[team_id].to_numpy())
    return frame.reset_index(drop=True)


def group_views(
    framework: Framework, groups: Sequence[StakeholderGroup], views: pd.DataFrame
) -> pd.DataFrame:
    """From `Portfolio.portfolio_views`: per challenge and stakeholder group, how many people
    gave each answer across the teams' latest rounds. A row resting on fewer than
    SMALL_NUMBER people has its counts and its People suppressed (<NA>). Columns: Challenge,
    Group, Stage 1, Stage 2, Stage 3, Not sure, People (all counts Int64)."""
    answers = list(STAGE_ANSWERS)
    summed = views.groupby(["challenge_id", "group_id"])[answers].sum()
    names = {g.id: g.name for g in groups}
    group_order = {g.id: n for n, g in enumerate(groups)}
    rows = []
    for challenge in framework.challenges:
        if challenge.id not in summed.index.get_level_values(0):
            continue
        mine = summed.loc[challenge.id]
        for group_id in sorted(mine.index, key=lambda g: (group_order.get(g, len(groups)), g)):
            counts = mine.loc[group_id]
            people = int(counts.sum())
            small = people < SMALL_NUMBER
            rows.append(
                {
                    "Challenge": challenge_label(framework, challenge.id),
                    "Group": names.get(group_id, group_id),
                    **{a: pd.NA if small else int(counts[a]) for a in answers},
                    "People": pd.NA if small else people,
                }
            )
    frame = pd.DataFrame(rows, columns=["Challenge", "Group", *answers, "People"])
    return frame.astype(dict.fromkeys([*answers, "People"], "Int64"))


def _latest_table(framework: Framework, records: PortfolioRecords) -> pd.DataFrame:
    """Teams x challenges as stage texts in each team's latest round. Index: team id."""
    names = stage_names(framework)
    mine = records.stages[records.stages["role"] == LATEST]
    long = pd.DataFrame(
        {
            "team_id": mine["team_id"].to_numpy(),
            "challenge_id": mine["challenge_id"].to_numpy(),
            "s": _texts(mine["stage"], mine["not_agreed"], names).to_numpy(),
        }
    )
    wide = long.pivot(index="team_id", columns="challenge_id", values="s")
    ids = [c.id for c in framework.challenges]
    wide = wide.reindex(index=records.teams["team_id"], columns=ids).fillna(NOT_RECORDED)
    wide.columns = [challenge_label(framework, c) for c in ids]
    wide.index.name = "team_id"
    return wide


def _counts(wide: pd.DataFrame, texts: list[str]) -> pd.DataFrame:
    """From teams x challenges of stage texts: per challenge (its label, in column order), how
    many teams are at each of `texts` (ints, zeros kept). Columns: `texts`."""
    long = wide.melt(var_name="label", value_name="text")
    counts = long.groupby(["label", "text"]).size().unstack(fill_value=0)
    counts = counts.reindex(index=list(wide.columns), columns=texts, fill_value=0).fillna(0)
    counts = counts.astype("int64")
    counts.columns.name = None
    return counts


def _texts(stage: pd.Series, not_agreed: pd.Series, names: dict[int, str]) -> pd.Series:
    """Each stage as its text ("2 Development"), "Not agreed" where the room could not agree,
    "Not recorded" where there is no stage; a stage the framework does not name is "Stage N".
    `not_agreed` may hold missing values (no record): they count as agreed."""
    stage = stage.astype("Int64")
    text = stage.map(names).astype(object)
    unnamed = text.isna() & stage.notna()
    text[unnamed] = "Stage " + stage[unnamed].astype(str)
    text[stage.isna()] = NOT_RECORDED
    text[not_agreed.fillna(False).astype(bool).to_numpy()] = NOT_AGREED
    return text
