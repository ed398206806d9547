import { describe, expect, it } from 'vitest';
import { unreportedCallDevices } from '../../../src/shared/contract/devices';
import { requests } from '../../../src/shared/contract/contract';
import { kioskSnapshotSchema } from '../../../src/shared/contract/kiosk';

const common = {
  revision: 3,
  preferences: { language: 'es', largeText: true },
  idleWarning: null,
  devices: unreportedCallDevices,
  staff: null,
};
const visit = {
  visitId: 'v-1',
  visitorName: 'Maria G.',
  startsAt: '2026-11-22T10:00:00Z',
  endsAt: '2026-11-22T10:30:00Z',
  opensAt: '2026-11-22T09:50:00Z',
  privileged: true,
  status: 'open',
};

describe('kiosk contract', () => {
  it('describes the screens before and after the call, with what each needs', () => {
    const precheck = { screen: 'precheck', ...common, busy: false, inmate: { displayName: 'James R.' }, visit };
    const summary = {
      screen: 'summary',
      ...common,
      visit,
      reason: 'hung_up_by_visitor',
      time: { connectedSeconds: 1500, lostSeconds: 60 },
    };
    expect(kioskSnapshotSchema.parse(precheck)).toEqual(precheck);
    expect(kioskSnapshotSchema.parse(summary)).toEqual(summary);
    expect(kioskSnapshotSchema.safeParse({ ...summary, time: { connectedSeconds: -1, lostSeconds: 0 } }).success).toBe(
      false,
    );
  });

  it('carries the language, text size and idle warning on every screen', () => {
    expect(kioskSnapshotSchema.safeParse({ screen: 'attract', revision: 1 }).success).toBe(false);
    expect(
      kioskSnapshotSchema.safeParse({ screen: 'attract', ...common, preferences: { language: 'fr', largeText: false } })
        .success,
    ).toBe(false);
    expect(
      kioskSnapshotSchema.parse({ screen: 'attract', ...common, idleWarning: { signsOutAt: '2026-11-22T10:00:15Z' } }),
    ).toMatchObject({ idleWarning: { signsOutAt: '2026-11-22T10:00:15Z' } });
  });

  it('accepts only the languages the kiosk has and well-formed media reports', () => {
    expect(requests['kiosk.setLanguage'].request.safeParse({ language: 'es' }).success).toBe(true);
    expect(requests['kiosk.setLanguage'].request.safeParse({ language: 'de' }).success).toBe(false);
    expect(requests['kiosk.setLargeText'].request.safeParse({ largeText: 'yes' }).success).toBe(false);
    expect(requests['visit.media'].request.safeParse({ visitId: 'v-1', connected: true }).success).toBe(true);
    expect(requests['visit.media'].request.safeParse({ visitId: 'v 1', connected: true }).success).toBe(false);
    expect(requests['kiosk.activity'].request.safeParse({ at: 1 }).success).toBe(false);
  });
});
