import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { controlProtocol } from '../../src/shared/protocol/control';
import { healthPath } from '../../src/shared/protocol/http';
import { responseSchema } from '../../src/shared/protocol/rpc';
import {
  anyJson,
  controlSamples,
  generatedRuns,
  generatedTimeoutMs,
  nameOf,
  nearby,
} from '../../tests/support/arbitraries';
import { connectKiosk, type KioskClient } from '../test-support/clients';
import { databaseFingerprint } from '../test-support/inspect-database';
import { startTestServer, type TestServer } from '../test-support/test-server';

// Generated requests over real socket.io to the real `/kiosk` responder: every one that carries a
// callback is answered within the protocol, a malformed one writes nothing, and the server keeps
// serving the same socket and everyone else.

const requests = controlProtocol.requests as Record<
  string,
  (typeof controlProtocol.requests)[keyof typeof controlProtocol.requests]
>;
const names = Object.keys(requests);

/** What a kiosk can put on the wire for one request: the payload, none, two, or no callback. */
const emission = nameOf(names).chain((name) =>
  fc.record({
    name: fc.constant(name),
    args: fc.oneof(
      { weight: 8, arbitrary: nearby(controlSamples[name] ?? {}, anyJson).map((payload): unknown[] => [payload]) },
      { weight: 1, arbitrary: fc.constant<unknown[]>([]) },
      { weight: 1, arbitrary: fc.tuple(anyJson, anyJson).map((pair): unknown[] => pair) },
    ),
    withCallback: fc.oneof({ weight: 19, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  }),
);

function isWellFormed(name: string, args: unknown[]): boolean {
  return Object.hasOwn(requests, name) && args.length === 1 && requests[name]!.request.safeParse(args[0]).success;
}

describe('generated requests on /kiosk', () => {
  let server: TestServer;
  let kiosk: KioskClient;

  beforeAll(async () => {
    server = await startTestServer();
    kiosk = await connectKiosk(server.url);
  });
  afterAll(async () => {
    kiosk.socket.close();
    await server.dispose();
  });

  function ask(name: string, args: unknown[]): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no answer to ${name.slice(0, 50)}`)), 10_000);
      kiosk.socket.emit(name, ...args, (answer: unknown) => {
        clearTimeout(timer);
        resolve(answer);
      });
    });
  }

  it(
    'answers each within the protocol and writes nothing for a malformed one',
    { timeout: generatedTimeoutMs },
    async () => {
      const fingerprint = databaseFingerprint(server.dataDir);
      await fc.assert(
        fc.asyncProperty(emission, async ({ name, args, withCallback }) => {
          const before = fingerprint.read();
          if (!withCallback) {
            kiosk.socket.emit(name, ...args);
            return;
          }
          const answer = await ask(name, args);
          if (!Object.hasOwn(requests, name)) {
            expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
            expect(fingerprint.read()).toBe(before);
            return;
          }
          const spec = requests[name]!;
          expect(responseSchema(spec.response, controlProtocol.errorCode).safeParse(answer).success).toBe(true);
          if (!isWellFormed(name, args)) {
            expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
            expect(fingerprint.read()).toBe(before);
          }
          expect(answer).not.toMatchObject({ ok: false, error: { code: 'internal' } });
        }),
        { numRuns: generatedRuns },
      );
      fingerprint.close();

      expect(kiosk.socket.connected).toBe(true);
      expect(await kiosk.rpc.request('kiosk.heartbeat', controlSamples['kiosk.heartbeat'] as never)).toMatchObject({
        ok: true,
      });
      expect((await fetch(`${server.url}${healthPath}`)).status).toBe(200);
    },
  );
});
