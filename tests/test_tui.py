"""The terminal UI driven with Textual's Pilot as a user would: layout at 80x24, 120x40
and 200x60 (snapshots), keys and focus, nothing lost (quit dialog, recovery file, undo),
honest state (stale results), files where the user works.  Snapshots are taken after
the workers finish; regenerate them with ``pytest tests/test_tui.py --snapshot-update``
after a deliberate change, and look at them."""

from __future__ import annotations

import functools
import shutil

import pytest
from textual.widgets import Button, Input

from thermo_orbit.design import load_design
from thermo_orbit.sizing import size as size_design
from thermo_orbit.tui.app import COMMANDS, ThermoOrbitApp
from thermo_orbit.tui.formatting import format_number
from thermo_orbit.tui.screens import ChoiceScreen, PathScreen
from tui_pilot import DEFAULT, DESIGNS, SIZES, editor, make_app, settle, type_into


@pytest.fixture
def state(tmp_path):
    return tmp_path / "state"


@pytest.fixture
def design_copy(tmp_path):
    path = tmp_path / "d.toml"
    shutil.copy(DEFAULT, path)
    return path


# ---------------------------------------------------------------- layout


@functools.cache
def _default_result():
    return size_design(load_design(DEFAULT))


async def _check_layout(pilot, size: str) -> None:
    """What each size must show (checked in the app the snapshot is taken of)."""
    view = pilot.app.view
    strip = str(view.summary.render())
    r = _default_result()
    mass = format_number(r.mass["total"].to("kg").magnitude)
    area = format_number(r.radiator["area"].to("m^2").magnitude)
    for words in ("FEASIBLE", "binding battery depth of discharge", f"mass {mass} kg", f"radiator {area} m²"):
        assert words in strip  # the essentials, in sight at every size
    assert view.summary.region.bottom <= 5
    shown = {p: view.query_one(f"#{p}").display for p in ("form-pane", "right", "results", "plots")}
    if size == "80x24":
        assert shown == {"form-pane": True, "right": False, "results": False, "plots": False}  # one pane at a time
    else:
        assert all(shown.values())
        assert view.query_one("#form-pane").region.right <= view.query_one("#results").region.x
        assert view.query_one("#plot-year").display == (size == "200x60")  # both plots only when wide


@pytest.mark.parametrize("size", list(SIZES))
def test_main_screen_snapshot(snap_compare, size, state):
    async def run_before(pilot):
        await settle(pilot)
        await _check_layout(pilot, size)
        pilot.app.clear_notifications()
        await pilot.pause()

    assert snap_compare(make_app([DEFAULT], state), terminal_size=SIZES[size], run_before=run_before)


async def test_narrow_terminal_pages_with_f2(state):
    app = make_app([DEFAULT], state)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        view = app.view
        await pilot.press("f2")
        assert view.query_one("#results").display and not view.query_one("#form-pane").display
        assert app.focused is view.table
        await pilot.press("f2")
        assert view.query_one("#plots").display and not view.query_one("#results").display
        await pilot.press("f8")
        assert view.query_one("#plot-year").display and not view.query_one("#plot-orbit").display
        await pilot.press("f2")
        assert view.query_one("#form-pane").display and app.focused.parent.path == "rack.power"


# ---------------------------------------------------------------- keys and focus


async def test_focus_starts_on_a_field_and_tab_stays_in_the_section(state):
    app = make_app([DEFAULT], state)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = app.view
        assert app.focused.parent.path == "rack.power"  # a field, never a tab bar
        assert app.focused.parent.has_pseudo_class("focus-within")  # (its row is highlighted)
        assert "rack.power" in str(view.query_one("#help").render())  # its help under the form
        await pilot.press("ctrl+down")  # section switching: a key no field takes
        await pilot.pause()
        assert view.form.section == "orbit" and app.focused.parent.path == "orbit.altitude"
        assert "orbit.altitude" in str(view.query_one("#help").render())
        await pilot.press("shift+tab")  # from the first field: the results, not a tab bar
        assert app.focused is view.table
        await pilot.press("ctrl+up", "ctrl+up")
        await pilot.pause()
        assert view.form.section == "design" and app.focused.parent.path == "name"
        seen = []
        for _ in range(3):
            await pilot.press("tab")
            seen.append(getattr(app.focused.parent, "path", type(app.focused).__name__))
        assert seen == ["description", "ResultsTable", "name"]  # the section's fields, the results, around
        titles = {c.title for c in app.get_system_commands(app.screen)}  # every action in the palette
        assert {c[3] for c in COMMANDS if c[3]} <= titles and "Open example: default.toml" in titles


