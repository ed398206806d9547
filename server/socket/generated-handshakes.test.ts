import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handshakeErrorSchema, readHandshakeError } from '../../src/shared/protocol/handshake';
import { consoleSignInPath } from '../../src/shared/protocol/console';
import { healthPath } from '../../src/shared/protocol/http';
import { staffSessionSchema } from '../../src/shared/protocol/staff';
import { anyJson, anyText, anyValue, generatedRuns, generatedTimeoutMs, nearby } from '../../tests/support/arbitraries';
import { createTicketSigner } from '../credentials/tickets';
import { demo } from '../demo/seed';
import { connectKiosk, enrol } from '../test-support/clients';
import { startTestServer, type TestServer } from '../test-support/test-server';

// Generated handshakes: the client's reading of a refusal, the server's ticket check, and real
// socket.io handshakes on every namespace. A handshake is admitted only with a genuine credential,
// every other one is refused with a code the client can read, and the server keeps serving.

const ticketSigner = createTicketSigner(randomBytes(32));
const claims = { visitId: 'demo-now', kioskId: 'kiosk-0001', inmateId: demo.inmate.id, exp: Date.now() + 60_000 };
const genuineTicket = ticketSigner.sign(claims);

/** A ticket with one character changed, added or removed, or any text at all. */
const nearTicket = fc.oneof(
  fc.constant(genuineTicket),
  fc
    .tuple(fc.nat(genuineTicket.length - 1), fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 1 }))
    .map(([at, char]) => `${genuineTicket.slice(0, at)}${char}${genuineTicket.slice(at + 1)}`),
  fc.string({ unit: 'binary-ascii', maxLength: 3 }).map((tail) => `${genuineTicket}${tail}`),
  fc.nat(genuineTicket.length - 1).map((at) => genuineTicket.slice(0, at) + genuineTicket.slice(at + 1)),
  anyText,
);

describe('generated handshakes', () => {
  it('the client reads a refusal only from a well-formed one, and never throws', () => {
    const refusal = { data: { code: 'unauthenticated', message: 'a valid kiosk token is required' } };
    fc.assert(
      fc.property(fc.oneof(nearby(refusal, anyValue), anyValue), (error) => {
        const read = readHandshakeError(error);
        if (read !== undefined) expect(handshakeErrorSchema.safeParse(read).success).toBe(true);
      }),
      { numRuns: generatedRuns },
    );
  });

  it('a ticket is admitted only exactly as it was signed', () => {
    fc.assert(
      fc.property(nearTicket, (ticket) => {
        const verified = ticketSigner.verify(ticket, Date.now());
        expect(verified === undefined ? undefined : ticket).toBe(verified === undefined ? undefined : genuineTicket);
        if (verified !== undefined) expect(verified).toEqual(claims);
      }),
      { numRuns: generatedRuns },
    );
  });

  describe('over real socket.io', () => {
    let server: TestServer;
    let kioskToken: string;
    let consoleSession: string;

    beforeAll(async () => {
      server = await startTestServer();
      kioskToken = (await enrol(server.url)).token;
      const signedIn = await fetch(`${server.url}${consoleSignInPath}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ staffNumber: demo.officer.staffNumber, pin: demo.officer.pin }),
      });
      consoleSession = staffSessionSchema.parse(await signedIn.json()).token;
    });
    afterAll(async () => {
      await server.dispose();
    });

    const handshake = fc.oneof(
      { weight: 3, arbitrary: fc.record({ namespace: fc.constant('/kiosk'), auth: nearby({ token: 'TOKEN' }) }) },
      {
        weight: 2,
        arbitrary: fc.record({ namespace: fc.constant('/console'), auth: nearby({ session: 'SESSION' }) }),
      },
      {
        weight: 3,
        arbitrary: fc.record({
          namespace: fc.constant('/media'),
          auth: fc.oneof(
            nearby({ code: demo.visits.now.visitorCode }),
            nearTicket.map((ticket) => ({ ticket })),
          ),
        }),
      },
      {
        weight: 1,
        arbitrary: fc.record({
          namespace: fc.constantFrom('/', '/nope', '/kiosk/', '/MEDIA'),
          auth: fc.dictionary(anyText, anyJson, { maxKeys: 3 }),
        }),
      },
    );

    /**
     * One connection per attempt, so that no attempt sees another's end. An auth socket.io cannot
     * carry (an array) gets the whole connection closed, which is a refusal too.
     */
    function attempt(namespace: string, auth: object): Promise<{ connected: true } | { refusal: unknown }> {
      const socket = io(`${server.url}${namespace}`, {
        auth,
        forceNew: true,
        reconnection: false,
        transports: ['websocket'],
      });
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('neither admitted nor refused within 5 s')), 5_000);
        let settled = false;
        const settle = (outcome: { connected: true } | { refusal: unknown }): void => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          socket.close();
          resolve(outcome);
        };
        socket.once('connect', () => settle({ connected: true }));
        socket.once('connect_error', (error) => settle({ refusal: error }));
        // A refused socket closes its connection just before it reports the refusal: wait for that.
        socket.io.once('close', (reason) =>
          setImmediate(() => settle({ refusal: new Error(`connection closed: ${reason}`) })),
        );
      });
    }

    it(
      'admits only genuine credentials and refuses the rest with a readable code',
      { timeout: generatedTimeoutMs },
      async () => {
        await fc.assert(
          fc.asyncProperty(handshake, async ({ namespace, auth }) => {
            const sent = (
              typeof auth === 'object' && auth !== null && (auth as { token?: unknown }).token === 'TOKEN'
                ? { ...auth, token: kioskToken }
                : typeof auth === 'object' && auth !== null && (auth as { session?: unknown }).session === 'SESSION'
                  ? { ...auth, session: consoleSession }
                  : typeof auth === 'object' && auth !== null
                    ? auth
                    : { auth }
            ) as Record<string, unknown>;
            const outcome = await attempt(namespace, sent);
            const genuine =
              (namespace === '/kiosk' && sameEntries(sent, { token: kioskToken })) ||
              (namespace === '/media' && sameEntries(sent, { code: demo.visits.now.visitorCode })) ||
              (namespace === '/console' && sameEntries(sent, { session: consoleSession }));
            if ('connected' in outcome) {
              expect(genuine).toBe(true);
            } else {
              const refusal = readHandshakeError(outcome.refusal);
              // Wrong codes from this address use up its visitor-code allowance, after which even the
              // right code is turned away, and must say why.
              if (genuine) expect(refusal?.code).toBe('too_many_attempts');
              const known = ['/kiosk', '/media', '/console', '/'].includes(namespace);
              if (known && !Array.isArray(auth)) expect(refusal).toBeDefined();
            }
          }),
          { numRuns: generatedRuns },
        );

        const kiosk = await connectKiosk(server.url);
        expect(kiosk.socket.connected).toBe(true);
        kiosk.socket.close();
        expect((await fetch(`${server.url}${healthPath}`)).status).toBe(200);
      },
    );
  });
});

function sameEntries(given: Record<string, unknown>, expected: Record<string, unknown>): boolean {
  return JSON.stringify(Object.entries(given)) === JSON.stringify(Object.entries(expected));
}
