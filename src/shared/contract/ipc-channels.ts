/** The two Electron IPC channels the contract travels on; the channel inside each frame says the rest. */
export const ipcChannels = {
  request: 'kiosk-contract:request',
  event: 'kiosk-contract:event',
} as const;
