"""One name per actor everywhere (issue 15, review of December 2026): the same actor was "Ukraine and Western
governments (jointly)" in a tooltip, "Ukraine and the West" in a label and "Ukraine and Western governments" in a
headline; the NIS was "National Intelligence Service (South Korea)", "National Intelligence Service", "NIS" and
"National Intelligence Service (KR)". Each actor has one display name and at most one short form, both declared in
the actors file, and every chart (column, phone, slide), tooltip, table and page writes one of the two.

The check: every text a reader can see (a figure's titles, labels, ticks, legend entries, tooltips; the index and
records pages' text), with what is not the suite's naming taken out (the German quotes, the curated English
summaries, the headlines of articles), the declared names taken out, holds none of the forms the suite used to
make of a name: the name without its parenthesis, the name's parenthesis after a comma, the name or its short
form cut with '…', initials, a person's surname alone.
"""

from __future__ import annotations

import html
import json
import re

import pytest
from chart_frames import exported_figures

from timeline import headlines, load_tables
from timeline.charts import CHARTS
from timeline.names import ActorRegistry
from timeline.summaries import lead_with_claim

#: Keys of a plotly figure's JSON whose strings a reader never sees.
_HIDDEN = {"meta", "customdata", "legendgroup", "uid", "template", "color", "family", "type", "mode", "symbol",
           "dash", "xref", "yref", "xanchor", "yanchor", "anchor", "overlaying", "matches", "name_key", "ids",
           "hoverinfo", "textposition", "align", "valign", "colorscale", "fillcolor", "bgcolor", "bordercolor"}


def _strings(obj, key=None):
    if key in _HIDDEN:
        return
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield from _strings(v, k)
    elif isinstance(obj, (list, tuple)):
        for v in obj:
            yield from _strings(v, key)
    elif isinstance(obj, str):
        yield obj


def _plain(text: str) -> str:
    text = re.sub(r"<i>.*?</i>", " ", text, flags=re.S)  # a tooltip's English summary (curated text)
    text = re.sub(r"<br\s*/?>", " ", text)
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    return " ".join(text.split())


def _variants(actor) -> set[str]:
    """The forms of an actor's name the suite made before, each unless it is one of the declared two: the name
    without its parenthesis (where more than two words remain, as the suite dropped it: 'National Intelligence
    Service', 'Ukraine and Western governments'), its parenthesis after a comma ('South Korea, government'), the
    name or its short form cut with '…', the initials of a name of three or more capitalised words."""
    out = set()
    for text in filter(None, (actor.name, actor.short)):
        bare = re.sub(r"\s*\([^()]*\)$", "", text)
        if bare != text:
            if len(bare.split()) > 2:
                out.add(bare)
            m = re.fullmatch(r"(.*\S)\s*\(([^()]*)\)", text)
            out.add(f"{m.group(1)}, {m.group(2)}")
        words = text.split()
        out.update(" ".join(words[:k]) + end for k in range(1, len(words) + 1) for end in ("…", " …"))
        caps = bare.split()
        if len(caps) > 2 and all(w[:1].isupper() and w.isalpha() for w in caps):
            out.add("".join(w[0] for w in caps))
    return out - {actor.name, actor.short}


def _surname(actor) -> str | None:
    """A person's last name alone, as the direct labels wrote it ('Kirby'): checked in the charts' labels."""
    words = actor.name.split()
    return words[-1] if actor.kind == "person" and len(words) > 1 and not actor.short else None


@pytest.fixture(scope="module")
def project():
    return load_tables()


@pytest.fixture(scope="module")
def reader_texts(html_export, project_slides):
    """{where: [texts]}: every chart at its three sizes (column and phone from the HTML export, the slide from
    the session's slide figures of the same records) and the two pages."""
    out = {}
    for name in CHARTS:
        page = (html_export / f"{name}.html").read_text(encoding="utf-8")
        dec = json.JSONDecoder()
        i = page.index("[", page.index("Plotly.newPlot("))
        data, j = dec.raw_decode(page, i)
        layout, _ = dec.raw_decode(page, page.index("{", j))
        out[f"{name} (column)"] = list(_strings([data, layout]))
        phone = re.search(r"var phone = (.*?);\nif \(window\.innerWidth", page, re.S)
        assert phone, name
        out[f"{name} (phone)"] = list(_strings(json.loads(phone.group(1).replace("<\\/", "</"))))
        slide = project_slides[name]  # export.slide_figure(spec, frame, flags), built once per worker
        if slide is not None:
            out[f"{name} (slide)"] = list(_strings(slide.to_plotly_json()))
    for page in ("index.html", "records.html"):
        text = (html_export / page).read_text(encoding="utf-8")
        text = re.sub(r"<(script|style)\b.*?</\1>", " ", text, flags=re.S)  # the index's figures: checked above
        # the German quotes (a records table cell in the article's words) and the README's caveats (its prose,
        # "South Korea's National Intelligence Service (NIS) and ...") are not the suite naming an actor
        text = re.sub(r'<span lang="de">.*?</span>', " ", text, flags=re.S)
        text = re.sub(r'<ul class="caveats">.*?</ul>', " ", text, flags=re.S)
        out[page] = [text]
    return out


