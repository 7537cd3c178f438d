"""The printed twin of a grid (pages/kit/printable.py): its cells as a person reads them, typed
text as typed, and a twin kept for the same rows never given for other rows."""

from __future__ import annotations

from datetime import date

import pandas as pd

from pages.kit.printable import table_html


def test_a_twin_shows_typed_text_as_typed_and_values_as_read():
    typed = "<b>Ward & team</b> *not* [a link](x) 'quoted'"
    frame = pd.DataFrame(
        {
            "Team <1>": [typed, None],
            "Count": [3.0, float("nan")],
            "Held": [date(2026, 4, 9), pd.NaT],
            "Leads": [["Ann", "Bo"], ()],
        }
    )

    html = table_html(frame, empty="none yet")

    assert "<th>Team &lt;1&gt;</th>" in html
    assert "<b>" not in html and "[a link]" not in html and "*not*" not in html
    assert "&lt;b&gt;Ward &amp; team&lt;/b&gt; &#42;not&#42; &#91;a link&#93;(x)" in html
    assert "<td>3</td><td>09/04/2026</td><td>Ann, Bo</td>" in html
    assert html.count("<td>none yet</td>") == 3  # no name, no count, no date


def test_a_twin_is_kept_for_the_same_rows_only():
    frame = pd.DataFrame({"Team": ["North"], "Stage": [2]})
    again = pd.DataFrame({"Team": ["North"], "Stage": [2]})

    assert table_html(again) == table_html(frame)
    assert "<th>Phase</th>" in table_html(frame.rename(columns={"Stage": "Phase"}))
    assert "<td>3</td>" in table_html(frame.assign(Stage=[3]))
    assert "<td>2.5</td>" in table_html(frame.assign(Stage=[2.5]))
    assert "<td>—</td>" in table_html(frame.assign(Stage=[None]), empty="—")
