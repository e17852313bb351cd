"""``roadmap batch --shard I/N`` and ``roadmap merge``: the shards split a folder into
disjoint, stable slices, and their merged report is the one a single run writes."""

from __future__ import annotations

import json

import pytest
from conftest import SAMPLE, profile, write_tree

from roadmap_engine._batch_folder import find_profiles
from roadmap_engine._cli import main
from roadmap_engine._shard import Shard


def folder_of(tmp_path, count: int):
    files = {f"client-{i:02}.yaml": profile(name=f"Client {i}") for i in range(count)}
    return write_tree(tmp_path / "profiles", files)


@pytest.mark.parametrize("count", [1, 2, 3, 5])
def test_shards_are_disjoint_cover_the_folder_and_stay_put(tmp_path, count):
    folder = folder_of(tmp_path, 30)
    every = find_profiles(folder)
    slices = [find_profiles(folder, Shard(i, count)) for i in range(1, count + 1)]
    assert sorted(p for part in slices for p in part) == every
    assert len({p for part in slices for p in part}) == len(every)
    if count > 1:
        assert all(slices), "30 names should reach every shard"
    (folder / "client-new.yaml").write_text((folder / "client-00.yaml").read_text())
    again = [find_profiles(folder, Shard(i, count)) for i in range(1, count + 1)]
    for before, after in zip(slices, again, strict=True):
        assert set(before) <= set(after)  # a new profile moves no other


@pytest.mark.parametrize("text", ["0/2", "3/2", "1/0", "x", "1/2/3", ""])
def test_a_bad_shard_is_a_usage_error(tmp_path, text, capsys):
    with pytest.raises(SystemExit) as stop:
        main(["batch", str(SAMPLE.parent), "-o", str(tmp_path / "out"), "--shard", text])
    assert stop.value.code == 2
    assert "I/N" in capsys.readouterr().err


def entries(report_path):
    data = json.loads(report_path.read_text())
    return data, [{k: v for k, v in e.items() if k != "status"} for e in data["entries"]]


def test_merged_shard_reports_are_the_single_runs_report(tmp_path, tiny_data):
    catalog = write_tree(tmp_path / "catalog", tiny_data)
    folder = folder_of(tmp_path, 9)
    (folder / "broken.yaml").write_text("name: [unclosed\n")
    common = ["--catalog", str(catalog), "--replace-catalog", "--format", "md,json"]
    assert main(["batch", str(folder), "-o", str(tmp_path / "whole"), *common]) == 1
    sharded = tmp_path / "sharded"
    for index in (1, 2, 3):
        main(["batch", str(folder), "-o", str(sharded), "--shard", f"{index}/3", *common])
    shards = sorted(sharded.glob("report-*-of-3.json"))
    assert len(shards) == 3
    merged = sharded / "report.json"
    assert main(["merge", *map(str, shards), "-o", str(merged)]) == 1  # broken.yaml failed
    whole, whole_entries = entries(tmp_path / "whole" / "report.json")
    together, together_entries = entries(merged)
    assert together_entries == whole_entries
    for key in ("written", "unchanged", "failed", "formats", "engine_version"):
        assert together[key] == whole[key]
    assert sorted(p.name for p in sharded.glob("*.md")) == sorted(
        p.name for p in (tmp_path / "whole").glob("*.md")
    )
    # a shard run again skips what it wrote (a failed profile is always tried again)
    main(["batch", str(folder), "-o", str(sharded), "--shard", "2/3", *common])
    again = json.loads((sharded / "report-2-of-3.json").read_text())["entries"]
    assert again and {e["status"] for e in again if e["profile"] != "broken.yaml"} == {"unchanged"}


def test_merge_refuses_overlapping_or_mismatched_reports(tmp_path, tiny_data, capsys):
    catalog = write_tree(tmp_path / "catalog", tiny_data)
    folder = folder_of(tmp_path, 4)
    common = ["--catalog", str(catalog), "--replace-catalog"]
    main(["batch", str(folder), "-o", str(tmp_path / "a"), *common])
    main(["batch", str(folder), "-o", str(tmp_path / "b"), "--format", "json", *common])
    one = str(tmp_path / "a" / "report.json")
    capsys.readouterr()
    assert main(["merge", one, one, "-o", str(tmp_path / "m.json")]) == 2
    assert "overlap" in capsys.readouterr().err
    other = str(tmp_path / "b" / "report.json")
    assert main(["merge", one, other, "-o", str(tmp_path / "m.json")]) == 2
    assert "formats" in capsys.readouterr().err
    assert main(["merge", one, "-o", one]) == 2  # never over a shard's report
    assert not (tmp_path / "m.json").exists()
