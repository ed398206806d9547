import type { EnrolResponse } from '../../src/shared/protocol/http';
import { systemClock } from '../clock';
import { createKiosks } from '../domain/kiosks';
import { openDatabase } from '../store/database';

/** The housing unit a provisioned fleet belongs to; nothing else uses it, so it needs no demo data. */
export const fleetUnit = { facilityId: 'fleet-facility', id: 'fleet-unit', name: 'Fleet' } as const;

/**
 * Registers `count` kiosks in the server database in `dataDir` (made if needed), as enrolment
 * would but without a code, so a load test depends neither on the demo data nor on the enrolment
 * endpoint and its throttle. Run it before the server starts on that folder.
 */
export function provisionFleet(dataDir: string, count: number): EnrolResponse[] {
  const db = openDatabase(dataDir);
  try {
    const kiosks = createKiosks(db, systemClock);
    return db.transaction(() => {
      db.prepare('INSERT OR IGNORE INTO facilities (id, name) VALUES (?, ?)').run(fleetUnit.facilityId, 'Fleet');
      db.prepare('INSERT OR IGNORE INTO housing_units (id, facility_id, name) VALUES (?, ?, ?)').run(
        fleetUnit.id,
        fleetUnit.facilityId,
        fleetUnit.name,
      );
      return Array.from({ length: count }, () => {
        const kiosk = kiosks.register(fleetUnit.id);
        if (kiosk === undefined) throw new Error(`housing unit ${fleetUnit.id} is missing`);
        return kiosk;
      });
    })();
  } finally {
    db.close();
  }
}
