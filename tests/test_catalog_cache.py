"""The catalog cache: a hit is the same catalog, any change to a file outdates it,
a damaged cache file is rebuilt, and writers racing each other leave whole files."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, TINY, resource, skill, write_tree

from roadmap_engine import _catalog
from roadmap_engine import _catalog_cache as catalog_cache
from roadmap_engine._catalog import load_catalog
from roadmap_engine._catalog_cache import CACHE_ENV, CatalogSnapshot, cache_dir


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv(CACHE_ENV, str(folder))
    _catalog._load_cached.cache_clear()  # every load below goes to the disk cache
    yield folder
    _catalog._load_cached.cache_clear()


@pytest.fixture
def coach(tmp_path):
    return write_tree(tmp_path / "coach", copy.deepcopy(TINY))


def fresh(folder=None, replace=True):
    """A load that the process cache cannot answer."""
    _catalog._load_cached.cache_clear()
    return load_catalog(folder, replace=replace and folder is not None)


def no_yaml(monkeypatch):
    """From here on, reading a YAML catalog file fails the test."""

    def refuse(folder, files):
        raise AssertionError(f"parsed {folder} although the cache had it")

    monkeypatch.setattr(_catalog, "_read_folder", refuse)


def same(one, other):
    assert one.skills == other.skills
    assert one.roles == other.roles
    assert one.transitions == other.transitions
    assert dict(one.sources) == dict(other.sources)
    assert sorted(one.graph.edges) == sorted(other.graph.edges)
    assert list(one.graph.nodes) == list(other.graph.nodes)
    assert one._skill_names == other._skill_names
    assert one._role_names == other._role_names


def cache_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("catalog-*.json"))


@pytest.mark.parametrize("layered", [False, True], ids=["built-in", "coach folder over it"])
def test_a_hit_is_the_same_catalog_without_parsing_yaml(cache, coach, monkeypatch, layered):
    folder = coach if layered else None
    parsed = fresh(folder, replace=False)
    assert len(cache_files(cache)) == 1
    no_yaml(monkeypatch)
    cached = fresh(folder, replace=False)
    same(cached, parsed)
    assert cached.find_skill("BASICS" if layered else "k8s") == parsed.find_skill(
        "BASICS" if layered else "k8s"
    )


def edit_hours(folder: Path) -> None:
    data = yaml.safe_load((folder / "skills.yaml").read_text(encoding="utf-8"))
    data["skills"][0]["hours"] = 11
    (folder / "skills.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")


def add_file(folder: Path) -> None:
    guide = resource("extra guide", rid="guide-extra")
    write_tree(folder, {"more.yaml": {"skills": [skill("extra", 3)], "resources": [guide]}})


def rename_file(folder: Path) -> None:
    (folder / "skills.yaml").rename(folder / "skills.yml")  # a new name is a change too


@pytest.mark.parametrize("edit", [edit_hours, add_file, rename_file])
def test_any_change_to_a_catalog_file_outdates_the_cache(cache, coach, edit):
    before = fresh(coach)
    key_before = json.loads(cache_files(cache)[0].read_text())["key"]
    edit(coach)
    after = fresh(coach)
    same(after, _catalog._build([_catalog._read_folder(coach, sorted_files(coach))]))
    assert json.loads(cache_files(cache)[0].read_text())["key"] != key_before
    assert len(cache_files(cache)) == 1  # the entry for this folder is replaced, not added
    if edit is edit_hours:
        assert before.skills["basics"].hours_to("intermediate") == 10
        assert after.skills["basics"].hours_to("intermediate") == 11
    if edit is add_file:
        assert "extra" in after.skills and "extra" not in before.skills


def sorted_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.yaml")) + sorted(folder.glob("*.yml"))


def test_the_same_content_rewritten_is_still_a_hit(cache, coach, monkeypatch):
    before = fresh(coach)
    for path in sorted_files(coach):  # new modification times, same bytes
        path.write_bytes(path.read_bytes())
    no_yaml(monkeypatch)
    same(fresh(coach), before)


def test_a_new_engine_version_outdates_the_cache(cache, coach, monkeypatch):
    fresh(coach)
    key = json.loads(cache_files(cache)[0].read_text())["key"]
    monkeypatch.setattr("roadmap_engine.__version__", "99.0.0")
    fresh(coach)
    assert json.loads(cache_files(cache)[0].read_text())["key"] != key


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"{not json",
        b"\x00\xff" * 100,
        b'{"key": "KEY", "skills": [], "roles": [], "transitions": [], "sources": {}}',
        b'{"key": "KEY", "skills": 5}',
        "truncated",
        "missing source",
    ],
)
def test_a_damaged_cache_file_is_ignored_and_rewritten(cache, coach, damage):
    good = fresh(coach)
    (saved,) = cache_files(cache)
    text = saved.read_bytes()
    key = json.loads(text)["key"]
    if damage == "truncated":
        damage = text[: len(text) // 2]
    elif damage == "missing source":
        data = json.loads(text)
        data["sources"].pop("skill:basics")
        damage = json.dumps(data).encode()
    assert isinstance(damage, bytes)
    saved.write_bytes(damage.replace(b"KEY", key.encode()))
    same(fresh(coach), good)
    assert CatalogSnapshot.model_validate_json(saved.read_bytes()).key == key


def test_no_cache_when_turned_off(tmp_path, coach, monkeypatch):
    monkeypatch.setenv(CACHE_ENV, "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() is None
    fresh(coach)
    assert not (tmp_path / "xdg").exists()


def test_the_user_cache_folder_follows_xdg(tmp_path, monkeypatch):
    monkeypatch.delenv(CACHE_ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "xdg" / "roadmap-engine"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/path")  # not absolute: ignored, as XDG says
    assert cache_dir() == Path.home() / ".cache" / "roadmap-engine"

    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", no_home)
    assert cache_dir() is None  # no cache rather than a crash


def test_an_unwritable_cache_folder_still_loads(tmp_path, coach, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(CACHE_ENV, str(blocker / "cache"))
    same(fresh(coach), _catalog._build([_catalog._read_folder(coach, sorted_files(coach))]))


RACE = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from roadmap_engine import _catalog, _catalog_cache as cache
    from roadmap_engine._catalog import load_catalog

    folder = Path(sys.argv[1])
    expected = load_catalog(folder, replace=True)
    files = [(folder.resolve(), sorted(folder.resolve().glob("*.yaml")))]
    saved, key = cache.cache_file(files), cache.content_key(files)
    snapshot = _catalog._snapshot(expected, key)
    for _ in range(int(sys.argv[2])):
        cache.write(saved, snapshot)
        found = cache.read(saved, key)
        assert found is not None and found == snapshot, "a reader saw a partial file"
        _catalog._load_cached.cache_clear()
        again = load_catalog(folder, replace=True)
        assert again.skills == expected.skills and again.roles == expected.roles
    print("ok")
    """
)


def test_processes_writing_at_once_each_leave_a_whole_file(cache, coach):
    # a bigger file takes longer to write, so the writers overlap
    big = copy.deepcopy(TINY)
    big["skills.yaml"]["skills"] += [skill(f"filler-{i}", 1) for i in range(400)]
    write_tree(coach, big)
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", RACE, str(coach), "40"],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    for run in runs:
        out, err = run.communicate(timeout=300)
        assert run.returncode == 0, err
        assert out.strip() == "ok"
    assert len(cache_files(cache)) == 1
    assert not [p for p in cache.iterdir() if p.name.startswith(".")], "temporary files left"
    no_cached = catalog_cache.read(cache_files(cache)[0], "another key")
    assert no_cached is None
