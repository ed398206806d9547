import { describe, expect, it, vi } from 'vitest';
import { KioskMachine } from '../../../src/main/kiosk/kiosk-machine';
import type { JoinResult, SignInResult, VisitationService } from '../../../src/main/kiosk/visitation-service';
import type { VisitSummary } from '../../../src/shared/contract/kiosk';

const visit: VisitSummary = {
  visitId: 'v-1',
  visitorName: 'Maria G.',
  startsAt: '2026-11-22T10:00:00Z',
  endsAt: '2026-11-22T10:30:00Z',
  opensAt: '2026-11-22T09:50:00Z',
  privileged: false,
  status: 'open',
};
const session = { token: 't'.repeat(43), displayName: 'James R.', visits: [visit] };

/** Answers in the order a test releases them, so a test can act while a request is in flight. */
function deferredService() {
  const pending: Array<(value: unknown) => void> = [];
  const wait = <T>() => new Promise<T>((resolve) => pending.push(resolve as (value: unknown) => void));
  const service: VisitationService = {
    signIn: vi.fn(() => wait<SignInResult>()),
    listVisits: vi.fn(() => wait<VisitSummary[] | undefined>()),
    joinVisit: vi.fn(() => wait<JoinResult>()),
    endVisit: vi.fn(() => wait<void>()),
  };
  const answer = (value: unknown) => pending.shift()?.(value);
  return { service, answer };
}

describe('kiosk machine', () => {
  it('starts on the attract screen; begin and cancel move between attract and sign-in', () => {
    const kiosk = new KioskMachine(undefined);
    expect(kiosk.snapshot()).toEqual({ screen: 'attract', revision: 0 });
    expect(kiosk.begin()).toEqual({ screen: 'signIn', revision: 1, busy: false, failure: null });
    expect(kiosk.cancel()).toEqual({ screen: 'attract', revision: 2 });
  });

  it('ignores actions a screen does not accept, so double taps change nothing', () => {
    const kiosk = new KioskMachine(undefined);
    const listener = vi.fn();
    kiosk.subscribe(listener);
    kiosk.cancel();
    kiosk.begin();
    kiosk.begin();
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('signs in to the visit list, showing busy while the server answers', async () => {
    const { service, answer } = deferredService();
    const kiosk = new KioskMachine(service);
    kiosk.begin();
    const signingIn = kiosk.signIn('100234', '2468');
    expect(kiosk.snapshot()).toMatchObject({ screen: 'signIn', busy: true });
    // A second press while busy sends nothing more.
    await kiosk.signIn('100234', '2468');
    expect(service.signIn).toHaveBeenCalledTimes(1);
    answer({ ok: true, session });
    expect(await signingIn).toMatchObject({
      screen: 'visits',
      busy: false,
      inmate: { displayName: 'James R.' },
      visits: [visit],
      notice: null,
    });
    expect(JSON.stringify(kiosk.snapshot())).not.toContain(session.token);
  });

  it('shows a refused sign-in with its reason and stays on sign-in', async () => {
    const { service, answer } = deferredService();
    const kiosk = new KioskMachine(service);
    kiosk.begin();
    const signingIn = kiosk.signIn('100234', '0000');
    answer({ ok: false, failure: { reason: 'locked_out', retryAt: '2026-11-22T10:05:00Z' } });
    expect(await signingIn).toMatchObject({
      screen: 'signIn',
      busy: false,
      failure: { reason: 'locked_out', retryAt: '2026-11-22T10:05:00Z' },
    });
  });

  it('says the server is unavailable when none is configured', async () => {
    const kiosk = new KioskMachine(undefined);
    kiosk.begin();
    expect(await kiosk.signIn('100234', '2468')).toMatchObject({ failure: { reason: 'server_unavailable' } });
  });

  it('drops a late sign-in answer after the person walked away', async () => {
    const { service, answer } = deferredService();
    const kiosk = new KioskMachine(service);
    kiosk.begin();
    const signingIn = kiosk.signIn('100234', '2468');
    kiosk.cancel();
    answer({ ok: true, session });
    expect(await signingIn).toEqual({ screen: 'attract', revision: 3 });
  });

  it('starts a visit into the call, or shows why it cannot start', async () => {
    const { service, answer } = deferredService();
    const kiosk = new KioskMachine(service);
    kiosk.begin();
    const signingIn = kiosk.signIn('100234', '2468');
    answer({ ok: true, session });
    await signingIn;

    const refused = kiosk.startVisit('v-1');
    answer({ ok: false, reason: 'visit_not_open' });
    expect(await refused).toMatchObject({ screen: 'visits', notice: { reason: 'visit_not_open', visitId: 'v-1' } });

    const starting = kiosk.startVisit('v-1');
    answer({ ok: true, endsAt: visit.endsAt, media: { serverUrl: 'http://127.0.0.1:4000', ticket: 'x'.repeat(40) } });
    expect(await starting).toMatchObject({ screen: 'call', visit, media: { serverUrl: 'http://127.0.0.1:4000' } });
    expect(service.joinVisit).toHaveBeenCalledWith(session.token, 'v-1');
  });

  it('ends the call on the server and returns to a refreshed visit list', async () => {
    const { service, answer } = deferredService();
    const kiosk = new KioskMachine(service);
    kiosk.begin();
    const signingIn = kiosk.signIn('100234', '2468');
    answer({ ok: true, session });
    await signingIn;
    const starting = kiosk.startVisit('v-1');
    answer({ ok: true, endsAt: visit.endsAt, media: { serverUrl: 'http://127.0.0.1:4000', ticket: 'x'.repeat(40) } });
    await starting;

    const ending = kiosk.endVisit('v-1', 'hung_up_by_inmate');
    expect(kiosk.snapshot()).toMatchObject({ screen: 'visits', busy: true, notice: { reason: 'visit_ended' } });
    answer(undefined);
    await Promise.resolve();
    answer([{ ...visit, status: 'over' }]);
    expect(await ending).toMatchObject({ screen: 'visits', busy: false, visits: [{ status: 'over' }] });
    expect(service.endVisit).toHaveBeenCalledWith(session.token, 'v-1', 'hung_up_by_inmate');
  });
});
