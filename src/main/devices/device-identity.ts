import { z } from 'zod';
import { mediaDeviceKindSchema, type MediaDevice } from '../../shared/contract/devices';

/**
 * What stays true of a device across reboots and re-enumeration. Chromium's `deviceId` and
 * `groupId` are per-session hashes that may change; the label stays, and on Linux it usually
 * carries the USB vendor:product (`HD Webcam (046d:0825)`), which survives a label that gains a
 * port suffix. `groupId` is kept only to tell two identical devices apart within one session.
 */
export const deviceIdentitySchema = z.strictObject({
  kind: mediaDeviceKindSchema,
  label: z.string().min(1).max(200),
  vendorProduct: z
    .string()
    .regex(/^[0-9a-f]{4}:[0-9a-f]{4}$/)
    .nullable(),
  groupId: z.string().max(500),
});
export type DeviceIdentity = z.infer<typeof deviceIdentitySchema>;

/** The `vid:pid` a Linux label ends with, lower-cased; null when the label has none. */
export function vendorProductOf(label: string): string | null {
  const found = /\(([0-9a-f]{4}):([0-9a-f]{4})\)\s*$/i.exec(label);
  return found === null ? null : `${found[1]}:${found[2]}`.toLowerCase();
}

export function identityOf(device: MediaDevice): DeviceIdentity {
  return {
    kind: device.kind,
    label: device.label,
    vendorProduct: vendorProductOf(device.label),
    groupId: device.groupId,
  };
}

/**
 * Chromium lists the system's default and communications audio devices again under the IDs
 * `default` and `communications`; they follow whatever the OS picks, so they are never a choice.
 */
export function isRealDevice(device: MediaDevice): boolean {
  return device.deviceId !== '' && device.deviceId !== 'default' && device.deviceId !== 'communications';
}

/**
 * The device in `inventory` that is the stored one, best evidence first: label and group (two
 * identical cameras), the label alone (the group is renumbered), the vendor:product alone (the
 * label changed with the port). Undefined when it is not there: the role then has no device, and
 * never silently moves to another one.
 */
export function findDevice(identity: DeviceIdentity, inventory: readonly MediaDevice[]): MediaDevice | undefined {
  const candidates = inventory.filter((device) => device.kind === identity.kind && isRealDevice(device));
  return (
    candidates.find((device) => device.label === identity.label && device.groupId === identity.groupId) ??
    candidates.find((device) => device.label === identity.label) ??
    (identity.vendorProduct === null
      ? undefined
      : candidates.find((device) => vendorProductOf(device.label) === identity.vendorProduct))
  );
}
