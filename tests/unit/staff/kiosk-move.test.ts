import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { moveOverLink } from '../../../src/main/link/move-request';
import { KioskMove, storePlacement } from '../../../src/main/staff/kiosk-move';
import { mayUseTool } from '../../../src/main/staff/permissions';
import type { KioskMoveView } from '../../../src/shared/contract/kiosk';
import { demo } from '../../../server/demo/seed';
import { openDatabase, type Db } from '../../../server/store/database';
import { startTestServer, type TestServer } from '../../../server/test-support/test-server';
import { connectedKiosk, type ConnectedKiosk } from '../link/helpers';
import { silentLog } from '../store/helpers';
import { issued } from './harness';

const technician = { staffId: demo.technician.id, role: 'technician', inVisit: false } as const;

describe('moving a kiosk to another housing unit, against the reference server', () => {
  let server: TestServer;
  let db: Db;
  let kiosk: ConnectedKiosk;
  let restarts: number;

  beforeAll(async () => {
    server = await startTestServer();
    db = openDatabase(server.dataDir);
  });
  afterAll(async () => {
    db.close();
    await server.dispose();
  });
  afterEach(() => kiosk.close());

  async function moveFor(reachable = () => kiosk.link.connected): Promise<KioskMove> {
    kiosk = await connectedKiosk(server.url);
    restarts = 0;
    return new KioskMove({
      server: moveOverLink(kiosk.link, silentLog),
      serverReachable: reachable,
      apply: storePlacement(kiosk.store),
      restart: () => (restarts += 1),
      log: silentLog,
    });
  }

  const unitOnServer = (kioskId: string): unknown =>
    db.prepare('SELECT housing_unit_id, location FROM kiosks WHERE id = ?').get(kioskId);

  it('lists the server’s units, moves the kiosk, stores and audits it, drops the old unit’s codes, then restarts', async () => {
    const move = await moveFor();
    const later = new Date(Date.now() + 86_400_000).toISOString();
    kiosk.store.staff.replaceVerifiers([(await issued('officer-7001', 'officer', later)).verifier]);

    await move.start(technician);
    const choosing = move.view();
    expect(choosing).toMatchObject({ stage: 'choosing', current: demo.housingUnit.id, failure: null });
    expect(choosing?.stage === 'choosing' && choosing.housingUnits).toEqual(
      expect.arrayContaining([demo.otherHousingUnit]),
    );

    await move.choose(technician, demo.otherHousingUnit.id, 'B-West dayroom 2');
    expect(move.view()).toEqual<KioskMoveView>({
      stage: 'moved',
      placement: { housingUnit: demo.otherHousingUnit, location: 'B-West dayroom 2' },
    });
    expect(restarts).toBe(1);
    expect(unitOnServer(kiosk.kioskId)).toEqual({
      housing_unit_id: demo.otherHousingUnit.id,
      location: 'B-West dayroom 2',
    });
    expect(kiosk.store.config.get('housingUnit')).toBe(demo.otherHousingUnit.id);
    expect(kiosk.store.staff.usableVerifiers(Date.now())).toEqual([]);
    expect(kiosk.store.audit.recent(1)).toMatchObject([
      {
        action: 'kiosk.moved',
        actor: `technician:${demo.technician.id}`,
        detail: { housingUnit: demo.otherHousingUnit.id, location: 'B-West dayroom 2' },
      },
    ]);
  });

  it('is refused to an officer and during a visit before the server is asked', async () => {
    const move = await moveFor();
    expect(mayUseTool('officer', 'move')).toBe(false);
    await move.start({ ...technician, role: 'officer' });
    expect(move.view()).toEqual({ stage: 'refused', reason: 'not_permitted' });
    await move.start({ ...technician, inVisit: true });
    expect(move.view()).toEqual({ stage: 'refused', reason: 'in_visit' });
    await move.start(technician);
    await move.choose({ ...technician, inVisit: true }, demo.otherHousingUnit.id, 'Dayroom');
    expect(move.view()).toMatchObject({ stage: 'choosing', failure: 'in_visit' });
    expect(unitOnServer(kiosk.kioskId)).toEqual({ housing_unit_id: demo.housingUnit.id, location: null });
    expect(restarts).toBe(0);
  });

  it('takes a unit the server no longer has off the list, and changes nothing here', async () => {
    const move = await moveFor();
    await move.start(technician);
    db.prepare(
      "INSERT INTO housing_units (id, facility_id, name) SELECT 'c-north', facility_id, 'C-North' FROM housing_units WHERE id = ?",
    ).run(demo.housingUnit.id);
    await move.start(technician);
    db.prepare("DELETE FROM housing_units WHERE id = 'c-north'").run();
    await move.choose(technician, 'c-north', 'Dayroom');
    const view = move.view();
    expect(view).toMatchObject({ stage: 'choosing', failure: 'unit_gone' });
    expect(view?.stage === 'choosing' && view.housingUnits.map(({ id }) => id)).not.toContain('c-north');
    expect(kiosk.store.config.get('housingUnit')).toBe(demo.housingUnit.id);
    expect(restarts).toBe(0);
  });

  it('says the server cannot be reached, and a cancel while choosing leaves nothing', async () => {
    let reachable = false;
    const move = await moveFor(() => reachable);
    await move.start(technician);
    expect(move.view()).toEqual({ stage: 'refused', reason: 'server_unreachable' });
    reachable = true;
    await move.start(technician);
    move.cancel();
    expect(move.view()).toBeNull();
    await move.choose(technician, demo.otherHousingUnit.id, 'Dayroom');
    expect(unitOnServer(kiosk.kioskId)).toEqual({ housing_unit_id: demo.housingUnit.id, location: null });
  });
});
