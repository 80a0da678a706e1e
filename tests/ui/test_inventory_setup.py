"""First-run inventory set-up in the background: progress, Cancel, then ready."""

from __future__ import annotations

from greendesign.inventory.brightway_setup import SetupCancelled, check_integrity


def test_setup_runs_in_background_can_be_cancelled_and_completes(window, qtbot):
    status = window.start_inventory_setup()
    assert status.progress_bar.isVisible() and status.cancel_button.isVisible()
    # wait until methods are being written, then press Cancel
    with qtbot.waitSignal(status.worker.progress, timeout=120_000,
                          check_params_cb=lambda f, m: m.startswith("Writing LCIA method")):
        pass
    assert window.isVisible()  # the GUI thread kept processing events meanwhile
    with qtbot.waitSignal(status.worker.failed, timeout=120_000) as failed:
        status.cancel_button.click()
    assert isinstance(failed.args[0], SetupCancelled)
    assert status.label.text() == ("Inventory not set up: Inventory set-up was cancelled. It "
                                   "starts again the next time the app needs it.")
    assert not status.progress_bar.isVisible()
    assert check_integrity() == ["no complete installation is recorded"]

    with qtbot.waitSignal(status.ready, timeout=180_000) as ready:
        window.start_inventory_setup()
    assert ready.args[0].rebuilt and ready.args[0].methods == 98
    assert status.label.text() == "Inventory ready: 98 LCIA methods"
    assert check_integrity() == []
