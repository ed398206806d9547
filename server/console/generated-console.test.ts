import fc from 'fast-check';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleProtocol, consoleSignInPath } from '../../src/shared/protocol/console';
import { healthPath } from '../../src/shared/protocol/http';
import { responseSchema } from '../../src/shared/protocol/rpc';
import { staffSessionSchema } from '../../src/shared/protocol/staff';
import {
  anyJson,
  consoleSamples,
  generatedRuns,
  generatedTimeoutMs,
  nameOf,
  nearby,
} from '../../tests/support/arbitraries';
import { demo } from '../demo/seed';
import { databaseFingerprint } from '../test-support/inspect-database';
import { startTestServer, type TestServer } from '../test-support/test-server';

// Generated requests over real socket.io to the real `/console` responder, signed in as the demo
// officer: every one that carries a callback is answered within the protocol, a malformed one writes
// nothing, and the socket keeps serving. Signing out is left out: it ends the session the run uses
// (the console suite checks it).

const requests = consoleProtocol.requests as Record<
  string,
  (typeof consoleProtocol.requests)[keyof typeof consoleProtocol.requests]
>;
const names = Object.keys(requests).filter((name) => name !== 'console.signOut');

const emission = nameOf([...names, 'console.signout', 'kiosk.heartbeat']).chain((name) =>
  fc.record({
    name: fc.constant(name),
    args: fc.oneof(
      { weight: 8, arbitrary: nearby(consoleSamples[name] ?? {}, anyJson).map((payload): unknown[] => [payload]) },
      { weight: 1, arbitrary: fc.constant<unknown[]>([]) },
      { weight: 1, arbitrary: fc.tuple(anyJson, anyJson).map((pair): unknown[] => pair) },
    ),
    withCallback: fc.oneof({ weight: 19, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  }),
);

function isWellFormed(name: string, args: unknown[]): boolean {
  return Object.hasOwn(requests, name) && args.length === 1 && requests[name]!.request.safeParse(args[0]).success;
}

describe('generated requests on /console', () => {
  let server: TestServer;
  let socket: Socket;

  beforeAll(async () => {
    server = await startTestServer();
    const response = await fetch(`${server.url}${consoleSignInPath}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ staffNumber: demo.officer.staffNumber, pin: demo.officer.pin }),
    });
    const session = staffSessionSchema.parse(await response.json());
    socket = io(`${server.url}${consoleProtocol.namespace}`, {
      auth: { session: session.token },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    await new Promise((resolve, reject) => {
      socket.once('connect', () => resolve(undefined));
      socket.once('connect_error', reject);
    });
  });
  afterAll(async () => {
    socket.close();
    await server.dispose();
  });

  function ask(name: string, args: unknown[]): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no answer to ${name.slice(0, 50)}`)), 10_000);
      socket.emit(name, ...args, (answer: unknown) => {
        clearTimeout(timer);
        resolve(answer);
      });
    });
  }

  it(
    'answers each within the protocol and writes nothing for a malformed one',
    { timeout: generatedTimeoutMs },
    async () => {
      // Well-formed requests are audited whatever their outcome; malformed ones never reach a handler.
      const fingerprint = databaseFingerprint(server.dataDir);
      await fc.assert(
        fc.asyncProperty(emission, async ({ name, args, withCallback }) => {
          const before = fingerprint.read();
          if (!withCallback) {
            socket.emit(name, ...args);
            return;
          }
          const answer = await ask(name, args);
          if (!Object.hasOwn(requests, name)) {
            expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
            expect(fingerprint.read()).toBe(before);
            return;
          }
          const spec = requests[name]!;
          expect(responseSchema(spec.response, consoleProtocol.errorCode).safeParse(answer).success).toBe(true);
          if (!isWellFormed(name, args)) {
            expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
            expect(fingerprint.read()).toBe(before);
          }
          expect(answer).not.toMatchObject({ ok: false, error: { code: 'internal' } });
        }),
        { numRuns: generatedRuns },
      );
      fingerprint.close();

      expect(socket.connected).toBe(true);
      expect(await ask('console.snapshot', [{}])).toMatchObject({ ok: true });
      expect((await fetch(`${server.url}${healthPath}`)).status).toBe(200);
    },
  );
});
