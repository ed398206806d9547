import { EventEmitter } from 'node:events';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { vi } from 'vitest';

/**
 * Just enough of Electron's API for the adapters to run under Node: every call is recorded so the
 * tests can check what the adapters passed to Electron and how they answered its callbacks.
 */
export class FakeWebContents extends EventEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  readonly mainFrame = { url: 'app://kiosk/index.html' };
  readonly send = vi.fn();
  readonly forcefullyCrashRenderer = vi.fn();
  readonly setZoomFactor = vi.fn();
  readonly setVisualZoomLevelLimits = vi.fn(() => Promise.resolve());
  destroyed = false;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static readonly created: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  readonly loadURL = vi.fn(() => Promise.resolve());
  readonly removeMenu = vi.fn();
  readonly show = vi.fn();
  readonly setKiosk = vi.fn();
  readonly setFullScreen = vi.fn();
  constructor(readonly options: unknown) {
    super();
    FakeBrowserWindow.created.push(this);
  }
  isDestroyed(): boolean {
    return false;
  }
}

export class FakeSession extends EventEmitter {
  permissionRequestHandler: ((...args: unknown[]) => void) | undefined;
  permissionCheckHandler: ((...args: unknown[]) => boolean) | undefined;
  devicePermissionHandler: ((...args: unknown[]) => boolean) | undefined;
  displayMediaRequestHandler: ((...args: unknown[]) => void) | undefined;
  setPermissionRequestHandler(handler: (...args: unknown[]) => void): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: (...args: unknown[]) => boolean): void {
    this.permissionCheckHandler = handler;
  }
  setDevicePermissionHandler(handler: (...args: unknown[]) => boolean): void {
    this.devicePermissionHandler = handler;
  }
  setDisplayMediaRequestHandler(handler: (...args: unknown[]) => void): void {
    this.displayMediaRequestHandler = handler;
  }
}

export class FakeApp extends EventEmitter {
  readonly relaunch = vi.fn();
  readonly exit = vi.fn();
}

export const ipcHandlers = new Map<string, (...args: unknown[]) => unknown>();

export const ipcMain = {
  handle: vi.fn((channel: string, handler: (...args: unknown[]) => unknown) => ipcHandlers.set(channel, handler)),
};

export const ipcRenderer = { invoke: vi.fn(), on: vi.fn(), removeListener: vi.fn() };

export const contextBridge = { exposeInMainWorld: vi.fn(), executeInMainWorld: vi.fn() };

export const protocol = {
  registerSchemesAsPrivileged: vi.fn(),
};

export const net = {
  fetch: async (url: string) =>
    new Response(await readFile(fileURLToPath(url)), { headers: { 'Content-Type': 'text/html' } }),
};

export const powerSaveBlocker = { start: vi.fn(() => 7) };

export const BrowserWindow = FakeBrowserWindow;