def test_every_action_has_a_key_no_field_or_multiplexer_takes():
    taken = {k for b in Input.BINDINGS for k in b.key.split(",")} | {"ctrl+b", "ctrl+a"}  # Input, tmux, screen
    bindings = {b.key: b for b in ThermoOrbitApp.BINDINGS}
    for key, action, _label, _title, _help, _show, _group in COMMANDS:
        assert bindings[key].action == action and bindings[key].show  # in the footer
        assert key not in taken, key
    assert bindings["ctrl+r"].action == "save_as"


# ---------------------------------------------------------------- no lost work


async def test_quit_dialog_cannot_lose_a_change(design_copy, state):
    app = make_app([design_copy], state)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await type_into(pilot, "rack.power", "150 kW")
        await settle(pilot)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen) and app.focused.id == "cancel"
        await pilot.press("enter")  # the reflex: Enter is Cancel
        await pilot.pause()
        assert not isinstance(app.screen, ChoiceScreen) and app.is_running
        await pilot.press("ctrl+q", "escape")  # Escape cancels too
        await pilot.pause()
        assert app.is_running and app.view.doc.table["rack.power"] == "150 kW"
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.click("#save")  # Save and quit
        await pilot.pause(0.3)
    assert not app.is_running
    assert load_design(design_copy)["rack.power"].to("kW").magnitude == pytest.approx(150)
    assert not list(state.glob("recovery-*.json"))  # a clean end leaves nothing to recover


async def test_quit_without_saving_discards_on_purpose(design_copy, state):
    app = make_app([design_copy], state)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await type_into(pilot, "rack.power", "150 kW")
        await settle(pilot)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert [b.id for b in app.screen.query(Button)] == ["save", "discard", "cancel"]
        await pilot.click("#discard")
        await pilot.pause(0.3)
    assert not app.is_running
    assert load_design(design_copy)["rack.power"].to("kW").magnitude == pytest.approx(120)


async def test_undo_redo(design_copy, state):
    app = make_app([design_copy], state)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        view = app.view
        before = view.figure("mass.total")
        await type_into(pilot, "rack.power", "150 kW", keys=True)  # typed key by key: one edit
        await type_into(pilot, "rack.count", "2")
        await settle(pilot)
        assert view.figure("mass.total") != before
        await pilot.press("ctrl+z")
        assert editor(app, "rack.count").value == "1" and app.focused.parent.path == "rack.count"
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert editor(app, "rack.power").value == "120 kW" and view.figure("mass.total") == before
        assert not view.doc.dirty  # back to the file
        await pilot.press("ctrl+y")
        await settle(pilot)
        assert editor(app, "rack.power").value == "150 kW" and view.doc.dirty


async def test_recovery_file_offered_after_a_crash(design_copy, state):
    first = make_app([design_copy], state)
    first.AUTOSAVE_DELAY = 0.05
    async with first.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await type_into(pilot, "rack.power", "175 kW")
        await settle(pilot)
        await pilot.pause(0.3)
        assert len(list(state.glob("recovery-*.json"))) == 1
    # leaving without quitting is what a crash or a killed terminal does: the file stays
    assert len(list(state.glob("recovery-*.json"))) == 1
    second = make_app([design_copy], state)
    async with second.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(second.screen, ChoiceScreen) and second.focused.id == "restore"
        await pilot.press("enter")
        await settle(pilot)
        views = second.design_views()
        assert len(views) == 1  # in place of the unchanged tab of the same file
        assert views[0].doc.table["rack.power"] == "175 kW" and views[0].doc.dirty
        assert editor(second, "rack.power").value == "175 kW"
        assert not [p for p in state.glob("recovery-*.json") if second.session not in p.name]
    assert load_design(design_copy)["rack.power"].to("kW").magnitude == pytest.approx(120)  # file untouched


