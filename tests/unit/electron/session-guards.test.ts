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
