"""Terminal UI driven with Textual's Pilot: edit, invalid input, save and reopen, compare."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, Static
from textual.worker import WorkerCancelled

from thermo_orbit.design import load_design
from thermo_orbit.tui import ThermoOrbitApp

DEFAULT = Path(__file__).resolve().parent.parent / "designs" / "default.toml"


async def settle(app, pilot):
    """Wait until the debounce timer has fired and every worker has finished."""
    await pilot.pause(0.35)
    for _ in range(100):
        try:
            await app.workers.wait_for_complete()
        except WorkerCancelled:
            await pilot.pause(0.05)
            continue
        if not any(w.is_running for w in app.workers):
            break
        await pilot.pause(0.05)
    await pilot.pause()


def total_mass(app) -> str:
    return app.query_one("#results", DataTable).get_row_at(1)[1]


@pytest.fixture
def design_copy(tmp_path):
    path = tmp_path / "d.toml"
    shutil.copy(DEFAULT, path)
    return path


async def test_edit_updates_results(design_copy):
    app = ThermoOrbitApp(design_copy)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(app, pilot)
        before = total_mass(app)
        app.query_one("#f-rack--power", Input).value = "150 kW"
        await settle(app, pilot)
        assert total_mass(app) != before
        assert app.dirty


async def test_invalid_value_shows_message_and_keeps_results(design_copy):
    app = ThermoOrbitApp(design_copy)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(app, pilot)
        before = total_mass(app)
        field = app.query_one("#f-rack--power", Input)
        field.value = "150 kg"
        await settle(app, pilot)
        status = str(app.query_one("#status", Static).render())
        assert "rack.power" in status and "[mass]" in status
        assert field.has_class("invalid")
        assert total_mass(app) == before  # the last valid results stay


async def test_save_then_reopen_gives_same_design(design_copy):
    app = ThermoOrbitApp(design_copy)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(app, pilot)
        app.query_one("#f-thermal--radiator_glide", Input).value = "25 K"
        await settle(app, pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not app.dirty
    again = load_design(design_copy)
    assert again["thermal.radiator_glide"].to("K").magnitude == pytest.approx(25.0)
    assert again.values == app.design.values


async def test_compare_with_pinned_baseline(design_copy):
    app = ThermoOrbitApp(design_copy)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(app, pilot)
        app.query_one("#results", DataTable).focus()
        await pilot.press("b")
        app.query_one("#f-rack--count", Input).value = "2"
        await settle(app, pilot)
        row = app.query_one("#results", DataTable).get_row_at(1)
        assert row[3] != "" and row[4].startswith("+")  # baseline shown, mass went up


async def test_quit_with_unsaved_changes_asks(design_copy):
    app = ThermoOrbitApp(design_copy)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(app, pilot)
        app.query_one("#f-rack--power", Input).value = "130 kW"
        await settle(app, pilot)
        app.query_one("#results", DataTable).focus()
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "ConfirmQuit"
        await pilot.click("#no")
        await pilot.pause()
        assert app.screen.__class__.__name__ != "ConfirmQuit"


def test_main_screen_snapshot(snap_compare):
    # pytest-textual-snapshot: the main screen once the sizing has finished
    # (regenerate with `pytest tests/test_tui.py --snapshot-update` after a deliberate change).
    async def run_before(pilot):
        await settle(pilot.app, pilot)
        pilot.app.query_one("#results", DataTable).focus()  # no blinking text cursor in the picture
        await pilot.pause()

    assert snap_compare(ThermoOrbitApp(DEFAULT), terminal_size=(150, 46), run_before=run_before)


async def test_open_another_design(design_copy):
    app = ThermoOrbitApp(design_copy)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(app, pilot)
        app.open_design(DEFAULT.parent / "suncatcher_node.toml")
        await settle(app, pilot)
        assert app.query_one("#f-rack--power", Input).value == "20 kW"
        assert app.design.name == "suncatcher-node" and not app.dirty


def test_help_screen_snapshot(snap_compare):
    async def run_before(pilot):
        await settle(pilot.app, pilot)  # results first, so the screen behind the help is settled
        pilot.app.query_one("#results", DataTable).focus()
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(ThermoOrbitApp(DEFAULT), terminal_size=(150, 46), run_before=run_before)
