import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { digest } from '../credentials/tokens';
import { demo, seedDemo } from '../demo/seed';
import type { Clock } from '../clock';
import type { PinHashCost } from '../credentials/pin-hash';
import { openDatabase, type Db } from '../store/database';

/** Far below the server's own PIN hashing cost, so tests sign in quickly; passed explicitly where used. */
export const testPinHashCost: PinHashCost = { N: 2 ** 10, r: 8, p: 1 };

/** A seeded database in a fresh folder; `dispose` closes and removes it. */
export async function seededDatabase(clock: Clock): Promise<{ db: Db; dataDir: string; dispose(): Promise<void> }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'visitation-db-'));
  const db = openDatabase(dataDir);
  await seedDemo(db, clock, testPinHashCost);
  return {
    db,
    dataDir,
    dispose: async () => {
      db.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

let visitCount = 0;

/** Adds a visit for the demo inmate with the demo "now" visitor; returns its ID and visitor code. */
export function addVisit(
  db: Db,
  window: { startsAt: number; endsAt: number; privileged?: boolean; signLanguage?: boolean; inmateId?: string },
): { visitId: string; visitorCode: string } {
  visitCount += 1;
  const visitId = `test-visit-${process.pid}-${visitCount}`;
  const visitorCode = `TEST-${String(process.pid % 10000).padStart(4, '0')}-${String(visitCount).padStart(4, '0')}`;
  db.prepare(
    `INSERT INTO visits (id, inmate_id, visitor_id, starts_at, ends_at, privileged, sign_language, visitor_code_hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    visitId,
    window.inmateId ?? demo.inmate.id,
    demo.visits.now.visitor,
    window.startsAt,
    window.endsAt,
    window.privileged === true ? 1 : 0,
    window.signLanguage === true ? 1 : 0,
    digest(visitorCode),
  );
  return { visitId, visitorCode };
}
