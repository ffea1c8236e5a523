"""`journal checkin`, the metric flags of `goal add/edit`, `goal show`, milestones and the
progress in `goal list`, run through the real executable."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

from tests.cli.conftest import Run

TODAY = date.today()
START = (TODAY - timedelta(days=50)).isoformat()
DUE = (TODAY + timedelta(days=50)).isoformat()  # halfway: expected 50%


def latency(journal: Run) -> None:
    done = journal(
        "goal",
        "add",
        "Cut checkout latency",
        "--code",
        "latency",
        "--baseline",
        "420",
        "--target",
        "300 ms",
        "--start",
        START,
        "--due",
        DUE,
    )
    assert done.returncode == 0, done.stderr


def test_checkin_records_an_entry_of_kind_checkin(journal: Run) -> None:
    latency(journal)
    done = journal(
        "checkin",
        "latency",
        "375ms",
        "--note",
        "after the cache change",
        "--confidence",
        "high",
        "--when",
        "yesterday",
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("e1 added: checkin on ")
    (entry,) = json.loads(journal("list", "--kind", "checkin", "--json").stdout)
    assert entry["goals"] == ["latency"] and entry["value"] == 375
    assert entry["confidence"] == "high" and entry["body"] == "after the cache change"
    assert json.loads(journal("list", "--kind", "note", "--json").stdout) == []
    shown = journal("show", "e1").stdout
    assert "value:     375" in shown and "confidence:high" in shown


def test_goal_show_json_carries_progress(journal: Run) -> None:
    latency(journal)
    journal("checkin", "latency", "390", "--when", "3 days ago")
    journal("checkin", "latency", "1,360 ms".replace("1,", ""), "--when", "yesterday")
    shown = journal("goal", "show", "latency", "--json")
    assert shown.returncode == 0, shown.stderr
    goal = json.loads(shown.stdout)
    assert goal["metric"] == {"unit": "ms", "baseline": 420.0, "target": 300.0, "start": START}
    assert goal["target"] == "300 ms"
    got = goal["progress"]
    assert list(got) == [
        "baseline",
        "current",
        "target",
        "unit",
        "percent",
        "expected",
        "status",
        "checkins",
    ]
    assert (got["baseline"], got["current"], got["target"], got["unit"]) == (420, 360, 300, "ms")
    assert got["percent"] == 50.0 and got["expected"] == 50.0 and got["status"] == "on track"
    assert [c["value"] for c in got["checkins"]] == [390, 360]
    assert set(got["checkins"][0]) == {"when", "value", "note", "confidence"}
    assert goal["evidence_count"] == 2
    text = journal("goal", "show", "latency").stdout
    assert "420 ms -> 360 ms -> 300 ms (50%, on track)" in text


def test_goal_list_shows_percent_and_status(journal: Run) -> None:
    latency(journal)
    journal("goal", "add", "Ship the beta", "--code", "beta")
    journal("checkin", "latency", "400", "--when", "today")
    lines = {line.split()[0]: line for line in journal("goal", "list").stdout.splitlines()}
    assert "17% at risk" in lines["latency"]
    assert "no data" in lines["beta"]
    listed = {g["code"]: g for g in json.loads(journal("goal", "list", "--json").stdout)}
    assert listed["latency"]["progress"]["status"] == "at risk"
    assert listed["beta"]["progress"]["status"] == "no data"


def test_checkin_refusals_name_the_fix(journal: Run) -> None:
    latency(journal)
    journal("goal", "add", "Ship the beta", "--code", "beta")
    no_metric = journal("checkin", "beta", "3")
    assert no_metric.returncode == 2
    assert "journal goal edit beta --baseline N --target N" in no_metric.stderr
    wrong_unit = journal("checkin", "latency", "3s")
    assert wrong_unit.returncode == 2 and "measured in 'ms'" in wrong_unit.stderr
    garbage = journal("checkin", "latency", "fast")
    assert garbage.returncode == 2 and "375ms" in garbage.stderr
    bad = journal("checkin", "latency", "300", "--confidence", "sure")
    assert bad.returncode == 2 and "low, medium, high" in bad.stderr
    assert json.loads(journal("list", "--json").stdout) == []  # nothing written


def test_target_text_and_baseline_make_a_metric_on_edit(journal: Run) -> None:
    journal("goal", "add", "Close enterprise deals", "--code", "deals", "--target", "5 deals")
    note = journal("goal", "add", "Cut cost", "--code", "cost", "--target", "$40,000")
    assert "--baseline N" in note.stderr
    done = journal("goal", "edit", "deals", "--baseline", "0")
    assert done.returncode == 0, done.stderr
    goal = json.loads(journal("goal", "show", "deals", "--json").stdout)
    assert goal["metric"]["target"] == 5 and goal["metric"]["unit"] == "deals"
    assert journal("checkin", "deals", "5").returncode == 0
    assert (
        json.loads(journal("goal", "show", "deals", "--json").stdout)["progress"]["status"]
        == "done"
    )
    journal("goal", "edit", "deals", "--no-metric")
    assert json.loads(journal("goal", "show", "deals", "--json").stdout)["metric"] is None
    missing = journal("goal", "edit", "cost", "--unit", "$")
    assert missing.returncode == 2 and "--baseline N" in missing.stderr


def test_milestones_are_the_progress_of_a_binary_goal(journal: Run) -> None:
    journal("goal", "add", "Influence across teams", "--code", "influence", "--personal")
    journal("goal", "milestone", "add", "influence", "Run the API guild", "--due", DUE)
    journal("goal", "milestone", "add", "influence", "Write the RFC")
    done = journal("goal", "milestone", "done", "influence", "1")
    assert done.returncode == 0 and "milestone 1 done: Run the API guild" in done.stdout
    goal = json.loads(journal("goal", "show", "influence", "--json").stdout)
    assert goal["progress"]["percent"] == 50.0
    assert goal["milestones"][0]["done_on"] == TODAY.isoformat()
    assert goal["milestones"][1] == {"text": "Write the RFC", "due": None, "done_on": None}
    wrong = journal("goal", "milestone", "done", "influence", "3")
    assert wrong.returncode == 2 and "milestones 1 to 2" in wrong.stderr
    text = journal("goal", "show", "influence").stdout
    assert "[x] 1. Run the API guild" in text and "[ ] 2. Write the RFC" in text


def test_help_documents_value_and_target(journal: Run) -> None:
    checkin = journal("checkin", "--help").stdout
    assert "1,250" in checkin and "34%" in checkin
    assert "lower is better" in journal("goal", "add", "--help").stdout


def test_check_ins_and_metrics_survive_export_import_and_pass_doctor(
    journal: Run, tmp_path: Path
) -> None:
    latency(journal)
    journal("goal", "milestone", "add", "latency", "Cache the tax call")
    journal("checkin", "latency", "360", "--confidence", "low", "--note", "noisy week")
    doctor = journal("doctor")
    assert doctor.returncode == 0, doctor.stdout + doctor.stderr
    dump = tmp_path / "dump.json"
    assert journal("export", "--format", "json", "-o", str(dump)).returncode == 0
    other = tmp_path / "other" / "journal.json"
    done = journal("import", "json", str(dump), db_path=other)
    assert done.returncode == 0, done.stderr
    goal = json.loads(journal("goal", "show", "latency", "--json", db_path=other).stdout)
    assert (
        goal["metric"]["baseline"] == 420 and goal["milestones"][0]["text"] == "Cache the tax call"
    )
    (checkin,) = goal["progress"]["checkins"]
    assert checkin == {
        "when": TODAY.isoformat(),
        "value": 360.0,
        "note": "noisy week",
        "confidence": "low",
    }


def test_checkin_takes_a_negative_value_and_refuses_minus_inf(journal: Run) -> None:
    assert (
        journal(
            "goal",
            "add",
            "Net",
            "--code",
            "net",
            "--baseline",
            "-10",
            "--target",
            "5",
            "--unit",
            "ms",
        ).returncode
        == 0
    )
    for typed, value in (("-2.5", -2.5), ("-5ms", -5.0), ("-1,250", -1250.0), ("-1e3", -1000.0)):
        done = journal("checkin", "net", typed)
        assert done.returncode == 0, (typed, done.stderr)
        entry = json.loads(journal("list", "--kind", "checkin", "--json").stdout)[0]
        assert entry["value"] == value, typed
    refused = journal("checkin", "net", "-inf")
    assert refused.returncode == 2 and "cannot read '-inf' as a value" in refused.stderr
    assert "required: VALUE" not in refused.stderr
    assert journal("goal", "edit", "net", "--baseline", "-1e3").returncode == 0
    shown = json.loads(journal("goal", "show", "net", "--json").stdout)
    assert shown["metric"]["baseline"] == -1000.0


def test_a_unit_typed_with_the_baseline_is_the_metrics_unit(journal: Run) -> None:
    done = journal("goal", "add", "Cut search latency", "--code", "search", "--target", "300")
    assert done.returncode == 0, done.stderr
    done = journal("goal", "edit", "search", "--baseline", "420ms")  # the first metric flag
    assert done.returncode == 0, done.stderr
    metric = json.loads(journal("goal", "show", "search", "--json").stdout)["metric"]
    assert (metric["baseline"], metric["target"], metric["unit"]) == (420, 300, "ms")
    assert journal("goal", "edit", "search", "--baseline", "400 MS").returncode == 0  # same unit
    help_text = journal("goal", "add", "--help").stdout
    assert "420ms" in help_text and "unit typed with --baseline" in " ".join(help_text.split())


def test_a_unit_typed_with_a_number_that_is_not_the_metrics_is_refused(journal: Run) -> None:
    latency(journal)  # in ms
    before = journal.db.read_bytes()  # type: ignore[attr-defined]
    cases = [
        (["goal", "edit", "latency", "--baseline", "0.42s"], "--baseline '0.42 s' is in 's'"),
        (["goal", "edit", "latency", "--baseline", "420ms", "--unit", "s"], "measured in 's'"),
        (["goal", "edit", "latency", "--target", "0.3s", "--unit", "ms"], "--target '0.3s'"),
        (["goal", "add", "Faster pages", "--baseline", "420ms", "--target", "1 s"], "in 's'"),
        (["checkin", "latency", "0.4s"], "measured in 'ms'"),
    ]
    for args, message in cases:
        refused = journal(*args)
        assert refused.returncode == 2 and message in refused.stderr, (args, refused.stderr)
    assert journal.db.read_bytes() == before  # type: ignore[attr-defined]
    journal("goal", "add", "Ship more", "--code", "ships", "--baseline", "0", "--target", "5")
    unitless = journal("checkin", "ships", "3ms")
    assert unitless.returncode == 2 and "without a unit" in unitless.stderr
    assert journal("goal", "edit", "ships", "--baseline", "1ms").returncode == 2
