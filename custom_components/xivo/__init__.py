"""The XiVO integration: a XiVO user's phone line through the XUC CTI server."""

from __future__ import annotations

from homeassistant.const import (
    CONF_HOST,
    CONF_USERNAME,
    EVENT_HOMEASSISTANT_STOP,
    Platform,
)
from homeassistant.core import Event, HomeAssistant
from homeassistant.exceptions import ConfigEntryAuthFailed, ConfigEntryNotReady
from homeassistant.helpers import config_validation as cv, issue_registry as ir
from homeassistant.helpers.typing import ConfigType

from .card import async_load_card, async_serve_card
from .const import CONF_LOOKUP_NAMES, CONF_MONITORED_NUMBERS, DOMAIN
from .coordinator import XivoConfigEntry, XivoCoordinator, create_client, no_line_issue_id
from .popup import async_setup_popup_feed, async_track_ringing_calls
from .services import async_setup_services
from .xuc import XucAuthenticationError, XucError

CONFIG_SCHEMA = cv.config_entry_only_config_schema(DOMAIN)

PLATFORMS: list[Platform] = [
    Platform.BINARY_SENSOR,
    Platform.BUTTON,
    Platform.EVENT,
    Platform.SELECT,
    Platform.SENSOR,
    Platform.SWITCH,
    Platform.TEXT,
]


async def async_setup(hass: HomeAssistant, config: ConfigType) -> bool:
    """Register the integration's actions and serve its dashboard card."""
    async_setup_services(hass)
    async_setup_popup_feed(hass)
    await async_serve_card(hass)
    return True


async def async_setup_entry(hass: HomeAssistant, entry: XivoConfigEntry) -> bool:
    """Connect the line, create its entities, then keep the link alive in the background."""
    client = create_client(
        hass,
        entry.data,
        entry.options.get(CONF_MONITORED_NUMBERS, ()),
        lookup_names=entry.options.get(CONF_LOOKUP_NAMES, True),
    )
    placeholders = {"host": entry.data[CONF_HOST], "username": entry.data[CONF_USERNAME]}
    try:
        await client.connect()
    except XucError as err:
        await client.close()
        if isinstance(err, XucAuthenticationError):
            raise ConfigEntryAuthFailed(
                translation_domain=DOMAIN,
                translation_key="auth_failed",
                translation_placeholders=placeholders,
            ) from err
        raise ConfigEntryNotReady(
            translation_domain=DOMAIN,
            translation_key="cannot_connect",
            translation_placeholders=placeholders,
        ) from err

    entry.runtime_data = coordinator = XivoCoordinator(hass, entry, client)
    # The shown queues' waiting calls; the next sessions ask for them by themselves.
    await client.watch_queues(coordinator.queue_ids)
    entry.async_on_unload(client.close)

    async def _async_close(_: Event) -> None:
        await client.close()

    entry.async_on_unload(hass.bus.async_listen_once(EVENT_HOMEASSISTANT_STOP, _async_close))
    entry.async_on_unload(await async_load_card(hass))
    entry.async_on_unload(async_track_ringing_calls(hass, entry))
    await hass.config_entries.async_forward_entry_setups(entry, PLATFORMS)
    # A background task: the link lives as long as the entry, and must not hold up
    # `async_block_till_done` or startup.
    entry.async_create_background_task(hass, client.listen(), f"xivo {entry.title} CTI link")
    return True


async def async_unload_entry(hass: HomeAssistant, entry: XivoConfigEntry) -> bool:
    """Unload the platforms; `async_on_unload` then closes the client."""
    return await hass.config_entries.async_unload_platforms(entry, PLATFORMS)


async def async_remove_entry(hass: HomeAssistant, entry: XivoConfigEntry) -> None:
    """Forget the line's repair issue."""
    ir.async_delete_issue(hass, DOMAIN, no_line_issue_id(entry.entry_id))
