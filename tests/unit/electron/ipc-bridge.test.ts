import pino from 'pino';
import { unreportedCallDevices } from '../../../src/shared/contract/devices';
import { describe, expect, it, vi } from 'vitest';
import { FakeWebContents, ipcHandlers } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));
const { attachIpcBridge, forwardEvents } = await import('../../../src/main/electron/ipc-bridge');
const { createMainServices } = await import('../../../src/main/services');
const { scratchStore } = await import('../store/helpers');
const { ipcChannels } = await import('../../../src/shared/contract/ipc-channels');

const log = pino({ level: 'silent' });

describe('IPC bridge', () => {
  const services = createMainServices({
    host: 'electron',
    appName: 'Kiosk',
    version: '1.2.3',
    log,
    store: scratchStore(),
  });
  attachIpcBridge(services, log);
  const handler = ipcHandlers.get(ipcChannels.request);
  const frame = { type: 'request', id: 1, channel: 'app.getInfo', payload: {} };

  it('dispatches requests from the app page', async () => {
    const sender = new FakeWebContents();
    const event = { sender, senderFrame: sender.mainFrame };
    expect(await handler?.(event, frame)).toEqual({
      type: 'response',
      id: 1,
      ok: true,
      result: { name: 'Kiosk', version: '1.2.3', host: 'electron' },
    });
  });

  it.each([
    ['a foreign page', { url: 'https://evil.example/' }, true],
    ['a subframe', { url: 'app://kiosk/index.html' }, false],
    ['a frame that is gone', null, false],
  ])('refuses %s', async (_name, senderFrame, isMain) => {
    const sender = new FakeWebContents();
    const event = {
      sender,
      senderFrame: isMain && senderFrame !== null ? Object.assign(sender.mainFrame, senderFrame) : senderFrame,
    };
    expect(await handler?.(event, frame)).toMatchObject({ ok: false, error: { code: 'untrusted_sender' } });
  });

  it('forwards events to a window until it is destroyed', () => {
    const contents = new FakeWebContents();
    forwardEvents(services, contents as never);
    services.kiosk.begin();
    expect(contents.send).toHaveBeenCalledWith(ipcChannels.event, {
      type: 'event',
      event: 'kiosk.state',
      payload: {
        screen: 'signIn',
        revision: 1,
        preferences: { language: 'en', largeText: false },
        idleWarning: null,
        staff: null,
        devices: unreportedCallDevices,
        busy: false,
        failure: null,
      },
    });
    contents.emit('destroyed');
    services.kiosk.cancel();
    expect(contents.send).toHaveBeenCalledTimes(1);
  });
});
