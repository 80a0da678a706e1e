"""Evidence pack commands of ``greendesign-cli``: ``export`` and ``verify``.

The commands are written in :mod:`greendesign.report.commands`, beside the pack, so that
their help and messages share the pack's message catalogue; this module is what the command
line registers (as :mod:`greendesign.cli_lca` and :mod:`greendesign.cli_inventory`).
"""

from __future__ import annotations

from greendesign.report.commands import add_commands, cmd_export, cmd_verify

__all__ = ["add_commands", "cmd_export", "cmd_verify"]
