import { describe, expect, it, vi } from 'vitest';
import { unreportedCallDevices, type CallDevices, type DeviceHealth } from '../../../src/shared/contract/devices';
import { KioskMachine } from '../../../src/main/kiosk/kiosk-machine';
import type {
  JoinResult,
  ResumeResult,
  SignInResult,
  VisitationService,
} from '../../../src/main/kiosk/visitation-service';
import type { VisitSummary } from '../../../src/shared/contract/kiosk';
import { duringVisit, kioskVisitation, visit } from './fixtures';

const legalVisit: VisitSummary = { ...visit, visitId: 'v-2', visitorName: 'Ann Counsel', privileged: true };
const session = { token: 't'.repeat(43), displayName: 'James R.', visits: [visit, legalVisit] };
const media = { serverUrl: 'http://127.0.0.1:4000', ticket: 'x'.repeat(40) };
const english = {
  preferences: { language: 'en', largeText: false },
  idleWarning: null,
  devices: unreportedCallDevices,
};

/** Answers in the order a test releases them, so a test can act while a request is in flight. */
function deferredService() {
  const pending: Array<(value: unknown) => void> = [];
  const wait = <T>() => new Promise<T>((resolve) => pending.push(resolve as (value: unknown) => void));
  const service: VisitationService = {
    signIn: vi.fn(() => wait<SignInResult>()),
    listVisits: vi.fn(() => wait<VisitSummary[] | undefined>()),
    joinVisit: vi.fn(() => wait<JoinResult>()),
    endVisit: vi.fn(() => wait<void>()),
    // Fire and forget: the kiosk never waits for it, so it takes no turn in the answers.
    signOut: vi.fn(async () => {}),
    resumeVisit: vi.fn(() => wait<ResumeResult>()),
  };
  const answer = (value: unknown) => pending.shift()?.(value);
  return { service, answer };
}

