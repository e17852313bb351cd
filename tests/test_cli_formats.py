"""The coach's command line: the format from the file's extension, several formats
in one run, `roadmap init` and `roadmap schema`."""

from __future__ import annotations

import datetime as dt
import json
import re

import jsonschema
import pytest
import yaml
from conftest import ROOT, SAMPLE

from roadmap_engine import generate_plan, render
from roadmap_engine._cli import EXIT_USER_ERROR, main
from roadmap_engine.inputs.field_docs import field_docs
from roadmap_engine.inputs.profile import Profile
from roadmap_engine.inputs.starter import json_schema

# -- the format follows the output file's extension ---------------------------


@pytest.mark.parametrize(
    ("name", "start"),
    [
        ("plan.html", "<!DOCTYPE html>"),
        ("plan.md", "# From Software Engineer"),
        ("plan.json", "{"),
        ("plan.ics", "BEGIN:VCALENDAR"),
        ("plan.HTML", "<!DOCTYPE html>"),
        ("plan", "# From Software Engineer"),  # no extension: md, the default
    ],
)
def test_the_extension_chooses_the_format(tmp_path, name, start):
    assert main(["plan", str(SAMPLE), "-o", str(tmp_path / name)]) == 0
    assert (tmp_path / name).read_text("utf-8").startswith(start)


def test_without_output_the_default_is_markdown_on_stdout(capsys):
    assert main(["plan", str(SAMPLE)]) == 0
    assert capsys.readouterr().out == render(generate_plan(SAMPLE), "md")


def test_an_explicit_format_that_agrees_with_the_extension_is_fine(tmp_path):
    assert main(["plan", str(SAMPLE), "-f", "html", "-o", str(tmp_path / "p.html")]) == 0
    assert main(["plan", str(SAMPLE), "-f", "md", "-o", str(tmp_path / "notes.txt")]) == 0
    assert (tmp_path / "notes.txt").read_text("utf-8").startswith("# ")


def test_a_format_that_contradicts_the_extension_is_an_error_naming_both(tmp_path, capsys):
    target = tmp_path / "plan.html"
    assert main(["plan", str(SAMPLE), "--format", "md", "-o", str(target)]) == EXIT_USER_ERROR
    err = capsys.readouterr().err
    assert "plan.html" in err and ".html means html" in err and "--format says md" in err
    assert not target.exists()


def test_an_unknown_extension_without_a_format_is_an_error(tmp_path, capsys):
    target = tmp_path / "plan.docx"
    assert main(["plan", str(SAMPLE), "-o", str(target)]) == EXIT_USER_ERROR
    err = capsys.readouterr().err
    assert ".docx names no format" in err and ".md, .html, .json, .ics, .pdf" in err
    assert not target.exists()


def test_an_unknown_format_is_an_error(tmp_path, capsys):
    assert main(["plan", str(SAMPLE), "-f", "docx"]) == EXIT_USER_ERROR
    assert "unknown format 'docx'" in capsys.readouterr().err


# -- several formats in one run ----------------------------------------------


def test_several_formats_write_one_file_each_beside_the_base_name(tmp_path, capsys):
    folder = tmp_path / "plans"
    folder.mkdir()
    assert main(["plan", str(SAMPLE), "--format", "md,html,ics", "-o", str(folder / "alex")]) == 0
    assert sorted(p.name for p in folder.iterdir()) == ["alex.html", "alex.ics", "alex.md"]
    plan = generate_plan(SAMPLE)
    assert (folder / "alex.md").read_text("utf-8") == render(plan, "md")
    assert (folder / "alex.ics").read_bytes() == render(plan, "ics").encode()
    assert capsys.readouterr().err.count("wrote ") == 3


def test_several_formats_keep_a_dot_in_the_base_name(tmp_path):
    assert main(["plan", str(SAMPLE), "-f", "md,json", "-o", str(tmp_path / "alex.v2")]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["alex.v2.json", "alex.v2.md"]


def test_several_formats_need_a_base_name_without_extension(tmp_path, capsys):
    assert main(["plan", str(SAMPLE), "-f", "md,html"]) == EXIT_USER_ERROR
    assert "need a base name" in capsys.readouterr().err
    target = tmp_path / "alex.md"
    assert main(["plan", str(SAMPLE), "-f", "md,html", "-o", str(target)]) == EXIT_USER_ERROR
    assert "base name without an extension" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_nothing_is_written_when_one_of_several_outputs_is_refused(tmp_path, capsys):
    """plans/alex.md is the profile itself: refused before alex.html is written."""
    profile = tmp_path / "alex.md"
    profile.write_text(SAMPLE.read_text("utf-8"), "utf-8")
    before = profile.read_bytes()
    args = ["plan", str(profile), "-f", "html,md", "-o", str(tmp_path / "alex")]
    assert main(args) == EXIT_USER_ERROR
    assert "the profile" in capsys.readouterr().err
    assert profile.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["alex.md"]


def test_nothing_is_written_when_a_template_fails_for_one_format(tmp_path, capsys):
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "plan.html.j2").write_text("{{ plan.no_such_field }}", "utf-8")
    out = tmp_path / "out"
    out.mkdir()
    args = ["plan", str(SAMPLE), "-f", "md,html", "-o", str(out / "a"), "--templates"]
    assert main([*args, str(templates)]) == EXIT_USER_ERROR
    assert list(out.iterdir()) == []


