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