def _free_text(frame) -> list[str]:
    """The curated free text a reader sees that is not the suite's naming, longest first: the English summaries
    (as written and as the sources table leads with the claim), the flags' notes, the articles' headlines."""
    texts = set()
    for col in ("summary_en", "article_title"):
        for v in frame[col].dropna():
            texts.update({" ".join(str(v).split()), " ".join(lead_with_claim(v).split())})
    for v in frame["flag_notes"].dropna():
        texts.update(" ".join(n.split()) for n in str(v).split(" | ") if n.strip())
        # the records page sets a flag's note and its evidence apart ("type (field): note Evidence: evidence")
        for n in str(v).split(" | "):
            note, _, evidence = n.partition(" Evidence: ")
            texts.update(" ".join(p.split()) for p in (note.partition(": ")[2], evidence) if p.strip())
    return sorted(texts, key=len, reverse=True)


def _strip(text: str, free: list[str], names: list[str]) -> str:
    text = re.sub(r"„[^“]*“", " ", text)  # German quotes (and the articles' headlines a source line cites)
    for t in free:
        text = text.replace(t, " ")
        if len(t) > 40 and t[:40] in text:  # a summary cut at a word ("... if it actually came to…")
            i = text.index(t[:40])
            k = 40
            while i + k < len(text) and k < len(t) and text[i + k] == t[k]:
                k += 1
            if text[i + k:i + k + 1] == "…" or text[i + k - 1:i + k + 1].strip() == "…":
                text = text[:i] + " " + text[i + k + 1:]
    for n in names:
        text = re.sub(rf"(?<!\w){re.escape(n)}(?!\w)", " ", text)
    return text


def test_the_actors_file_declares_one_name_and_at_most_one_short_form():
    """The short form is for tight places: no parenthesis (a headline's bracket would nest), not the name again;
    every name that ends in a parenthesis has one (the governments' "Japanese government" is a character longer
    than "Japan (government)", and needs no bracket)."""
    reg = ActorRegistry.from_yaml()
    for a in reg.by_id.values():
        if a.short is not None:
            assert a.short != a.name and "(" not in a.short, a.id
        if re.search(r"\)$", a.name):
            assert a.short, f"{a.id}: {a.name!r} ends in a parenthesis and declares no short name"


def test_every_chart_and_page_names_each_actor_by_its_declared_names_only(project, reader_texts):
    frame, _ = project
    reg = ActorRegistry.from_yaml()
    actors = list(reg.by_id.values())
    names = sorted({n for a in actors for n in (a.name, a.short) if n}, key=len, reverse=True)
    free = _free_text(frame)
    owner = {v: a.id for a in actors for v in _variants(a)} | {_surname(a): a.id for a in actors if _surname(a)}

    def alternation(forms):
        forms = sorted(forms, key=len, reverse=True)
        return re.compile("(?<![\\w-])(" + "|".join(re.escape(v) + (r"(?![\w-])" if v[-1].isalnum() else "")
                                                   for v in forms) + ")")
    variants = alternation({v for a in actors for v in _variants(a)})
    surnames = alternation({_surname(a) for a in actors if _surname(a)})
    found = []
    seen = {a.id: set() for a in actors}
    for where, texts in reader_texts.items():
        plain = "\n".join(_plain(t) for t in texts)
        for a in actors:
            if any(re.search(rf"(?<!\w){re.escape(n)}(?!\w)", plain) for n in filter(None, (a.name, a.short))):
                seen[a.id].add(where)
        rest = _strip(plain, free, names)
        labels = _strip("\n".join(_plain(t) for t in texts if len(t) < 60), free, names) if "html" not in where else ""
        for text, pattern in ((rest, variants), (labels, surnames)):
            for m in pattern.finditer(text):
                found.append((where, owner[m.group(1)], m.group(1), text[max(0, m.start() - 60):m.end() + 30]))
    assert not found, "\n".join(map(str, sorted(set(found))[:40]))
    # every claimant of the records is named somewhere by a declared name: the check above saw them
    for claimant in set(frame["claimant"]):
        assert seen[claimant], claimant
    # the reviewer's example: Ukraine and the West under its two declared names only, in the charts that draw it
    west = reg.by_id["ua_and_west"]
    assert west.short == "Ukraine and the West" and {"deployments (column)", "latest_estimates (phone)"} <= \
        seen["ua_and_west"]



