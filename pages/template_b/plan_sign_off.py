"""Sign-off of a Template B by its two leads (at one keyboard, both together; signed in, each
for their own side under their own name), and the agreement of a TRIP priority by its two
co-leads: ticks and a date, kept like the plan's own form."""

from __future__ import annotations

import streamlit as st

from assessments.records.plans import Plan, PlanVersion
from assessments.rules.errors import StaleSave
from assessments.rules.permissions import BOTH, COMMISSIONER, PROVIDER, SIDE_NAMES
from assessments.rules.smart import agreement_gaps, sign_off_gaps
from pages.kit import ui
from pages.kit.stored_form import StoredForm
from pages.template_b.plan_form import DATE_FORMAT


def sign_off(svc, actor, plan: Plan) -> None:
    if plan.trip:
        agree(svc, actor, plan)
        return
    draft = plan.latest
    if draft.signed:
        st.success(
            f"Version {draft.number} was signed on {ui.day(draft.signed_on)} by "
            f"{ui.as_text(draft.signed_by_commissioner)} (commissioner lead) and "
            f"{ui.as_text(draft.signed_by_provider)} (provider lead). It is frozen: a change "
            "makes a new version, with a reason.",
            icon=":material/verified:",
        )
        return
    gaps = sign_off_gaps(draft.content)
    if gaps:
        st.warning(
            "**Before the leads can sign, fill in:**\n\n" + "\n".join(f"- {g}" for g in gaps),
            icon=":material/checklist:",
        )
    else:
        st.info("Every goal is SMART and the plan is complete: it is ready to sign.")
    sides = svc.versions.signing_sides(plan.id)
    _agreed_so_far(draft)
    if sides != BOTH:
        _sign_for_own_side(svc, actor, plan, sides)
        return
    commissioner = ui.as_text(draft.content.commissioner_lead.name) or "The commissioner lead"
    provider = ui.as_text(draft.content.provider_lead.name) or "The provider lead"
    _agreement_form(
        svc,
        plan,
        f"sign:{plan.id}",
        ("c", "p"),
        (
            f"{commissioner} (commissioner lead) agrees this plan",
            f"{provider} (provider lead) agrees this plan",
        ),
        "Date signed",
        (f"Sign off version {draft.number}", ":material/draw:"),
        lambda form: svc.versions.sign_plan(
            actor,
            plan.id,
            form.read.version,
            signed_on=form.typed()["on"],
            commissioner_agrees=form.typed()["c"],
            provider_agrees=form.typed()["p"],
        ),
    )


def _agreed_so_far(draft: PlanVersion) -> None:
    """A lead who has agreed this version, signed in as themselves, while the other has not."""
    for side, name in (
        (COMMISSIONER, draft.signed_by_commissioner),
        (PROVIDER, draft.signed_by_provider),
    ):
        if name:
            st.info(
                f"{ui.as_text(name)} agreed this version as the {SIDE_NAMES[side]}. It is signed "
                "when the other lead agrees too; a change to it first asks both again.",
                icon=":material/how_to_reg:",
            )


def _sign_for_own_side(svc, actor, plan: Plan, sides: frozenset[str]) -> None:
    """Signed in, each lead agrees for their own side; anyone else is told who signs."""
    if not sides:
        st.caption(
            "Only the plan's provider lead and its commissioner sign it off, each signed in as "
            "themselves."
        )
        return
    (side,) = sides
    key = "c" if side == COMMISSIONER else "p"
    draft = plan.latest
    if draft.signed_by_commissioner if side == COMMISSIONER else draft.signed_by_provider:
        return  # agreed already (said above): the other lead's turn
    _agreement_form(
        svc,
        plan,
        f"sign:{plan.id}",
        (key,),
        (f"I, {ui.as_text(actor.name)}, agree this plan as the {SIDE_NAMES[side]}",),
        "Date agreed",
        (f"Agree version {draft.number}", ":material/draw:"),
        lambda form: svc.versions.sign_plan(
            actor,
            plan.id,
            form.read.version,
            signed_on=form.typed()["on"],
            commissioner_agrees=form.typed().get("c", False),
            provider_agrees=form.typed().get("p", False),
        ),
    )


def agree(svc, actor, plan: Plan) -> None:
    """A TRIP priority is agreed by its two co-leads, one from the staff and one who uses the
    service; both are needed."""
    draft = plan.latest
    content = draft.content
    if draft.signed:
        st.success(
            f"Version {draft.number} was agreed on {ui.day(draft.signed_on)} by its co-leads, "
            f"{ui.as_text(content.staff_lead.name)} (staff) and "
            f"{ui.as_text(content.person_lead_initials)} (uses the "
            "service). It is frozen: a change makes a new version, with a reason.",
            icon=":material/verified:",
        )
        return
    gaps = agreement_gaps(content)
    if gaps:
        st.warning(
            "**Before the co-leads can agree it, fill in:**\n\n"
            + "\n".join(f"- {g}" for g in gaps),
            icon=":material/checklist:",
        )
    else:
        st.info("The priority is complete: its co-leads can agree it.")
    staff = ui.as_text(content.staff_lead.name) or "The staff co-lead"
    person = ui.as_text(content.person_lead_initials) or "The co-lead who uses the service"
    _agreement_form(
        svc,
        plan,
        f"agree:{plan.id}",
        ("staff", "person"),
        (
            f"{staff} (staff co-lead) agrees this priority",
            f"{person} (co-lead who uses the service) agrees this priority",
        ),
        "Date agreed",
        (f"Agree version {draft.number}", ":material/handshake:"),
        lambda form: svc.versions.agree_trip_priority(
            actor,
            plan.id,
            form.read.version,
            agreed_on=form.typed()["on"],
            staff_lead_agrees=form.typed()["staff"],
            person_lead_agrees=form.typed()["person"],
        ),
    )


def _agreement_form(svc, plan: Plan, name, leads, labels, date_label, button, call) -> None:
    """The leads' ticks and a date, for the draft version: a cache of the store like the plan's
    form (`kit.stored_form`), so ticks made and not submitted survive a visit to another part.
    The ticks are given on the plan as read: if it changed meanwhile, the save is refused and
    the ticks are cleared, since the leads agree the plan as it stands."""
    form = StoredForm(name, (*leads, "on"))
    empty = {lead: False for lead in leads} | {"on": svc.today()}
    error_key = f"{name}:error"
    state = st.session_state

    def submit() -> None:
        state.pop(error_key, None)
        try:
            call(form)
        except StaleSave as error:
            state[error_key] = error
            fresh = svc.plans.plan(plan.id)
            form.saved(fresh.version, {**empty, "on": form.typed()["on"]})
        except ui.REFUSED as error:
            state[error_key] = error
        else:
            form.saved(plan.version, empty)

    with form.showing(plan.latest.number, plan.version, empty):
        for lead, label in zip(leads, labels, strict=True):
            st.checkbox(label, **form.bind(lead))
        st.date_input(date_label, format=DATE_FORMAT, **form.bind("on"))
        label, icon = button
        st.button(label, key=f"{name}:submit", type="primary", icon=icon, on_click=submit)
    error = state.pop(error_key, None)
    if error is not None:
        ui.show_error(error)
        if isinstance(error, StaleSave):
            st.info(
                "The plan changed after the boxes were ticked, so they were cleared: read it "
                "again under Plan, then tick them again.",
                icon=":material/refresh:",
            )
    elif form.unsaved():
        st.info(
            f"Not submitted yet: what was ticked or dated here earlier. Press '{label}' to "
            "submit it.",
            icon=":material/edit_note:",
        )
