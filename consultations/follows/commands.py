"""Flask commands of follows; register_cli adds every command in COMMANDS."""

from __future__ import annotations

COMMANDS: list = []
