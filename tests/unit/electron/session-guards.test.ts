import pino from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { FakeSession } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));
const { guardSession } = await import('../../../src/main/electron/session-guards');

const policy = { appOrigin: 'app://kiosk', media: { audio: true, video: true } };

function guarded() {
  const session = new FakeSession();
  guardSession(session as never, policy, pino({ level: 'silent' }));
  return session;
}

describe('session guards', () => {
  it('grants camera and microphone to the app page and nothing else', () => {
    const session = guarded();
    const answer = (permission: string, requestingUrl: string, mediaTypes?: string[]) => {
      const callback = vi.fn();
      session.permissionRequestHandler?.({}, permission, callback, {
        requestingUrl,
        isMainFrame: true,
        ...(mediaTypes ? { mediaTypes } : {}),
      });
      return callback.mock.calls[0]?.[0] as boolean;
    };
    expect(answer('media', 'app://kiosk/index.html', ['video', 'audio'])).toBe(true);
    expect(answer('media', 'https://evil.example/', ['video'])).toBe(false);
    expect(answer('geolocation', 'app://kiosk/index.html')).toBe(false);
    expect(answer('notifications', 'app://kiosk/index.html')).toBe(false);
  });

  it('answers permission checks from the same policy', () => {
    const session = guarded();
    expect(
      session.permissionCheckHandler?.({}, 'media', 'app://kiosk', { isMainFrame: true, mediaType: 'audio' }),
    ).toBe(true);
    expect(
      session.permissionCheckHandler?.({}, 'media', 'https://evil.example', { isMainFrame: true, mediaType: 'audio' }),
    ).toBe(false);
    expect(session.permissionCheckHandler?.({}, 'hid', 'app://kiosk', { isMainFrame: true })).toBe(false);
  });

  it('keeps device pickers, screen capture and downloads closed', () => {
    const session = guarded();
    expect(session.devicePermissionHandler?.({ deviceType: 'hid', origin: 'app://kiosk' })).toBe(false);

    const hidEvent = { preventDefault: vi.fn() };
    const hidCallback = vi.fn();
    session.emit('select-hid-device', hidEvent, { deviceList: [{ deviceId: '1' }] }, hidCallback);
    expect(hidEvent.preventDefault).toHaveBeenCalled();
    expect(hidCallback).toHaveBeenCalledWith();

    const portCallback = vi.fn();
    session.emit('select-serial-port', { preventDefault: vi.fn() }, [{ portId: 'a' }], {}, portCallback);
    expect(portCallback).toHaveBeenCalledWith('');

    const captureCallback = vi.fn();
    session.displayMediaRequestHandler?.({}, captureCallback);
    expect(captureCallback).toHaveBeenCalledWith({});

    const downloadEvent = { preventDefault: vi.fn() };
    session.emit('will-download', downloadEvent, { getURL: () => 'https://files.example/x.exe' });
    expect(downloadEvent.preventDefault).toHaveBeenCalled();
  });
});

describe('session guards with a renderer handset provisioned', () => {
  const handset = { vendorId: 0x0b0e, productId: 0x2453 };

  function guardedForHandset() {
    const session = new FakeSession();
    guardSession(session as never, policy, pino({ level: 'silent' }), {
      appOrigin: 'app://kiosk',
      rendererHandset: handset,
    });
    return session;
  }

  it('selects the provisioned handset without a picker, and nothing for another page', () => {
    const session = guardedForHandset();
    const select = (url: string | undefined) => {
      const event = { preventDefault: vi.fn() };
      const callback = vi.fn();
      session.emit(
        'select-hid-device',
        event,
        {
          deviceList: [
            { deviceId: 'keyboard', vendorId: 0x046d, productId: 0xc31c },
            { deviceId: 'handset', ...handset },
          ],
          frame: url === undefined ? null : { url },
        },
        callback,
      );
      expect(event.preventDefault).toHaveBeenCalled();
      return callback.mock.calls[0];
    };
    expect(select('app://kiosk/index.html')).toEqual(['handset']);
    expect(select('https://evil.example/')).toEqual([]);
    expect(select(undefined)).toEqual([]);
  });

  it('grants HID permission for the handset only, and never USB or serial', () => {
    const session = guardedForHandset();
    const grant = (deviceType: string, origin: string, device: object) =>
      session.devicePermissionHandler?.({ deviceType, origin, device });
    expect(grant('hid', 'app://kiosk', handset)).toBe(true);
    expect(grant('hid', 'app://kiosk', { vendorId: 0x046d, productId: 0xc31c })).toBe(false);
    expect(grant('hid', 'https://evil.example', handset)).toBe(false);
    expect(grant('usb', 'app://kiosk', handset)).toBe(false);
    expect(grant('serial', 'app://kiosk', {})).toBe(false);
    expect(session.permissionCheckHandler?.({}, 'hid', 'app://kiosk', { isMainFrame: true })).toBe(true);
    expect(session.permissionCheckHandler?.({}, 'hid', 'https://evil.example', { isMainFrame: true })).toBe(false);
  });
});
