import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo } from '../demo/seed';
import { openDatabase, type Db } from '../store/database';
import { connectKiosk, type KioskClient } from '../test-support/clients';
import { startTestServer, type TestServer } from '../test-support/test-server';

describe('a kiosk moved to another housing unit by a technician', () => {
  let server: TestServer;
  let db: Db;

  beforeAll(async () => {
    server = await startTestServer();
    db = openDatabase(server.dataDir);
  });
  afterAll(async () => {
    db.close();
    await server.dispose();
  });

  const technician = { staffId: demo.technician.id };

  function placementOf(kioskId: string): unknown {
    return db.prepare('SELECT housing_unit_id, location FROM kiosks WHERE id = ?').get(kioskId);
  }

  function movesOf(kioskId: string): unknown[] {
    return db
      .prepare(
        "SELECT staff_id, housing_unit_id, outcome, detail FROM audit_log WHERE action = 'kiosk.moved' AND kiosk_id = ?",
      )
      .all(kioskId);
  }

  async function signInOutcome(client: KioskClient, inmate: { id: string; pin: string }): Promise<string> {
    const answer = await client.rpc.request('inmate.signIn', { inmateId: inmate.id, pin: inmate.pin });
    return answer.ok ? 'signed_in' : answer.error.code;
  }

  it('lists the units with the one the kiosk is in, then re-enrols it in the new one, audited', async () => {
    const client = await connectKiosk(server.url);
    const units = await client.rpc.request('kiosk.housingUnits', { by: technician });
    expect(units).toMatchObject({ ok: true, result: { current: demo.housingUnit.id } });
    if (!units.ok) return;
    expect(units.result.housingUnits.map(({ id }) => id)).toEqual(
      expect.arrayContaining([demo.housingUnit.id, demo.otherHousingUnit.id]),
    );

    const moved = await client.rpc.request('kiosk.move', {
      by: technician,
      housingUnitId: demo.otherHousingUnit.id,
      location: 'B-West dayroom 1',
    });
    expect(moved).toMatchObject({
      ok: true,
      result: { housingUnit: demo.otherHousingUnit, location: 'B-West dayroom 1' },
    });
    expect(placementOf(client.kiosk.kioskId)).toEqual({
      housing_unit_id: demo.otherHousingUnit.id,
      location: 'B-West dayroom 1',
    });
    expect(movesOf(client.kiosk.kioskId)).toEqual([
      {
        staff_id: demo.technician.id,
        housing_unit_id: demo.otherHousingUnit.id,
        outcome: 'moved',
        detail: JSON.stringify({
          fromHousingUnitId: demo.housingUnit.id,
          fromLocation: null,
          location: 'B-West dayroom 1',
        }),
      },
    ]);
    // The same connection now answers for the new unit: its inmates sign in, the old unit's do not.
    expect(await signInOutcome(client, demo.otherInmate)).toBe('signed_in');
    expect(await signInOutcome(client, demo.inmate)).toBe('wrong_housing_unit');
    const again = await client.rpc.request('kiosk.housingUnits', { by: technician });
    expect(again).toMatchObject({ ok: true, result: { current: demo.otherHousingUnit.id } });
    client.socket.close();

    // The token is the kiosk's still: a new connection is in the new unit.
    const reconnected = await connectKiosk(server.url, client.kiosk);
    expect(await signInOutcome(reconnected, demo.otherInmate)).toBe('signed_in');
    reconnected.socket.close();
  });

  it('refuses a move while a visit is under way at the kiosk, and leaves it where it is', async () => {
    const client = await connectKiosk(server.url);
    const signedIn = await client.rpc.request('inmate.signIn', { inmateId: demo.inmate.id, pin: demo.inmate.pin });
    if (!signedIn.ok) throw new Error(signedIn.error.code);
    const joined = await client.rpc.request('visit.join', {
      session: signedIn.result.session,
      visitId: demo.visits.now.id,
    });
    expect(joined.ok).toBe(true);

    const moved = await client.rpc.request('kiosk.move', {
      by: technician,
      housingUnitId: demo.otherHousingUnit.id,
      location: 'Somewhere else',
    });
    expect(moved).toMatchObject({ ok: false, error: { code: 'visit_in_progress' } });
    expect(placementOf(client.kiosk.kioskId)).toEqual({ housing_unit_id: demo.housingUnit.id, location: null });
    expect(movesOf(client.kiosk.kioskId)).toEqual([]);
    client.socket.close();
  });

  it('refuses an officer, and a unit removed meanwhile, with nothing changed', async () => {
    const client = await connectKiosk(server.url);
    const byOfficer = { by: { staffId: demo.officer.id } };
    expect(await client.rpc.request('kiosk.housingUnits', byOfficer)).toMatchObject({
      ok: false,
      error: { code: 'not_permitted' },
    });
    expect(
      await client.rpc.request('kiosk.move', {
        ...byOfficer,
        housingUnitId: demo.otherHousingUnit.id,
        location: 'Dayroom',
      }),
    ).toMatchObject({ ok: false, error: { code: 'not_permitted' } });
    expect(
      await client.rpc.request('kiosk.move', { by: technician, housingUnitId: 'gone-unit', location: 'Dayroom' }),
    ).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(placementOf(client.kiosk.kioskId)).toEqual({ housing_unit_id: demo.housingUnit.id, location: null });
    expect(movesOf(client.kiosk.kioskId)).toEqual([]);
    client.socket.close();
  });
});
