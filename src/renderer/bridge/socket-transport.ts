import type { FrameTransport } from '../../shared/contract/client';
import { ContractError, type RequestFrame } from '../../shared/contract/frames';

interface Pending {
  resolve(frame: unknown): void;
  reject(error: Error): void;
  timer: ReturnType<typeof setTimeout>;
}

export interface SocketTransportOptions {
  timeoutMs: number;
  /** Called when the socket comes back after a loss: main may have restarted with new state. */
  onReconnected(): void;
  /**
   * Asked when a socket closed before it opened: resolves with the host's reason when the host
   * refuses this page, undefined when it did not say (it may be restarting).
   */
  askWhyRefused(): Promise<string | undefined>;
  warn(message: string): void;
}

/**
 * Contract frames over the preview host's WebSocket. Requests are matched to responses by id and
 * time out; a lost socket fails what was pending at once and reconnects with backoff. A host that
 * refuses this page is not asked again: every request fails with `untrusted_sender` and its reason.
 */
export function createSocketTransport(url: string, options: SocketTransportOptions): FrameTransport {
  const pending = new Map<number, Pending>();
  const eventListeners = new Set<(frame: unknown) => void>();
  let socket: WebSocket;
  let ready = whenOpen();
  let everOpened = false;
  let retryDelayMs = 250;

  function connect(): void {
    let opened = false;
    socket = new WebSocket(url);
    socket.addEventListener('open', () => {
      opened = true;
      retryDelayMs = 250;
      if (everOpened) options.onReconnected();
      else performance.mark('kiosk:contract-open');
      everOpened = true;
      ready.open();
    });
    socket.addEventListener('message', (message) => receive(message.data));
    socket.addEventListener('close', () => {
      for (const [id, entry] of pending) {
        clearTimeout(entry.timer);
        entry.reject(new Error('connection to the kiosk service was lost'));
        pending.delete(id);
      }
      if (opened) {
        ready = whenOpen();
        retryLater();
        return;
      }
      void options.askWhyRefused().then(
        (reason) => (reason === undefined ? retryLater() : ready.refuse(reason)),
        () => retryLater(),
      );
    });
  }

  function retryLater(): void {
    setTimeout(connect, retryDelayMs);
    retryDelayMs = Math.min(retryDelayMs * 2, 5000);
  }

  function receive(data: unknown): void {
    let frame: unknown;
    try {
      frame = typeof data === 'string' ? JSON.parse(data) : undefined;
    } catch {
      frame = undefined;
    }
    if (typeof frame !== 'object' || frame === null) {
      options.warn('refused a socket message that is not a JSON frame');
      return;
    }
    const { type, id } = frame as { type?: unknown; id?: unknown };
    if (type === 'event') {
      for (const listener of eventListeners) listener(frame);
      return;
    }
    const entry = typeof id === 'number' ? pending.get(id) : undefined;
    if (type !== 'response' || entry === undefined) {
      options.warn('refused a socket frame that answers no pending request');
      return;
    }
    clearTimeout(entry.timer);
    pending.delete(id as number);
    entry.resolve(frame);
  }

  connect();

  return {
    async send(frame: RequestFrame): Promise<unknown> {
      await ready.promise;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(frame.id);
          reject(new Error(`no answer to ${frame.channel} within ${options.timeoutMs} ms`));
        }, options.timeoutMs);
        pending.set(frame.id, { resolve, reject, timer });
        socket.send(JSON.stringify(frame));
      });
    },
    onEvent(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
  };
}

/**
 * Settled once per connection: requests made while a socket is still trying (even across several
 * attempts) wait for the one that opens, or fail with the host's refusal.
 */
function whenOpen() {
  let open!: () => void;
  let refuse!: (reason: string) => void;
  const promise = new Promise<void>((resolve, reject) => {
    open = resolve;
    refuse = (reason) =>
      reject(new ContractError('untrusted_sender', `the kiosk service refused this page: ${reason}`));
  });
  // Nobody may be waiting when the refusal comes; each request still sees it.
  promise.catch(() => {});
  return { promise, open, refuse };
}
