"""Tables a commissioner reads across providers, from `portfolio.PortfolioRecords`: where each
provider stands on each challenge (its own rating and a moderated one beside it), how many
providers are at each stage, who moved since their baseline, the most common priorities, what
needs attention, and how the stakeholder groups saw each challenge.

Template A describes an organisation, so providers are compared on it, never teams (a team's
own view is never compared; teams are seen through their priorities and their TRIP). Stages
are ordinal: providers are counted at each stage, never averaged, and none is ranked by a
total. Counts of people that rest on fewer than `SMALL_NUMBER` people are suppressed (left
empty, shown as "fewer than 5"), so no one's view can be picked out. Pure functions of frames
and the loaded framework: no database, no Streamlit.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

# One small number for every count of people; the portfolio's pages read it from here.
from assessments.analytics.small_groups import SMALL_NUMBER as SMALL_NUMBER
from assessments.analytics.small_groups import SUPPRESSED as SUPPRESSED
from assessments.analytics.template_a import NOT_AGREED, STAGE_ANSWERS
from assessments.records.portfolio import BASELINE, LATEST, PortfolioRecords
from framework.model import Framework, StakeholderGroup

NOT_RECORDED = "Not recorded"  # the round holds nothing for this challenge
MOVED_ON, NOT_MOVED, MOVED_BACK = "Moved on", "Not moved", "Moved back"
NOT_REVIEWED = "Not reviewed"  # one agreed round only: nothing to compare yet
NO_BASELINE = "No earlier round"  # the Baseline of one not reviewed: said, not left blank
CANNOT_TELL = "No stage to compare"  # a stage was not agreed at the baseline or the latest
MOVEMENTS = (MOVED_ON, NOT_MOVED, MOVED_BACK, NOT_REVIEWED, CANNOT_TELL)
SELF_RATED, MODERATED = "Self-rated", "Moderated"  # the provider's own rating; a moderated one
NOT_MODERATED = "Not moderated"
DIFFERS = "Moderated differently on"


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
    """Providers x challenges: each provider's stage in its latest agreed provider-wide round,
    as text ("2 Development", "Not agreed", "Not recorded"), and, where that round was
    moderated, a second row with the moderated stages (NOT_MODERATED where a challenge was
    not). One Self-rated row per provider, by name, its Moderated row under it; columns:
    Provider, Kind, Rating, Latest round (a date), one per challenge in framework order titled
    as `challenge_label`, then DIFFERS (on a Moderated row, the numbers of the challenges where
    the two ratings differ; "" elsewhere). Index: the provider id."""
    own, moderated = (
        _latest_table(framework, records, "stage"),
        _moderated_table(framework, records),
    )
    held = records.rounds[records.rounds["role"] == LATEST].set_index("provider_id")["Held on"]
    names = records.providers.set_index("provider_id")[["Provider", "Kind"]]
    numbers = {challenge_label(framework, c.id): str(c.number) for c in framework.challenges}
    rows = []
    for provider_id, who in names.iterrows():
        base = {"Provider": who["Provider"], "Kind": who["Kind"], "Latest round": held[provider_id]}
        mine = own.loc[provider_id]
        rows.append((provider_id, base | {"Rating": SELF_RATED, DIFFERS: "", **mine}))
        if provider_id in moderated.index:
            theirs = moderated.loc[provider_id]
            differs = [
                numbers[label]
                for label in own.columns
                if theirs[label] != NOT_MODERATED and theirs[label] != mine[label]
            ]
            moderated_row = {"Rating": MODERATED, DIFFERS: ", ".join(differs), **theirs}
            rows.append((provider_id, base | moderated_row))
    columns = ["Provider", "Kind", "Rating", "Latest round", *own.columns, DIFFERS]
    frame = pd.DataFrame([r for _, r in rows], columns=columns)
    frame.index = pd.Index([provider_id for provider_id, _ in rows], name="provider_id")
    return frame


def stage_counts(framework: Framework, records: PortfolioRecords) -> pd.DataFrame:
    """Per challenge, how many providers are at each stage in their latest agreed round (their
    own rating). One row per challenge in framework order; columns: No., Challenge, then one
    count per text of `stage_texts` (ints, zeros kept). Index: the challenge id."""
    latest = _latest_table(framework, records, "stage")
    counts = _counts(latest, stage_texts(framework))
    counts.insert(0, "No.", [c.number for c in framework.challenges])
    counts.insert(1, "Challenge", [c.short_title or c.title for c in framework.challenges])
    counts.index = pd.Index([c.id for c in framework.challenges], name="challenge_id")
    return counts


def movement(framework: Framework, records: PortfolioRecords) -> pd.DataFrame:
    """Each provider's movement on each challenge since its baseline (its first agreed
    provider-wide round in the filters) to its latest, on its own rating: one of MOVEMENTS.
    One row per provider and challenge, providers by name, challenges in framework order;
    columns: provider_id, Provider, Kind, challenge_id, Challenge, Baseline, Baseline held on,
    Latest, Latest held on, Movement. One not reviewed has NO_BASELINE as its Baseline and no
    Baseline held on (NaT)."""
    ids = [c.id for c in framework.challenges]
    providers = records.providers["provider_id"]
    grid = pd.MultiIndex.from_product([providers, ids], names=["provider_id", "c"])
    frame = pd.DataFrame(index=grid).reset_index()
    frame = frame.join(
        records.providers.set_index("provider_id")[["Provider", "Kind"]], on="provider_id"
    )
    frame["challenge_id"] = frame.pop("c")
    frame["Challenge"] = frame["challenge_id"].map({c: challenge_label(framework, c) for c in ids})
    names = stage_names(framework)
    held = records.rounds.pivot(index="provider_id", columns="role", values="Held on")
    held = held.reindex(columns=[BASELINE, LATEST])
    for role in (BASELINE, LATEST):
        mine = records.stages[records.stages["role"] == role]
        mine = mine.set_index(["provider_id", "challenge_id"])[["stage", "not_agreed"]]
        found = frame.join(mine, on=["provider_id", "challenge_id"])
        frame[f"_{role}"] = found["stage"].where(~found["not_agreed"].fillna(False).astype(bool))
        frame[role] = _texts(found["stage"], found["not_agreed"], names).to_numpy()
        frame[f"{role} held on"] = frame["provider_id"].map(held[role])
    reviewed = frame["Baseline held on"].notna()
    frame.loc[~reviewed, BASELINE] = NO_BASELINE
    before, now = frame[f"_{BASELINE}"], frame[f"_{LATEST}"]
    comparable = before.notna() & now.notna()
    frame["Movement"] = CANNOT_TELL
    frame.loc[comparable & (now > before), "Movement"] = MOVED_ON
    frame.loc[comparable & (now == before), "Movement"] = NOT_MOVED
    frame.loc[comparable & (now < before), "Movement"] = MOVED_BACK
    frame.loc[~reviewed, "Movement"] = NOT_REVIEWED
    columns = ["provider_id", "Provider", "Kind", "challenge_id", "Challenge", "Baseline"]
    return frame[[*columns, "Baseline held on", "Latest", "Latest held on", "Movement"]]


def movement_counts(framework: Framework, moves: pd.DataFrame) -> pd.DataFrame:
    """From `movement`: per challenge, how many providers made each movement. One row per
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
    """The challenges most worked on: per challenge, how many providers and teams have an open
    Template B priority on it, how many teams an open TRIP priority under it, and how many
    either. Only challenges someone works on, most first (then framework order); columns:
    Challenge, Template B, TRIP, Providers and teams."""
    chosen = records.priorities.dropna(subset=["challenge_id"])
    order = {c.id: c.number for c in framework.challenges}
    rows = []
    for challenge_id, mine in chosen.groupby("challenge_id"):
        if challenge_id not in order:
            continue
        # Whose a priority is: a provider as a whole (no team: 0) or one of its teams.
        whose = mine["provider_id"].astype(str) + ":" + mine["team_id"].fillna(0).astype(str)
        rows.append(
            {
                "No.": order[challenge_id],
                "Challenge": challenge_label(framework, challenge_id),
                "Template B": whose[mine["Kind"] == "Template B"].nunique(),
                "TRIP": whose[mine["Kind"] == "TRIP"].nunique(),
                "Providers and teams": whose.nunique(),
            }
        )
    columns = ["No.", "Challenge", "Template B", "TRIP", "Providers and teams"]
    frame = pd.DataFrame(rows, columns=columns)
    frame = frame.sort_values(
        ["Providers and teams", "No."], ascending=[False, True], ignore_index=True
    )
    return frame.drop(columns="No.").astype({"Template B": "int64", "TRIP": "int64"})


