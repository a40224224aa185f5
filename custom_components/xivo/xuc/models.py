"""Typed models of what a XUC server says about one user's phone line."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
import re
from types import MappingProxyType
from typing import Final, NamedTuple

from .contact_centre import ContactCentreMessage

EMPTY_USER_DATA: Final[Mapping[str, str]] = MappingProxyType({})
INTEGER: Final = re.compile(r"-?[0-9]{1,18}")


class PhoneStatus(StrEnum):
    """Status of a phone (own device or a monitored number), normalised."""

    AVAILABLE = "available"
    CALLING = "calling"
    BUSY = "busy"
    UNREACHABLE = "unreachable"
    RINGING = "ringing"
    BUSY_AND_RINGING = "busy_and_ringing"
    ON_HOLD = "on_hold"
    DEACTIVATED = "deactivated"
    UNEXISTING = "unexisting"
    ERROR = "error"

    @classmethod
    def from_wire(cls, value: object) -> PhoneStatus | None:
        """Accept a `Cti.PhoneStatus` name or its number (the wire type is not settled)."""
        if isinstance(value, bool):
            return None
        if isinstance(value, int):
            return _STATUS_BY_NUMBER.get(value)
        if isinstance(value, str):
            key = value.strip().upper()
            if INTEGER.fullmatch(key):
                return _STATUS_BY_NUMBER.get(int(key))
            return _STATUS_BY_NAME.get(key)
        return None


_STATUS_BY_NUMBER: Final[dict[int, PhoneStatus]] = {
    0: PhoneStatus.AVAILABLE,
    1: PhoneStatus.CALLING,
    2: PhoneStatus.BUSY,
    4: PhoneStatus.UNREACHABLE,
    8: PhoneStatus.RINGING,
    9: PhoneStatus.BUSY_AND_RINGING,
    16: PhoneStatus.ON_HOLD,
    -1: PhoneStatus.DEACTIVATED,
    -2: PhoneStatus.UNEXISTING,
    -99: PhoneStatus.ERROR,
}
_STATUS_BY_NAME: Final[dict[str, PhoneStatus]] = {
    "AVAILABLE": PhoneStatus.AVAILABLE,
    "CALLING": PhoneStatus.CALLING,
    "BUSY": PhoneStatus.BUSY,
    "INDISPONIBLE": PhoneStatus.UNREACHABLE,
    "UNAVAILABLE": PhoneStatus.UNREACHABLE,
    "RINGING": PhoneStatus.RINGING,
    "BUSY_AND_RINGING": PhoneStatus.BUSY_AND_RINGING,
    "ONHOLD": PhoneStatus.ON_HOLD,
    "ON_HOLD": PhoneStatus.ON_HOLD,
    "DEACTIVATED": PhoneStatus.DEACTIVATED,
    "UNEXISTING": PhoneStatus.UNEXISTING,
    "ERROR": PhoneStatus.ERROR,
}


class CallEventType(StrEnum):
    """Kind of a `PhoneEvent`, named as the integration exposes it."""

    DIALING = "dialing"
    RINGING = "ringing"
    ESTABLISHED = "established"
    RELEASED = "released"
    ON_HOLD = "on_hold"
    FAILURE = "failure"


# XUC spells them `EventDialing`, ..., `EventOnHold`, `EventFailure`.
CALL_EVENT_TYPES_BY_WIRE: Final[dict[str, CallEventType]] = {
    "Event" + event_type.title().replace("_", ""): event_type for event_type in CallEventType
}


class CallState(StrEnum):
    """State of the line as a whole, derived from its calls."""

    IDLE = "idle"
    DIALING = "dialing"
    RINGING = "ringing"
    ESTABLISHED = "established"
    ON_HOLD = "on_hold"


class ForwardType(StrEnum):
    """The three call forwards of a XiVO user."""

    UNCONDITIONAL = "unconditional"
    NO_ANSWER = "no_answer"
    BUSY = "busy"

    @property
    def command(self) -> str:
        """The CTI command that sets this forward."""
        return _FORWARD_WIRE[self] + "Fwd"

    @property
    def wire_prefix(self) -> str:
        """Prefix of this forward's keys in `UserConfigUpdate`."""
        return _FORWARD_WIRE[self]


