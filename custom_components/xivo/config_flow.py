"""Config flow of the XiVO integration: sign in, sign in again, move the server, pick numbers."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from homeassistant.config_entries import (
    ConfigEntryState,
    ConfigFlow,
    ConfigFlowResult,
    OptionsFlowWithReload,
)
from homeassistant.const import (
    CONF_HOST,
    CONF_PASSWORD,
    CONF_PORT,
    CONF_SSL,
    CONF_USERNAME,
    CONF_VERIFY_SSL,
)
from homeassistant.core import callback
from homeassistant.helpers.selector import (
    BooleanSelector,
    NumberSelector,
    NumberSelectorConfig,
    NumberSelectorMode,
    SelectOptionDict,
    SelectSelector,
    SelectSelectorConfig,
    TextSelector,
    TextSelectorConfig,
    TextSelectorType,
)
import probatio as vol

from .const import (
    CONF_LOOKUP_NAMES,
    CONF_MONITORED_NUMBERS,
    CONF_QUEUES,
    DEFAULT_PORT,
    DOMAIN,
    LOGGER,
)
from .coordinator import XivoConfigEntry, create_client
from .helpers import dialable_number
from .queues import wanted_queue_ids
from .xuc import (
    XucAuthenticationError,
    XucCertificateError,
    XucError,
    XucInvalidHostError,
    XucTlsError,
    split_host,
)

_PORT_SELECTOR = NumberSelector(NumberSelectorConfig(min=1, max=65535, mode=NumberSelectorMode.BOX))


def _server_fields(defaults: Mapping[str, Any]) -> dict[Any, Any]:
    return {
        vol.Required(CONF_HOST, default=defaults.get(CONF_HOST, vol.UNDEFINED)): str,
        vol.Required(CONF_PORT, default=defaults.get(CONF_PORT, DEFAULT_PORT)): _PORT_SELECTOR,
        vol.Required(CONF_SSL, default=defaults.get(CONF_SSL, False)): bool,
        vol.Required(CONF_VERIFY_SSL, default=defaults.get(CONF_VERIFY_SSL, True)): bool,
    }


_USER_FIELDS = {
    vol.Required(CONF_USERNAME): str,
    vol.Required(CONF_PASSWORD): TextSelector(TextSelectorConfig(type=TextSelectorType.PASSWORD)),
}
_PASSWORD_SCHEMA = vol.Schema(
    {vol.Required(CONF_PASSWORD): TextSelector(TextSelectorConfig(type=TextSelectorType.PASSWORD))}
)


def _unique_id(data: Mapping[str, Any]) -> str:
    # The user's login on that server; the numeric user id only arrives on the websocket.
    return f"{data[CONF_HOST].lower()}:{data[CONF_USERNAME].lower()}"


def _clean(user_input: dict[str, Any]) -> dict[str, Any] | None:
    """The form's input as entry data; `None` when the host cannot be an address."""
    data = dict(user_input)
    try:
        host, port = split_host(data[CONF_HOST])
    except XucInvalidHostError:
        return None
    data[CONF_HOST] = host
    # A port pasted with the host ("10.0.0.5:8090") wins over the port field's default.
    data[CONF_PORT] = port or int(data[CONF_PORT])
    # The reconfigure step has no username field.
    if CONF_USERNAME in data:
        data[CONF_USERNAME] = data[CONF_USERNAME].strip()
    return data


