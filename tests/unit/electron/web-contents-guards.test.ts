import pino from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { FakeWebContents } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));
const { guardWebContents } = await import('../../../src/main/electron/web-contents-guards');

function guarded(devTools = false) {
  const contents = new FakeWebContents();
  guardWebContents(contents as never, { devTools, log: pino({ level: 'silent' }) });
  return contents;
}

const navigationEvent = (url: string) => ({ url, preventDefault: vi.fn() });
const key = (key: string, modifiers: Partial<Record<'control' | 'meta' | 'alt' | 'shift', boolean>> = {}) => ({
  type: 'keyDown',
  key,
  control: false,
  meta: false,
  alt: false,
  shift: false,
  ...modifiers,
});

describe('web contents guards', () => {
  it('denies every new window', () => {
    expect(guarded().windowOpenHandler?.({ url: 'app://kiosk/index.html' })).toEqual({ action: 'deny' });
  });

  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])(
    'stops %s away from the app entry',
    (eventName) => {
      const contents = guarded();
      const away = navigationEvent('https://example.com/');
      const entry = navigationEvent('app://kiosk/index.html');
      contents.emit(eventName, away);
      contents.emit(eventName, entry);
      expect(away.preventDefault).toHaveBeenCalled();
      expect(entry.preventDefault).not.toHaveBeenCalled();
    },
  );

  it('refuses webviews and the context menu', () => {
    const contents = guarded();
    const webview = { preventDefault: vi.fn() };
    const menu = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', webview, {}, {});
    contents.emit('context-menu', menu, {});
    expect(webview.preventDefault).toHaveBeenCalled();
    expect(menu.preventDefault).toHaveBeenCalled();
  });

  it('refuses the Bluetooth device picker like the other pickers', () => {
    const contents = guarded();
    const event = { preventDefault: vi.fn() };
    const callback = vi.fn();
    contents.emit('select-bluetooth-device', event, [{ deviceId: 'aa:bb', deviceName: 'Headset' }], callback);
    expect(event.preventDefault).toHaveBeenCalled();
    expect(callback).toHaveBeenCalledWith('');
  });

  it('filters shortcuts before Chromium sees them', () => {
    const contents = guarded();
    const pressed = (input: ReturnType<typeof key>) => {
      const event = { preventDefault: vi.fn() };
      contents.emit('before-input-event', event, input);
      return event.preventDefault.mock.calls.length === 0;
    };
    expect(pressed(key('5'))).toBe(true);
    expect(pressed(key('Backspace'))).toBe(true);
    expect(pressed(key('r', { control: true }))).toBe(false);
    expect(pressed(key('F5'))).toBe(false);
    expect(pressed(key('F12'))).toBe(false);
    expect(pressed(key('F4', { alt: true }))).toBe(false);
    expect(pressed({ ...key('r', { control: true }), type: 'keyUp' })).toBe(true);
  });

  it('lets DevTools open only with the developer flag', () => {
    const contents = guarded(true);
    const event = { preventDefault: vi.fn() };
    contents.emit('before-input-event', event, key('F12'));
    expect(event.preventDefault).not.toHaveBeenCalled();
  });
});
