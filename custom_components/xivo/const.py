"""Constants of the XiVO integration."""

from __future__ import annotations

import logging
from typing import Final

DOMAIN: Final = "xivo"
LOGGER = logging.getLogger(__package__)

CONF_MONITORED_NUMBERS: Final = "monitored_numbers"
DEFAULT_PORT: Final = 8090

EVENT_PHONE: Final = "xivo_phone_event"
EVENT_CONFERENCE: Final = "xivo_conference_event"
EVENT_TYPE_MISSED: Final = "missed"

MANUFACTURER: Final = "XiVO"
