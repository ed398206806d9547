import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  consoleProtocol,
  consoleSignInPath,
  type ConsoleKiosk,
  type ConsoleOfflineCode,
  type ConsoleVisit,
} from '../../src/shared/protocol/console';
import { readHandshakeError } from '../../src/shared/protocol/handshake';
import { createRpcClient, type RpcClient } from '../../src/shared/protocol/rpc-client';
import {
  offlineCodeSchema,
  offlineCodeUsedAction,
  staffSessionSchema,
  type StaffSession,
} from '../../src/shared/protocol/staff';
import { demo } from '../demo/seed';
import { deriveOfflineCodeHash } from '../staff/offline-codes';
import { staffSessionTtlMs } from '../staff/staff-sessions';
import { maxStaffSignInFailures } from '../staff/staff-sign-in';
import { manualClock } from '../test-support/manual-clock';
import { openDatabase, type Db } from '../store/database';
import { attractStatus, connectKiosk, enrol, nextEvent, quietLog, type KioskClient } from '../test-support/clients';
import { addVisit } from '../test-support/fixtures';
import { startTestServer, type TestServer } from '../test-support/test-server';

type ConsoleClient = { socket: Socket; rpc: RpcClient<typeof consoleProtocol> };

describe('the officer console’s sign-in and namespace', () => {
  let server: TestServer;
  let db: Db;
  let kiosk: KioskClient;
  let session: StaffSession;
  let officer: ConsoleClient;
  const commandsSeen: unknown[] = [];

  const signIn = (staffNumber: string, pin: string) =>
    fetch(`${server.url}${consoleSignInPath}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ staffNumber, pin }),
    });

  function openConsole(auth: object, origin?: string): Promise<ConsoleClient> {
    const socket = io(`${server.url}${consoleProtocol.namespace}`, {
      auth,
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      ...(origin === undefined ? {} : { extraHeaders: { Origin: origin } }),
    });
    return new Promise((resolve, reject) => {
      socket.once('connect', () =>
        resolve({ socket, rpc: createRpcClient(socket, consoleProtocol, quietLog, { timeoutMs: 5000 }) }),
      );
      socket.once('connect_error', (error) => {
        socket.close();
        reject(error);
      });
    });
  }

  beforeAll(async () => {
    server = await startTestServer();
    db = openDatabase(server.dataDir);
    kiosk = await connectKiosk(server.url);
    kiosk.rpc.handle('command', (command) => {
      commandsSeen.push(command);
      return { id: command.id, status: 'accepted' };
    });
    const response = await signIn(demo.officer.staffNumber, demo.officer.pin);
    expect(response.status).toBe(200);
    session = staffSessionSchema.parse(await response.json());
    officer = await openConsole({ session: session.token });
  });
  afterAll(async () => {
    officer.socket.close();
    kiosk.socket.close();
    db.close();
    await server.dispose();
  });

  describe('sign-in', () => {
    it('gives the demo officer a session, and refuses a technician at the console', async () => {
      expect(session.staff).toEqual({
        staffId: demo.officer.id,
        staffNumber: '7001',
        displayName: 'Officer Diaz',
        role: 'officer',
      });
      const technician = await signIn(demo.technician.staffNumber, demo.technician.pin);
      expect(technician.status).toBe(403);
      expect(await technician.json()).toMatchObject({ error: { code: 'not_permitted' } });
    });

    it('locks a staff number out after repeated wrong PINs, with Retry-After, and audits each', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < maxStaffSignInFailures; i++) statuses.push((await signIn('7002', '0000')).status);
      expect(statuses).toEqual([...Array<number>(maxStaffSignInFailures - 1).fill(403), 429]);
      const locked = await signIn('7002', '0000');
      expect(locked.status).toBe(429);
      expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await locked.json()).toMatchObject({ error: { code: 'locked_out' } });
      const audited = db
        .prepare(
          "SELECT outcome FROM audit_log WHERE place = 'console' AND json_extract(detail, '$.staffNumber') = '7002'",
        )
        .pluck()
        .all();
      expect(audited).toEqual([
        ...Array<string>(maxStaffSignInFailures - 1).fill('bad_credentials'),
        'locked_out',
        'locked_out',
      ]);
    });

    it('refuses a malformed sign-in plainly', async () => {
      const response = await signIn('not-digits', '12');
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: 'invalid_request' } });
    });
  });

  describe('the namespace', () => {
    it('refuses a handshake without a live console session, or with a kiosk’s staff session', async () => {
      const kioskSession = await kiosk.rpc.request('staff.signIn', {
        staffNumber: demo.officer.staffNumber,
        pin: demo.officer.pin,
      });
      if (!kioskSession.ok) throw new Error('kiosk staff sign-in failed');
      for (const auth of [{}, { session: 'x'.repeat(43) }, { session: kioskSession.result.session.token }]) {
        const refused = await openConsole(auth).catch((error: unknown) => error);
        expect(readHandshakeError(refused)).toEqual({
          code: 'unauthenticated',
          message: 'a valid console session is required',
        });
      }
    });

    it('takes only its own page’s origin (or none)', async () => {
      const own = await openConsole({ session: session.token }, server.url);
      own.socket.close();
      // Other pages the server lets open sockets elsewhere (the kiosk app, loopback pages) are refused here.
      for (const origin of ['app://kiosk', 'http://127.0.0.1:5173']) {
        const refused = await openConsole({ session: session.token }, origin).catch((error: unknown) => error);
        expect(readHandshakeError(refused)?.code, origin).toBe('invalid_request');
      }
      // And foreign pages never reach the namespace: the transport itself is refused.
      const foreign = await openConsole({ session: session.token }, 'https://evil.example').catch(
        (error: unknown) => error,
      );
      expect(foreign).toBeInstanceOf(Error);
      expect(readHandshakeError(foreign)).toBeUndefined();
    });

    it('starts from a snapshot of the housing units, their kiosks and today’s visits', async () => {
      const snapshot = await officer.rpc.request('console.snapshot', {});
      if (!snapshot.ok) throw new Error(snapshot.error.message);
      expect(snapshot.result.staff.staffId).toBe(demo.officer.id);
      const east = snapshot.result.housingUnits.find((unit) => unit.id === demo.housingUnit.id);
      expect(east?.kiosks).toContainEqual(expect.objectContaining({ kioskId: kiosk.kiosk.kioskId, online: true }));
      expect(snapshot.result.visits.map((visit) => visit.visitId)).toContain(server.demoVisits?.now);
      expect(snapshot.result.audit[0]).toMatchObject({ action: 'staff.sign_in' });
    });

    it('shows each heartbeat and each disconnect live', async () => {
      const changed = nextEvent<ConsoleKiosk>(officer.socket, 'kiosk.changed');
      await kiosk.rpc.request('kiosk.heartbeat', {
        status: { ...attractStatus, screen: 'call', visitId: 'demo-now', visitState: 'connected', outboxPending: 3 },
      });
      expect(await changed).toMatchObject({
        kioskId: kiosk.kiosk.kioskId,
        online: true,
        status: { screen: 'call', visitState: 'connected', outboxPending: 3 },
      });
      const other = await connectKiosk(server.url);
      const gone = new Promise<ConsoleKiosk>((resolve) =>
        officer.socket.on('kiosk.changed', (view: ConsoleKiosk) => {
          if (view.kioskId === other.kiosk.kioskId && !view.online) resolve(view);
        }),
      );
      other.socket.close();
      expect((await gone).online).toBe(false);
    });

    it('sends a command named after the officer, and reports a kiosk that is not connected as offline', async () => {
      const accepted = await officer.rpc.request('kiosk.command', {
        kioskId: kiosk.kiosk.kioskId,
        action: { type: 'show_message', text: 'Count in 5 minutes' },
      });
      expect(accepted).toEqual({ ok: true, result: { outcome: { kioskId: kiosk.kiosk.kioskId, status: 'accepted' } } });
      expect(commandsSeen.at(-1)).toMatchObject({ by: { staffId: demo.officer.id, where: 'console' } });
      const offline = (await enrol(server.url)).kioskId;
      expect(await officer.rpc.request('kiosk.command', { kioskId: offline, action: { type: 'lock' } })).toEqual({
        ok: true,
        result: { outcome: { kioskId: offline, status: 'offline' } },
      });
      expect(
        await officer.rpc.request('kiosk.command', { kioskId: 'kiosk-nowhere', action: { type: 'lock' } }),
      ).toMatchObject({ ok: false, error: { code: 'not_found' } });
      const audit = db
        .prepare("SELECT staff_id, place, outcome FROM audit_log WHERE action = 'command.lock' AND kiosk_id = ?")
        .all(offline);
      expect(audit).toEqual([
        { staff_id: demo.officer.id, place: 'console', outcome: 'given' },
        { staff_id: demo.officer.id, place: 'console', outcome: 'offline' },
      ]);
    });

    it('locks a whole housing unit and reports each kiosk', async () => {
      const result = await officer.rpc.request('housingUnit.command', {
        housingUnitId: demo.housingUnit.id,
        action: { type: 'lock' },
      });
      if (!result.ok) throw new Error(result.error.message);
      expect(result.result.results).toContainEqual({ kioskId: kiosk.kiosk.kioskId, status: 'accepted' });
      expect(result.result.results.some((outcome) => outcome.status === 'offline')).toBe(true);
    });

    it('ends a visit at the server, tells the console and audits it', async () => {
      const { visitId } = addVisit(db, { startsAt: Date.now() - 60_000, endsAt: Date.now() + 600_000 });
      const changed = nextEvent<{ visits: ConsoleVisit[] }>(officer.socket, 'visits.changed');
      const ended = await officer.rpc.request('visit.end', { visitId });
      expect(ended).toMatchObject({ ok: true, result: { reason: 'ended_by_staff' } });
      expect((await changed).visits.find((visit) => visit.visitId === visitId)).toMatchObject({
        status: 'over',
        endReason: 'ended_by_staff',
      });
      expect(await officer.rpc.request('visit.end', { visitId: 'no-such-visit' })).toMatchObject({
        ok: false,
        error: { code: 'not_found' },
      });
    });

    it('issues an offline code the kiosk can verify, marks it used when the kiosk says so, and asks for a replacement', async () => {
      const kioskTold = nextEvent(kiosk.socket, 'staff.offlineCodesChanged');
      const issued = await officer.rpc.request('offlineCode.issue', { housingUnitId: demo.housingUnit.id });
      if (!issued.ok) throw new Error(issued.error.message);
      expect(offlineCodeSchema.safeParse(issued.result.code).success).toBe(true);
      await kioskTold;
      const verifiers = await kiosk.rpc.request('staff.offlineCodes', {});
      if (!verifiers.ok) throw new Error(verifiers.error.message);
      const verifier = verifiers.result.verifiers.find((candidate) => candidate.codeId === issued.result.codeId);
      if (verifier === undefined) throw new Error('no verifier for the issued code');
      const hash = await deriveOfflineCodeHash(issued.result.code, Buffer.from(verifier.salt, 'base64url'), {
        N: verifier.n,
        r: verifier.r,
        p: verifier.p,
      });
      expect(hash.toString('base64url')).toBe(verifier.hash);
      expect(verifier).toMatchObject({ staffId: demo.officer.id, role: 'officer' });

      const consoleTold = new Promise<ConsoleOfflineCode[]>((resolve) =>
        officer.socket.on('offlineCodes.changed', ({ offlineCodes }: { offlineCodes: ConsoleOfflineCode[] }) => {
          if (offlineCodes.some((code) => code.replacementDue)) resolve(offlineCodes);
        }),
      );
      const used = {
        key: 'audit-offline-code-used-0001',
        type: 'audit.event',
        createdAt: new Date().toISOString(),
        payload: {
          action: offlineCodeUsedAction,
          actor: `officer:${demo.officer.id}`,
          at: new Date().toISOString(),
          detail: { codeId: issued.result.codeId, outcome: 'signed_in' },
        },
      };
      expect(await kiosk.rpc.request('outbox.deliver', { records: [used] })).toMatchObject({
        ok: true,
        result: { acks: [{ status: 'stored' }] },
      });
      expect(await consoleTold).toContainEqual(
        expect.objectContaining({
          codeId: issued.result.codeId,
          usedAtKiosk: kiosk.kiosk.kioskId,
          replacementDue: true,
        }),
      );
      const after = await kiosk.rpc.request('staff.offlineCodes', {});
      expect(after.ok && after.result.verifiers.map((candidate) => candidate.codeId)).not.toContain(
        issued.result.codeId,
      );
      const replacement = await officer.rpc.request('offlineCode.issue', {
        housingUnitId: demo.housingUnit.id,
        replaces: issued.result.codeId,
      });
      expect(replacement.ok).toBe(true);
      const snapshot = await officer.rpc.request('console.snapshot', {});
      const codes = snapshot.ok
        ? snapshot.result.housingUnits.find((unit) => unit.id === demo.housingUnit.id)
        : undefined;
      expect(codes?.offlineCodes.some((code) => code.replacementDue)).toBe(false);
      // The code itself is nowhere in the database.
      expect(JSON.stringify(db.prepare('SELECT * FROM offline_codes').all())).not.toContain(issued.result.code);
    });

    it('streams new audit entries and ends the session at sign-out', async () => {
      const client = await openConsole({ session: session.token });
      const added = nextEvent<{ action: string }>(client.socket, 'audit.added');
      const signedOut = await client.rpc.request('console.signOut', {});
      expect(signedOut).toEqual({ ok: true, result: {} });
      expect(await added).toMatchObject({ action: 'staff.sign_out' });
      expect(await officer.rpc.request('console.snapshot', {})).toMatchObject({
        ok: false,
        error: { code: 'unauthenticated' },
      });
      client.socket.close();
    });
  });
});

describe('a console session that lapses while the console only watches', () => {
  const clock = manualClock();
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ clock, consoleSessionSweepMs: 50 });
  });
  afterAll(() => server.dispose());

  it('is sent back to sign-in and disconnected, and only then', async () => {
    const response = await fetch(`${server.url}${consoleSignInPath}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ staffNumber: demo.officer.staffNumber, pin: demo.officer.pin }),
    });
    const { token } = staffSessionSchema.parse(await response.json());
    const socket = io(`${server.url}${consoleProtocol.namespace}`, {
      auth: { session: token },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    await nextEvent(socket, 'connect');
    const ended = nextEvent(socket, 'session.ended');
    // Several sweeps pass while the session is live.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(socket.connected).toBe(true);
    clock.advance(staffSessionTtlMs.console);
    await ended;
    await expect.poll(() => socket.connected).toBe(false);
    socket.close();
  });
});