class XivoConfigFlow(ConfigFlow, domain=DOMAIN):
    """Sign a XiVO user in."""

    VERSION = 1
    MINOR_VERSION = 1

    async def _async_try_connect(self, data: Mapping[str, Any]) -> tuple[dict[str, str], str]:
        """Open a CTI session with these data; the errors to show, and a title for the entry."""
        try:
            client = create_client(self.hass, data, lookup_names=False)
        except XucInvalidHostError:
            return {CONF_HOST: "invalid_host"}, ""
        try:
            await client.connect()
        except XucAuthenticationError:
            return {"base": "invalid_auth"}, ""
        except XucCertificateError:
            return {"base": "tls_error"}, ""
        except XucTlsError:
            return {"base": "not_tls"}, ""
        except XucError:
            return {"base": "cannot_connect"}, ""
        except Exception:
            LOGGER.exception("Unexpected error while signing in to XiVO")
            return {"base": "unknown"}, ""
        finally:
            await client.close()
        line = client.state.line
        if line is not None and not line.has_line:
            return {"base": "no_line"}, ""
        user = client.state.user
        return {}, (user.full_name if user and user.full_name else data[CONF_USERNAME])

    async def async_step_user(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """Ask for the server and the user's credentials."""
        errors: dict[str, str] = {}
        if user_input is not None:
            data = _clean(user_input)
            if data is None:
                errors = {CONF_HOST: "invalid_host"}
            else:
                await self.async_set_unique_id(_unique_id(data))
                self._abort_if_unique_id_configured()
                errors, title = await self._async_try_connect(data)
                if not errors:
                    return self.async_create_entry(title=title, data=data)
        return self.async_show_form(
            step_id="user",
            data_schema=self.add_suggested_values_to_schema(
                vol.Schema(_server_fields({}) | _USER_FIELDS), user_input
            ),
            errors=errors,
        )

    async def async_step_reauth(self, entry_data: Mapping[str, Any]) -> ConfigFlowResult:
        """The server refused the stored password."""
        return await self.async_step_reauth_confirm()

    async def async_step_reauth_confirm(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Ask for the new password."""
        entry = self._get_reauth_entry()
        errors: dict[str, str] = {}
        if user_input is not None:
            errors, _ = await self._async_try_connect({**entry.data, **user_input})
            if not errors:
                return self.async_update_reload_and_abort(entry, data_updates=user_input)
        return self.async_show_form(
            step_id="reauth_confirm",
            data_schema=_PASSWORD_SCHEMA,
            description_placeholders={"username": entry.data[CONF_USERNAME]},
            errors=errors,
        )

    async def async_step_reconfigure(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Move the entry to another address, port or TLS setting of the same server."""
        entry = self._get_reconfigure_entry()
        errors: dict[str, str] = {}
        if user_input is not None:
            cleaned = _clean(user_input)
            if cleaned is None:
                errors = {CONF_HOST: "invalid_host"}
            else:
                data = {**entry.data, **cleaned}
                unique_id = _unique_id(data)
                if unique_id != entry.unique_id:
                    await self.async_set_unique_id(unique_id)
                    self._abort_if_unique_id_configured()
                errors, _ = await self._async_try_connect(data)
                if not errors:
                    return self.async_update_reload_and_abort(entry, unique_id=unique_id, data=data)
        return self.async_show_form(
            step_id="reconfigure",
            data_schema=vol.Schema(_server_fields(user_input or entry.data)),
            description_placeholders={"username": entry.data[CONF_USERNAME]},
            errors=errors,
        )

    @staticmethod
    @callback
    def async_get_options_flow(config_entry: XivoConfigEntry) -> XivoOptionsFlow:
        """The monitored numbers."""
        return XivoOptionsFlow()


class XivoOptionsFlow(OptionsFlowWithReload):
    """Pick the numbers whose phone status to show, name lookups and queues; the entry reloads."""

    def _queue_choices(self) -> list[SelectOptionDict]:
        """The server's queues by display name, known while the line is loaded."""
        entry: XivoConfigEntry = self.config_entry
        if entry.state is not ConfigEntryState.LOADED:
            return []
        queues = entry.runtime_data.client.state.contact_centre.queues.values()
        return [
            SelectOptionDict(value=str(queue.id), label=queue.label)
            for queue in sorted(queues, key=lambda queue: (queue.label.casefold(), queue.id))
        ]

    async def async_step_init(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """Ask for the numbers, whether to look callers' names up, and the queues to show."""
        errors: dict[str, str] = {}
        options = self.config_entry.options
        choices = self._queue_choices()
        if user_input is not None:
            typed = [text for text in user_input.get(CONF_MONITORED_NUMBERS, []) if text.strip()]
            numbers = [dialable_number(text) for text in typed]
            if all(numbers):
                data: dict[str, Any] = {
                    CONF_MONITORED_NUMBERS: list(dict.fromkeys(filter(None, numbers))),
                    CONF_LOOKUP_NAMES: user_input.get(CONF_LOOKUP_NAMES, True),
                }
                if choices and CONF_QUEUES in user_input:
                    data[CONF_QUEUES] = list(dict.fromkeys(user_input[CONF_QUEUES]))
                elif CONF_QUEUES in options:
                    # Not asked (the server's queues are unknown while the line is not
                    # loaded) or not answered: kept as is.
                    data[CONF_QUEUES] = options[CONF_QUEUES]
                return self.async_create_entry(data=data)
            errors[CONF_MONITORED_NUMBERS] = "invalid_number"
        fields: dict[Any, Any] = {
            vol.Optional(CONF_MONITORED_NUMBERS): TextSelector(
                TextSelectorConfig(multiple=True, type=TextSelectorType.TEL)
            ),
            vol.Optional(CONF_LOOKUP_NAMES, default=True): BooleanSelector(),
        }
        suggested = dict(user_input or options)
        if choices:
            fields[vol.Optional(CONF_QUEUES)] = SelectSelector(
                SelectSelectorConfig(options=choices, multiple=True)
            )
            if user_input is None:
                # Without the option, the agent's queues.
                contact_centre = self.config_entry.runtime_data.client.state.contact_centre
                suggested[CONF_QUEUES] = [
                    str(queue_id) for queue_id in wanted_queue_ids(options, contact_centre)
                ]
        return self.async_show_form(
            step_id="init",
            data_schema=self.add_suggested_values_to_schema(vol.Schema(fields), suggested),
            errors=errors,
        )