def needs_attention(records: PortfolioRecords) -> pd.DataFrame:
    """Open priorities whose review is overdue or with a goal off track, with whose they are
    (a team, or the whole provider): the longest overdue first. Columns: Whose, Provider,
    Kind, Priority, Review due, Review overdue ("Yes" or ""), Goals off track."""
    p = records.priorities
    frame = p[p["Review overdue"] | (p["Goals off track"] != "")]
    frame = frame.assign(**{"Review overdue": frame["Review overdue"].map({True: "Yes"})})
    frame = frame.fillna({"Review overdue": ""})
    frame = frame.sort_values(["Review due", "Whose"], na_position="last", ignore_index=True)
    columns = ["Whose", "Provider", "Kind", "Priority", "Review due", "Review overdue"]
    return frame[[*columns, "Goals off track"]]


def contracted(records: PortfolioRecords) -> pd.DataFrame:
    """Open priorities tied to a contract (a CQUIN, a schedule, an outcomes-based contract),
    with whose they are, by provider. Columns: Whose, Provider, Kind, Priority, Contract."""
    p = records.priorities
    frame = p[p["Contract"] != ""]
    frame = frame.sort_values(["Provider", "Whose", "Priority"], ignore_index=True)
    return frame[["Whose", "Provider", "Kind", "Priority", "Contract"]]


