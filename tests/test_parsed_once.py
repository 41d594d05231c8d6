"""A data file read twice in one process (the Ukrainian edition, a `serve` rebuild) is parsed once
(load/files.py): its problems are reported on every reading, and an edit is read afresh."""

from __future__ import annotations

from explainer.load import files
from explainer.model.problems import Problems


def read(path, problems):
    return files.read_yaml_list(path, "data/sources.yml", "sources", problems)


def test_the_same_text_is_parsed_once_and_its_problems_come_with_every_reading(tmp_path, monkeypatch):
    path = tmp_path / "sources.yml"
    path.write_text("- id: a\n  title: A\n- id: a\n  title: A\n  title: again\n", encoding="utf-8")
    parsed = []
    original = files._yaml_list
    monkeypatch.setattr(files, "_yaml_list", lambda *a: parsed.append(a[0]) or original(*a))
    first, second = Problems(), Problems()
    records = read(path, first)
    assert read(path, second) is records and len(parsed) == 1
    assert [str(p) for p in first.items] == [str(p) for p in second.items]
    assert [str(p) for p in second.items] == [
        "data/sources.yml:5: title: this key appears twice in the same item (keep one)"
    ]


def test_an_edited_file_is_parsed_again_and_its_old_problems_are_gone(tmp_path):
    path = tmp_path / "sources.yml"
    path.write_text("- id: a\n  title: [unclosed\n", encoding="utf-8")
    broken = Problems()
    assert read(path, broken) == [] and "malformed YAML" in str(broken.items[0])
    path.write_text("- id: a\n  title: fixed\n", encoding="utf-8")  # the editor saves under `serve`
    fixed = Problems()
    assert [r.data for r in read(path, fixed)] == [{"id": "a", "title": "fixed"}]
    assert fixed.items == []


def test_bad_characters_are_reported_on_every_reading(tmp_path):
    path = tmp_path / "observations.csv"
    path.write_bytes("date,metric\n2024-08-10,area\u0007\n".encode())
    for _ in range(2):
        problems = Problems()
        records = files.read_csv(path, "data/observations.csv", ["date", "metric"], problems)
        assert [p.line for p in problems.items] == [2] and records[0].data["metric"] == "area\ufffd"


def test_a_second_load_validates_nothing_again_yet_reports_every_problem(engine_for, monkeypatch):
    """The Ukrainian edition and `serve` rebuilds load the same files again: rows are validated
    once while their file is unchanged, every load still reports their problems, and the rows of
    an edited file are validated afresh (those of the other files are not)."""
    from explainer.load import validate
    from fixtures import OBSERVATIONS

    bad = OBSERVATIONS.replace("2024-08-20,settlements,93,", "2024-08-20,settlements,ninety,")
    first = engine_for(observations_csv=bad)
    checks = []
    original = validate._check
    monkeypatch.setattr(validate, "_check", lambda *a: checks.append(a[0]) or original(*a))
    second = engine_for(observations_csv=bad)
    assert checks == [] and first.errors == second.errors
    assert [(p.path, p.line, p.field) for p in second.errors] == [("data/observations.csv", 5, "value")]
    fixed = engine_for(observations_csv=OBSERVATIONS)
    assert fixed.errors == [] and {c.path for c in checks} == {"data/observations.csv"}
    assert [c.data["value"] for c in checks] == ["1000", "800", "1263", "93"]