_FORWARD_WIRE: Final[dict[ForwardType, str]] = {
    ForwardType.UNCONDITIONAL: "unc",
    ForwardType.NO_ANSWER: "na",
    ForwardType.BUSY: "busy",
}


class PhoneEvent(NamedTuple):
    """One `PhoneEvent` of the user's own line.

    This, `Call` and `HintStatus` are made for nearly every frame: named tuples, immutable like
    the frozen dataclasses around them but built in a third of the time (a frozen dataclass
    sets each field through `object.__setattr__`). Change one with `_replace`.
    """

    event_type: CallEventType
    dn: str = ""
    other_dn: str = ""
    other_dname: str = ""
    linked_id: str = ""
    unique_id: str = ""
    queue_name: str = ""
    call_direction: str = ""
    username: str = ""
    user_data: Mapping[str, str] = EMPTY_USER_DATA


class NameSource(StrEnum):
    """Where the other party's name of a call comes from."""

    PBX = "pbx"
    DIRECTORY = "directory"


class Call(NamedTuple):
    """A call of the line as the client tracks it, keyed by `linked_id`.

    A named tuple, as `PhoneEvent` says why: a new one for every event of the call.
    """

    linked_id: str
    unique_id: str
    state: CallState
    dn: str = ""
    other_dn: str = ""
    other_dname: str = ""
    call_direction: str = ""
    queue_name: str = ""
    username: str = ""
    user_data: Mapping[str, str] = EMPTY_USER_DATA
    rang: bool = False
    """An incoming `EventRinging` was seen for this call on this line."""
    answered: bool = False
    """The call reached `EventEstablished` on this line at least once."""
    started_at: float | None = None
    """When this client first saw the call (POSIX time: cheap to take on every event)."""
    answered_at: float | None = None
    """When the call was first established on this line (POSIX time)."""
    directory_name: str = ""
    """The other party's name found in the XiVO directory, when the PBX gave none."""

    @property
    def _pbx_named(self) -> bool:
        # A "name" equal to the number is what XUC sends for an unknown caller.
        return bool(self.other_dname) and self.other_dname != self.other_dn

    @property
    def other_name(self) -> str | None:
        """The other party's name: the PBX's, else the directory's; `None` when unknown."""
        if self._pbx_named:
            return self.other_dname
        return self.directory_name or None

    @property
    def name_source(self) -> NameSource | None:
        """Where `other_name` comes from."""
        if self._pbx_named:
            return NameSource.PBX
        return NameSource.DIRECTORY if self.directory_name else None

    @property
    def needs_name(self) -> bool:
        """A number without a name: worth a directory lookup (asked of every call event)."""
        return bool(self.other_dn) and not self.directory_name and not self._pbx_named


@dataclass(frozen=True, slots=True)
class CallEvent:
    """What call listeners receive: the wire event and what it means for the line."""

    event: PhoneEvent
    missed: bool = False
    """The call rang here and was released without ever being established here."""
    synthetic: bool = False
    """Not sent by the server: derived while re-syncing after a reconnect."""
    call: Call | None = field(default=None, compare=False)
    """The call as the line holds it after this event (as it was last, for a release); derived
    from `event`, so not part of equality."""


@dataclass(frozen=True, slots=True)
class Forward:
    """State of one call forward."""

    enabled: bool = False
    destination: str = ""


@dataclass(frozen=True, slots=True)
class UserConfig:
    """The user's identity, DND and forwards (`UserConfigUpdate`, merged)."""

    user_id: int | None = None
    full_name: str = ""
    first_name: str = ""
    last_name: str = ""
    mobile_number: str = ""
    voicemail_id: int | None = None
    voicemail_enabled: bool = False
    dnd: bool = False
    forwards: Mapping[ForwardType, Forward] = field(
        default_factory=lambda: dict.fromkeys(ForwardType, Forward())
    )


