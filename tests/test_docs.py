"""The README's data dictionary is the one generated from schema.yaml."""

from timeline.docs import README_FILE, render_readme


def test_readme_data_dictionary_is_current():
    text = README_FILE.read_text(encoding="utf-8")
    assert render_readme(text) == text, "README generated sections are stale: run `python -m timeline docs`"


def test_readme_names_every_frame_column():
    from timeline.schema import FRAME_COLUMNS
    text = README_FILE.read_text(encoding="utf-8")
    for col in FRAME_COLUMNS:
        assert f"| {col} |" in text


def test_corrections_are_flag_types_of_the_vocabulary_and_all_listed():
    from timeline import load_events
    from timeline.docs import corrections_markdown
    from timeline.schema import VOCABULARIES
    from timeline.summaries import CORRECTION_FLAGS

    assert set(CORRECTION_FLAGS) <= set(VOCABULARIES["flag_type"])
    frame = load_events()
    flagged = frame["flags"].str.split("; ").explode()
    rows = corrections_markdown().splitlines()[2:]
    assert len(rows) == int(flagged.isin(CORRECTION_FLAGS).sum()) > 0
