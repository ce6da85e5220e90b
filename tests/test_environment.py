"""environment.yml (conda) and pyproject.toml (pip) list the same packages at the same versions."""

import re
import tomllib

import yaml

from timeline import paths

#: conda-forge names that differ from the PyPI names
CONDA_TO_PYPI = {"python-kaleido": "kaleido"}


def _pyproject_pins() -> dict[str, str]:
    project = tomllib.loads((paths.PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    reqs = project["dependencies"] + [r for extra in project["optional-dependencies"].values() for r in extra]
    pins = {}
    for req in reqs:
        m = re.fullmatch(r"([A-Za-z0-9_.\-]+)==([\w.]+)", req.strip())
        assert m, f"pyproject.toml: {req!r} is not pinned exactly (name==version)"
        pins[m.group(1).lower()] = m.group(2)
    return pins


def _environment_pins() -> dict[str, str]:
    env = yaml.safe_load((paths.PROJECT_ROOT / "environment.yml").read_text(encoding="utf-8"))
    pins = {}
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            for pip_req in dep["pip"]:
                if pip_req.startswith("-e"):
                    continue
                name, version = pip_req.split("#")[0].strip().split("==")
                pins[name.lower()] = version
            continue
        name, _, version = dep.partition("=")
        if name in ("python", "pip"):
            continue
        pins[CONDA_TO_PYPI.get(name, name).lower()] = version
    return pins


def test_environment_matches_pyproject_package_by_package():
    py, env = _pyproject_pins(), _environment_pins()
    assert sorted(py) == sorted(env), {"only in pyproject": set(py) - set(env), "only in environment": set(env) - set(py)}
    for name in py:
        assert py[name] == env[name], f"{name}: pyproject {py[name]} != environment.yml {env[name]}"


def test_environment_installs_the_package_editable():
    env = yaml.safe_load((paths.PROJECT_ROOT / "environment.yml").read_text(encoding="utf-8"))
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert "-e ." in pip
