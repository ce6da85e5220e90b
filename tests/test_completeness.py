"""Completeness: every sentence of every seed that carries a date or a count of people is accounted for.

Each candidate sentence (timeline.coverage) is covered by a record's quote or listed in
data/not_claims.yaml with a reason; the list holds no stale entry; the detector finds what it
should in sentences of the seeds and nothing in sentences without a date or count.
"""

from __future__ import annotations

import pytest
import yaml

from timeline import load_events
from timeline.coverage import (NotClaim, candidate_sentences, count_mentions, load_not_claims, uncovered)
from timeline.errors import RecordsInvalid
from timeline.seeds import load_seeds

SEEDS = load_seeds()


@pytest.fixture(scope="module")
def frame():
    return load_events()


@pytest.fixture(scope="module")
def not_claims():
    return load_not_claims()


@pytest.mark.parametrize("seed_name", sorted(SEEDS))
def test_every_candidate_sentence_is_covered_or_listed(seed_name, frame, not_claims):
    left = uncovered(SEEDS[seed_name], frame, not_claims)
    assert left == [], "\n".join(f"{c.start}: {c.sentence!r} ({', '.join(c.reasons)})" for c in left)


def test_every_seed_has_candidates_and_records(frame):
    for name, seed in SEEDS.items():
        assert candidate_sentences(seed.text), name
        assert (frame["seed"] == name).any(), f"{name} has no records"


def test_not_claims_are_found_in_their_seed_and_still_match_a_candidate(not_claims):
    assert not_claims, "the list is loaded"
    for entry in not_claims:
        assert entry.quote in SEEDS[entry.seed].text
        assert entry.reason.strip()
        sentences = [c.sentence for c in candidate_sentences(SEEDS[entry.seed].text)]
        assert any(entry.quote in s for s in sentences), f"stale not-claim entry: {entry}"


def test_not_claims_do_not_overlap_records(frame, not_claims):
    """A sentence is either a claim or not: a listed sentence has no record quote in it."""
    for entry in not_claims:
        text = SEEDS[entry.seed].text
        start = text.find(entry.quote)
        rows = frame[frame["seed"] == entry.seed]
        overlapping = rows[(rows["quote_start"] < start + len(entry.quote)) & (rows["quote_end"] > start)]
        assert overlapping.empty, f"{entry.quote!r} is also quoted by {list(overlapping['record_id'])}"


def test_a_record_removed_leaves_its_sentence_uncovered(frame, not_claims):
    seed = SEEDS["001_ce10d6b5d5891930.txt"]
    without = frame[frame["record_id"] != "r001-08"]
    left = uncovered(seed, without, not_claims)
    assert [c.sentence[:30] for c in left] == ["„Wir schätzen, dass Nordkorea "]


# --------------------------------------------------------------------------- the not-claims file is validated


def _write(tmp_path, entries):
    path = tmp_path / "not_claims.yaml"
    path.write_text(yaml.safe_dump({"not_claims": entries}, allow_unicode=True), encoding="utf-8")
    return path


def test_unknown_seed_is_an_error(tmp_path):
    path = _write(tmp_path, [{"seed": "999_nope.txt", "quote": "x", "reason": "y"}])
    with pytest.raises(RecordsInvalid) as exc:
        load_not_claims(path)
    assert "unknown seed" in str(exc.value) and "999_nope.txt" in str(exc.value)


def test_quote_not_in_seed_is_an_error(tmp_path):
    path = _write(tmp_path, [{"seed": "003_777336e2b4043abc.txt", "quote": "Dies ist keine Bestätigung", "reason": "y"}])
    with pytest.raises(RecordsInvalid) as exc:
        load_not_claims(path)
    assert "quote not found verbatim" in str(exc.value) and "not_claims[0]" in str(exc.value)