@dataclass(frozen=True, slots=True)
class UserConfigUpdate:
    """A `UserConfigUpdate` as sent: a full snapshot, or partial with `None` for unchanged."""

    full_name: str | None
    dnd: bool | None
    forwards: Mapping[ForwardType, Forward]
    """Only the forwards whose destination was not null."""
    user_id: int | None = None
    first_name: str = ""
    last_name: str = ""
    mobile_number: str = ""
    voicemail_id: int | None = None
    voicemail_enabled: bool = False
    agent_id: int | None = None
    """The user's contact-centre agent; 0 or `None` for a user who is not an agent."""

    @property
    def is_snapshot(self) -> bool:
        """A non-null `fullName` marks a full snapshot (the XiVO assistant's rule)."""
        return self.full_name is not None


@dataclass(frozen=True, slots=True)
class PhoneStatusUpdate:
    """Status of the user's own phone."""

    status: PhoneStatus | None


@dataclass(frozen=True, slots=True)
class VoicemailStatus:
    """Voicemail counters."""

    new: int = 0
    waiting: int = 0
    old: int = 0
    voicemail_id: int | None = None


class HintStatus(NamedTuple):
    """Status of a monitored number (BLF); a named tuple, as `PhoneEvent` says why."""

    number: str
    status: PhoneStatus | None


@dataclass(frozen=True, slots=True)
class LineConfig:
    """The user's line. The SIP password the server sends is deliberately not kept."""

    id: str = ""
    name: str = ""
    number: str = ""
    context: str = ""
    vendor: str = ""
    has_device: bool = False
    web_rtc: bool = False

    @property
    def has_line(self) -> bool:
        """XUC sends the id `-` for a user without a line."""
        return bool(self.id) and self.id != "-"


@dataclass(frozen=True, slots=True)
class CurrentCalls:
    """Reply to `getCurrentCallsPhoneEvents`."""

    events: tuple[PhoneEvent, ...]


@dataclass(frozen=True, slots=True)
class HistoryRecord:
    """One call of the user's history, seen from the user's side."""

    start: datetime | None
    """As the server wrote it: its local time, without a time zone."""
    duration: int | None
    """Seconds."""
    status: str
    """XUC's status, lower case: `answered`, `missed`, `emitted` (outgoing), `ongoing`, ..."""
    direction: str
    """`incoming` or `outgoing`."""
    number: str
    """The other party's number."""
    name: str
    """The other party's name, or empty."""
    fields: Mapping[str, object] = EMPTY_USER_DATA
    """The record as sent."""


@dataclass(frozen=True, slots=True)
class CallHistory:
    """Reply to `getUserCallHistory`, newest first as the server sends it."""

    records: tuple[HistoryRecord, ...]


@dataclass(frozen=True, slots=True)
class Contact:
    """One entry of a directory search; the directory's own columns are in `fields`."""

    name: str
    number: str = ""
    mobile: str = ""
    email: str = ""
    status: PhoneStatus | None = None
    favorite: bool = False
    fields: Mapping[str, object] = EMPTY_USER_DATA


@dataclass(frozen=True, slots=True)
class DirectoryResult:
    """Reply to `searchContacts`."""

    headers: tuple[str, ...]
    contacts: tuple[Contact, ...]


@dataclass(frozen=True, slots=True)
class ConferenceEvent:
    """A `ConferenceEvent` (kind "conference") or `ConferenceParticipantEvent` ("participant")."""

    kind: str
    event_type: str
    unique_id: str = ""
    conference_name: str = ""
    conference_number: str = ""
    since: int | None = None
    participants: tuple[Mapping[str, object], ...] = ()
    participant: Mapping[str, object] | None = None


@dataclass(frozen=True, slots=True)
class LoggedOn:
    """The CTI session is ready."""


@dataclass(frozen=True, slots=True)
class LoggedOnError:
    """The server could not open the CTI session and will close the socket."""

    error: str


@dataclass(frozen=True, slots=True)
class ServerError:
    """An `Error` message: the server answered a request abnormally."""

    code: str
    message: str = ""


type Message = (
    LoggedOn
    | LoggedOnError
    | ServerError
    | UserConfigUpdate
    | PhoneStatusUpdate
    | PhoneEvent
    | CurrentCalls
    | VoicemailStatus
    | HintStatus
    | LineConfig
    | CallHistory
    | DirectoryResult
    | ConferenceEvent
    | ContactCentreMessage
)
