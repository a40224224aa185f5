"""Built-in data of the simulated XiVO: users, their lines, directory contacts, call history."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any


@dataclass
class SimUser:
    """One XiVO user as the XUC server knows it (its configuration, not its live calls).

    Attribute names are the snake_case twins of the `UserConfigUpdate` keys, so
    `XucSimulator.set_user_config(username, dnd_enabled=True)` maps onto them directly.
    """

    username: str
    password: str
    user_id: int
    first_name: str
    last_name: str
    # None = the user has no line: LineConfig then answers with id "-".
    number: str | None
    line_id: int | None = None
    line_name: str = ""
    line_password: str = ""
    vendor: str = "Snom"
    mobile_number: str = ""
    agent_id: int = 0
    voicemail_id: int | None = None
    dnd_enabled: bool = False
    na_fwd_enabled: bool = False
    na_fwd_destination: str = ""
    unc_fwd_enabled: bool = False
    unc_fwd_destination: str = ""
    busy_fwd_enabled: bool = False
    busy_fwd_destination: str = ""
    voicemail_new: int = 0
    voicemail_waiting: int = 0
    voicemail_old: int = 0
    # Records in the shape of protocol §4.13, newest first.
    history: list[dict[str, Any]] = field(default_factory=list)

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def config_snapshot(self) -> dict[str, Any]:
        """The ctiMessage of a full `UserConfigUpdate` (protocol §4.2)."""
        return {
            "userId": self.user_id,
            "firstName": self.first_name,
            "lastName": self.last_name,
            "fullName": self.full_name,
            "mobileNumber": self.mobile_number,
            "agentId": self.agent_id,
            "lineIds": [self.line_id] if self.line_id is not None else [],
            "voiceMailId": self.voicemail_id,
            "voiceMailEnabled": self.voicemail_id is not None,
            "dndEnabled": self.dnd_enabled,
            "naFwdEnabled": self.na_fwd_enabled,
            "naFwdDestination": self.na_fwd_destination,
            "uncFwdEnabled": self.unc_fwd_enabled,
            "uncFwdDestination": self.unc_fwd_destination,
            "busyFwdEnabled": self.busy_fwd_enabled,
            "busyFwdDestination": self.busy_fwd_destination,
        }

    def voicemail_status(self) -> dict[str, Any]:
        """The ctiMessage of a `VoiceMailStatusUpdate` (protocol §4.7)."""
        return {
            "voiceMailId": self.voicemail_id,
            "newMessages": self.voicemail_new,
            "waitingMessages": self.voicemail_waiting,
            "oldMessages": self.voicemail_old,
        }

    def line_config(self, xivo_ip: str) -> dict[str, Any]:
        """The ctiMessage of `LineConfig` (protocol §4.8)."""
        if self.line_id is None or self.number is None:
            return {
                "id": "-",
                "name": "",
                "number": "",
                "context": "",
                "xivoIp": xivo_ip,
                "sipProxyName": "",
                "sipPort": 0,
                "webRtc": False,
                "hasDevice": False,
                "vendor": "",
                "password": "",
            }
        return {
            "id": str(self.line_id),
            "name": self.line_name,
            "number": self.number,
            "context": "default",
            "xivoIp": xivo_ip,
            "sipProxyName": "default",
            "sipPort": 5060,
            "webRtc": False,
            "hasDevice": True,
            "vendor": self.vendor,
            "password": self.line_password,
        }


@dataclass(frozen=True)
class SimContact:
    """A directory entry that is not a XiVO user (shown with status -2, UNEXISTING)."""

    first_name: str
    last_name: str
    number: str
    mobile: str = ""

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


def _record(
    start: str,
    duration: str,
    status: str,
    src: tuple[str, str, str, str],
    dst: tuple[str, str, str, str],
) -> dict[str, Any]:
    """A §4.13 history record; src/dst are (username, number, first name, last name)."""
    return {
        "start": start,
        "duration": duration,
        "srcUsername": src[0],
        "dstUsername": dst[0],
        "status": status,
        "srcPhoneStatus": 0,
        "srcVideoStatus": "Available",
        "dstPhoneStatus": 0,
        "dstVideoStatus": "Available",
        "srcNum": src[1],
        "dstNum": dst[1],
        "srcFirstName": src[2],
        "srcLastName": src[3],
        "dstFirstName": dst[2],
        "dstLastName": dst[3],
    }


_JBOND = ("jbond", "1000", "James", "Bond")
_ALICE = ("alice", "1001", "Alice", "Martin")
_BOB = ("bob", "1002", "Bob", "Durand")
_PIZZA = ("", "0467123456", "Pizza", "Roma")

DEFAULT_USERS: tuple[SimUser, ...] = (
    SimUser(
        username="jbond",
        password="secret",
        user_id=7,
        first_name="James",
        last_name="Bond",
        number="1000",
        line_id=3,
        line_name="abcd1234",
        line_password="Xk2pLm9q",
        # Not 0612345678: that is Q Branch in the directory, and a caller-name lookup of
        # Q Branch's number must find Q Branch alone.
        mobile_number="0607007007",
        agent_id=1,
        voicemail_id=58,
        history=[
            _record("2025-01-15 11:02:41", "00:00:00", "missed", _PIZZA, _JBOND),
            _record("2025-01-15 10:14:09", "00:03:12", "emitted", _JBOND, _BOB),
            _record("2025-01-15 09:31:55", "00:01:27", "answered", _ALICE, _JBOND),
        ],
    ),
    SimUser(
        username="alice",
        password="secret",
        user_id=8,
        first_name="Alice",
        last_name="Martin",
        number="1001",
        line_id=4,
        line_name="efgh5678",
        line_password="Qw7rTz3n",
        mobile_number="0623456789",
        agent_id=2,
        voicemail_id=59,
    ),
    SimUser(
        username="bob",
        password="secret",
        user_id=9,
        first_name="Bob",
        last_name="Durand",
        number="1002",
        line_id=5,
        line_name="ijkl9012",
        line_password="Hy5uVb8c",
        voicemail_id=60,
    ),
    SimUser(
        username="carol",
        password="secret",
        user_id=10,
        first_name="Carol",
        last_name="Petit",
        number=None,
    ),
    # A CTI user without a line (LineConfig id "-"): every call command is refused.
    SimUser(
        username="noline",
        password="secret",
        user_id=11,
        first_name="Nina",
        last_name="Noline",
        number=None,
    ),
)

# Numbers are stored as people type them ("01 42 42 42 42", "04.67.55.12.34"): a client
# matching a caller's number against the directory must compare digits only. "mar" finds
# two entries (the user Alice Martin and Marc Dupont), for ambiguity tests. Numbers in no
# entry, for "unknown caller" tests: anything else, e.g. 0499887766.
DEFAULT_CONTACTS: tuple[SimContact, ...] = (
    SimContact("Reception", "", "1099"),
    SimContact("Pizza", "Roma", "0467123456"),
    SimContact("Garage", "Dupuis", "0467987654", "0687654321"),
    SimContact("Q", "Branch", "0612345678"),
    SimContact("", "Moneypenny", "01 42 42 42 42"),
    SimContact("Marc", "Dupont", "04.67.55.12.34", "06-71-23-45-67"),
)


def default_users() -> list[SimUser]:
    """A private copy of DEFAULT_USERS: simulators mutate their users."""
    return copy.deepcopy(list(DEFAULT_USERS))
