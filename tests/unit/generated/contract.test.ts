import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { createDispatcher, type RequestHandlers } from '../../../src/main/contract/dispatcher';
import { startPreviewHost, type PreviewHost } from '../../../src/main/preview/preview-host';
import { createMainServices } from '../../../src/main/services';
import { scratchStore } from '../store/helpers';
import { requests } from '../../../src/shared/contract/contract';
import { requestFrameSchema, responseFrameSchema, type ResponseFrame } from '../../../src/shared/contract/frames';
import { ipcChannels } from '../../../src/shared/contract/ipc-channels';
import { anyJson, anyText, anyValue, contractSamples, generatedRuns, requestFrame } from '../../support/arbitraries';
import { ipcHandlers } from '../electron/fake-electron';

vi.mock('electron', () => import('../electron/fake-electron'));
const { attachIpcBridge } = await import('../../../src/main/electron/ipc-bridge');

// Generated frames at main's end of the contract, in process and through both hosts' entries: every
// frame gets one valid response frame, a refused one reaches no handler and changes no state.

const log = pino({ level: 'silent' });
const refusals = new Set(['invalid_frame', 'unknown_channel', 'invalid_payload', 'untrusted_sender']);

/** Whether the frame is one the dispatcher must pass to a handler. */
function isValidRequest(frame: unknown): boolean {
  const parsed = requestFrameSchema.safeParse(frame);
  if (!parsed.success || !Object.hasOwn(requests, parsed.data.channel)) return false;
  return requests[parsed.data.channel as keyof typeof requests].request.safeParse(parsed.data.payload).success;
}

function checkAnswer(frame: unknown, response: ResponseFrame): void {
  expect(responseFrameSchema.safeParse(response).success).toBe(true);
  const parsed = requestFrameSchema.safeParse(frame);
  if (parsed.success) expect(response.id).toBe(parsed.data.id);
  if (!isValidRequest(frame)) expect(response).toMatchObject({ ok: false });
}

describe('generated frames at the contract dispatcher', () => {
  it('answers every frame with a valid response, and only valid requests reach a handler', async () => {
    const calls: string[] = [];
    const handlers = Object.fromEntries(
      Object.keys(requests).map((channel) => [
        channel,
        () => {
          calls.push(channel);
          throw new Error('handlers are not the subject here');
        },
      ]),
    ) as unknown as RequestHandlers;
    const dispatch = createDispatcher(handlers, log);

    await fc.assert(
      fc.asyncProperty(requestFrame(contractSamples, anyValue), async (frame) => {
        calls.length = 0;
        const response = await dispatch(frame);
        checkAnswer(frame, response);
        if (isValidRequest(frame)) {
          expect(calls).toHaveLength(1);
          expect(response).toMatchObject({ ok: false, error: { code: 'handler_failed' } });
        } else {
          expect(calls).toEqual([]);
          expect(refusals.has(response.ok ? '' : response.error.code)).toBe(true);
        }
      }),
      { numRuns: generatedRuns },
    );
  });
});

describe('generated frames through the preview host’s /contract socket', () => {
  const services = createMainServices({
    host: 'preview',
    appName: 'Kiosk',
    version: '1.0.0',
    log,
    store: scratchStore(),
  });
  let host: PreviewHost;
  let socket: WebSocket;
  let inbox: Array<(data: string) => void> = [];

  async function open(): Promise<void> {
    socket = new WebSocket(`${host.url.replace('http', 'ws')}/contract`, { origin: host.url });
    socket.on('message', (data) => {
      const text = String(data);
      // Events (a screen that changed) are not answers.
      if ((JSON.parse(text) as { type?: unknown }).type === 'event') return;
      inbox.shift()?.(text);
    });
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  }

  beforeAll(async () => {
    const rendererDir = mkdtempSync(join(tmpdir(), 'kiosk-renderer-'));
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html>');
    host = await startPreviewHost({
      services,
      rendererDir,
      host: '127.0.0.1',
      port: 0,
      serverUrl: () => undefined,
      log,
    });
    await open();
  });
  afterAll(() => host.close());

  /** One message and its one answer, or the close code when the host closed the socket instead. */
  function exchange(message: string | Buffer): Promise<{ answer: ResponseFrame } | { closed: number }> {
    return new Promise((resolve) => {
      const onClose = (code: number): void => {
        inbox = [];
        resolve({ closed: code });
      };
      socket.once('close', onClose);
      inbox.push((text) => {
        socket.off('close', onClose);
        resolve({ answer: JSON.parse(text) as ResponseFrame });
      });
      socket.send(message);
    });
  }

  const message = fc.oneof(
    { weight: 4, arbitrary: requestFrame(contractSamples, anyJson).map((frame) => JSON.stringify(frame) ?? 'null') },
    { weight: 1, arbitrary: anyText },
    { weight: 1, arbitrary: anyText.map((text) => Buffer.from(text)) },
  );

  it('answers every message once, or closes only an oversized one, and holds state for refusals', async () => {
    await fc.assert(
      fc.asyncProperty(message, async (sent) => {
        const revision = services.kiosk.snapshot().revision;
        const outcome = await exchange(sent);
        const size = Buffer.byteLength(sent);
        if ('closed' in outcome) {
          expect(outcome.closed).toBe(1009);
          expect(size).toBeGreaterThan(64 * 1024);
          await open();
          return;
        }
        expect(size).toBeLessThanOrEqual(64 * 1024);
        const frame: unknown = typeof sent === 'string' ? parseOrUndefined(sent) : undefined;
        checkAnswer(frame, outcome.answer);
        if (!outcome.answer.ok && refusals.has(outcome.answer.error.code)) {
          expect(services.kiosk.snapshot().revision).toBe(revision);
        }
      }),
      { numRuns: generatedRuns },
    );
    const { answer } = (await exchange(
      JSON.stringify({ type: 'request', id: 7, channel: 'app.getInfo', payload: {} }),
    )) as {
      answer: ResponseFrame;
    };
    expect(answer).toMatchObject({ id: 7, ok: true });
  });
});

describe('generated frames and senders through the Electron IPC bridge', () => {
  it('refuses untrusted senders, answers the rest with a valid response, and holds state for refusals', async () => {
    const services = createMainServices({
      host: 'electron',
      appName: 'Kiosk',
      version: '1.0.0',
      log,
      store: scratchStore(),
    });
    attachIpcBridge(services, log);
    const handle = ipcHandlers.get(ipcChannels.request) as (event: unknown, frame: unknown) => Promise<ResponseFrame>;
    const sender = fc.record({
      frameUrl: fc.oneof(fc.constant('app://kiosk/index.html'), fc.webUrl(), anyText, fc.constant(undefined)),
      isMain: fc.boolean(),
    });

    await fc.assert(
      fc.asyncProperty(sender, requestFrame(contractSamples, anyValue), async ({ frameUrl, isMain }, frame) => {
        const senderFrame = frameUrl === undefined ? null : { url: frameUrl };
        const event = { sender: { mainFrame: isMain ? senderFrame : { url: frameUrl } }, senderFrame };
        const revision = services.kiosk.snapshot().revision;
        const response = await handle(event, frame);
        expect(responseFrameSchema.safeParse(response).success).toBe(true);
        const trusted = frameUrl === 'app://kiosk/index.html' && isMain;
        if (!trusted) expect(response).toMatchObject({ ok: false, error: { code: 'untrusted_sender' } });
        else checkAnswer(frame, response);
        if (!response.ok && refusals.has(response.error.code)) {
          expect(services.kiosk.snapshot().revision).toBe(revision);
        }
      }),
      { numRuns: generatedRuns },
    );
  });
});

function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
