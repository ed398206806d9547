import { vi } from 'vitest';
import type { KioskBridge, Outcome } from '../../src/shared/contract/client';
import type { EventName, EventOf, RequestName, ResponseOf } from '../../src/shared/contract/contract';

/** A bridge whose answers a test scripts, and whose events a test pushes, checked by the same types. */
export function scriptedBridge(answers: Partial<{ [N in RequestName]: Outcome<ResponseOf<N>> }>) {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const request = vi.fn(
    async (channel: RequestName) =>
      answers[channel] ?? { ok: false, error: { code: 'handler_failed', message: 'unscripted' } },
  );
  const bridge = {
    host: 'preview',
    request,
    on: (event: EventName, listener: (payload: unknown) => void) => {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
  } as unknown as KioskBridge;
  const push = <E extends EventName>(event: E, payload: EventOf<E>) =>
    listeners.get(event)?.forEach((listener) => listener(payload));
  return { bridge, request, push };
}
