"""Names as the seeds write them resolve to canonical actors."""

from pathlib import Path

import pytest

from timeline.names import ActorRegistry, UnknownName


@pytest.fixture(scope="module")
def reg():
    return ActorRegistry.from_yaml()


@pytest.mark.parametrize("written,canonical", [
    ("Lee Sung-kwon", "kr_lee_seong_kweon"),          # 000
    ("Lee Song-kwon", "kr_lee_seong_kweon"),          # 002: one person, two spellings
    ("Nationaler Geheimdienst", "kr_nis"),
    ("NIS", "kr_nis"),
    ("National Intelligence Service", "kr_nis"),
    ("Wolodymyr Selenskyj", "ua_zelensky"),
    ("JakeSullivan", "us_sullivan"),                  # 001: words run together
    ("Kim Jong-gyuDer", "kp_kim_jong_gyu"),
    ("Maria Zakharova", "ru_zakharova"),
    ("Lin Jian", "cn_lin_jian"),
    ("Nova-News", "nova_news"),
    ("  yonhap ", "yonhap"),
    ("kr_nis", "kr_nis"),
])
def test_resolve(reg, written, canonical):
    assert reg.resolve(written).id == canonical


def test_unknown_name_suggests_the_closest(reg):
    with pytest.raises(UnknownName) as info:
        reg.resolve("Lloyd Austen")
    assert any("us_austin" in s for s in info.value.suggestions)
    assert "Lloyd Austen" in str(info.value)


def test_people_speak_for_their_institution(reg):
    assert reg.group("us_kirby") == "us_white_house"
    assert reg.group("kr_nis") == "kr_nis"


def test_an_alias_of_two_actors_is_refused():
    from timeline.names import Actor
    with pytest.raises(ValueError, match="names both"):
        ActorRegistry([Actor("a", "A", "person", "KR", aliases=("Lee",)),
                       Actor("b", "B", "person", "KR", aliases=("Lee",))])


def test_every_actor_kind_is_in_the_vocabulary(reg):
    from timeline.schema import VOCABULARIES
    assert {a.kind for a in reg.by_id.values()} <= set(VOCABULARIES["actor_kind"])


def _the_error(tmp_path, aliases: str):
    """The one error of data/actors.yaml with South Korea's aliases written as given."""
    from timeline.errors import RecordsInvalid
    old = "aliases: [Südkorea, Seoul, südkoreanische Regierung]"
    text = (Path("data") / "actors.yaml").read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "actors.yaml"
    path.write_text(text.replace(old, aliases), encoding="utf-8")
    with pytest.raises(RecordsInvalid) as info:
        ActorRegistry.from_yaml(path)
    [error] = info.value.errors
    return error


def test_an_alias_list_written_as_one_string_is_a_located_error(tmp_path):
    error = _the_error(tmp_path, "aliases: Südkorea, Seoul, südkoreanische Regierung")
    assert (error.record_id, error.field, error.line) == ("kr_government", "aliases", 62)
    assert error.hint == "aliases: [Südkorea, Seoul, südkoreanische Regierung]"


def test_an_alias_holding_a_comma_is_a_located_error(tmp_path):
    error = _the_error(tmp_path, 'aliases: ["Südkorea, Seoul", südkoreanische Regierung]')
    assert (error.record_id, error.field, error.value, error.line) == ("kr_government", "aliases[0]",
                                                                       "Südkorea, Seoul", 62)
    assert "holds a comma" in error.reason
    assert error.hint.endswith("aliases: [Südkorea, Seoul, südkoreanische Regierung]")


def test_an_unknown_name_offers_only_plausible_actors_and_says_how_to_add_it(reg):
    with pytest.raises(UnknownName) as info:
        reg.resolve("Andriy Kovalenko")
    assert info.value.suggestions == []  # no actor's name is alike: none is offered
    assert "data/actors.yaml" in info.value.hint
    assert "- {id: andriy_kovalenko, name: Andriy Kovalenko, kind: KIND, country: CC, aliases: [Andriy Kovalenko]}" \
        in info.value.hint
    with pytest.raises(UnknownName) as info:
        reg.resolve("südkoreanischer Geheimdienstes")
    suggestions = info.value.suggestions
    assert 1 <= len(suggestions) <= 3 and suggestions[0] == "südkoreanischer Geheimdienst (kr_nis)"
    ids = [s.rsplit("(", 1)[1] for s in suggestions]
    assert len(ids) == len(set(ids))  # one suggestion per actor: its most alike name


