/** One call ringing on a line the user is chosen for, as `xivo/incoming_calls/subscribe` sends it. */
export interface RingingCall {
  entry_id: string;
  device_id: string;
  line: string;
  unique_id: string;
  linked_id: string;
  other_number: string | null;
  other_name: string | null;
}

/** The parts of Home Assistant's `hass` object the popup uses. */
export interface PopupHass {
  language: string;
  callService(domain: string, service: string, data?: Record<string, unknown>): Promise<unknown>;
  connection: {
    subscribeMessage<T>(callback: (message: T) => void, message: Record<string, unknown>): Promise<() => Promise<void>>;
  };
}
