import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpErrorSchema } from '../../src/shared/protocol/http';
import {
  setupEnrolPath,
  setupEnrolResponseSchema,
  setupHousingUnitsPath,
  setupHousingUnitsResponseSchema,
  setupSessionSchema,
  setupSignInPath,
} from '../../src/shared/protocol/setup';
import { demo } from '../demo/seed';
import { maxStaffSignInFailures, staffLockoutMs } from '../staff/staff-sign-in';
import { openDatabase, type Db } from '../store/database';
import { connectKiosk } from '../test-support/clients';
import { manualClock } from '../test-support/manual-clock';
import { startTestServer, type TestServer } from '../test-support/test-server';
import { setupSessionTtlMs } from './setup-sessions';

describe("a technician's first-boot setup over HTTP", () => {
  const clock = manualClock();
  let server: TestServer;
  let db: Db;

  beforeAll(async () => {
    server = await startTestServer({ clock });
    db = openDatabase(server.dataDir);
  });
  afterAll(async () => {
    db.close();
    await server.dispose();
  });

  const signIn = (staffNumber: string, pin: string) =>
    fetch(`${server.url}${setupSignInPath}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ staffNumber, pin }),
    });
  const technicianToken = async () =>
    setupSessionSchema.parse(await (await signIn(demo.technician.staffNumber, demo.technician.pin)).json()).token;
  const units = (token: string) =>
    fetch(`${server.url}${setupHousingUnitsPath}`, { headers: { Authorization: `Bearer ${token}` } });
  const enrol = (token: string, body: object) =>
    fetch(`${server.url}${setupEnrolPath}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
  const refusal = async (response: Response) => httpErrorSchema.parse(await response.json()).error;
  const auditRows = (action: string) =>
    db.prepare('SELECT * FROM audit_log WHERE action = ? ORDER BY id').all(action) as Record<string, unknown>[];

  it('signs in the demo technician with a setup session naming them, audited', async () => {
    const response = await signIn(demo.technician.staffNumber, demo.technician.pin);
    expect(response.status).toBe(201);
    const session = setupSessionSchema.parse(await response.json());
    expect(session.technician).toEqual({
      staffId: demo.technician.id,
      staffNumber: '7101',
      displayName: 'Tech Okafor',
      role: 'technician',
    });
    expect(Date.parse(session.expiresAt)).toBe(clock.now() + setupSessionTtlMs);
    expect(auditRows('setup.sign_in').at(-1)).toMatchObject({
      place: 'server',
      staff_id: demo.technician.id,
      outcome: 'signed_in',
    });
  });

  it('refuses an officer in words, audited, with no session', async () => {
    const response = await signIn(demo.officer.staffNumber, demo.officer.pin);
    expect(response.status).toBe(403);
    expect(await refusal(response)).toMatchObject({ code: 'not_permitted' });
    expect(auditRows('setup.sign_in').at(-1)).toMatchObject({ staff_id: demo.officer.id, outcome: 'not_permitted' });
  });

  it('refuses a wrong PIN, then locks the staff number out with the staff lockout', async () => {
    const wrong = await signIn('7199', '0000');
    expect(wrong.status).toBe(401);
    expect(await refusal(wrong)).toMatchObject({ code: 'bad_credentials' });
    for (let attempt = 2; attempt < maxStaffSignInFailures; attempt++) await signIn('7199', '0000');
    const locked = await signIn('7199', '0000');
    expect(locked.status).toBe(429);
    expect(locked.headers.get('retry-after')).toBe(String(staffLockoutMs / 1000));
    expect(await refusal(locked)).toMatchObject({ code: 'locked_out', retryAfterSeconds: staffLockoutMs / 1000 });
    clock.advance(staffLockoutMs);
  });

  it('lists the housing units to a setup session only', async () => {
    const token = await technicianToken();
    const response = await units(token);
    expect(response.status).toBe(200);
    expect(setupHousingUnitsResponseSchema.parse(await response.json()).housingUnits).toEqual([
      { id: 'b-east', name: 'B-East' },
      { id: 'b-west', name: 'B-West' },
    ]);
    expect((await units('x'.repeat(43))).status).toBe(401);
    expect((await fetch(`${server.url}${setupHousingUnitsPath}`)).status).toBe(401);
  });

  it('refuses a session once it has lapsed', async () => {
    const token = await technicianToken();
    clock.advance(setupSessionTtlMs);
    const response = await units(token);
    expect(response.status).toBe(401);
    expect(await refusal(response)).toMatchObject({ code: 'unauthenticated' });
  });

  it('enrols a kiosk in a unit at a location: a token the control channel takes, the location kept and audited', async () => {
    const token = await technicianToken();
    const requestId = randomUUID();
    const response = await enrol(token, { requestId, housingUnitId: 'b-east', location: '  B-East dayroom 2 ' });
    expect(response.status).toBe(201);
    const enrolled = setupEnrolResponseSchema.parse(await response.json());
    expect(enrolled).toMatchObject({ housingUnit: { id: 'b-east', name: 'B-East' }, location: 'B-East dayroom 2' });
    expect(db.prepare('SELECT housing_unit_id, location FROM kiosks WHERE id = ?').get(enrolled.kioskId)).toEqual({
      housing_unit_id: 'b-east',
      location: 'B-East dayroom 2',
    });
    const kiosk = await connectKiosk(server.url, enrolled);
    kiosk.socket.close();
    expect(auditRows('kiosk.provision').at(-1)).toMatchObject({
      place: 'server',
      staff_id: demo.technician.id,
      kiosk_id: enrolled.kioskId,
      housing_unit_id: 'b-east',
      outcome: 'enrolled',
    });
  });

  it('enrols the same kiosk again for the same request ID: one kiosk, the first token void', async () => {
    const token = await technicianToken();
    const request = { requestId: randomUUID(), housingUnitId: 'b-west', location: 'B-West hall' };
    const first = setupEnrolResponseSchema.parse(await (await enrol(token, request)).json());
    const again = setupEnrolResponseSchema.parse(await (await enrol(await technicianToken(), request)).json());
    expect(again.kioskId).toBe(first.kioskId);
    expect(again.token).not.toBe(first.token);
    expect(db.prepare('SELECT COUNT(*) AS n FROM setup_enrolments WHERE kiosk_id = ?').get(first.kioskId)).toEqual({
      n: 1,
    });
    await expect(connectKiosk(server.url, first)).rejects.toThrow();
    const kiosk = await connectKiosk(server.url, again);
    kiosk.socket.close();
  });

  it('refuses a unit removed while the technician chose, in words, and enrols nothing', async () => {
    const token = await technicianToken();
    db.prepare("INSERT INTO housing_units (id, facility_id, name) VALUES ('c-north', ?, 'C-North')").run(
      demo.facility.id,
    );
    db.prepare("DELETE FROM housing_units WHERE id = 'c-north'").run();
    const kiosksBefore = db.prepare('SELECT COUNT(*) AS n FROM kiosks').get();
    const response = await enrol(token, { requestId: randomUUID(), housingUnitId: 'c-north', location: 'C hall' });
    expect(response.status).toBe(404);
    expect(await refusal(response)).toMatchObject({
      code: 'not_found',
      message: expect.stringMatching(/pick another/),
    });
    expect(db.prepare('SELECT COUNT(*) AS n FROM kiosks').get()).toEqual(kiosksBefore);
  });

  it.each([
    ['no request ID', { housingUnitId: 'b-east', location: 'Dayroom' }],
    ['an empty location', { requestId: randomUUID(), housingUnitId: 'b-east', location: '   ' }],
    ['a location with markup', { requestId: randomUUID(), housingUnitId: 'b-east', location: '<b>x</b>' }],
  ])('refuses an enrolment with %s', async (_name, body) => {
    const response = await enrol(await technicianToken(), body);
    expect(response.status).toBe(400);
    expect(await refusal(response)).toMatchObject({ code: 'invalid_request' });
  });
});
