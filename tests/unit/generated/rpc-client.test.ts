import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { Server, type Socket as ServerSocket } from 'socket.io';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { controlProtocol, kioskCommandAckSchema, kioskCommandSchema } from '../../../src/shared/protocol/control';
import { localErrorCodeSchema, responseSchema, type RpcLog } from '../../../src/shared/protocol/rpc';
import { createRpcClient } from '../../../src/shared/protocol/rpc-client';
import {
  anyJson,
  answerNear,
  controlResultSamples,
  controlSamples,
  generatedRuns,
  generatedTimeoutMs,
  nearby,
} from '../../support/arbitraries';

// The requesting end against a hostile server: whatever it acknowledges, sends as an event or asks
// of the kiosk, the client resolves to a valid result or a coded error, and hands its own code
// only what the protocol allows.

const quiet: RpcLog = { warn: () => {}, error: () => {} };
const requests = controlProtocol.requests as Record<
  string,
  (typeof controlProtocol.requests)[keyof typeof controlProtocol.requests]
>;
const names = Object.keys(requests);
const codes = [...controlProtocol.errorCode.options];
const timeoutMs = 100;

describe('generated answers to the rpc client', () => {
  let http: HttpServer;
  let hostile: Server;
  let serverSide: ServerSocket;
  let socket: Socket;
  /** What the hostile server acknowledges the next request with; `undefined` leaves it unanswered. */
  let nextAnswer: { raw: unknown } | undefined;

  beforeAll(async () => {
    http = createServer();
    hostile = new Server(http);
    hostile.of(controlProtocol.namespace).on('connection', (connected) => {
      serverSide = connected;
      connected.onAny((...args: unknown[]) => {
        const ack = args.at(-1);
        if (typeof ack === 'function' && nextAnswer !== undefined) (ack as (raw: unknown) => void)(nextAnswer.raw);
      });
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const { port } = http.address() as AddressInfo;
    socket = io(`http://127.0.0.1:${port}${controlProtocol.namespace}`, { transports: ['websocket'] });
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  });
  afterAll(async () => {
    socket.close();
    await hostile.close();
  });

  const requestCase = fc.constantFrom(...names).chain((name) =>
    fc.record({
      name: fc.constant(name),
      answer: fc.oneof(
        { weight: 40, arbitrary: answerNear(controlResultSamples[name], codes).map((raw) => ({ raw })) },
        { weight: 1, arbitrary: fc.constant(undefined) },
      ),
    }),
  );

  it(
    'resolves every request to a result within the protocol or a coded error',
    { timeout: generatedTimeoutMs },
    async () => {
      const rpc = createRpcClient(socket, controlProtocol, quiet, { timeoutMs, retries: 0 });
      await fc.assert(
        fc.asyncProperty(requestCase, async ({ name, answer }) => {
          nextAnswer = answer;
          const result = await rpc.request(name as never, controlSamples[name] as never);
          const valid = responseSchema(requests[name]!.response, controlProtocol.errorCode).safeParse(answer?.raw);
          if (answer === undefined) expect(result).toMatchObject({ ok: false, error: { code: 'timeout' } });
          else if (!valid.success) expect(result).toMatchObject({ ok: false, error: { code: 'invalid_response' } });
          else expect(result).toEqual(valid.data);
          if (!result.ok) {
            const known = [...codes, ...localErrorCodeSchema.options] as string[];
            expect(known).toContain(result.error.code);
          }
        }),
        { numRuns: generatedRuns },
      );
    },
  );

  it('passes on only the events and server requests the protocol allows', { timeout: generatedTimeoutMs }, async () => {
    const rpc = createRpcClient(socket, controlProtocol, quiet);
    const events: unknown[] = [];
    const commands: unknown[] = [];
    rpc.on('visit.ended', (payload) => events.push(payload));
    rpc.handle('command', (command) => {
      commands.push(command);
      return { id: command.id, status: 'accepted' };
    });
    const eventSchema = controlProtocol.events['visit.ended'];
    const command = {
      id: '0b8e9f4c-6d3a-4c2b-9a1e-5f7d8c6b4a39',
      by: null,
      action: { type: 'show_message', text: 'Count time' },
    };

    await fc.assert(
      fc.asyncProperty(
        nearby({ visitId: 'demo-now', reason: 'completed' }, anyJson),
        nearby(command, anyJson),
        async (event, asked) => {
          events.length = 0;
          commands.length = 0;
          serverSide.emit('visit.ended', event);
          const answer = await serverSide.timeout(5_000).emitWithAck('command', asked);
          expect(events).toEqual(eventSchema.safeParse(event).success ? [eventSchema.parse(event)] : []);
          expect(responseSchema(kioskCommandAckSchema, controlProtocol.errorCode).safeParse(answer).success).toBe(true);
          if (kioskCommandSchema.safeParse(asked).success) {
            expect(commands).toHaveLength(1);
            expect(answer).toMatchObject({ ok: true });
          } else {
            expect(commands).toEqual([]);
            expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
          }
        },
      ),
      { numRuns: generatedRuns },
    );
  });
});
