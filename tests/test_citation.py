"""CITATION.cff: valid CFF 1.2.0 fields for the software and the dataset, in step with the package."""

import yaml

from timeline import __version__, paths
from timeline.package import CURATION_LICENSE, build_package


def _cff() -> dict:
    return yaml.safe_load((paths.PROJECT_ROOT / "CITATION.cff").read_text(encoding="utf-8"))


def test_citation_names_the_software_and_the_dataset():
    cff = _cff()
    assert cff["cff-version"] == "1.2.0"
    for key in ("message", "title", "authors", "version", "license", "type"):
        assert cff.get(key), key
    assert cff["type"] == "software" and cff["version"] == __version__ and cff["license"] == "MIT"
    data = [r for r in cff["references"] if r["type"] == "data"]
    assert len(data) == 1 and data[0]["authors"] and data[0]["title"]
    assert data[0]["license"] == CURATION_LICENSE["name"]
    assert data[0]["version"] == build_package().descriptor["version"]


def test_the_package_carries_the_citation():
    assert build_package().files["CITATION.cff"] == (paths.PROJECT_ROOT / "CITATION.cff").read_bytes()
