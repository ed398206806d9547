/**
 * Where the handset's hook state comes from: a USB HID telephony device read with node-hid, a hook
 * board that types keys, or the simulated source of the preview host and the tests. Everything that
 * acts on lifting and hanging up sees only this.
 */
export interface HandsetLeds {
  offHook: boolean;
  ring: boolean;
  mute: boolean;
}

export type HookSourceKind = 'hid' | 'keyboard' | 'simulated';

export interface HookSourceEvents {
  /** The handset was lifted (true) or hung up (false). Not repeated for an unchanged state. */
  hook(offHook: boolean): void;
  /** The handset's own mute button was pressed (HID devices with Phone Mute only). */
  muteToggle(): void;
  /** The device went away (unplugged, read error); the source is closed and sends nothing more. */
  gone(reason: string): void;
}

export interface HookSource {
  readonly kind: HookSourceKind;
  /** The last known state; null until the device has told (a toggling switch says nothing at start). */
  readonly offHook: boolean | null;
  on<E extends keyof HookSourceEvents>(event: E, listener: HookSourceEvents[E]): () => void;
  /** Sets every LED the device has at once; a source without LEDs ignores it. */
  setLeds(leds: HandsetLeds): void;
  close(): void;
}
