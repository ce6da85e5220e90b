"""Synthetic events frames for chart tests: every case of date precision, open bound, forecast and correction.

Built through ``timeline.records.to_frame`` (and ``flags_frame``) so that columns and dtypes are those of
schema.yaml. The frames carry all a chart needs (a claimant group's display name too): nothing is read from the
project's data. Also the one reader of a figure layout's font sizes the size tests share (:func:`font_sizes`).
"""

from __future__ import annotations

from timeline.records import flags_frame, to_frame
from timeline.schema import FRAME_COLUMNS

#: Display names of the claimant groups of the rows below that do not speak themselves.
_GROUP_NAMES = {"ua_government": "Ukraine (government)", "ru_kremlin": "Kremlin"}

_DEFAULTS = dict(
    seed="900_test.txt", article_outlet="Test Zeitung", article_title="Ein Testartikel", published="2024-10-25",
    published_precision="day",
    claim_type="troop_count", stance="reports", claimant="kr_nis", claimant_name="NIS (test)",
    claimant_country="KR", claimant_kind="agency", claimant_group="kr_nis", outlet="article",
    outlet_name="The article itself", stated_expr="am Freitag", stated_anchor="2024-10-25",
    stated_start="2024-10-18", stated_end="2024-10-18", stated_precision="day", stated_edtf="2024-10-18",
    stated_method="rule:weekday", stated_cue="past: 'sagte'", event_expr=None, event_anchor="2024-10-18", event_start=None,
    event_end="2024-10-18", event_precision="vague", event_edtf="../2024-10-18", event_method="rule:not-stated", event_cue=None,
    count_expr="etwa 1.500", count_qualifier="approximately", count_low=1500, count_best=1500, count_high=1500,
    count_unit="soldiers", count_measure="total", count_scope=None, location=None, subject="kp_military", quote="Ein Zitat mit <b>Tag</b> & „Anführung“.",
    quote_start=0, quote_end=10, summary_en="The NIS said about 1,500 soldiers were sent.", claim_key=None,
    flags="", flag_notes="", is_corrected=False, needs_review=False,
)


def row(record_id: str, **overrides) -> dict:
    """One frame row: the defaults (a day-precise NIS report of about 1,500 soldiers) with overrides."""
    unknown = set(overrides) - set(FRAME_COLUMNS)
    if unknown:
        raise KeyError(f"not frame columns: {sorted(unknown)}")
    out = dict(_DEFAULTS, record_id=record_id, **overrides)
    out.setdefault("claim_key", record_id)
    if out["claim_key"] is None:
        out["claim_key"] = record_id
    if "claimant_group_name" not in overrides:
        own = out["claimant_group"] == out["claimant"]
        out["claimant_group_name"] = out["claimant_name"] if own else _GROUP_NAMES[out["claimant_group"]]
    return out


def frame(*rows: dict):
    return to_frame(list(rows))


def varied_flags():
    """The flags table of :func:`varied_frame`: the correction of t-corrected."""
    return flags_frame([{"record_id": "t-corrected", "flag_type": "corrected_count", "field": "count",
                         "note": "The quote says 300, context says 3.000.", "evidence": "sentence 4."}])


