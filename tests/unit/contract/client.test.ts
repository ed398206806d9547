import { describe, expect, it, vi } from 'vitest';
import { unreportedCallDevices } from '../../../src/shared/contract/devices';
import { createContractClient, type FrameTransport } from '../../../src/shared/contract/client';

/** What every snapshot carries besides its screen's content. */
const common = {
  preferences: { language: 'en', largeText: false },
  idleWarning: null,
  devices: unreportedCallDevices,
  staff: null,
} as const;

function transportAnswering(answer: (frame: { id: number; channel: string }) => unknown) {
  const listeners = new Set<(frame: unknown) => void>();
  const sent: unknown[] = [];
  const transport: FrameTransport = {
    send: async (frame) => {
      sent.push(frame);
      return answer(frame);
    },
    onEvent: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return { transport, sent, push: (frame: unknown) => listeners.forEach((listener) => listener(frame)) };
}

describe('contract client', () => {
  it('sends a validated frame and returns the validated result', async () => {
    const { transport, sent } = transportAnswering((frame) => ({
      type: 'response',
      id: frame.id,
      ok: true,
      result: { screen: 'signIn', revision: 3, ...common, busy: false, failure: null },
    }));
    const client = createContractClient(transport, 'preview', { warn: vi.fn() });
    expect(await client.request('kiosk.begin', {})).toEqual({
      ok: true,
      value: { screen: 'signIn', revision: 3, ...common, busy: false, failure: null },
    });
    expect(sent).toEqual([{ type: 'request', id: 1, channel: 'kiosk.begin', payload: {} }]);
  });

  it('refuses to send what the contract does not define', async () => {
    const { transport, sent } = transportAnswering(() => undefined);
    const client = createContractClient(transport, 'preview', { warn: vi.fn() });
    expect(await client.request('kiosk.nope' as 'kiosk.begin', {})).toMatchObject({
      ok: false,
      error: { code: 'unknown_channel' },
    });
    expect(await client.request('kiosk.begin', { extra: 1 } as unknown as Record<string, never>)).toMatchObject({
      ok: false,
      error: { code: 'invalid_payload' },
    });
    expect(sent).toEqual([]);
  });

  it('refuses a malformed or out-of-contract response and reports transport loss', async () => {
    const warn = vi.fn();
    const answers: unknown[] = [
      { type: 'response', id: 1, ok: true, result: { screen: 'visits', revision: 1, ...common } },
      'garbage',
    ];
    const { transport } = transportAnswering(() => answers.shift());
    const client = createContractClient(transport, 'electron', { warn });
    expect(await client.request('kiosk.getState', {})).toMatchObject({
      ok: false,
      error: { code: 'invalid_response' },
    });
    expect(await client.request('kiosk.getState', {})).toMatchObject({
      ok: false,
      error: { code: 'invalid_response' },
    });
    expect(warn).toHaveBeenCalledTimes(2);

    const broken: FrameTransport = {
      send: () => Promise.reject(new Error('socket closed')),
      onEvent: () => () => undefined,
    };
    expect(await createContractClient(broken, 'preview', { warn }).request('kiosk.getState', {})).toEqual({
      ok: false,
      error: { code: 'transport_closed', message: 'socket closed' },
    });
  });

  it('passes only valid events of the subscribed name, and stops on unsubscribe', () => {
    const warn = vi.fn();
    const { transport, push } = transportAnswering(() => undefined);
    const client = createContractClient(transport, 'preview', { warn });
    const listener = vi.fn();
    const unsubscribe = client.on('kiosk.state', listener);

    push({
      type: 'event',
      event: 'kiosk.state',
      payload: { screen: 'signIn', revision: 2, ...common, busy: false, failure: null },
    });
    push({
      type: 'event',
      event: 'kiosk.state',
      payload: { screen: 'signIn', revision: -1, ...common, busy: false, failure: null },
    });
    push({ type: 'event', event: 'other.event', payload: {} });
    push({ nonsense: true });
    unsubscribe();
    push({ type: 'event', event: 'kiosk.state', payload: { screen: 'attract', revision: 3, ...common } });

    expect(listener.mock.calls).toEqual([[{ screen: 'signIn', revision: 2, ...common, busy: false, failure: null }]]);
    expect(warn).toHaveBeenCalledTimes(2);
  });
});
