"""eventwire: dated news reports in many languages turned into ACLED-compatible events.

Library first: `Pipeline().code(report)` codes one `Report`; the CLI and the HTTP
API are thin layers over it.
"""

from .pipeline import Coded, Pipeline, PipelineConfig
from .records import Event, InputError, PartialDate, Report

__all__ = ["Coded", "Event", "InputError", "PartialDate", "Pipeline", "PipelineConfig", "Report"]
