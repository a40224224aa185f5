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

# The actions (services.yaml) and their fields: the actions register them, the voice tools call
# them, so each name is written once.
SERVICE_DIAL: Final = "dial"
SERVICE_DIAL_FROM_MOBILE: Final = "dial_from_mobile"
SERVICE_DIAL_BY_USERNAME: Final = "dial_by_username"
SERVICE_ORIGINATE: Final = "originate"
SERVICE_ANSWER: Final = "answer"
SERVICE_HANGUP: Final = "hangup"
SERVICE_HOLD: Final = "hold"
SERVICE_DIRECT_TRANSFER: Final = "direct_transfer"
SERVICE_ATTENDED_TRANSFER: Final = "attended_transfer"
SERVICE_COMPLETE_TRANSFER: Final = "complete_transfer"
SERVICE_CANCEL_TRANSFER: Final = "cancel_transfer"
SERVICE_CONFERENCE: Final = "conference"
SERVICE_SEND_DTMF: Final = "send_dtmf"
SERVICE_SET_DATA: Final = "set_data"
SERVICE_SET_FORWARD: Final = "set_forward"
SERVICE_SET_DND: Final = "set_dnd"
SERVICE_GET_CURRENT_CALLS: Final = "get_current_calls"
SERVICE_GET_CALL_HISTORY: Final = "get_call_history"
SERVICE_SEARCH_CONTACTS: Final = "search_contacts"

ATTR_DESTINATION: Final = "destination"
ATTR_VARIABLES: Final = "variables"
ATTR_USERNAME: Final = "username"
ATTR_UNIQUE_ID: Final = "unique_id"
ATTR_DEVICE: Final = "device"
ATTR_KEY: Final = "key"
ATTR_FORWARD: Final = "forward"
ATTR_ENABLED: Final = "enabled"
ATTR_SIZE: Final = "size"
ATTR_TERM: Final = "term"