def varied_frame():
    """A frame with one record for each drawing case (used by tests and to look at the charts)."""
    return frame(
        row("t-day"),  # day precision, exact figure
        row("t-month", stated_expr="im Oktober", stated_start="2024-10-01", stated_end="2024-10-31",
            stated_precision="month", stated_edtf="2024-10", count_expr="10.000", count_qualifier="exact",
            count_low=10000, count_best=10000, count_high=10000, claimant="ua_zelensky",
            claimant_name="Volodymyr Zelensky", claimant_country="UA", claimant_kind="person",
            claimant_group="ua_government", count_unit="soldiers_and_technical"),
        row("t-open-start", stated_expr=None, stated_start=None, stated_end="2024-10-23", stated_precision="vague",
            stated_edtf="../2024-10-23", stated_method="rule:not-stated", count_expr="Tausende",
            count_qualifier="vague", count_low=2000, count_best=None, count_high=9999, claimant="us_officials",
            claimant_name="US officials", claimant_country="US", claimant_group="us_officials", outlet="cnn",
            outlet_name="CNN", published="2024-10-23"),
        row("t-at-least", count_expr="mindestens 3.000", count_qualifier="at_least", count_low=3000,
            count_best=3000, count_high=None, stated_start="2024-10-22", stated_end="2024-10-22",
            stated_edtf="2024-10-22", claim_key="nis-3000"),
        row("t-almost", count_expr="fast 12.000", count_qualifier="almost", count_low=None, count_best=12000,
            count_high=12000, stated_start="2024-10-24", stated_end="2024-10-24", stated_edtf="2024-10-24",
            claimant="ua_intel", claimant_name="Ukrainian military intelligence", claimant_country="UA",
            claimant_group="ua_intel"),
        row("t-forecast", stance="forecasts", count_expr="10.000", count_qualifier="exact", count_low=10000,
            count_best=10000, count_high=10000, event_expr="bis Dezember", event_start="2024-11-01",
            event_end="2024-12-31", event_precision="month", event_edtf="2024-11/2024-12",
            event_method="rule:until", stated_start="2024-10-20", stated_end="2024-10-20", stated_edtf="2024-10-20",
            claimant="ua_zelensky", claimant_name="Volodymyr Zelensky", claimant_country="UA",
            claimant_kind="person", claimant_group="ua_government"),
        row("t-corrected", count_expr="3.000", count_qualifier="exact", count_low=3000, count_best=3000,
            count_high=3000, is_corrected=True, flags="corrected_count",
            flag_notes="corrected_count (count): The quote says 300, context says 3.000. Evidence: sentence 4.",
            stated_start="2024-10-23", stated_end="2024-10-23", stated_edtf="2024-10-23", claim_key="nis-3000",
            seed="901_test.txt", article_outlet="Test Post", published="2024-10-26"),
        row("t-reprint", seed="901_test.txt", article_outlet="Test Post", published="2024-10-26",
            outlet="yonhap", outlet_name="Yonhap"),
        row("c-killed", claim_type="casualty_count", count_expr="rund 200", count_low=200, count_best=200,
            count_high=200, count_unit="killed", stated_start="2024-12-20", stated_end="2024-12-20",
            stated_edtf="2024-12-20", published="2024-12-21"),
        row("c-kw", claim_type="casualty_count", count_expr="mehr als 3.000", count_qualifier="more_than",
            count_low=3000, count_best=3000, count_high=None, count_unit="killed_or_wounded",
            stated_start="2024-12-23", stated_end="2024-12-23", stated_edtf="2024-12-23", published="2024-12-24",
            claimant="ua_zelensky", claimant_name="Volodymyr Zelensky", claimant_country="UA",
            claimant_kind="person", claimant_group="ua_government"),
        row("s-deny", claim_type="denial", stance="denies", count_expr=None, count_qualifier=None, count_low=None,
            count_best=None, count_high=None, count_unit=None, claimant="ru_peskov", claimant_name="Dmitry Peskov",
            claimant_country="RU", claimant_kind="person", claimant_group="ru_kremlin",
            stated_start="2024-10-24", stated_end="2024-10-24", stated_edtf="2024-10-24"),
        row("s-meet", claim_type="meeting", stance="reports", count_expr=None, count_qualifier=None, count_low=None,
            count_best=None, count_high=None, count_unit=None, claimant="ru_kremlin", claimant_name="Kremlin",
            claimant_country="RU", claimant_kind="office", claimant_group="ru_kremlin",
            stated_start="2024-10-24", stated_end="2024-10-24", stated_edtf="2024-10-24",
            event_expr="am 18. Oktober", event_start="2024-10-18", event_end="2024-10-18", event_precision="day",
            event_edtf="2024-10-18", event_method="rule:day-month"),
    )


def font_sizes(obj, path=""):
    """Every font size of a figure's layout (a dict, as ``fig.to_dict()["layout"]``), as (path, px); hover labels
    are left out: they are never printed."""
    if isinstance(obj, dict):
        for k, v in obj.items():
            if k == "size" and path.endswith("font") and isinstance(v, (int, float)):
                yield path, v
            elif k != "hoverlabel":
                yield from font_sizes(v, f"{path}.{k}" if path else k)
    elif isinstance(obj, (list, tuple)):
        for v in obj:
            yield from font_sizes(v, path)


def exported_figures(page: str) -> tuple[list, dict, dict]:
    """The figures an exported chart page (``timeline export``'s NAME.html) draws, as plain JSON: the column's
    traces and layout as the page hands them to ``Plotly.newPlot``, and the phone figure (``{"data", "layout"}``)
    the page switches to on a narrow screen."""
    import json
    import re

    dec = json.JSONDecoder()
    data, j = dec.raw_decode(page, page.index("[", page.index("Plotly.newPlot(")))
    layout, _ = dec.raw_decode(page, page.index("{", j))
    phone = json.loads(re.search(r"var phone = (.*?);\nif \(window\.innerWidth", page, re.S).group(1)
                       .replace("<\\/", "</"))
    return data, layout, phone
