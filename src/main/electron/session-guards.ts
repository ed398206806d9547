import type { Session } from 'electron';
import {
  decideDevicePermission,
  decideHidPermissionCheck,
  decideHidSelection,
  type HidPolicy,
} from '../policy/hid-devices';
import { decideDownload } from '../policy/navigation';
import { decidePermissionCheck, decidePermissionRequest, type PermissionPolicy } from '../policy/permissions';
import type { Logger } from '../log/logger';

/**
 * Every permission, device, screen-capture and download question the session can ask is answered
 * here. WebHID stays closed unless `hid` provisions a renderer handset (main reads it with node-hid).
 */
export function guardSession(
  session: Session,
  policy: PermissionPolicy,
  log: Logger,
  hid: HidPolicy = { appOrigin: policy.appOrigin, rendererHandset: null },
): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const decision = decidePermissionRequest(
      {
        permission,
        requestingUrl: details.requestingUrl,
        isMainFrame: details.isMainFrame,
        mediaTypes: 'mediaTypes' in details ? (details.mediaTypes ?? []) : [],
      },
      policy,
    );
    if (!decision.allow) log.warn({ permission, reason: decision.reason }, 'refused permission request');
    callback(decision.allow);
  });

  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) => {
    if (permission === 'hid') return decideHidPermissionCheck(requestingOrigin, hid).allow;
    const decision = decidePermissionCheck(
      { permission, requestingOrigin, isMainFrame: details.isMainFrame, mediaType: details.mediaType },
      policy,
    );
    return decision.allow;
  });

  // USB, serial and Bluetooth pickers stay closed; HID opens only to the provisioned handset.
  session.setDevicePermissionHandler((details) => {
    // Electron types the device as always there; a handler must still not throw when it is not.
    const device = details.device as { vendorId?: number; productId?: number } | undefined;
    const decision = decideDevicePermission(
      {
        deviceType: details.deviceType,
        origin: details.origin,
        vendorId: device?.vendorId,
        productId: device?.productId,
      },
      hid,
    );
    if (!decision.allow)
      log.warn({ deviceType: details.deviceType, reason: decision.reason }, 'refused device permission');
    return decision.allow;
  });
  session.on('select-hid-device', (event, details, callback) => {
    event.preventDefault();
    const selection = decideHidSelection({ devices: details.deviceList, requestingUrl: details.frame?.url }, hid);
    if (selection.deviceId !== undefined) {
      callback(selection.deviceId);
      return;
    }
    log.warn({ reason: selection.reason }, 'refused HID device selection');
    callback();
  });
  session.on('select-serial-port', (event, _ports, _contents, callback) => {
    event.preventDefault();
    callback('');
  });
  session.on('select-usb-device', (event, _details, callback) => {
    event.preventDefault();
    callback();
  });
  session.setDisplayMediaRequestHandler((_request, callback) => {
    log.warn('refused screen capture request');
    callback({});
  });

  session.on('will-download', (event, item) => {
    const decision = decideDownload(item.getURL());
    if (!decision.allow) log.warn({ reason: decision.reason }, 'refused download');
    event.preventDefault();
  });
}
