import type { Session } from 'electron';
import { decideDownload } from '../policy/navigation';
import { decidePermissionCheck, decidePermissionRequest, type PermissionPolicy } from '../policy/permissions';
import type { Logger } from '../log/logger';

/** Every permission, device, screen-capture and download question the session can ask is answered here. */
export function guardSession(session: Session, policy: PermissionPolicy, log: Logger): void {
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
    const decision = decidePermissionCheck(
      { permission, requestingOrigin, isMainFrame: details.isMainFrame, mediaType: details.mediaType },
      policy,
    );
    return decision.allow;
  });

  // USB, serial, HID and Bluetooth pickers stay closed until device provisioning decides otherwise.
  session.setDevicePermissionHandler(() => false);
  session.on('select-hid-device', (event, _details, callback) => {
    event.preventDefault();
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
