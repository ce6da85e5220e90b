"""Names as the seeds write them resolve to canonical actors."""

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
