import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { ipcChannels } from '../../shared/contract/ipc-channels';
import { decideIpcSender } from '../policy/ipc-sender';
import type { ResponseFrame } from '../../shared/contract/frames';
import type { Logger } from '../log/logger';
import type { MainServices } from '../services';

/** Carries the contract over Electron IPC: requests from trusted senders to `dispatch`, events out. */
export function attachIpcBridge(services: MainServices, log: Logger): void {
  ipcMain.handle(ipcChannels.request, async (event: IpcMainInvokeEvent, frame: unknown): Promise<ResponseFrame> => {
    const decision = decideIpcSender({
      frameUrl: event.senderFrame?.url,
      isMainFrame: event.senderFrame !== null && event.senderFrame === event.sender.mainFrame,
    });
    if (!decision.allow) {
      log.warn({ reason: decision.reason }, 'refused IPC from untrusted sender');
      return {
        type: 'response',
        id: null,
        ok: false,
        error: { code: 'untrusted_sender', message: 'untrusted sender' },
      };
    }
    return services.dispatch(frame);
  });
}

/** Sends main's events to one window's renderer for as long as that WebContents lives. */
export function forwardEvents(services: MainServices, contents: WebContents): void {
  const detach = services.events.attach((frame) => {
    if (!contents.isDestroyed()) contents.send(ipcChannels.event, frame);
  });
  contents.once('destroyed', detach);
}
