"""A XiVO XUC server simulator: REST login + CTI websocket on 127.0.0.1, scriptable from tests."""

from .line import PHONE_STATUS
from .server import XucSimulator
from .users import DEFAULT_CONTACTS, DEFAULT_USERS, SimContact, SimUser

__all__ = [
    "DEFAULT_CONTACTS",
    "DEFAULT_USERS",
    "PHONE_STATUS",
    "SimContact",
    "SimUser",
    "XucSimulator",
]