describe('kiosk machine', () => {
  it('starts on the attract screen; begin and cancel move between attract and sign-in', () => {
    const kiosk = new KioskMachine(undefined);
    expect(kiosk.snapshot()).toEqual({ screen: 'attract', revision: 0, ...english });
    expect(kiosk.begin()).toEqual({ screen: 'signIn', revision: 1, ...english, busy: false, failure: null });
    expect(kiosk.cancel()).toEqual({ screen: 'attract', revision: 2, ...english });
  });

  it('ignores actions a screen does not accept, so double taps change nothing', () => {
    const kiosk = new KioskMachine(undefined);
    const listener = vi.fn();
    kiosk.subscribe(listener);
    kiosk.cancel();
    kiosk.signOut();
    kiosk.begin();
    kiosk.begin();
    kiosk.startVisit('v-1');
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('signs in to the visit list, showing busy while the server answers', async () => {
    const { service, answer } = deferredService();
    const kiosk = new KioskMachine(kioskVisitation(service).visitation);
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
      visits: [visit, legalVisit],
      notice: null,
    });
    expect(JSON.stringify(kiosk.snapshot())).not.toContain(session.token);
  });

  it('shows a refused sign-in with its reason and stays on sign-in', async () => {
    const { service, answer } = deferredService();
    const kiosk = new KioskMachine(kioskVisitation(service).visitation);
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

  it('says the server’s address is not secure when the kiosk refused it', async () => {
    const kiosk = new KioskMachine(undefined, { withoutServer: 'server_not_secure' });
    kiosk.begin();
    expect(await kiosk.signIn('100234', '2468')).toMatchObject({ failure: { reason: 'server_not_secure' } });
  });

  it('drops a late sign-in answer after the person walked away', async () => {
    const { service, answer } = deferredService();
    const kiosk = new KioskMachine(kioskVisitation(service).visitation);
    kiosk.begin();
    const signingIn = kiosk.signIn('100234', '2468');
    kiosk.cancel();
    answer({ ok: true, session });
    expect(await signingIn).toEqual({ screen: 'attract', revision: 3, ...english });
  });

  it('goes from the list to the screen before the call without asking the server, and back', async () => {
    const { service, kiosk } = await signedIn();
    expect(kiosk.startVisit('v-unknown')).toMatchObject({ screen: 'visits' });
    expect(kiosk.startVisit('v-2')).toMatchObject({
      screen: 'precheck',
      busy: false,
      inmate: { displayName: 'James R.' },
      visit: legalVisit,
    });
    expect(service.joinVisit).not.toHaveBeenCalled();
    expect(kiosk.cancel()).toMatchObject({ screen: 'visits', notice: null });
  });

  it('joins the visit once the notice is acknowledged, or returns to the list saying why not', async () => {
    const { service, answer, kiosk } = await signedIn();
    kiosk.startVisit('v-1');
    const refused = kiosk.joinVisit('v-1');
    expect(kiosk.snapshot()).toMatchObject({ screen: 'precheck', busy: true });
    // Back and a second press do nothing while the server is asked.
    kiosk.cancel();
    await kiosk.joinVisit('v-1');
    expect(service.joinVisit).toHaveBeenCalledTimes(1);
    answer({ ok: false, reason: 'visit_not_open' });
    expect(await refused).toMatchObject({ screen: 'visits', notice: { reason: 'visit_not_open', visitId: 'v-1' } });

    kiosk.startVisit('v-1');
    const joining = kiosk.joinVisit('v-1');
    answer({ ok: true, endsAt: '2026-11-22T10:31:00Z', media });
    expect(await joining).toMatchObject({
      screen: 'call',
      visit: { ...visit, endsAt: '2026-11-22T10:31:00Z' },
      media,
      warning: null,
      cameraPosition: 'top_center',
    });
    expect(service.joinVisit).toHaveBeenCalledWith(session.token, 'v-1');
  });

  it('refuses to start, without asking the server, before the window opens or after the end by the server clock', async () => {
    const early = await signedIn(Date.parse(visit.opensAt) - 1000);
    early.kiosk.startVisit('v-1');
    expect(await early.kiosk.joinVisit('v-1')).toMatchObject({
      screen: 'visits',
      notice: { reason: 'visit_not_open', visitId: 'v-1' },
    });
    const late = await signedIn(Date.parse(visit.endsAt));
    late.kiosk.startVisit('v-1');
    expect(await late.kiosk.joinVisit('v-1')).toMatchObject({ notice: { reason: 'visit_over' } });
    expect(early.service.joinVisit).not.toHaveBeenCalled();
    expect(late.service.joinVisit).not.toHaveBeenCalled();
  });

  it('warns as the end nears and ends the call by itself at the end time, with its ledger sent', async () => {
    const { time, queued, kiosk } = await inCall();
    kiosk.reportMedia('v-1', { connected: true });
    time.advance(20 * 60_000);
    expect(kiosk.snapshot()).toMatchObject({
      screen: 'call',
      warning: { secondsBefore: 300, secondsLeft: 300, endsAt: visit.endsAt },
    });
    time.advance(4 * 60_000);
    expect(kiosk.snapshot()).toMatchObject({ screen: 'call', warning: { secondsBefore: 60, secondsLeft: 60 } });
    time.advance(60_000);
    expect(kiosk.snapshot()).toMatchObject({
      screen: 'summary',
      reason: 'completed',
      time: { connectedSeconds: 25 * 60, lostSeconds: 0 },
    });
    expect(queued.at(-1)).toEqual({
      visitId: 'v-1',
      connectedSeconds: 25 * 60,
      disconnectedSeconds: 0,
      drops: [],
      final: true,
      endReason: 'completed',
    });
  });

  it('ends the call on the after-call screen with the time media flowed and the time lost to drops', async () => {
    const { service, answer, kiosk, time, queued } = await inCall();
    time.advance(20_000); // waiting for the visitor: neither connected nor lost
    kiosk.reportMedia('v-1', { connected: true });
    time.advance(300_000);
    // Noticed 1.2 s after the last packet: the drop starts at that packet.
    kiosk.reportMedia('v-1', { connected: false, cause: 'ice_disconnected', stoppedMsAgo: 1200 });
    time.advance(45_000);
    kiosk.reportMedia('v-other', { connected: true }); // another visit's report changes nothing
    kiosk.reportMedia('v-1', { connected: true });
    time.advance(120_500);

    const ending = kiosk.endVisit('v-1', 'hung_up_by_inmate');
    expect(kiosk.snapshot()).toEqual({
      screen: 'summary',
      revision: expect.any(Number),
      ...english,
      visit,
      reason: 'hung_up_by_inmate',
      time: { connectedSeconds: 419, lostSeconds: 46 },
    });
    answer(undefined);
    await ending;
    expect(service.endVisit).toHaveBeenCalledWith(session.token, 'v-1', 'hung_up_by_inmate');
    expect(queued.at(-1)).toMatchObject({
      connectedSeconds: 419.3,
      disconnectedSeconds: 46.2,
      drops: [{ cause: 'ice_disconnected' }],
      final: true,
    });
    expect(JSON.stringify(kiosk.snapshot())).not.toContain('James R.');

    expect(kiosk.signOut()).toEqual({ screen: 'attract', revision: expect.any(Number), ...english });
  });

  it('renews the media ticket of the call under way by joining again, keeping the call and its clock', async () => {
    const { service, answer, kiosk, time } = await inCall();
    kiosk.reportMedia('v-1', { connected: true });
    time.advance(60_000);
    const fresh = { ...media, ticket: 'y'.repeat(40) };
    const renewing = kiosk.renewTicket('v-1');
    answer({ ok: true, endsAt: visit.endsAt, media: fresh });
    expect(await renewing).toMatchObject({ screen: 'call', media: fresh });
    expect(service.joinVisit).toHaveBeenLastCalledWith(session.token, 'v-1');

    // Another visit's request, or a server that cannot answer yet, changes nothing.
    expect(await kiosk.renewTicket('v-other')).toMatchObject({ screen: 'call', media: fresh });
    const unanswered = kiosk.renewTicket('v-1');
    answer({ ok: false, reason: 'server_unavailable' });
    expect(await unanswered).toMatchObject({ screen: 'call', media: fresh });

    time.advance(30_000);
    const ending = kiosk.endVisit('v-1', 'completed');
    expect(kiosk.snapshot()).toMatchObject({ screen: 'summary', time: { connectedSeconds: 90, lostSeconds: 0 } });
    answer(undefined);
    await ending;
  });

  it('ends the call when renewing its ticket finds the visit over on the server', async () => {
    const { answer, kiosk, time } = await inCall();
    kiosk.reportMedia('v-1', { connected: true });
    time.advance(45_000);
    const refused = kiosk.renewTicket('v-1');
    answer({ ok: false, reason: 'visit_over' });
    expect(await refused).toMatchObject({
      screen: 'summary',
      reason: 'ended_by_server',
      time: { connectedSeconds: 45 },
    });
  });

  it('returns a call that failed before any media flowed to the list, refreshed, to try again', async () => {
    const { service, answer, kiosk } = await inCall();
    const ending = kiosk.endVisit('v-1', 'failed');
    expect(kiosk.snapshot()).toMatchObject({ screen: 'visits', busy: true, notice: { reason: 'call_failed' } });
    answer(undefined);
    await Promise.resolve();
    answer([{ ...visit, status: 'over' }]);
    expect(await ending).toMatchObject({ screen: 'visits', busy: false, visits: [{ status: 'over' }] });
    expect(service.endVisit).toHaveBeenCalledWith(session.token, 'v-1', 'failed');
  });

  it('ends the session on the server when the person signs out or times out', async () => {
    const signedOut = await signedIn();
    signedOut.kiosk.signOut();
    expect(signedOut.service.signOut).toHaveBeenCalledWith(session.token);

    const timedOut = await signedIn();
    timedOut.kiosk.timeOut();
    expect(timedOut.service.signOut).toHaveBeenCalledWith(session.token);
  });

  it('keeps the language and text size until the person leaves, then resets them for the next', async () => {
    const { kiosk } = await signedIn();
    expect(kiosk.setLanguage('es')).toMatchObject({ preferences: { language: 'es', largeText: false } });
    expect(kiosk.setLargeText(true)).toMatchObject({ preferences: { language: 'es', largeText: true } });
    const revision = kiosk.snapshot().revision;
    kiosk.setLanguage('es');
    expect(kiosk.snapshot().revision).toBe(revision);
    expect(kiosk.signOut()).toMatchObject({ screen: 'attract', ...english });

    // Backing out of sign-in is not leaving: the choice made on the attract screen stays.
    kiosk.setLanguage('es');
    kiosk.begin();
    expect(kiosk.cancel()).toMatchObject({ screen: 'attract', preferences: { language: 'es' } });
  });

  it('warns of an idle sign-out, clears the warning on a touch, and on time-out forgets the person', async () => {
    const { kiosk } = await signedIn();
    kiosk.setLanguage('es');
    kiosk.warnIdle(new Date('2026-11-22T10:00:15Z'));
    expect(kiosk.snapshot()).toMatchObject({
      screen: 'visits',
      idleWarning: { signsOutAt: '2026-11-22T10:00:15.000Z' },
    });
    kiosk.stillHere();
    expect(kiosk.snapshot()).toMatchObject({ screen: 'visits', idleWarning: null });

    kiosk.warnIdle(new Date('2026-11-22T10:01:15Z'));
    kiosk.timeOut();
    const snapshot = kiosk.snapshot();
    expect(snapshot).toEqual({ screen: 'attract', revision: snapshot.revision, ...english });
    expect(JSON.stringify(snapshot)).not.toContain('James');
  });

  it('never warns or times out during a call', async () => {
    const { kiosk } = await inCall();
    const revision = kiosk.snapshot().revision;
    kiosk.warnIdle(new Date('2026-11-22T10:00:15Z'));
    kiosk.timeOut();
    expect(kiosk.snapshot()).toMatchObject({ screen: 'call', revision, idleWarning: null });
  });

  it('without a working camera or microphone, shows that no visit can be made, and comes back by itself', async () => {
    const { kiosk, service } = await signedIn();
    kiosk.startVisit('v-1');
    const cameraGone = withHealth({ camera: 'missing' });
    kiosk.setCallDevices(cameraGone);
    // The person choosing a visit is signed out: the visit cannot start on this kiosk.
    expect(kiosk.snapshot()).toMatchObject({ screen: 'devicesUnavailable', devices: cameraGone });
    expect(service.signOut).toHaveBeenCalledTimes(1);
    expect(kiosk.begin()).toMatchObject({ screen: 'devicesUnavailable' });
    kiosk.setCallDevices(withHealth({ camera: 'ok', microphone: 'fault' }));
    expect(kiosk.snapshot().screen).toBe('devicesUnavailable');
    // A muted microphone may come back: it does not stop visits.
    kiosk.setCallDevices(withHealth({ camera: 'ok', microphone: 'degraded' }));
    expect(kiosk.snapshot().screen).toBe('attract');
    expect(kiosk.begin().screen).toBe('signIn');
  });

  it('keeps a call going when its camera fails, with the fault in the snapshot', async () => {
    const { kiosk, answer } = await inCall();
    kiosk.setCallDevices(withHealth({ camera: 'fault' }));
    expect(kiosk.snapshot()).toMatchObject({ screen: 'call', devices: { roles: { camera: { health: 'fault' } } } });
    const ending = kiosk.endVisit('v-1', 'hung_up_by_inmate');
    answer(undefined);
    await ending;
    expect(kiosk.snapshot().screen).toBe('summary');
    kiosk.signOut();
    expect(kiosk.snapshot().screen).toBe('devicesUnavailable');
  });

  it('blocks nothing before the renderer has reported its devices', () => {
    const kiosk = new KioskMachine(undefined);
    kiosk.setCallDevices(unreportedCallDevices);
    expect(kiosk.begin().screen).toBe('signIn');
  });

  it('on the attract screen, a time-out only resets a language or text size someone left behind', () => {
    const kiosk = new KioskMachine(undefined);
    const listener = vi.fn();
    kiosk.subscribe(listener);
    kiosk.timeOut();
    expect(listener).not.toHaveBeenCalled();
    kiosk.setLargeText(true);
    kiosk.timeOut();
    expect(kiosk.snapshot()).toMatchObject({ screen: 'attract', ...english });
  });
});

async function signedIn(serverNowMs = duringVisit) {
  const { service, answer } = deferredService();
  const link = kioskVisitation(service, serverNowMs);
  const kiosk = new KioskMachine(link.visitation, { now: link.time.wall });
  kiosk.begin();
  const signingIn = kiosk.signIn('100234', '2468');
  answer({ ok: true, session });
  await signingIn;
  return { service, answer, kiosk, ...link };
}

async function inCall() {
  const signed = await signedIn();
  signed.kiosk.startVisit('v-1');
  const joining = signed.kiosk.joinVisit('v-1');
  signed.answer({ ok: true, endsAt: visit.endsAt, media });
  await joining;
  return signed;
}

function withHealth(health: Partial<Record<'camera' | 'microphone', DeviceHealth>>): CallDevices {
  const roles = { ...unreportedCallDevices.roles };
  roles.camera = { deviceId: health.camera === 'missing' ? null : 'cam', health: health.camera ?? 'ok' };
  roles.microphone = { deviceId: health.microphone === 'missing' ? null : 'mic', health: health.microphone ?? 'ok' };
  return { ...unreportedCallDevices, reported: true, roles };
}
