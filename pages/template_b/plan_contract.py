"""The part of a priority's form that ties it to a contract: a CQUIN, a schedule of the
contract or an outcomes-based contract, with its reference, period and milestone (either kind
of priority; optional)."""

from __future__ import annotations

from typing import Any

import streamlit as st

from assessments.records.plans import CONTRACT_SCHEMES, ContractLink
from pages.kit import terms


def contract_fields(bind) -> None:
    st.header("Tied to a contract (optional)")
    st.selectbox(
        "Kind of contract",
        [None, *CONTRACT_SCHEMES],
        format_func=lambda k: "Not tied to a contract" if k is None else CONTRACT_SCHEMES[k],
        help=terms.explain("cquin"),
        **bind("k_scheme"),
    )
    left, right = st.columns(2)
    left.text_input(
        "Its reference",
        max_chars=200,
        help="The scheme's own name for it, such as the CQUIN indicator's number.",
        **bind("k_ref"),
    )
    right.text_input("Period", max_chars=200, help="Such as 2026/27.", **bind("k_period"))
    st.text_area("Milestone: what must be shown, and by when", **bind("k_milestone"))


def contract_values(link: ContractLink) -> dict[str, Any]:
    """A stored link as the form's fields."""
    return {
        "k_scheme": link.scheme or None,
        "k_ref": link.reference,
        "k_period": link.period,
        "k_milestone": link.milestone,
    }


def typed_contract(typed: dict[str, Any]) -> ContractLink:
    return ContractLink(
        scheme=typed["k_scheme"] or "",
        reference=typed["k_ref"] or "",
        period=typed["k_period"] or "",
        milestone=typed["k_milestone"] or "",
    )
