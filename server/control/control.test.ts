import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { controlProtocol } from '../../src/shared/protocol/control';
import type { KioskStatus } from '../../src/shared/protocol/kiosk-status';
import { readHandshakeError } from '../../src/shared/protocol/handshake';
import { enrolPath } from '../../src/shared/protocol/http';
import { loadConfig } from '../config';
import { demo } from '../demo/seed';
import { openDatabase, type Db } from '../store/database';
import { attractStatus, connect, connectKiosk, enrol, nextEvent, type KioskClient } from '../test-support/clients';
import { addVisit } from '../test-support/fixtures';
import { startTestServer, type TestServer } from '../test-support/test-server';

const minute = 60_000;

describe('the kiosk control channel', () => {
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

  async function signIn(client: KioskClient = kiosk): Promise<string> {
    const result = await client.rpc.request('inmate.signIn', { inmateId: demo.inmate.id, pin: demo.inmate.pin });
    if (!result.ok) throw new Error(`sign-in failed: ${result.error.code}`);
    return result.result.session;
  }

  describe('enrolment and the handshake', () => {
    it('enrols a kiosk in the demo code’s housing unit', async () => {
      const enrolled = await enrol(server.url);
      expect(enrolled).toMatchObject({
        kioskId: expect.stringMatching(/^kiosk-/),
        housingUnit: { id: 'b-east', name: 'B-East' },
      });
      const stored = db.prepare('SELECT token_hash FROM kiosks WHERE id = ?').get(enrolled.kioskId) as {
        token_hash: string;
      };
      expect(stored.token_hash).not.toContain(enrolled.token);
    });

    it('refuses an unknown enrolment code', async () => {
      const response = await fetch(`${server.url}${enrolPath}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ code: 'NOT-A-CODE' }),
      });
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ error: { code: 'bad_credentials' } });
    });

    it.each([
      ['no auth', {}],
      ['a wrong token', { token: 'x'.repeat(43) }],
      ['a malformed token', { token: 42 }],
    ])('refuses a handshake with %s as unauthenticated', async (_name, auth) => {
      const error = await connect(server.url, controlProtocol.namespace, auth).then(
        () => undefined,
        (refused: unknown) => refused,
      );
      expect(readHandshakeError(error)).toEqual({
        code: 'unauthenticated',
        message: 'a valid kiosk token is required',
      });
    });

    it('refuses the default namespace', async () => {
      const error = await connect(server.url, '/', {}).catch((refused: unknown) => refused);
      expect(readHandshakeError(error)?.code).toBe('invalid_request');
    });
  });

  describe('sign-in and schedule', () => {
    it('signs in and returns the inmate’s display name and today’s visits', async () => {
      const result = await kiosk.rpc.request('inmate.signIn', { inmateId: demo.inmate.id, pin: demo.inmate.pin });
      expect(result).toMatchObject({ ok: true, result: { inmate: { displayName: 'Marcus R.' } } });
      if (!result.ok) return;
      const statuses = Object.fromEntries(result.result.visits.map((visit) => [visit.visitId, visit.status]));
      expect(statuses).toMatchObject({ 'demo-now': 'open', 'demo-legal': 'open' });
      const visits = await kiosk.rpc.request('inmate.visits', { session: result.result.session });
      expect(visits.ok && visits.result.visits.length).toBe(result.result.visits.length);
    });

    it('refuses a wrong PIN, then locks the ID with a countdown', async () => {
      const first = await kiosk.rpc.request('inmate.signIn', { inmateId: '100999', pin: '0000' });
      expect(first).toMatchObject({ ok: false, error: { code: 'bad_credentials' } });
      let last = first;
      for (let attempt = 2; attempt <= 5; attempt++)
        last = await kiosk.rpc.request('inmate.signIn', { inmateId: '100999', pin: '0000' });
      expect(last).toMatchObject({ ok: false, error: { code: 'locked_out', retryAfterSeconds: 300 } });
    });

    it('refuses malformed credentials as invalid_request without counting them', async () => {
      const response = await new Promise((resolve) =>
        kiosk.socket.emit('inmate.signIn', { inmateId: 'abc', pin: 12 }, resolve),
      );
      expect(response).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    });

    it('refuses an inmate of another housing unit', async () => {
      const result = await kiosk.rpc.request('inmate.signIn', {
        inmateId: demo.otherInmate.id,
        pin: demo.otherInmate.pin,
      });
      expect(result).toMatchObject({ ok: false, error: { code: 'wrong_housing_unit' } });
    });

    it('accepts a session only on the kiosk it was opened on, and not after sign-out', async () => {
      const session = await signIn();
      const other = await connectKiosk(server.url);
      expect(await other.rpc.request('inmate.visits', { session })).toMatchObject({
        ok: false,
        error: { code: 'unauthenticated' },
      });
      other.socket.close();
      expect(await kiosk.rpc.request('inmate.signOut', { session })).toEqual({ ok: true, result: {} });
      expect(await kiosk.rpc.request('inmate.visits', { session })).toMatchObject({
        ok: false,
        error: { code: 'unauthenticated' },
      });
    });
  });

  describe('joining and ending visits', () => {
    it('gives a short-lived ticket for an open visit', async () => {
      const session = await signIn();
      const before = Date.now();
      const result = await kiosk.rpc.request('visit.join', { session, visitId: demo.visits.now.id });
      expect(result).toMatchObject({
        ok: true,
        result: { visit: { visitId: 'demo-now', visitorName: 'Angela R.', privileged: false } },
      });
      if (!result.ok) return;
      expect(Date.parse(result.result.ticketExpiresAt) - before).toBeLessThanOrEqual(
        loadConfig({}).media.ticketTtlMs + 1000,
      );
    });

    it('says a legal visit is privileged', async () => {
      const session = await signIn();
      const result = await kiosk.rpc.request('visit.join', { session, visitId: demo.visits.legal.id });
      expect(result).toMatchObject({ ok: true, result: { visit: { privileged: true } } });
    });

    it('refuses a visit not open yet, saying when it opens', async () => {
      const session = await signIn();
      const result = await kiosk.rpc.request('visit.join', { session, visitId: demo.visits.later.id });
      expect(result).toMatchObject({ ok: false, error: { code: 'visit_not_open' } });
      if (result.ok) return;
      // The demo's later visit starts in two hours; it opens ten minutes before.
      expect(result.error.retryAfterSeconds).toBeGreaterThan(100 * 60);
      expect(result.error.retryAfterSeconds).toBeLessThanOrEqual(110 * 60);
    });

    it('refuses a visit that is over, and one of another inmate', async () => {
      const session = await signIn();
      const over = addVisit(db, { startsAt: Date.now() - 60 * minute, endsAt: Date.now() - minute });
      expect(await kiosk.rpc.request('visit.join', { session, visitId: over.visitId })).toMatchObject({
        ok: false,
        error: { code: 'visit_over' },
      });
      const others = addVisit(db, {
        startsAt: Date.now(),
        endsAt: Date.now() + 30 * minute,
        inmateId: demo.otherInmate.id,
      });
      expect(await kiosk.rpc.request('visit.join', { session, visitId: others.visitId })).toMatchObject({
        ok: false,
        error: { code: 'not_found' },
      });
    });

    it('ends a visit once: the first reason stands, and the kiosk is told', async () => {
      const session = await signIn();
      const visit = addVisit(db, { startsAt: Date.now(), endsAt: Date.now() + 30 * minute });
      await kiosk.rpc.request('visit.join', { session, visitId: visit.visitId });
      const told = nextEvent(kiosk.socket, 'visit.ended');
      const ended = await kiosk.rpc.request('visit.end', {
        session,
        visitId: visit.visitId,
        reason: 'hung_up_by_inmate',
      });
      expect(ended).toMatchObject({ ok: true, result: { reason: 'hung_up_by_inmate' } });
      expect(await told).toEqual({ visitId: visit.visitId, reason: 'hung_up_by_inmate' });
      const again = await kiosk.rpc.request('visit.end', { session, visitId: visit.visitId, reason: 'ended_by_staff' });
      expect(again).toMatchObject({ ok: true, result: { reason: 'hung_up_by_inmate' } });
      expect(await kiosk.rpc.request('visit.join', { session, visitId: visit.visitId })).toMatchObject({
        ok: false,
        error: { code: 'visit_over' },
      });
    });
  });

  describe('a restarted kiosk resuming its visit', () => {
    const status: KioskStatus = {
      appVersion: '0.1.0',
      uptimeSeconds: 1,
      screen: 'call',
      visitId: null,
      outboxPending: 0,
      devices: {},
      service: { state: 'in_service' },
      visitState: null,
    };

    /** A kiosk in a call that stops: signed in, joined, its last heartbeat `ago` ms before it comes back. */
    async function stoppedInCall(ago: number) {
      const before = await connectKiosk(server.url);
      const session = await signIn(before);
      const visit = addVisit(db, { startsAt: Date.now(), endsAt: Date.now() + 30 * minute });
      await before.rpc.request('visit.join', { session, visitId: visit.visitId });
      await before.rpc.request('kiosk.heartbeat', { status });
      before.socket.close();
      const seenAt = Date.now() - ago;
      db.prepare('UPDATE kiosks SET last_seen_at = ? WHERE id = ?').run(seenAt, before.kiosk.kioskId);
      const after = await connectKiosk(server.url, before.kiosk);
      return { session, visitId: visit.visitId, seenAt, after };
    }

    it('gives a kiosk back its inmate’s visit after a short absence, with a new session and ticket', async () => {
      const { session, visitId, seenAt, after } = await stoppedInCall(20_000);
      // Its first heartbeat on the new connection does not hide how long it was away.
      await after.rpc.request('kiosk.heartbeat', { status });
      const resumed = await after.rpc.request('visit.resume', { visitId, maxAbsentSeconds: 120 });
      expect(resumed).toMatchObject({
        ok: true,
        result: {
          inmate: { displayName: 'Marcus R.' },
          visit: { visitId },
          absentSince: new Date(seenAt).toISOString(),
        },
      });
      if (!resumed.ok) return;
      expect(await after.rpc.request('inmate.visits', { session: resumed.result.session })).toMatchObject({ ok: true });
      expect(await after.rpc.request('inmate.visits', { session })).toMatchObject({
        ok: false,
        error: { code: 'unauthenticated' },
      });
      after.socket.close();
    });

    it('refuses when the kiosk was away longer than it allows, and gives no session', async () => {
      const { session, visitId, after } = await stoppedInCall(3 * minute);
      expect(await after.rpc.request('visit.resume', { visitId, maxAbsentSeconds: 120 })).toMatchObject({
        ok: false,
        error: { code: 'absent_too_long' },
      });
      expect(await after.rpc.request('inmate.visits', { session })).toMatchObject({ ok: true });
      after.socket.close();
    });

    it('refuses a visit that ended meanwhile, and a kiosk where the inmate has no session', async () => {
      const { session, visitId, after } = await stoppedInCall(5000);
      const first = await connectKiosk(server.url);
      await first.rpc.request('kiosk.heartbeat', { status });
      first.socket.close();
      const other = await connectKiosk(server.url, first.kiosk);
      expect(await other.rpc.request('visit.resume', { visitId, maxAbsentSeconds: 120 })).toMatchObject({
        ok: false,
        error: { code: 'unauthenticated' },
      });
      other.socket.close();
      await after.rpc.request('visit.end', { session, visitId, reason: 'ended_by_staff' });
      expect(await after.rpc.request('visit.resume', { visitId, maxAbsentSeconds: 120 })).toMatchObject({
        ok: false,
        error: { code: 'visit_over' },
      });
      after.socket.close();
    });
  });

  describe('outbox, heartbeat and commands', () => {
    const record = (key: string) => ({
      key,
      type: 'device.fault',
      createdAt: new Date().toISOString(),
      payload: { device: 'camera', fault: 'no frames', at: new Date().toISOString(), cleared: false },
    });

    it('ingests idempotently by key and rejects what can never be stored', async () => {
      const first = await kiosk.rpc.request('outbox.deliver', { records: [record('fault-0001')] });
      expect(first).toEqual({ ok: true, result: { acks: [{ key: 'fault-0001', status: 'stored' }] } });
      const second = await kiosk.rpc.request('outbox.deliver', {
        records: [record('fault-0001'), { ...record('fault-0002'), payload: { device: 'toaster' } }],
      });
      expect(second).toMatchObject({
        ok: true,
        result: {
          acks: [
            { key: 'fault-0001', status: 'duplicate' },
            { key: 'fault-0002', status: 'rejected' },
          ],
        },
      });
      const rows = db.prepare("SELECT COUNT(*) AS n FROM outbox_records WHERE key LIKE 'fault-%'").get() as {
        n: number;
      };
      expect(rows.n).toBe(1);
    });

    it('answers a heartbeat with the server’s time and records the status', async () => {
      const before = Date.now();
      const result = await kiosk.rpc.request('kiosk.heartbeat', {
        status: {
          appVersion: '0.1.0',
          uptimeSeconds: 12,
          screen: 'attract',
          visitId: null,
          outboxPending: 0,
          devices: { camera: 'ok' },
          service: { state: 'in_service' },
          visitState: null,
        },
      });
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(Date.parse(result.result.serverTime)).toBeGreaterThanOrEqual(before - 1000);
      const row = db.prepare('SELECT last_status FROM kiosks WHERE id = ?').get(kiosk.kiosk.kioskId) as {
        last_status: string;
      };
      expect(JSON.parse(row.last_status)).toMatchObject({ screen: 'attract' });
    });

    it('sends a kiosk a command through the staff endpoint and returns the kiosk’s acknowledgement', async () => {
      const shown: string[] = [];
      const stop = kiosk.rpc.handle('command', (command) => {
        if (command.action.type === 'show_message') shown.push(command.action.text);
        return { id: command.id, status: 'accepted' };
      });
      const id = randomUUID();
      const post = (token: string) =>
        fetch(`${server.url}/api/admin/kiosks/${kiosk.kiosk.kioskId}/commands`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
          body: JSON.stringify({ id, by: null, action: { type: 'show_message', text: 'Count time in 5 minutes' } }),
        });
      expect((await post('wrong-token')).status).toBe(401);
      const response = await post(server.adminToken);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ id, status: 'accepted' });
      expect(shown).toEqual(['Count time in 5 minutes']);
      stop();
    });

    it('reports a command to a kiosk that is not connected', async () => {
      const result = await server.kioskLinks.sendCommand('kiosk-offline', {
        id: randomUUID(),
        by: null,
        action: { type: 'show_message', text: 'hi' },
      });
      expect(result).toMatchObject({ ok: false, error: { code: 'disconnected' } });
    });

    it('lets a newer connection of the same kiosk replace the older one', async () => {
      const first = await connectKiosk(server.url);
      const dropped = nextEvent(first.socket, 'disconnect');
      const second = await connectKiosk(server.url, first.kiosk);
      expect(await dropped).toBe('io server disconnect');
      expect(await second.rpc.request('kiosk.heartbeat', { status: attractStatus })).toMatchObject({ ok: true });
      second.socket.close();
    });
  });
});
