import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffResponseSchema, staffPath, type CreateStaffRequest } from '../../src/shared/protocol/http';
import { demo } from '../demo/seed';
import { openDatabase, type Db } from '../store/database';
import { connectKiosk, type KioskClient } from '../test-support/clients';
import { manualClock } from '../test-support/manual-clock';
import { startTestServer, type TestServer } from '../test-support/test-server';
import { maxStaffSignInFailures, staffLockoutMs } from './staff-sign-in';

interface AuditRow {
  place: string;
  staff_id: string | null;
  action: string;
  kiosk_id: string | null;
  outcome: string;
  detail: string;
}

describe('staff sign-in on the control channel', () => {
  const clock = manualClock();
  let server: TestServer;
  let db: Db;
  let kiosk: KioskClient;

  beforeAll(async () => {
    server = await startTestServer({ clock });
    db = openDatabase(server.dataDir);
    kiosk = await connectKiosk(server.url);
  });
  afterAll(async () => {
    kiosk.socket.close();
    db.close();
    await server.dispose();
  });

  const auditRows = (staffNumber: string): AuditRow[] =>
    db
      .prepare("SELECT * FROM audit_log WHERE json_extract(detail, '$.staffNumber') = ? OR staff_id = ? ORDER BY id")
      .all(staffNumber, staffNumber) as AuditRow[];

  async function createStaff(request: CreateStaffRequest, token = server.adminToken): Promise<Response> {
    return fetch(`${server.url}${staffPath}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify(request),
    });
  }

  it('signs in the demo officer with a session naming them, and audits it without the PIN', async () => {
    const result = await kiosk.rpc.request('staff.signIn', {
      staffNumber: demo.officer.staffNumber,
      pin: demo.officer.pin,
    });
    expect(result).toMatchObject({
      ok: true,
      result: {
        session: {
          staff: { staffId: demo.officer.id, staffNumber: '7001', displayName: 'Officer Diaz', role: 'officer' },
        },
      },
    });
    const rows = db.prepare('SELECT * FROM audit_log WHERE staff_id = ?').all(demo.officer.id) as AuditRow[];
    expect(rows).toEqual([
      expect.objectContaining({
        place: 'kiosk',
        action: 'staff.sign_in',
        outcome: 'signed_in',
        kiosk_id: kiosk.kiosk.kioskId,
      }),
    ]);
    expect(JSON.stringify(rows)).not.toContain(demo.officer.pin);
    const sessions = db.prepare('SELECT token_hash FROM staff_sessions').all() as { token_hash: string }[];
    if (result.ok) expect(JSON.stringify(sessions)).not.toContain(result.result.session.token);
  });

  it('signs in the demo technician as a technician', async () => {
    const result = await kiosk.rpc.request('staff.signIn', {
      staffNumber: demo.technician.staffNumber,
      pin: demo.technician.pin,
    });
    expect(result.ok && result.result.session.staff.role).toBe('technician');
  });

  it('refuses a wrong PIN and an unknown staff number alike, and audits both', async () => {
    const wrong = await kiosk.rpc.request('staff.signIn', { staffNumber: demo.technician.staffNumber, pin: '0000' });
    const unknown = await kiosk.rpc.request('staff.signIn', { staffNumber: '99999', pin: '0000' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'bad_credentials' } });
    expect(unknown).toEqual(wrong);
    expect(auditRows('99999')).toEqual([
      expect.objectContaining({ staff_id: null, action: 'staff.sign_in', outcome: 'bad_credentials' }),
    ]);
    expect(auditRows(demo.technician.id).at(-1)).toMatchObject({ outcome: 'bad_credentials' });
  });

  it('locks a staff number after repeated wrong PINs, longer each time, and a right PIN clears it', async () => {
    const pin = '13572468';
    const created = await createStaff({ staffNumber: '5550', displayName: 'Officer Lee', role: 'officer', pin });
    expect(created.status).toBe(201);
    const member = createStaffResponseSchema.parse(await created.json());
    // A kiosk of its own, so that the earlier tests' wrong PINs leave its throttle alone.
    const own = await connectKiosk(server.url);
    const attempt = (tryPin: string) => own.rpc.request('staff.signIn', { staffNumber: '5550', pin: tryPin });

    for (let i = 1; i < maxStaffSignInFailures; i++) {
      expect(await attempt('1111')).toMatchObject({ ok: false, error: { code: 'bad_credentials' } });
    }
    expect(await attempt('1111')).toMatchObject({
      ok: false,
      error: { code: 'locked_out', retryAfterSeconds: staffLockoutMs / 1000 },
    });
    // The right PIN is refused while the lock holds.
    expect(await attempt(pin)).toMatchObject({ ok: false, error: { code: 'locked_out' } });

    clock.advance(staffLockoutMs);
    for (let i = 1; i < maxStaffSignInFailures; i++) await attempt('1111');
    // The second lockout in a row lasts twice as long.
    expect(await attempt('1111')).toMatchObject({
      ok: false,
      error: { code: 'locked_out', retryAfterSeconds: (2 * staffLockoutMs) / 1000 },
    });
    clock.advance(2 * staffLockoutMs);
    expect(await attempt(pin)).toMatchObject({ ok: true, result: { session: { staff: member } } });
    expect(db.prepare('SELECT * FROM staff_sign_in_failures WHERE staff_number = ?').get('5550')).toBeUndefined();
    expect(auditRows(member.staffId).map((row) => row.outcome)).toEqual([
      ...Array<string>(maxStaffSignInFailures - 1).fill('bad_credentials'),
      'locked_out',
      'locked_out',
      ...Array<string>(maxStaffSignInFailures - 1).fill('bad_credentials'),
      'locked_out',
      'signed_in',
    ]);
    own.socket.close();
  });

  it('throttles one kiosk spraying a PIN over many staff numbers', async () => {
    const sprayer = await connectKiosk(server.url);
    try {
      const answers = [];
      for (let number = 6000; number < 6012; number++) {
        answers.push(await sprayer.rpc.request('staff.signIn', { staffNumber: String(number), pin: '1234' }));
      }
      expect(answers.slice(0, 10).every((answer) => !answer.ok && answer.error.code === 'bad_credentials')).toBe(true);
      expect(answers.at(-1)).toMatchObject({ ok: false, error: { code: 'too_many_attempts' } });
    } finally {
      sprayer.socket.close();
    }
  });

  it('creates staff accounts only with the admin token, and refuses a staff number in use', async () => {
    const member: CreateStaffRequest = {
      staffNumber: '5551',
      displayName: 'Tech Ruiz',
      role: 'technician',
      pin: '4321',
    };
    expect((await createStaff(member, 'wrong-token')).status).toBe(401);
    expect((await createStaff(member)).status).toBe(201);
    const again = await createStaff({ ...member, displayName: 'Someone Else' });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ error: { code: 'conflict' } });
    expect((await createStaff({ ...member, staffNumber: '5552', housingUnitId: 'no-such-unit' })).status).toBe(404);
    const stored = db.prepare('SELECT pin_hash FROM staff WHERE staff_number = ?').get('5551') as { pin_hash: string };
    expect(stored.pin_hash).toMatch(/^scrypt\$/);
  });
});