# ---------------------------------------------------------------- honest state


async def test_invalid_input_marks_results_stale(design_copy, state):
    app = make_app([design_copy], state)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        view = app.view
        before = view.figure("mass.total")
        await type_into(pilot, "rack.power", "150 kg")
        await settle(pilot)
        assert view.has_class("-stale") and view.query_one("#results").styles.opacity < 1
        strip = str(view.summary.render())
        assert "STALE" in strip and "rack.power" in strip
        assert view.form.row("rack.power").has_class("-invalid")
        status = str(view.query_one("#status").render())
        assert "rack.power" in status and "[mass]" in status
        assert "✗" in str(view.query_one("#help").render())
        assert view.figure("mass.total") == before  # the last valid results, dimmed
        await type_into(pilot, "rack.power", "150 kW")
        await settle(pilot)
        assert not view.has_class("-stale") and view.figure("mass.total") != before


async def test_margins_and_verdict_are_coloured_by_sign(state):
    app = make_app([DESIGNS / "sodium_infeasible.toml"], state)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = app.view
        assert not view.result.feasible
        strip = view.summary.render()
        assert "INFEASIBLE" in str(strip)
        cell = view.table.get_cell("margins.freeze", "value")
        assert str(cell).startswith("-") and cell.style.color is not None
        assert view.query_one("#status").has_class("-error")


async def test_plots_follow_every_change(design_copy, state):
    app = make_app([design_copy], state)
    async with app.run_test(size=(200, 60)) as pilot:
        await settle(pilot)
        view = app.view
        beta_before = float(view.year.beta.max().to("deg").magnitude)
        sim_before = view.sim
        view.edit("orbit.sun_synchronous", False)
        view.edit("orbit.inclination", "51.6 deg")
        await settle(pilot)
        assert float(view.year.beta.max().to("deg").magnitude) != pytest.approx(beta_before)
        assert view.sim is not sim_before


async def test_units_preference_applies_everywhere(state):
    app = make_app([DEFAULT], state)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = app.view
        assert view.table.get_cell("temperatures.junction_limit", "unit").plain == "°C"
        await pilot.press("f6")  # degC -> K
        await pilot.pause()
        assert view.table.get_cell("temperatures.junction_limit", "unit").plain == "K"
        assert view.table.get_cell("temperatures.junction_limit", "value").plain == "358.1"
        await pilot.press("f7")  # SI -> customary
        await pilot.pause()
        assert "lb" in str(view.summary.render()) and view.table.get_cell("mass.total", "unit").plain == "lb"
        view.focus_field("rack.max_junction_temperature")
        await pilot.pause()
        assert "= 358.1 K" in str(view.query_one("#help").render())  # the input as the file writes it, and in K
    again = make_app([DEFAULT], state)
    assert (again.prefs.temperature, again.prefs.system) == ("K", "customary")  # kept for the next session


# ---------------------------------------------------------------- several designs


async def test_compare_three_designs(design_copy, state):
    paths = [design_copy, DESIGNS / "suncatcher_node.toml", DESIGNS / "starship_load.toml"]
    app = make_app(paths, state)
    async with app.run_test(size=(120, 30)) as pilot:
        for _ in paths:
            await pilot.press("ctrl+pagedown")
            await settle(pilot)
            await pilot.press("f3")
        await pilot.press("f4")
        await pilot.pause()
        table = app.query_one("#compare-table")
        labels = [str(c.label) for c in table.columns.values()][2:]
        assert sorted(labels) == ["default", "starship-load", "suncatcher-node"]
        power = dict(zip(labels, table.get_row("input:rack.power")[2:]))
        assert {k: v.plain for k, v in power.items()} == {"default": "120", "starship-load": "120",
                                                           "suncatcher-node": "20"}
        for _label, cell in power.items():  # what differs from the first column is highlighted
            assert bool(cell.style) == (cell.plain != power[labels[0]].plain)
        assert table.get_row("verdict")[2].plain == "FEASIBLE"
        rows = table.row_count
        await pilot.press("d")  # only the differences
        assert table.row_count < rows
        await pilot.press("right", "right", "delete")  # unpin the second design
        assert len(app.pins) == 2