def _keyed(obj, key=None):
    """(key, string) of every string of a plotly figure's JSON a reader sees (:func:`_strings`, with its key)."""
    if key in _HIDDEN:
        return
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield from _keyed(v, k)
    elif isinstance(obj, (list, tuple)):
        for v in obj:
            yield from _keyed(v, key)
    elif isinstance(obj, str):
        yield key, obj


@pytest.fixture(scope="module")
def shown_and_tips(html_export, project_slides):
    """{where: (the text a reader sees without hovering, the tooltips' text)}: every chart at its three sizes and
    the two pages (their figures' scripts left out: checked as charts)."""
    out = {}
    for name in CHARTS:
        page = (html_export / f"{name}.html").read_text(encoding="utf-8")
        data, layout, phone = exported_figures(page)
        sizes = {"column": [data, layout], "phone": phone}
        if project_slides[name] is not None:
            sizes["slide"] = project_slides[name].to_plotly_json()
        for size, fig in sizes.items():
            parts = list(_keyed(fig))
            tips = [t for k, t in parts if k in ("hovertext", "hovertemplate")]
            shown = [t for k, t in parts if k not in ("hovertext", "hovertemplate")]
            out[f"{name} ({size})"] = ("\n".join(map(_plain, shown)), "\n".join(map(_plain, tips)))
    for page in ("index.html", "records.html"):
        text = (html_export / page).read_text(encoding="utf-8")
        text = re.sub(r"<(script|style)\b.*?</\1>", " ", text, flags=re.S)
        text = re.sub(r'<span lang="de">.*?</span>', " ", text, flags=re.S)
        text = re.sub(r'<ul class="caveats">.*?</ul>', " ", text, flags=re.S)  # the README's prose
        out[page] = (_plain(text), "")
    return out


def test_every_chart_and_page_names_each_actor_by_one_form_at_every_size(project, shown_and_tips):
    """Review 9, major 7: the same actor as "NIS" on one chart and "National Intelligence Service (South Korea)"
    on another read as two actors. An actor whose actors-file entry declares a short form is named by it in every
    chart at every size and on both pages; its display name stands only where the short form is defined
    ("NIS: National Intelligence Service (South Korea)": a tooltip, the records page's list of short names), and
    every short form an interactive figure writes is defined in that figure's tooltips."""
    frame, _ = project
    reg = ActorRegistry.from_yaml()
    two = [a for a in reg.by_id.values() if a.short and a.short != a.name]
    free = _free_text(frame)
    found, undefined = [], []
    for where, (shown, tips) in shown_and_tips.items():
        shown = _strip(shown, free, [])
        for a in two:
            definition = f"{a.short}: {a.name}"
            for part, text in (("text", shown), ("tooltip", _strip(tips, free, []))):
                rest = text.replace(definition, " ")
                for m in re.finditer(rf"(?<![\w-]){re.escape(a.name)}(?![\w-])", rest):
                    found.append((where, part, a.id, rest[max(0, m.start() - 50):m.end() + 20]))
            # (a figure with no tooltip at all, the empty disagreements chart, has nowhere to define a name)
            if ("(column)" in where or "(phone)" in where) and tips and definition not in tips and \
                    re.search(rf"(?<![\w-]){re.escape(a.short)}(?![\w-])", shown):
                undefined.append((where, a.id))
    assert not found, "\n".join(map(str, found[:30]))
    assert not undefined, "\n".join(map(str, undefined))
    # the reviewer's example: the NIS by one name in every chart that draws it, at every size
    nis = [w for w, (shown, _) in shown_and_tips.items() if re.search(r"\bNIS\b", shown)]
    assert {"deployments (column)", "source_flow (phone)", "independent_sources (slide)", "index.html"} <= set(nis)
    # the records page defines the short forms it writes, once
    assert shown_and_tips["records.html"][0].count("NIS: National Intelligence Service (South Korea)") == 1
