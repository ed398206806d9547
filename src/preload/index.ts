import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { createContractClient, type FrameTransport } from '../shared/contract/client';
import { ipcChannels } from '../shared/contract/ipc-channels';

/**
 * The renderer's whole view of main: the contract client, and nothing of ipcRenderer itself. The
 * client validates both directions, so the page can only name channels the contract defines.
 */
const transport: FrameTransport = {
  send: (frame) => ipcRenderer.invoke(ipcChannels.request, frame),
  onEvent: (listener) => {
    const forward = (_event: IpcRendererEvent, frame: unknown): void => listener(frame);
    ipcRenderer.on(ipcChannels.event, forward);
    return () => {
      ipcRenderer.removeListener(ipcChannels.event, forward);
    };
  },
};

const bridge = createContractClient(transport, 'electron', console);

contextBridge.exposeInMainWorld('kioskBridge', {
  host: bridge.host,
  request: bridge.request,
  on: bridge.on,
});

// Chromium's print dialog has no main-process hook to refuse it with, so the page's own `print` is
// replaced in the page's world before any script of the page runs.
contextBridge.executeInMainWorld({
  func: () => {
    // The page's world is a window; the preload is compiled without the DOM's types.
    (globalThis as unknown as { print: () => void }).print = () =>
      console.warn('printing is not available on this kiosk');
  },
});
