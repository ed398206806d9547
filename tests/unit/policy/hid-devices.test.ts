import { describe, expect, it } from 'vitest';
import {
  decideDevicePermission,
  decideHidPermissionCheck,
  decideHidSelection,
  type HidPolicy,
} from '../../../src/main/policy/hid-devices';

const closed: HidPolicy = { appOrigin: 'app://kiosk', rendererHandset: null };
const handsetPolicy: HidPolicy = { appOrigin: 'app://kiosk', rendererHandset: { vendorId: 0x047f, productId: 0xc056 } };
const offered = [
  { deviceId: 'a', vendorId: 0x0c45, productId: 0x7403 },
  { deviceId: 'b', vendorId: 0x047f, productId: 0xc056 },
];

describe('HID device selection', () => {
  it('selects the provisioned handset for the app page', () => {
    expect(decideHidSelection({ devices: offered, requestingUrl: 'app://kiosk/index.html' }, handsetPolicy)).toEqual({
      deviceId: 'b',
    });
  });

  it.each([
    ['WebHID closed', closed, offered, 'app://kiosk/index.html', 'WebHID is closed'],
    ['another origin', handsetPolicy, offered, 'https://evil.example/x', 'refused to origin https://evil.example'],
    ['no frame', handsetPolicy, offered, undefined, 'refused to origin (none)'],
    ['handset not offered', handsetPolicy, offered.slice(0, 1), 'app://kiosk/index.html', 'not among the offered'],
    [
      'same vendor, other product',
      handsetPolicy,
      [{ deviceId: 'c', vendorId: 0x047f, productId: 0xc053 }],
      'app://kiosk/',
      'not among',
    ],
  ])('selects nothing: %s', (_name, policy, devices, requestingUrl, reason) => {
    const selection = decideHidSelection({ devices, requestingUrl }, policy);
    expect(selection.deviceId).toBeUndefined();
    expect('reason' in selection ? selection.reason : '').toContain(reason);
  });
});

describe('device permissions', () => {
  const request = { deviceType: 'hid', origin: 'app://kiosk', vendorId: 0x047f, productId: 0xc056 };

  it('grants the provisioned handset to the app page', () => {
    expect(decideDevicePermission(request, handsetPolicy)).toEqual({ allow: true });
  });

  it.each([
    [closed, request, 'WebHID is closed'],
    [handsetPolicy, { ...request, productId: 0xc053 }, 'HID device 047f:c053 is not the provisioned handset'],
    [handsetPolicy, { ...request, vendorId: undefined }, 'without vendor/product'],
    [handsetPolicy, { ...request, origin: 'https://evil.example' }, 'refused to origin'],
    [handsetPolicy, { ...request, deviceType: 'usb' }, 'usb devices are never granted'],
    [handsetPolicy, { ...request, deviceType: 'serial' }, 'serial devices are never granted'],
  ])('refuses %#', (policy, query, reason) => {
    const decision = decideDevicePermission(query, policy);
    expect(decision.allow ? '' : decision.reason).toContain(reason);
  });

  it('answers the hid permission check only where a renderer handset is provisioned', () => {
    expect(decideHidPermissionCheck('app://kiosk', handsetPolicy).allow).toBe(true);
    expect(decideHidPermissionCheck('app://kiosk', closed).allow).toBe(false);
    expect(decideHidPermissionCheck('https://evil.example', handsetPolicy).allow).toBe(false);
  });
});
