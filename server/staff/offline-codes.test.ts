import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { offlineCodeSchema, offlineCodeVerifierSchema, type StaffMember } from '../../src/shared/protocol/staff';
import { createKiosks } from '../domain/kiosks';
import { demo } from '../demo/seed';
import { seededDatabase, testPinHashCost } from '../test-support/fixtures';
import { manualClock } from '../test-support/manual-clock';
import { createOfflineCodes, deriveOfflineCodeHash, newOfflineCode, type OfflineCodes } from './offline-codes';

const officer: StaffMember = {
  staffId: demo.officer.id,
  staffNumber: demo.officer.staffNumber,
  displayName: demo.officer.displayName,
  role: 'officer',
};

describe('offline codes', () => {
  const clock = manualClock();
  let fixture: Awaited<ReturnType<typeof seededDatabase>>;
  let codes: OfflineCodes;
  let changes: string[];
  let eastKiosk: string;
  let westKiosk: string;

  beforeEach(async () => {
    fixture = await seededDatabase(clock);
    codes = createOfflineCodes(fixture.db, clock, testPinHashCost);
    changes = [];
    codes.onChange((unit) => changes.push(unit));
    const kiosks = createKiosks(fixture.db, clock);
    eastKiosk = kiosks.register(demo.housingUnit.id)?.kioskId ?? '';
    westKiosk = kiosks.register(demo.otherHousingUnit.id)?.kioskId ?? '';
  });
  afterEach(() => fixture.dispose());

  it('makes codes of 100 random bits in the shared format', () => {
    const made = new Set(Array.from({ length: 200 }, newOfflineCode));
    expect(made.size).toBe(200);
    for (const code of made) expect(offlineCodeSchema.safeParse(code).success).toBe(true);
  });

  it('issues a code shown once and keeps only a verifier that the code, and nothing else, matches', async () => {
    const issued = await codes.issue(demo.housingUnit.id, officer);
    expect(issued).toBeDefined();
    if (issued === undefined) return;
    expect(changes).toEqual([demo.housingUnit.id]);
    const [verifier, ...others] = codes.verifiers(demo.housingUnit.id);
    expect(others).toEqual([]);
    expect(offlineCodeVerifierSchema.parse(verifier)).toMatchObject({
      codeId: issued.codeId,
      staffId: officer.staffId,
      role: 'officer',
    });
    if (verifier === undefined) return;
    const cost = { N: verifier.n, r: verifier.r, p: verifier.p };
    const salt = Buffer.from(verifier.salt, 'base64url');
    expect((await deriveOfflineCodeHash(issued.code, salt, cost)).toString('base64url')).toBe(verifier.hash);
    expect((await deriveOfflineCodeHash(newOfflineCode(), salt, cost)).toString('base64url')).not.toBe(verifier.hash);
    expect(JSON.stringify(fixture.db.prepare('SELECT * FROM offline_codes').all())).not.toContain(issued.code);
    // Another unit's kiosks never see it.
    expect(codes.verifiers(demo.otherHousingUnit.id)).toEqual([]);
  });

  it('marks a code used once, only for a kiosk of its unit, and asks for a replacement until one is issued', async () => {
    const issued = await codes.issue(demo.housingUnit.id, officer);
    if (issued === undefined) throw new Error('not issued');
    expect(codes.markUsed(issued.codeId, westKiosk)).toBe(false);
    expect(codes.markUsed(issued.codeId, eastKiosk)).toBe(true);
    expect(codes.markUsed(issued.codeId, eastKiosk)).toBe(false);
    expect(codes.verifiers(demo.housingUnit.id)).toEqual([]);
    expect(codes.list(demo.housingUnit.id)).toEqual([
      expect.objectContaining({ codeId: issued.codeId, usedAtKiosk: eastKiosk, replacementDue: true }),
    ]);
    const replacement = await codes.issue(demo.housingUnit.id, officer, { replaces: issued.codeId });
    expect(codes.list(demo.housingUnit.id)).toEqual([
      expect.objectContaining({ codeId: replacement?.codeId, usedAt: null, replacementDue: false }),
    ]);
    expect(changes).toEqual([demo.housingUnit.id, demo.housingUnit.id, demo.housingUnit.id]);
  });

  it('drops expired and revoked codes from what kiosks get', async () => {
    const short = await codes.issue(demo.housingUnit.id, officer, { lifetimeMs: 60_000 });
    const revoked = await codes.issue(demo.housingUnit.id, officer);
    const kept = await codes.issue(demo.housingUnit.id, officer);
    expect(codes.revoke(revoked?.codeId ?? '')).toBe(true);
    expect(codes.revoke(revoked?.codeId ?? '')).toBe(false);
    clock.advance(60_000);
    expect(codes.verifiers(demo.housingUnit.id).map((verifier) => verifier.codeId)).toEqual([kept?.codeId]);
    expect(short).toBeDefined();
    expect(await codes.issue('no-such-unit', officer)).toBeUndefined();
  });
});
