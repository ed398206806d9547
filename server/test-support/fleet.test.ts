import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnrolResponse } from '../../src/shared/protocol/http';
import { systemClock } from '../clock';
import { createKiosks } from '../domain/kiosks';
import { attractStatus, connectKiosk } from './clients';
import { seededDatabase } from './fixtures';
import { fleetUnit, provisionFleet } from './fleet';
import { startTestServer, type TestServer } from './test-server';

describe('a fleet provisioned without enrolment codes', () => {
  let server: TestServer;
  let fleet: EnrolResponse[];

  beforeAll(async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'visitation-fleet-'));
    fleet = provisionFleet(dataDir, 3);
    server = await startTestServer({ dataDir });
  });
  afterAll(() => server.dispose());

  it('gives each kiosk its own identity in the fleet’s housing unit', () => {
    expect(new Set(fleet.map((kiosk) => kiosk.kioskId)).size).toBe(3);
    expect(new Set(fleet.map((kiosk) => kiosk.token)).size).toBe(3);
    for (const kiosk of fleet) expect(kiosk.housingUnit).toEqual({ id: fleetUnit.id, name: fleetUnit.name });
  });

  it('lets every provisioned kiosk onto the control channel with its token', async () => {
    for (const identity of fleet) {
      const kiosk = await connectKiosk(server.url, identity);
      const answer = await kiosk.rpc.request('kiosk.heartbeat', { status: attractStatus });
      kiosk.socket.close();
      expect(answer.ok).toBe(true);
    }
  });

  it('registers no kiosk for a housing unit the server does not know', async () => {
    const fixture = await seededDatabase(systemClock);
    try {
      const count = () => fixture.db.prepare('SELECT COUNT(*) FROM kiosks').pluck().get();
      const before = count();
      expect(createKiosks(fixture.db, systemClock).register('no-such-unit')).toBeUndefined();
      expect(count()).toBe(before);
    } finally {
      await fixture.dispose();
    }
  });
});
