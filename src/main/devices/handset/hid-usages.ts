/**
 * The HID usages the handset needs (HID Usage Tables 1.5), as extended usages: the page in the
 * high 16 bits and the ID in the low 16, the form WebHID and the descriptor parser both use.
 */
export const UsagePage = {
  led: 0x08,
  telephony: 0x0b,
} as const;

export function extendedUsage(page: number, id: number): number {
  return ((page & 0xffff) * 0x10000 + (id & 0xffff)) >>> 0;
}

export function usagePageOf(usage: number): number {
  return Math.floor(usage / 0x10000);
}

export const TelephonyUsage = {
  hookSwitch: extendedUsage(UsagePage.telephony, 0x20),
  phoneMute: extendedUsage(UsagePage.telephony, 0x2f),
} as const;

export const LedUsage = {
  mute: extendedUsage(UsagePage.led, 0x09),
  offHook: extendedUsage(UsagePage.led, 0x17),
  ring: extendedUsage(UsagePage.led, 0x18),
} as const;
