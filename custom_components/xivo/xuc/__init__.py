"""Asyncio client for the XiVO XUC CTI server ("Phone API"), independent of Home Assistant."""

from .address import split_host
from .client import XucClient
from .errors import (
    XucAuthenticationError,
    XucCertificateError,
    XucCommandError,
    XucConnectionError,
    XucError,
    XucInvalidHostError,
    XucNotConnectedError,
    XucTimeoutError,
    XucTlsError,
    XucTokenRefusedError,
)
from .models import (
    Call,
    CallEvent,
    CallEventType,
    CallHistory,
    CallState,
    ConferenceEvent,
    Contact,
    DirectoryResult,
    Forward,
    ForwardType,
    HistoryRecord,
    LineConfig,
    NameSource,
    PhoneEvent,
    PhoneStatus,
    UserConfig,
    VoicemailStatus,
)
from .names import normalize_number
from .state import LineState, StateChange, UpdateKind
from .timings import Timings
from .transport import MAX_FRAME_SIZE

__all__ = [
    "MAX_FRAME_SIZE",
    "Call",
    "CallEvent",
    "CallEventType",
    "CallHistory",
    "CallState",
    "ConferenceEvent",
    "Contact",
    "DirectoryResult",
    "Forward",
    "ForwardType",
    "HistoryRecord",
    "LineConfig",
    "LineState",
    "NameSource",
    "PhoneEvent",
    "PhoneStatus",
    "StateChange",
    "Timings",
    "UpdateKind",
    "UserConfig",
    "VoicemailStatus",
    "XucAuthenticationError",
    "XucCertificateError",
    "XucClient",
    "XucCommandError",
    "XucConnectionError",
    "XucError",
    "XucInvalidHostError",
    "XucNotConnectedError",
    "XucTimeoutError",
    "XucTlsError",
    "XucTokenRefusedError",
    "normalize_number",
    "split_host",
]
