import { act, fireEvent, render, renderHook, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../src/renderer/app/App';
import { followKioskSnapshot } from '../../src/renderer/app/use-kiosk-snapshot';
import { useCallWarning } from '../../src/renderer/call/use-call-warning';
import type { KioskSnapshot, VisitSummary } from '../../src/shared/contract/kiosk';
import { common, scriptedBridge } from './support';

const visit: VisitSummary = {
  visitId: 'v-1',
  visitorName: 'Angela R.',
  startsAt: '2026-11-22T10:00:00Z',
  endsAt: '2026-11-22T10:30:00Z',
  opensAt: '2026-11-22T09:50:00Z',
  privileged: false,
  status: 'open',
};
const inmate = { displayName: 'Marcus R.' };

/** The camera main provisioned, as the page opens it: the setup's fake devices, watched. */
function fakeLocalMedia() {
  const camera = { stop: vi.fn() };
  const mocked = vi.mocked(navigator.mediaDevices.getUserMedia);
  const open = mocked.getMockImplementation();
  if (open === undefined) throw new Error('the setup gives getUserMedia an implementation');
  mocked.mockImplementation(async (constraints) => {
    const stream = await open(constraints);
    for (const track of stream.getVideoTracks()) track.stop = camera.stop;
    return stream;
  });
  return camera;
}

/** The devices each camera opening asked for: only ever the one main named. */
function cameraOpens(): unknown[] {
  return vi
    .mocked(navigator.mediaDevices.getUserMedia)
    .mock.calls.flatMap(([constraints]) =>
      typeof constraints?.video === 'object' ? [constraints.video.deviceId] : [],
    );
}

/** Main's word that the camera and microphone are there. */
const withDevices = {
  ...common,
  devices: {
    ...common.devices,
    reported: true,
    roles: {
      ...common.devices.roles,
      camera: { deviceId: 'cam', health: 'ok' },
      microphone: { deviceId: 'mic', health: 'ok' },
    },
  },
} as const;

function renderApp(snapshot: KioskSnapshot) {
  const scripted = scriptedBridge({ 'kiosk.getState': { ok: true, value: snapshot } });
  render(<App bridge={scripted.bridge} snapshots={followKioskSnapshot(scripted.bridge)} />);
  return scripted;
}

describe('screens', () => {
  afterEach(() => {
    document.documentElement.removeAttribute('lang');
    delete document.documentElement.dataset.textSize;
  });

  it('draws in the language and text size main holds, and sends a change of either to main', async () => {
    const { request } = renderApp({
      screen: 'attract',
      revision: 1,
      ...common,
      preferences: { language: 'es', largeText: true },
    });
    expect(await screen.findByRole('button', { name: 'Toque la pantalla para comenzar' })).toBeDefined();
    expect(document.documentElement.lang).toBe('es');
    expect(document.documentElement.dataset.textSize).toBe('large');
    expect(screen.getByRole('button', { name: 'Español' }).getAttribute('aria-pressed')).toBe('true');

    await userEvent.click(screen.getByRole('button', { name: 'English' }));
    expect(request).toHaveBeenCalledWith('kiosk.setLanguage', { language: 'en' });
    await userEvent.click(screen.getByRole('button', { name: 'Letra más grande' }));
    expect(request).toHaveBeenCalledWith('kiosk.setLargeText', { largeText: false });
  });

  it('asks "Are you still there?" when main warns, and "I\'m still here" answers it', async () => {
    const { request } = renderApp({
      screen: 'visits',
      revision: 2,
      ...common,
      idleWarning: { signsOutAt: new Date(Date.now() + 15_000).toISOString() },
      busy: false,
      inmate,
      visits: [visit],
      notice: null,
    });
    const dialog = await screen.findByRole('alertdialog', { name: 'Are you still there?' });
    expect(dialog.textContent).toMatch(/signed out in 0:1\d/);
    await userEvent.click(screen.getByRole('button', { name: "I'm still here" }));
    expect(request).toHaveBeenCalledWith('kiosk.activity', {});
  });

  it('says why sign-in cannot work when the kiosk refused its server as not secure', async () => {
    renderApp({
      screen: 'signIn',
      revision: 1,
      ...common,
      busy: false,
      failure: { reason: 'server_not_secure', retryAt: null },
    });
    expect(
      await screen.findByText(/visitation server address that is not secure \(it must start with https\)/),
    ).toBeDefined();
  });

  it('reports touches to main, at most every few seconds', async () => {
    const { request } = renderApp({ screen: 'signIn', revision: 1, ...common, busy: false, failure: null });
    await screen.findByRole('heading', { name: 'Sign in' });
    fireEvent.pointerDown(document.body);
    fireEvent.pointerDown(document.body);
    fireEvent.keyDown(document.body, { key: '1' });
    expect(request.mock.calls.filter(([channel]) => channel === 'kiosk.activity')).toHaveLength(1);
  });

  it('before an ordinary visit, asks the person to acknowledge the recording, then joins', async () => {
    const camera = fakeLocalMedia();
    const { request, push } = renderApp({
      screen: 'precheck',
      revision: 3,
      ...withDevices,
      busy: false,
      inmate,
      visit,
    });
    expect(await screen.findByText('This visit is recorded and may be monitored by staff.')).toBeDefined();
    expect(screen.getByRole('meter', { name: 'Microphone' })).toBeDefined();
    expect(screen.getByLabelText('Your camera')).toBeDefined();
    await userEvent.click(screen.getByRole('button', { name: 'I understand' }));
    expect(request).toHaveBeenCalledWith('visit.join', { visitId: 'v-1' });
    await userEvent.click(screen.getByRole('button', { name: 'Back' }));
    expect(request).toHaveBeenCalledWith('kiosk.cancel', {});

    // Leaving the screen lets go of the camera at once.
    await vi.waitFor(() => expect(cameraOpens()).toEqual([{ exact: 'cam' }]));
    expect(camera.stop).not.toHaveBeenCalled();
    act(() =>
      push('kiosk.state', {
        screen: 'visits',
        revision: 4,
        ...withDevices,
        busy: false,
        inmate,
        visits: [visit],
        notice: null,
      }),
    );
    expect(camera.stop).toHaveBeenCalled();
  });

  it('goes into the call at once, with the camera the pre-call check opened', async () => {
    const camera = fakeLocalMedia();
    const { push } = renderApp({ screen: 'precheck', revision: 3, ...withDevices, busy: false, inmate, visit });
    await screen.findByLabelText('Your camera');
    await vi.waitFor(() => expect(cameraOpens()).toHaveLength(1));
    // The call screen's code arrives while the notice is read.
    await act(() => import('../../src/renderer/screens/CallScreen'));
    act(() =>
      push('kiosk.state', {
        screen: 'call',
        revision: 4,
        ...withDevices,
        inmate,
        visit,
        // Port 0 takes no connection: the call's signalling fails quietly and retries, which is not under test here.
        media: { serverUrl: 'http://127.0.0.1:0', ticket: 'ticket' },
        warning: null,
        cameraPosition: 'top_center',
      }),
    );
    // Drawn in the same turn as main's word: no loading screen held by React's fallback throttle.
    expect(screen.getByRole('button', { name: 'Hang up' })).toBeDefined();
    // The camera is neither closed nor opened again on the way: a reopened camera restarts.
    expect(camera.stop).not.toHaveBeenCalled();
    expect(cameraOpens()).toEqual([{ exact: 'cam' }]);
  });

  it('before a legal visit, says it is not recorded and asks only to continue', async () => {
    fakeLocalMedia();
    renderApp({
      screen: 'precheck',
      revision: 3,
      ...common,
      busy: false,
      inmate,
      visit: { ...visit, privileged: true },
    });
    expect(await screen.findByText('This is a legal visit. It is not recorded or monitored.')).toBeDefined();
    expect(screen.queryByRole('button', { name: 'I understand' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Continue' })).toBeDefined();
  });

  it('after the call, shows the time connected and any lost to drops, in Spanish too', async () => {
    const { request } = renderApp({
      screen: 'summary',
      revision: 9,
      ...common,
      preferences: { language: 'es', largeText: false },
      visit,
      reason: 'completed',
      time: { connectedSeconds: 1_500, lostSeconds: 75 },
    });
    expect(await screen.findByRole('heading', { name: 'Su visita terminó' })).toBeDefined();
    expect(screen.getByText('25 minutos')).toBeDefined();
    expect(screen.getByText('1 minuto')).toBeDefined();
    expect(screen.getByText('La visita llegó a su hora de fin.')).toBeDefined();
    await userEvent.click(screen.getByRole('button', { name: 'Listo' }));
    expect(request).toHaveBeenCalledWith('session.signOut', {});
  });

  it('after a call with no drops, says nothing of lost time', async () => {
    renderApp({
      screen: 'summary',
      revision: 9,
      ...common,
      visit,
      reason: 'hung_up_by_visitor',
      time: { connectedSeconds: 42, lostSeconds: 0 },
    });
    expect(await screen.findByText('42 seconds')).toBeDefined();
    expect(screen.getByText('Angela R. hung up.')).toBeDefined();
    expect(screen.queryByText('Time lost to connection problems')).toBeNull();
  });
});

describe('call warning', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2026-11-22T10:00:00Z') });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('shows main’s latest warning for a while with the minutes left', () => {
    const given = (secondsLeft: number, atMs: number) => ({
      secondsBefore: secondsLeft,
      secondsLeft,
      endsAt: '2026-11-22T10:30:00Z',
      givenAt: new Date(atMs).toISOString(),
    });
    const start = Date.now();
    const { result, rerender } = renderHook(({ warning, now }) => useCallWarning(warning, now), {
      initialProps: { warning: null as ReturnType<typeof given> | null, now: start },
    });
    expect(result.current).toBeNull();
    rerender({ warning: given(299, start), now: start });
    expect(result.current?.minutesLeft).toBe(5);
    rerender({ warning: given(299, start), now: start + 14_000 });
    expect(result.current?.minutesLeft).toBe(5);
    rerender({ warning: given(299, start), now: start + 15_000 });
    expect(result.current).toBeNull();
    rerender({ warning: given(59, start + 240_000), now: start + 240_000 });
    expect(result.current?.minutesLeft).toBe(1);
    act(() => vi.advanceTimersByTime(1_000));
  });
});
