import { originOf } from './app-origin';
import { allow, deny, type Decision } from './decision';

/**
 * WebHID for the renderer. Main reads the handset itself with node-hid, so by default the page gets
 * no HID device at all; a facility whose renderer must drive the handset through WebHID provisions
 * `rendererHandset`, and then that vendor/product, for the app's own origin, is all it can get.
 */
export interface HidPolicy {
  appOrigin: string;
  rendererHandset: { vendorId: number; productId: number } | null;
}

export interface HidDeviceOffer {
  deviceId: string;
  vendorId: number;
  productId: number;
}

export type HidSelection = { deviceId: string } | { deviceId: undefined; reason: string };

/** Chooses for the `select-hid-device` picker, which never shows: the provisioned handset or nothing. */
export function decideHidSelection(
  request: { devices: readonly HidDeviceOffer[]; requestingUrl: string | undefined },
  policy: HidPolicy,
): HidSelection {
  const source = checkSource(request.requestingUrl === undefined ? undefined : originOf(request.requestingUrl), policy);
  if (!source.allow) return { deviceId: undefined, reason: source.reason };
  const handset = request.devices.find((device) => isProvisioned(device, policy));
  if (!handset) return { deviceId: undefined, reason: 'the provisioned handset is not among the offered HID devices' };
  return { deviceId: handset.deviceId };
}

/** Answers `setDevicePermissionHandler`: HID for the provisioned handset only; USB and serial never. */
export function decideDevicePermission(
  request: { deviceType: string; origin: string; vendorId: number | undefined; productId: number | undefined },
  policy: HidPolicy,
): Decision {
  if (request.deviceType !== 'hid') return deny(`${request.deviceType.slice(0, 20)} devices are never granted`);
  const source = checkSource(originOf(request.origin), policy);
  if (!source.allow) return source;
  if (request.vendorId === undefined || request.productId === undefined)
    return deny('HID device without vendor/product');
  if (!isProvisioned({ vendorId: request.vendorId, productId: request.productId }, policy)) {
    return deny(`HID device ${hex4(request.vendorId)}:${hex4(request.productId)} is not the provisioned handset`);
  }
  return allow;
}

/** Answers the `hid` permission check: only where a renderer handset is provisioned, for the app page. */
export function decideHidPermissionCheck(requestingOrigin: string, policy: HidPolicy): Decision {
  return checkSource(originOf(requestingOrigin), policy);
}

function checkSource(origin: string | undefined, policy: HidPolicy): Decision {
  if (!policy.rendererHandset) return deny('WebHID is closed: main reads the handset');
  if (origin !== policy.appOrigin) return deny(`WebHID is refused to origin ${origin ?? '(none)'}`);
  return allow;
}

function isProvisioned(device: { vendorId: number; productId: number }, policy: HidPolicy): boolean {
  const handset = policy.rendererHandset;
  return handset !== null && device.vendorId === handset.vendorId && device.productId === handset.productId;
}

function hex4(value: number): string {
  return value.toString(16).padStart(4, '0');
}
