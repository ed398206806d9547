import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  httpErrorSchema,
  scheduledVisitSchema,
  visitLedgerReportSchema,
  type ScheduledVisit,
} from '../../src/shared/protocol/http';
import { demo } from '../demo/seed';
import { createMediaFlowLog } from '../domain/media-flow-log';
import { openDatabase, type Db } from '../store/database';
import { connectKiosk, connectMedia, nextEvent, type KioskClient } from '../test-support/clients';
import { startTestServer, type TestServer } from '../test-support/test-server';

const minute = 60_000;

describe('staff scheduling visits and comparing ledgers', () => {
  let server: TestServer;
  let db: Db;
  let kiosk: KioskClient;

  beforeAll(async () => {
    server = await startTestServer();
    db = openDatabase(server.dataDir);
    kiosk = await connectKiosk(server.url);
  });
  afterAll(async () => {
    kiosk.socket.close();
    db.close();
    await server.dispose();
  });

  const admin = (path: string, init: RequestInit = {}, token = server.adminToken) =>
    fetch(`${server.url}/api/admin/${path}`, {
      ...init,
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    });

  const schedule = (body: unknown, token?: string) =>
    admin('visits', { method: 'POST', body: JSON.stringify(body) }, token);

  async function scheduled(endsInMs: number, firstName = 'Robin'): Promise<ScheduledVisit> {
    const response = await schedule({
      inmateId: demo.inmate.id,
      visitor: { firstName, lastName: 'Okafor' },
      startsAt: new Date(Date.now() - minute).toISOString(),
      endsAt: new Date(Date.now() + endsInMs).toISOString(),
    });
    expect(response.status).toBe(201);
    return scheduledVisitSchema.parse(await response.json());
  }

  async function errorCode(response: Response): Promise<string> {
    return httpErrorSchema.parse(await response.json()).error.code;
  }

  it('refuses without the staff token, with a bad body, and for an unknown inmate', async () => {
    const now = Date.now();
    const body = {
      inmateId: demo.inmate.id,
      visitor: { firstName: 'A', lastName: 'B' },
      startsAt: new Date(now).toISOString(),
      endsAt: new Date(now + minute).toISOString(),
    };
    expect(await errorCode(await schedule(body, 'wrong-token-0123456789'))).toBe('unauthenticated');
    const backwards = await schedule({ ...body, endsAt: new Date(now - minute).toISOString() });
    expect(backwards.status).toBe(400);
    const nobody = await schedule({ ...body, inmateId: '999999' });
    expect(nobody.status).toBe(404);
    expect(await errorCode(await admin('visits/no-such-visit/ledger'))).toBe('not_found');
    expect(await errorCode(await admin('visits/demo-now/ledger', {}, 'wrong-token-0123456789'))).toBe(
      'unauthenticated',
    );
  });

  it('schedules a visit the inmate sees and the visitor joins, which ends by itself at its end time', async () => {
    const visit = await scheduled(1500, 'Quinn');
    const signIn = await kiosk.rpc.request('inmate.signIn', { inmateId: demo.inmate.id, pin: demo.inmate.pin });
    expect(signIn.ok && signIn.result.visits.find((listed) => listed.visitId === visit.visitId)).toMatchObject({
      visitorName: 'Quinn O.',
      status: 'open',
    });
    const visitor = await connectMedia(server.url, { code: visit.visitorCode });
    try {
      expect(await visitor.rpc.request('room.join', {})).toMatchObject({ ok: true });
      expect(await nextEvent(visitor.socket, 'visit.ended', 5000)).toEqual({
        visitId: visit.visitId,
        reason: 'completed',
      });
    } finally {
      visitor.socket.close();
    }
  });

  it('lays the kiosk’s ledger, its final one first, next to the server’s media flow', async () => {
    const visit = await scheduled(30 * minute);
    const report = async () =>
      visitLedgerReportSchema.parse(await (await admin(`visits/${visit.visitId}/ledger`)).json());
    expect(await report()).toEqual({
      visitId: visit.visitId,
      server: { connectedSeconds: 0, flowing: false, roomSeconds: { inmate: 0, visitor: 0 } },
      kiosk: null,
      differenceSeconds: null,
    });

    const t = Date.now();
    const stretch = createMediaFlowLog(db).begin(visit.visitId, t);
    stretch.seen(t + 61_500);
    const ledger = (connectedSeconds: number, final: boolean) => ({
      visitId: visit.visitId,
      connectedSeconds,
      disconnectedSeconds: 3,
      drops: [],
      final,
    });
    const record = (key: string, payload: unknown) => ({
      key,
      type: 'visit.ledger',
      createdAt: new Date().toISOString(),
      payload,
    });
    const delivered = await kiosk.rpc.request('outbox.deliver', {
      records: [
        record('ledger-key-0001', ledger(60, false)),
        record('ledger-key-0002', ledger(62.25, true)),
        record('ledger-key-0003', ledger(63, false)),
      ],
    });
    expect(delivered.ok).toBe(true);

    expect(await report()).toEqual({
      visitId: visit.visitId,
      server: { connectedSeconds: 61.5, flowing: true, roomSeconds: { inmate: 0, visitor: 0 } },
      kiosk: { kioskId: kiosk.kiosk.kioskId, createdAt: expect.any(String), ledger: ledger(62.25, true) },
      differenceSeconds: 0.75,
    });
    stretch.end(t + 62 * 1000);
    expect((await report()).server).toMatchObject({ connectedSeconds: 62, flowing: false });
  });
});