def test_missing_reason_and_unknown_field_are_errors(tmp_path):
    path = _write(tmp_path, [{"seed": "003_777336e2b4043abc.txt", "quote": "Details zur Meldung", "why": "y"}])
    with pytest.raises(RecordsInvalid) as exc:
        load_not_claims(path)
    message = str(exc.value)
    assert "field reason" in message and "field why" in message and "unknown field" in message


def test_an_entry_error_names_its_entry_and_the_line_of_its_field(tmp_path):
    path = _write(tmp_path, [{"seed": "003_777336e2b4043abc.txt", "quote": "Details zur Meldung", "reason": "ok"},
                             {"seed": "003_777336e2b4043abc.txt", "quote": "Details zur Meldung", "reasn": "y"}])
    with pytest.raises(RecordsInvalid) as exc:
        load_not_claims(path)
    errors = {e.field: e for e in exc.value.errors}
    assert set(errors) == {"reasn", "reason"}
    typo = errors["reasn"]
    lines = path.read_text(encoding="utf-8").splitlines()
    assert typo.line == next(i for i, line in enumerate(lines, 1) if "reasn:" in line)
    assert (typo.record_id, typo.reason, typo.hint) == ("not_claims[1]", "unknown field", "did you mean 'reason'?")
    assert errors["reason"].reason == "required field missing" and errors["reason"].record_id == "not_claims[1]"


def test_valid_entry_loads_with_its_line(tmp_path):
    path = _write(tmp_path, [{"seed": "003_777336e2b4043abc.txt", "quote": "Details zur Meldung", "reason": "furniture"}])
    assert load_not_claims(path) == [NotClaim("003_777336e2b4043abc.txt", "Details zur Meldung", "furniture", 2)]


# --------------------------------------------------------------------------- the detector on seed sentences

POSITIVE = [
    # (seed, sentence opening, a reason that must be among the reasons)
    ("000_c3e6de9effb5d5b0.txt", "Südkoreas Nationaler Geheimdienst (NIS) teilte", "date:month:September"),
    ("000_c3e6de9effb5d5b0.txt", "Südkoreas Nationaler Geheimdienst (NIS) teilte", "count:5.000 Militärangehörige"),
    ("000_c3e6de9effb5d5b0.txt", "Weitere 1.000 nordkoreanische Ingenieure", "count:1.000 nordkoreanische Ingenieure"),
    ("000_c3e6de9effb5d5b0.txt", "Laut dem Nationalen Geheimdienst", "date:year-offset:nächsten Jahr"),
    ("000_c3e6de9effb5d5b0.txt", "Lee merkte an", "date:month:März"),
    ("001_ce10d6b5d5891930.txt", "Eine Delegation südkoreanischer", "date:relative-day:morgen"),
    ("001_ce10d6b5d5891930.txt", "Am 18. Oktober meldete", "count:12 Soldaten"),
    ("001_ce10d6b5d5891930.txt", "Das nordkoreanische Militär soll in vier Brigaden", "count:vier Brigaden"),
    ("001_ce10d6b5d5891930.txt", "Am Vortag, dem 17. Oktober", "date:relative-day:Vortag"),
    ("001_ce10d6b5d5891930.txt", "„Wir schätzen, dass Nordkorea", "date:month-part:zwischen Anfang und Mitte Oktober"),
    ("002_bd56b518dcb22293.txt", "Nordkorea könnte laut Reuters", "date:coming-units:in den kommenden Monaten"),
    ("002_bd56b518dcb22293.txt", "Internationalen Journalisten", "date:half-year:zweiten Jahreshälfte 2023"),
    ("002_bd56b518dcb22293.txt", "Der südkoreanische Parlamentsabgeordnete", "date:season:Spätsommer"),
    ("002_bd56b518dcb22293.txt", "Das im vergangenen Juni", "date:month-rel:vergangenen Juni"),
    ("003_777336e2b4043abc.txt", "„Wir sehen Beweise", "date:weekday:Mittwoch"),
    ("003_777336e2b4043abc.txt", "Auf einem NATO-Gipfel", "date:recently:kürzlich"),
    ("003_777336e2b4043abc.txt", "Laut Informationen aus US-Quellen", "count:Tausende“ nordkoreanischer Soldaten"),
    ("004_fe036ef62c900f82.txt", "Herr Putin (rechts)", "date:year:2023"),
    ("004_fe036ef62c900f82.txt", "Laut AFP vom 24. Dezember", "count:1.000 nordkoreanische Soldaten"),
    ("004_fe036ef62c900f82.txt", "Als im Herbst dieses Jahres", "date:season:Herbst dieses Jahres"),
]

