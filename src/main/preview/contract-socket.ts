import { WebSocketServer, type WebSocket } from 'ws';
import type { ResponseFrame } from '../../shared/contract/frames';
import type { Logger } from '../log/logger';
import type { MainServices } from '../services';

/** Large enough for any contract message, small enough that a runaway page cannot flood main. */
const maxFrameBytes = 64 * 1024;

/** The preview host's stand-in for Electron IPC: contract frames as JSON over a WebSocket. */
export function createContractSocket(services: MainServices, log: Logger): WebSocketServer {
  const server = new WebSocketServer({ noServer: true, maxPayload: maxFrameBytes });

  server.on('connection', (socket: WebSocket) => {
    const detach = services.events.attach((frame) => socket.send(JSON.stringify(frame)));
    socket.on('close', detach);
    // ws closes the connection itself after an oversized or broken frame (1009, 1002); without a
    // listener the error would be unhandled and take the whole host down.
    socket.on('error', (error: Error & { code?: string }) =>
      log.warn({ reason: error.message, code: error.code }, 'closed a renderer socket'),
    );
    socket.on('message', (data, isBinary) => {
      void answer(socket, isBinary ? undefined : data.toString());
    });
  });

  async function answer(socket: WebSocket, text: string | undefined): Promise<void> {
    let frame: unknown;
    try {
      frame = text === undefined ? undefined : JSON.parse(text);
    } catch {
      frame = undefined;
    }
    const response = frame === undefined ? refuseUnreadable() : await services.dispatch(frame);
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(response));
  }

  function refuseUnreadable(): ResponseFrame {
    log.warn({ code: 'invalid_frame', reason: 'not a JSON text frame' }, 'refused renderer request');
    return {
      type: 'response',
      id: null,
      ok: false,
      error: { code: 'invalid_frame', message: 'not a JSON text frame' },
    };
  }

  return server;
}