async def test_sweep_front_row_opens_as_a_new_design(tmp_path, state):
    from thermo_orbit.sweep import finish_sweep, run_sweep

    spec = tmp_path / "spec.toml"
    spec.write_text(f'[sweep]\nbase = "{DEFAULT}"\nchunk_size = 4\n[[axis]]\nfield = "thermal.radiator_glide"\n'
                    'values = ["10 K", "20 K", "30 K", "40 K"]\n'
                    '[pareto]\nobjectives = ["mass.total", "-margins.freeze"]\n')
    out = tmp_path / "sweep"
    finish_sweep(run_sweep(spec, out).directory, plots=False)
    app = make_app([out], state)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        front = app.query_one("#front")
        assert front.row_count >= 1
        front.focus()
        await pilot.press("enter")
        await settle(pilot)
        view = app.view
        assert view.doc.path is None and view.doc.dirty and view.result is not None
        assert view.doc.table["name"].endswith(f"#{int(str(front.get_row_at(0)[0]))}")


# ---------------------------------------------------------------- files


async def test_example_opens_read_only_and_saves_a_copy_here(tmp_path, state, monkeypatch):
    monkeypatch.chdir(tmp_path)
    original = DEFAULT.read_text()
    app = make_app([DEFAULT], state)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.view.doc.read_only and "(example)" in str(app.tabs.get_tab(app.view.parent.id).label)
        await type_into(pilot, "rack.power", "130 kW")
        await pilot.press("ctrl+s")  # an example: save goes to save-as, in the current directory
        await pilot.pause()
        assert isinstance(app.screen, PathScreen)
        assert app.screen.query_one("#path", Input).value == str(tmp_path / "default.toml")
        app.screen.query_one("#path", Input).value = str(DESIGNS / "mine.toml")  # not into the examples
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert not (DESIGNS / "mine.toml").exists() and app.view.doc.read_only
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert app.view.doc.path == tmp_path / "default.toml" and not app.view.doc.read_only
    assert DEFAULT.read_text() == original
    assert load_design(tmp_path / "default.toml")["rack.power"].to("kW").magnitude == pytest.approx(130)


async def test_file_with_errors_opens_marked_and_can_be_fixed(tmp_path, state):
    bad = tmp_path / "bad.toml"
    text = DEFAULT.read_text()
    assert 'power = "120 kW"' in text
    bad.write_text(text.replace('power = "120 kW"', 'power = "120 kg"\npowr = "3 kW"', 1))
    app = make_app([bad], state)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        view = app.view
        assert view.result is None and "no results" in str(view.summary.render())
        assert view.form.row("rack.power").has_class("-invalid") and view.form.row("rack.powr").has_class("-invalid")
        assert "✗2" in str(view.form.tabbed.get_tab("sec-rack").label)
        assert app.focused.parent.path == "rack.power"  # the focus on the first bad field
        await type_into(pilot, "rack.power", "120 kW")
        await type_into(pilot, "rack.powr", "")  # empty an unknown key: it leaves the file
        await settle(pilot)
        assert view.result is not None and not view.problems
        await pilot.press("ctrl+s")
        await pilot.pause(0.3)
    assert "powr" not in bad.read_text() and load_design(bad)["rack.power"].to("kW").magnitude == pytest.approx(120)


async def test_name_and_description_are_editable(design_copy, state):
    app = make_app([design_copy], state)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await type_into(pilot, "name", "variant b")
        await type_into(pilot, "description", "more power")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await pilot.pause(0.3)
    design = load_design(design_copy)
    assert design.name == "variant b" and design["description"] == "more power"


def test_quit_dialog_snapshot(snap_compare, design_copy, state):
    async def run_before(pilot):
        await settle(pilot)
        await type_into(pilot, "rack.power", "150 kW")
        await settle(pilot)
        pilot.app.clear_notifications()
        await pilot.press("ctrl+q")
        await pilot.pause()

    # the file's folder is a tmp path: the dialog lists it, so show the app a fixed name
    app = make_app([design_copy], state)
    app._doc_name = lambda view: "d.toml"
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