def group_views(
    framework: Framework, groups: Sequence[StakeholderGroup], views: pd.DataFrame
) -> pd.DataFrame:
    """From `Portfolio.portfolio_views`: per challenge and stakeholder group, how many people
    gave each answer across the providers' latest rounds. A row resting on fewer than
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


def _latest_table(framework: Framework, records: PortfolioRecords, column: str) -> pd.DataFrame:
    """Providers x challenges as stage texts in each provider's latest round (`column`:
    "stage", its own rating). Index: provider id."""
    names = stage_names(framework)
    mine = records.stages[records.stages["role"] == LATEST]
    long = pd.DataFrame(
        {
            "provider_id": mine["provider_id"].to_numpy(),
            "challenge_id": mine["challenge_id"].to_numpy(),
            "s": _texts(mine[column], mine["not_agreed"], names).to_numpy(),
        }
    )
    return _wide(framework, records, long)


def _moderated_table(framework: Framework, records: PortfolioRecords) -> pd.DataFrame:
    """Providers x challenges as the moderated stage texts of each provider's latest round, for
    the providers whose latest round has any; NOT_MODERATED where a challenge has none."""
    names = stage_names(framework)
    mine = records.stages[(records.stages["role"] == LATEST)]
    moderated = mine[mine.groupby("provider_id")["moderated"].transform("count") > 0]
    text = moderated["moderated"].map(names).astype(object).where(moderated["moderated"].notna())
    long = pd.DataFrame(
        {
            "provider_id": moderated["provider_id"].to_numpy(),
            "challenge_id": moderated["challenge_id"].to_numpy(),
            "s": text.fillna(NOT_MODERATED).to_numpy(),
        }
    )
    wide = _wide(framework, records, long, only_found=True)
    return wide.fillna(NOT_MODERATED)


def _wide(
    framework: Framework, records: PortfolioRecords, long: pd.DataFrame, only_found: bool = False
) -> pd.DataFrame:
    wide = long.pivot(index="provider_id", columns="challenge_id", values="s")
    ids = [c.id for c in framework.challenges]
    rows = wide.index if only_found else records.providers["provider_id"]
    wide = wide.reindex(index=rows, columns=ids)
    if not only_found:
        wide = wide.fillna(NOT_RECORDED)
    wide.columns = [challenge_label(framework, c) for c in ids]
    wide.index.name = "provider_id"
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
