"""`flask demo load` opens the demo framework with suppliers on it; `flask frameworks load FILE` checks and loads."""

from __future__ import annotations

from marketplace.frameworks import queries
from marketplace.frameworks import status as statuses
from marketplace.frameworks.demo import load_demo_framework
from tests.frameworks.factories import DEMO_FILE, SLUG, demo_data


def test_the_demo_framework_is_open_for_applications_with_suppliers_already_on_it(demo_app):
    framework = queries.get_framework(SLUG)
    assert framework.status == statuses.OPEN
    on_it = [a for a in queries.list_applications(framework.id) if a.on_framework]
    assert len(on_it) >= 4
    lots = queries.list_framework_lots_for_organisations([a.organisation_id for a in on_it])
    assert {lot["label"] for entries in lots.values() for lot in entries} == {
        "Estates Services DPS: Repairs",
        "Estates Services DPS: Cleaning",
        "Estates Services DPS: Resident engagement",
        "Estates Services DPS: Green spaces",
    }


def test_the_demo_sign_ins_organisations_can_still_apply(demo_app):
    from marketplace.accounts.queries import get_user_by_email
    from marketplace.suppliers.queries import get_membership_for_user

    framework = queries.get_framework(SLUG)
    sam = get_membership_for_user(get_user_by_email("sam@kentishtowncleaning.example").id)
    assert queries.get_application(framework.id, sam.organisation_id) is None


def test_loading_the_demo_twice_changes_nothing(demo_app):
    count = queries.count_applications(queries.get_framework(SLUG).id)
    assert load_demo_framework() is False
    assert queries.count_applications(queries.get_framework(SLUG).id) == count


def test_the_command_loads_a_definition_file(app):
    result = app.test_cli_runner().invoke(args=["frameworks", "load", str(DEMO_FILE)])
    assert result.exit_code == 0, result.output
    assert "Created Estates Services Dynamic Purchasing System (estates-dps), version 1" in result.output


def test_the_command_lists_every_problem_in_a_bad_file(app, tmp_path):
    import yaml

    data = demo_data()
    data["lots"][0].pop("name")
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    result = app.test_cli_runner().invoke(args=["frameworks", "load", str(path)])
    assert result.exit_code == 1 and "lots[0]: 'name' is required" in result.output
    assert queries.get_framework(SLUG) is None


def test_loading_a_changed_file_stores_a_new_version(app, tmp_path):
    import yaml

    runner = app.test_cli_runner()
    runner.invoke(args=["frameworks", "load", str(DEMO_FILE)])
    data = demo_data()
    data["summary"] = "A shorter summary."
    path = tmp_path / "estates-dps.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    result = runner.invoke(args=["frameworks", "load", str(path)])
    assert "Loaded a new version of" in result.output and queries.get_framework(SLUG).version == 2


def test_the_scheduler_command_evaluates_after_close_and_publishes_on_results_day(app):
    from marketplace import clock
    from tests.frameworks.factories import AFTER_CLOSE, GOOD_ANSWERS, RESULTS_DAY, create_application, create_framework

    framework = create_framework()
    application = create_application(framework, answers={**GOOD_ANSWERS, "insurance": "no"})
    runner = app.test_cli_runner()
    clock.freeze(AFTER_CLOSE)
    assert "estates-dps: evaluated 1 application(s)" in runner.invoke(args=["frameworks", "tick"]).output
    clock.freeze(RESULTS_DAY)
    assert "estates-dps: released 1 result(s)" in runner.invoke(args=["frameworks", "tick"]).output
    assert queries.get_application(framework.id, application.organisation_id).result_released_at == RESULTS_DAY
