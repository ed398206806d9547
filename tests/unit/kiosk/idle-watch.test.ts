import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IdleWatch } from '../../../src/main/kiosk/idle-watch';
import { KioskMachine } from '../../../src/main/kiosk/kiosk-machine';
import type { VisitationService } from '../../../src/main/kiosk/visitation-service';
import { kioskVisitation, visit } from './fixtures';

const service: VisitationService = {
  signIn: async () => ({ ok: true, session: { token: 't'.repeat(43), displayName: 'James R.', visits: [visit] } }),
  listVisits: async () => [visit],
  joinVisit: async () => ({
    ok: true,
    endsAt: visit.endsAt,
    media: { serverUrl: 'http://127.0.0.1:4000', ticket: 'x'.repeat(40) },
  }),
  endVisit: async () => {},
  signOut: async () => {},
  resumeVisit: async () => ({ ok: false, reason: 'no_session' }),
};

const timing = { timeoutMs: 60_000, warningMs: 15_000, summaryMs: 30_000 };

async function signedIn() {
  const kiosk = new KioskMachine(kioskVisitation(service).visitation);
  const idle = new IdleWatch(kiosk, timing);
  const stop = idle.start();
  kiosk.begin();
  await kiosk.signIn('100234', '2468');
  return { kiosk, idle, stop };
}

describe('idle watch', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2026-11-22T10:00:00Z') });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('warns in the last part of the idle time, then signs the person out', async () => {
    const { kiosk } = await signedIn();
    vi.advanceTimersByTime(44_999);
    expect(kiosk.snapshot()).toMatchObject({ screen: 'visits', idleWarning: null });
    vi.advanceTimersByTime(1);
    expect(kiosk.snapshot()).toMatchObject({
      screen: 'visits',
      idleWarning: { signsOutAt: '2026-11-22T10:01:00.000Z' },
    });
    vi.advanceTimersByTime(15_000);
    expect(kiosk.snapshot()).toMatchObject({ screen: 'attract', idleWarning: null });
  });

  it('starts over on every touch, and a touch during the warning clears it', async () => {
    const { kiosk, idle } = await signedIn();
    vi.advanceTimersByTime(40_000);
    idle.activity();
    vi.advanceTimersByTime(40_000);
    expect(kiosk.snapshot()).toMatchObject({ screen: 'visits', idleWarning: null });
    vi.advanceTimersByTime(10_000);
    expect(kiosk.snapshot().idleWarning).not.toBeNull();
    idle.activity();
    expect(kiosk.snapshot()).toMatchObject({ screen: 'visits', idleWarning: null });
    vi.advanceTimersByTime(59_000);
    expect(kiosk.snapshot().screen).toBe('visits');
  });

  it('starts over when the screen changes, and applies before the call', async () => {
    const { kiosk } = await signedIn();
    vi.advanceTimersByTime(40_000);
    kiosk.startVisit('v-1');
    vi.advanceTimersByTime(40_000);
    expect(kiosk.snapshot()).toMatchObject({ screen: 'precheck', idleWarning: null });
    vi.advanceTimersByTime(20_000);
    expect(kiosk.snapshot().screen).toBe('attract');
  });

  it('never runs during a call, however long', async () => {
    const { kiosk } = await signedIn();
    kiosk.startVisit('v-1');
    await kiosk.joinVisit('v-1');
    vi.advanceTimersByTime(3_600_000);
    expect(kiosk.snapshot()).toMatchObject({ screen: 'call', idleWarning: null });
  });

  it('returns from the after-call screen to the start by itself, without a warning', async () => {
    const { kiosk } = await signedIn();
    kiosk.startVisit('v-1');
    await kiosk.joinVisit('v-1');
    await kiosk.endVisit('v-1', 'completed');
    expect(kiosk.snapshot().screen).toBe('summary');
    vi.advanceTimersByTime(29_999);
    expect(kiosk.snapshot()).toMatchObject({ screen: 'summary', idleWarning: null });
    vi.advanceTimersByTime(1);
    expect(kiosk.snapshot().screen).toBe('attract');
  });

  it('resets a language left behind on the attract screen', () => {
    const kiosk = new KioskMachine(undefined);
    new IdleWatch(kiosk, timing).start();
    kiosk.setLanguage('es');
    vi.advanceTimersByTime(60_000);
    expect(kiosk.snapshot()).toMatchObject({ screen: 'attract', preferences: { language: 'en' } });
  });

  it('stops when asked', async () => {
    const { kiosk, stop } = await signedIn();
    stop();
    vi.advanceTimersByTime(3_600_000);
    expect(kiosk.snapshot()).toMatchObject({ screen: 'visits', idleWarning: null });
  });
});