# An actors file that extends another (issue 14): a held-out folder names only the actors data/actors.yaml does not
# know, and every command reads the two together.
def test_validate_reads_a_held_out_folder_with_the_actors_it_extends(capsys):
    from timeline.cli import main
    from timeline.evaluate_drafts import load_unseen
    from timeline.paths import PROJECT_ROOT

    folder = PROJECT_ROOT / "tests" / "data" / "heldout5"
    assert main(["validate", "--data", str(folder), "--seeds", str(folder / "seeds")]) == 0
    assert "52 record(s) valid, 0 rejected, 0 error(s)" in capsys.readouterr().out
    registry = ActorRegistry.from_yaml(folder / "actors.yaml")
    assert {"kr_nis", "gb_starmer"} <= set(registry.by_id)  # the shipped actors, then the folder's own
    assert registry.case == ActorRegistry.from_yaml().case
    result, full = load_unseen(folder)  # the scorer reads the same actors
    assert not result.errors and set(full.by_id) == set(registry.by_id)


def _actors_file(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _one_error(path: Path):
    from timeline.errors import RecordsInvalid

    with pytest.raises(RecordsInvalid) as info:
        ActorRegistry.from_yaml(path)
    [error] = info.value.errors
    return error


def test_an_extends_that_names_no_file_is_a_located_error(tmp_path):
    path = _actors_file(tmp_path / "set" / "actors.yaml", "# overlay\nextends: ../nowhere/actors.yaml\nactors: []\n")
    error = _one_error(path)
    assert (error.file, error.line, error.field, error.value) == (path.as_posix(), 2, "extends",
                                                                 "../nowhere/actors.yaml")
    assert "which is no file" in error.reason and (tmp_path / "nowhere" / "actors.yaml").as_posix() in error.reason


def test_validate_names_the_file_and_line_of_an_extends_that_names_no_file(tmp_path, capsys):
    from timeline.cli import main

    (tmp_path / "data" / "records").mkdir(parents=True)
    (tmp_path / "seeds").mkdir()
    path = _actors_file(tmp_path / "data" / "actors.yaml", "# overlay\nextends: ../nowhere.yaml\nactors: []\n")
    assert main(["validate", "--data", str(tmp_path / "data"), "--seeds", str(tmp_path / "seeds")]) == 1
    out = capsys.readouterr()
    assert f"{path.as_posix()}:2: field extends: value '../nowhere.yaml': extends " in out.out + out.err


def test_actors_files_that_extend_each_other_are_a_located_error(tmp_path):
    a = _actors_file(tmp_path / "a" / "actors.yaml", "extends: ../b/actors.yaml\nactors: []\n")
    b = _actors_file(tmp_path / "b" / "actors.yaml", "actors: []\nextends: ../a/actors.yaml\n")
    error = _one_error(a)
    assert (error.file, error.line, error.field, error.value) == (b.as_posix(), 2, "extends", "../a/actors.yaml")
    assert error.reason == f"the files extend each other: {a.as_posix()} -> {b.as_posix()} -> {a.as_posix()}"
    itself = _actors_file(tmp_path / "c" / "actors.yaml", "extends: actors.yaml\nactors: []\n")
    assert "extend each other" in _one_error(itself).reason


def test_an_extends_that_is_no_path_is_refused_by_the_schema(tmp_path):
    error = _one_error(_actors_file(tmp_path / "actors.yaml", "extends: [a, b]\nactors: []\n"))
    assert error.field == "extends" and error.line == 1


def test_an_overlay_alias_that_the_extended_file_gives_another_actor_is_located_in_the_overlay(tmp_path):
    import os

    from timeline.paths import ACTORS_FILE

    path = tmp_path / "set" / "actors.yaml"
    _actors_file(path, f"extends: {os.path.relpath(ACTORS_FILE, path.parent)}\nactors:\n"
                       "  - {id: nis_twin, name: NIS twin, kind: agency, country: KR, aliases: [NIS]}\n")
    error = _one_error(path)
    assert (error.file, error.line, error.record_id, error.field) == (path.as_posix(), 3, "nis_twin", "aliases[0]")
    assert "'kr_nis'" in error.reason


def test_a_step_that_reads_the_actors_depends_on_the_file_they_extend(tmp_path):
    from timeline.names import actors_files
    from timeline.paths import ACTORS_FILE, PROJECT_ROOT
    from timeline.steps import main_steps

    folder = PROJECT_ROOT / "tests" / "data" / "heldout5"
    assert actors_files(folder / "actors.yaml") == [ACTORS_FILE.resolve(), folder / "actors.yaml"]
    steps = {s.name: s for s in main_steps(data=folder, seeds=folder / "seeds", reports=tmp_path / "reports")}
    assert ACTORS_FILE.resolve() in steps["package"].inputs and ACTORS_FILE.resolve() in steps["timelinejs"].inputs