# -- roadmap init -------------------------------------------------------------


def _filled(text: str) -> str:
    text = re.sub(r"^name:$", "name: Sam Lee", text, flags=re.MULTILINE)
    text = re.sub(r"^start_date:$", "start_date: 2027-01-04", text, flags=re.MULTILINE)
    return re.sub(r"^weekly_hours:$", "weekly_hours: 10", text, flags=re.MULTILINE)


def test_init_writes_a_profile_that_plans_once_filled_in(tmp_path, capsys):
    path = tmp_path / "sam.yaml"
    args = ["init", str(path), "--current", "software engineer", "--target", "ML engineer"]
    assert main(args) == 0
    text = path.read_text("utf-8")
    assert 'current_role: "Software Engineer"' in text  # the catalog's own title
    assert 'target_role: "Machine Learning Engineer"' in text
    assert main(["plan", str(path)]) == EXIT_USER_ERROR  # placeholders are not a profile
    capsys.readouterr()
    path.write_text(_filled(text), "utf-8")
    assert main(["plan", str(path), "-o", str(tmp_path / "sam.md")]) == 0
    assert (
        (tmp_path / "sam.md")
        .read_text("utf-8")
        .startswith("# From Software Engineer to Machine Learning Engineer")
    )


def test_init_documents_every_profile_field(tmp_path):
    path = tmp_path / "new.yaml"
    assert main(["init", str(path)]) == 0
    text = path.read_text("utf-8")
    for name in Profile.model_fields:
        assert re.search(rf"^(# )?{name}:", text, re.MULTILINE), name
        doc = field_docs(Profile).get(name)
        assert doc and doc.splitlines()[0] in text, name
    assert re.search(r"^current_role:$", text, re.MULTILINE)  # left to fill in


def test_every_optional_example_in_init_is_valid(tmp_path):
    """Uncommenting every optional field (hours_per_weekday instead of weekly_hours)
    gives a valid profile: the examples teach the right syntax."""
    path = tmp_path / "new.yaml"
    assert main(["init", str(path), "--current", "teacher", "--target", "ux designer"]) == 0
    text = _filled(path.read_text("utf-8")).replace("weekly_hours: 10", "")
    optional = re.compile(r"^# ([a-z_]+): (.*)$", re.MULTILINE)
    fields = {m.group(1) for m in optional.finditer(text)}
    assert fields == set(Profile.model_fields) - {"name", "current_role", "target_role"} - {
        "start_date",
        "weekly_hours",
    }
    uncommented = optional.sub(r"\1: \2", text)
    (tmp_path / "all.yaml").write_text(uncommented, "utf-8")
    data = yaml.safe_load(uncommented)
    assert set(data) == set(Profile.model_fields) - {"weekly_hours"}
    assert main(["plan", str(tmp_path / "all.yaml"), "-o", str(tmp_path / "all.md")]) == 0


def test_init_never_overwrites(tmp_path, capsys):
    path = tmp_path / "mine.yaml"
    path.write_text("name: Keep me\n", "utf-8")
    assert main(["init", str(path)]) == EXIT_USER_ERROR
    assert "already exists" in capsys.readouterr().err
    assert path.read_text("utf-8") == "name: Keep me\n"


def test_init_refuses_an_unknown_role_and_writes_nothing(tmp_path, capsys):
    path = tmp_path / "new.yaml"
    assert main(["init", str(path), "--target", "astronaut"]) == EXIT_USER_ERROR
    assert "unknown role 'astronaut'" in capsys.readouterr().err
    assert not path.exists()


def test_init_into_a_missing_folder_says_so(tmp_path, capsys):
    assert main(["init", str(tmp_path / "nope" / "new.yaml")]) == EXIT_USER_ERROR
    assert "does not exist" in capsys.readouterr().err


# -- roadmap schema -----------------------------------------------------------


@pytest.mark.parametrize("kind", ["profile", "coach", "catalog"])
def test_schema_prints_the_models_json_schema(kind, capsys):
    assert main(["schema", kind]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["additionalProperties"] is False


def test_schema_of_an_unknown_file_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["schema", "budget"])
    assert stop.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


@pytest.mark.parametrize("kind", ["profile", "coach", "catalog"])
def test_the_committed_schema_files_are_up_to_date(kind):
    committed = ROOT / "schemas" / f"{kind}.schema.json"
    assert committed.read_text("utf-8") == json_schema(kind), (
        f"run: roadmap schema {kind} > schemas/{kind}.schema.json"
    )


def _as_json(value: object) -> object:
    """YAML data as JSON sees it (an editor reads an unquoted date as text)."""
    if isinstance(value, dict):
        return {str(k): _as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_json(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


@pytest.mark.parametrize("path", sorted((ROOT / "profiles").glob("*.yaml")), ids=lambda p: p.name)
def test_shipped_profiles_name_the_schema_and_pass_it(path):
    first = path.read_text("utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schemas/profile.schema.json"
    schema = json.loads((ROOT / "schemas" / "profile.schema.json").read_text("utf-8"))
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    errors = [e.message for e in validator.iter_errors(_as_json(yaml.safe_load(path.read_text())))]
    assert errors == []
    generate_plan(path)  # and it still loads: the line is a comment
