"""Constants of the XiVO integration."""

from __future__ import annotations

import logging
from typing import Final

from .xuc import CallEventType

DOMAIN: Final = "xivo"
LOGGER = logging.getLogger(__package__)

CONF_MONITORED_NUMBERS: Final = "monitored_numbers"
CONF_LOOKUP_NAMES: Final = "lookup_names"
CONF_QUEUES: Final = "queues"
"""The queues (ids, as text) whose devices the line shows."""
DEFAULT_PORT: Final = 8090

EVENT_PHONE: Final = "xivo_phone_event"
EVENT_CONFERENCE: Final = "xivo_conference_event"
EVENT_TYPE_MISSED: Final = "missed"
# What a call event can be to automations: the event entity's types and the device triggers.
CALL_EVENT_TYPES: Final = (*(event_type.value for event_type in CallEventType), EVENT_TYPE_MISSED)

MANUFACTURER: Final = "XiVO"
