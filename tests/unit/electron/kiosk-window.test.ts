import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeBrowserWindow } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));
const { createKioskWindow } = await import('../../../src/main/electron/kiosk-window');

describe('kiosk window', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function open(quitting = () => false) {
    createKioskWindow({
      preloadPath: '/app/out/preload/index.cjs',
      devTools: false,
      log: pino({ level: 'silent' }),
      quitting,
      now: () => Date.now(),
    });
    const window = FakeBrowserWindow.created.at(-1);
    if (window === undefined) throw new Error('no window was created');
    return window;
  }

  it('is a fullscreen, frameless, sandboxed kiosk loading the app from its own scheme', () => {
    const window = open();
    expect(window.options).toMatchObject({
      kiosk: true,
      fullscreen: true,
      frame: false,
      webPreferences: {
        preload: '/app/out/preload/index.cjs',
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        webSecurity: true,
        webviewTag: false,
        devTools: false,
        allowRunningInsecureContent: false,
        zoomFactor: 1,
        disableBlinkFeatures: 'Auxclick',
      },
    });
    expect(window.removeMenu).toHaveBeenCalled();
    expect(window.loadURL).toHaveBeenCalledWith('app://kiosk/index.html');
  });

  it('reloads a crashed renderer, backing off when it keeps crashing', () => {
    const window = open();
    window.loadURL.mockClear();
    const crash = () => window.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });

    crash();
    vi.advanceTimersByTime(250);
    expect(window.loadURL).toHaveBeenCalledTimes(1);

    crash();
    crash();
    crash();
    vi.advanceTimersByTime(250);
    expect(window.loadURL).toHaveBeenCalledTimes(3);
    vi.advanceTimersByTime(250);
    expect(window.loadURL).toHaveBeenCalledTimes(4);
  });

  it('leaves a clean exit alone and crashes a hung renderer so it can be reloaded', () => {
    const window = open();
    window.loadURL.mockClear();
    window.webContents.emit('render-process-gone', {}, { reason: 'clean-exit', exitCode: 0 });
    vi.advanceTimersByTime(60_000);
    expect(window.loadURL).not.toHaveBeenCalled();

    window.webContents.emit('unresponsive');
    expect(window.webContents.forcefullyCrashRenderer).toHaveBeenCalled();
  });

  it('refuses a close from the OS and closes once the app quits', () => {
    let quitting = false;
    const window = open(() => quitting);
    const fromTheOs = { preventDefault: vi.fn() };
    window.emit('close', fromTheOs);
    expect(fromTheOs.preventDefault).toHaveBeenCalled();

    quitting = true;
    const onQuit = { preventDefault: vi.fn() };
    window.emit('close', onQuit);
    expect(onQuit.preventDefault).not.toHaveBeenCalled();
  });

  it('enters fullscreen again when the window leaves it', () => {
    const window = open();
    window.emit('leave-full-screen');
    expect(window.setKiosk).toHaveBeenCalledWith(true);
    expect(window.setFullScreen).toHaveBeenCalledWith(true);
  });

  it('holds the zoom at 100 % against the wheel and after every load', () => {
    const window = open();
    const contents = window.webContents;
    contents.emit('did-finish-load');
    expect(contents.setZoomFactor).toHaveBeenLastCalledWith(1);
    expect(contents.setVisualZoomLevelLimits).toHaveBeenLastCalledWith(1, 1);

    contents.setZoomFactor.mockClear();
    contents.emit('zoom-changed', {}, 'in');
    expect(contents.setZoomFactor).toHaveBeenCalledWith(1);
  });
});