NEGATIVE = [
    # sentences of the seeds with neither a date expression, a count of people nor a claim
    ("000_c3e6de9effb5d5b0.txt", "Gerade lesen andere"),
    ("000_c3e6de9effb5d5b0.txt", "Kim strebt Treffen mit Trump an"),
    ("004_fe036ef62c900f82.txt", "Quelle: https://thanhnien.vn/"),
]

NO_DATE_OR_COUNT_BUT_CLAIM = [
    # sentences of the seeds without a date or a count that curated records quote: a claim cue finds them
    ("001_ce10d6b5d5891930.txt", "Die Delegation unter der Leitung des stellvertretenden Direktors", "claim:verb:informieren"),
    ("001_ce10d6b5d5891930.txt", "Sprecher Kirby sagte, die drei nationalen Sicherheitsberater", "claim:verb:sagte"),
    ("002_bd56b518dcb22293.txt", "Die internationale Gemeinschaft, insbesondere westliche Länder", "claim:verb:äußert"),
    ("003_777336e2b4043abc.txt", "Eine Quelle aus dem ukrainischen Geheimdienst hatte CNN zuvor", "claim:verb:mitgeteilt"),
    ("003_777336e2b4043abc.txt", "„Was sie genau dort tun", "claim:speech"),
    ("004_fe036ef62c900f82.txt", "Russland bestätigt oder dementiert", "claim:verb:bestätigt"),
]


def _sentence(seed: str, opening: str) -> str:
    from timeline.seeds import sentences

    found = [s for _, _, s in sentences(SEEDS[seed].text) if s.startswith(opening)]
    assert len(found) == 1, (seed, opening, found)
    return found[0]


@pytest.mark.parametrize("seed,opening,reason", POSITIVE)
def test_detector_finds_dates_and_counts_in_seed_sentences(seed, opening, reason):
    sentence = _sentence(seed, opening)
    [candidate] = candidate_sentences(sentence)
    assert reason in candidate.reasons


@pytest.mark.parametrize("seed,opening", NEGATIVE)
def test_detector_ignores_sentences_without_date_count_or_claim(seed, opening):
    assert candidate_sentences(_sentence(seed, opening)) == []


@pytest.mark.parametrize("seed,opening,reason", NO_DATE_OR_COUNT_BUT_CLAIM)
def test_detector_finds_claims_without_date_or_count(seed, opening, reason):
    sentence = _sentence(seed, opening)
    [candidate] = candidate_sentences(sentence) if not sentence.startswith("„Was") else \
        [c for c in candidate_sentences(SEEDS[seed].text) if c.sentence == sentence]
    assert reason in candidate.reasons
    assert not any(r.startswith(("date:", "count:")) for r in candidate.reasons), candidate.reasons


def test_day_of_month_and_year_are_not_counts():
    assert count_mentions("Am 17. Oktober 2024 sprachen Soldaten") == []
    assert count_mentions("im September 2023 trafen sich zwei Männer") == [(30, 41, "zwei Männer")]


def test_article_words_are_not_counts():
    assert count_mentions("Ein ukrainischer Beamter sagte, eine Truppe verstärke ihre Präsenz") == []


def test_candidate_offsets_index_the_seed():
    for seed in SEEDS.values():
        for c in candidate_sentences(seed.text):
            assert seed.text[c.start:c.end] == c.sentence
