"""The embedded TokPortal emulator (server side). Public names live in ``tokportal.testing``."""

from __future__ import annotations

from .app import RequestRecord
from .emulator import Emulator
from .faults import FaultRule
from .state import Workspace
from .transport import EmulatorTransport

__all__ = ["Emulator", "EmulatorTransport", "FaultRule", "RequestRecord", "Workspace"]
