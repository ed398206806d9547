import { act, fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LockedScreen, OutOfServiceScreen } from '../../src/renderer/screens/ClosedScreens';
import { StaffCorner, staffPressMs } from '../../src/renderer/staff/StaffCorner';
import { StaffPanel } from '../../src/renderer/staff/StaffPanel';
import { StaffSignIn } from '../../src/renderer/staff/StaffSignIn';
import type { DeviceChooser } from '../../src/shared/contract/devices';
import type { KioskAtAGlance } from '../../src/shared/contract/kiosk';
import type { DiagnosticsBundle } from '../../src/shared/protocol/diagnostics';
import { renderIn } from './support';

const glance: KioskAtAGlance = {
  service: { state: 'in_service' },
  visit: {
    visitId: 'v-1',
    visitorName: 'Maria G.',
    endsAt: new Date(Date.now() + 600_000).toISOString(),
    state: 'connected',
  },
  devices: { camera: 'ok', handset: 'fault' },
  serverLink: 'connected',
  outboxPending: 3,
  version: '0.1.0',
};
const panel = {
  stage: 'panel',
  staff: { displayName: 'Officer Diaz', role: 'officer' },
  kiosk: glance,
  devices: null,
  lastDeviceChange: null,
  lastAction: null,
  decommission: null,
  move: null,
  check: null,
} as const;

const noDiagnostics = vi.fn(async () => ({
  ok: true as const,
  value: { status: 'refused' as const, reason: 'not_permitted' as const },
}));

/** A panel's callbacks that do nothing; a test overrides the one it watches. */
const panelActions = {
  onAct: () => {},
  onSignOut: () => {},
  onDiagnostics: noDiagnostics,
  onDecommission: () => {},
  onCancelDecommission: () => {},
  onStartMove: () => {},
  onMove: () => {},
  onCancelMove: () => {},
  localMedia: null,
  onStartCheck: () => {},
  onReportCheck: () => {},
  onCloseCheck: () => {},
  onChooseDevices: () => {},
};

const bundle: DiagnosticsBundle = {
  collectedAt: '2026-12-03T10:00:00.000Z',
  appVersion: '0.4.2',
  runtime: { host: 'preview', node: '22.1.0', electron: null, chrome: null, platform: 'linux', arch: 'x64' },
  uptimeSeconds: 3 * 3600 + 12 * 60,
  screen: 'attract',
  service: { state: 'in_service' },
  store: {
    path: '/data/kiosk.sqlite',
    schemaVersion: 7,
    recoveredFromCorruption: null,
    corruptionDetected: false,
    diskFull: false,
    diskFullSince: null,
  },
  storeBytes: 2_500_000,
  disk: { freeBytes: 12_300_000_000, totalBytes: 64_000_000_000 },
  outbox: {
    pending: 4,
    rejected: 0,
    oldestPendingAt: '2026-12-03T09:55:00.000Z',
    oldestPendingAgeSeconds: 300,
    lastDeliveredAt: null,
  },
  devices: { camera: 'ok', hook: 'missing' },
  log: { lines: ['{"msg":"link up"}', '{"msg":"heartbeat"}'], unreadable: null },
};

afterEach(() => vi.useRealTimers());

describe('the staff corner', () => {
  it('opens staff sign-in only after a press held about three seconds', () => {
    vi.useFakeTimers();
    const onOpen = vi.fn();
    renderIn('en', <StaffCorner onOpen={onOpen} />);
    const corner = screen.getByTestId('staff-corner');

    fireEvent.pointerDown(corner, { pointerId: 1 });
    act(() => void vi.advanceTimersByTime(staffPressMs - 100));
    fireEvent.pointerUp(corner, { pointerId: 1 });
    act(() => void vi.advanceTimersByTime(5000));
    expect(onOpen).not.toHaveBeenCalled();

    fireEvent.pointerDown(corner, { pointerId: 1 });
    act(() => void vi.advanceTimersByTime(staffPressMs));
    expect(onOpen).toHaveBeenCalledTimes(1);
  });

  it('is nothing an inmate can find: no role, no name, no text', () => {
    renderIn('en', <StaffCorner onOpen={() => {}} />);
    expect(screen.queryAllByRole('button')).toEqual([]);
    expect(screen.getByTestId('staff-corner')).toHaveProperty('textContent', '');
  });
});

describe('staff sign-in', () => {
  it('sends the staff number a badge filled in with the PIN typed on the keypad', async () => {
    const onSignIn = vi.fn();
    renderIn(
      'es',
      <StaffSignIn
        view={{ stage: 'signIn', staffNumber: '7001', busy: false, failure: null, offline: false }}
        onSignIn={onSignIn}
        onOfflineCode={() => {}}
        onCancel={() => {}}
      />,
    );
    expect(screen.getByLabelText('Número de personal')).toHaveProperty('value', '7001');
    for (const digit of '8642') await userEvent.click(screen.getByRole('button', { name: digit }));
    await userEvent.click(screen.getByRole('button', { name: 'Entrar' }));
    expect(onSignIn).toHaveBeenCalledWith('7001', '8642');
  });

  it('asks for an offline code on letter keys when the server cannot be reached', async () => {
    const onOfflineCode = vi.fn();
    renderIn(
      'en',
      <StaffSignIn
        view={{ stage: 'signIn', staffNumber: null, busy: false, failure: null, offline: true }}
        onSignIn={() => {}}
        onOfflineCode={onOfflineCode}
        onCancel={() => {}}
      />,
    );
    expect(screen.queryByLabelText('Staff PIN')).toBeNull();
    const letters = screen.getByRole('group', { name: 'Letters' });
    for (const key of 'ABCDE'.repeat(4)) {
      fireEvent.click(
        letters.querySelector(`button:nth-child(${'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'.indexOf(key) + 1})`)!,
      );
    }
    expect(screen.getByLabelText('Offline code')).toHaveProperty('value', 'ABCDE-ABCDE-ABCDE-ABCDE');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(onOfflineCode).toHaveBeenCalledWith('ABCDE-ABCDE-ABCDE-ABCDE');
  });
});

describe('the staff panel', () => {
  it('shows the kiosk at a glance and sends an action only once it is confirmed', async () => {
    const onAct = vi.fn();
    renderIn('en', <StaffPanel {...panelActions} view={panel} language="en" onAct={onAct} />);
    expect(screen.getByText(/With Maria G\., \d+:\d\d left, connected/)).toBeTruthy();
    expect(screen.getByText('camera: OK, handset: fault')).toBeTruthy();

    await userEvent.click(screen.getByRole('button', { name: 'End visit' }));
    expect(onAct).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole('button', { name: 'No' }));
    await userEvent.click(screen.getByRole('radio', { name: 'Facility emergency' }));
    await userEvent.click(screen.getByRole('button', { name: 'Out of service' }));
    await userEvent.click(screen.getByRole('button', { name: 'Yes' }));
    expect(onAct).toHaveBeenCalledExactlyOnceWith({ type: 'set_out_of_service', reason: 'facility_emergency' });
  });

  it('says what main answered, in Spanish too', () => {
    renderIn(
      'es',
      <StaffPanel
        {...panelActions}
        view={{ ...panel, lastAction: { action: { type: 'unlock' }, status: 'refused', reason: 'not_locked' } }}
        language="es"
      />,
    );
    expect(screen.getByRole('status').textContent).toBe('No se hizo: el quiosco no está bloqueado.');
  });
});

describe('the technician’s buttons on the staff panel', () => {
  const chooser: DeviceChooser = {
    inventory: [
      { kind: 'videoinput', deviceId: 'cam-1', label: 'HD Pro Webcam C920 (046d:082d)', groupId: 'g1' },
      { kind: 'audioinput', deviceId: 'mic-1', label: 'Desk Microphone (1234:5678)', groupId: 'g2' },
    ],
    chosen: { camera: 'cam-1', microphone: 'mic-1', speaker: null, handsetMicrophone: null, handsetSpeaker: null },
    handset: { mode: 'none', present: false, offHook: null, hangsUpAt: null, muted: false },
    failure: null,
  };

  it('offers a technician both Diagnostics and Change devices, and an officer neither', () => {
    const { unmount } = renderIn(
      'en',
      <StaffPanel
        {...panelActions}
        view={{
          ...panel,
          kiosk: { ...glance, visit: null },
          staff: { displayName: 'Tech Okafor', role: 'technician' },
          devices: chooser,
        }}
        language="en"
      />,
    );
    expect(screen.getByRole('button', { name: 'Diagnostics' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Change devices' })).toHaveProperty('disabled', false);
    unmount();

    renderIn('en', <StaffPanel {...panelActions} view={{ ...panel, devices: chooser }} language="en" />);
    expect(screen.queryByRole('button', { name: 'Diagnostics' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Change devices' })).toBeNull();
  });
});

describe('the technician’s diagnostics', () => {
  const technicianPanel = { ...panel, staff: { displayName: 'Tech Okafor', role: 'technician' } } as const;

  it('are not offered to an officer', () => {
    renderIn('en', <StaffPanel {...panelActions} view={panel} language="en" />);
    expect(screen.queryByRole('button', { name: 'Diagnostics' })).toBeNull();
  });

  it('show main’s bundle when a technician asks, and collect it again on request', async () => {
    const collect = vi.fn(async () => ({ ok: true as const, value: { status: 'collected' as const, bundle } }));
    renderIn('en', <StaffPanel {...panelActions} view={technicianPanel} language="en" onDiagnostics={collect} />);
    await userEvent.click(screen.getByRole('button', { name: 'Diagnostics' }));
    const region = await screen.findByRole('region', { name: 'The last 2 log lines (personal data removed)' });
    expect(region.querySelectorAll('li')).toHaveLength(2);
    expect(screen.getByText('0.4.2')).toBeTruthy();
    expect(screen.getByText('3 hr 12 min')).toBeTruthy();
    expect(screen.getByText('Healthy, 2.5 MB')).toBeTruthy();
    expect(screen.getByText('12 GB free of 64 GB')).toBeTruthy();
    expect(screen.getByText('4 waiting, the oldest for 5 min')).toBeTruthy();
    expect(screen.getByText('None yet')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Collect again' }));
    await screen.findByRole('region', { name: /log lines/ });
    expect(collect).toHaveBeenCalledTimes(2);
    await userEvent.click(screen.getByRole('button', { name: 'Close diagnostics' }));
    expect(screen.queryByRole('region', { name: /log lines/ })).toBeNull();
  });

  it('say in Spanish why they could not be shown', async () => {
    renderIn('es', <StaffPanel {...panelActions} view={technicianPanel} language="es" />);
    await userEvent.click(screen.getByRole('button', { name: 'Diagnóstico' }));
    expect(await screen.findByText('Solo un técnico puede ver el diagnóstico.')).toBeTruthy();
  });
});

describe('decommission at the technician’s panel', () => {
  const idle = {
    ...panel,
    staff: { displayName: 'Tech Okafor', role: 'technician' },
    kiosk: { ...glance, visit: null },
  } as const;

  function renderPanel(view: Parameters<typeof StaffPanel>[0]['view'], language: 'en' | 'es' = 'en') {
    const onDecommission = vi.fn();
    const onCancelDecommission = vi.fn();
    renderIn(
      language,
      <StaffPanel
        {...panelActions}
        view={view}
        language={language}
        onDecommission={onDecommission}
        onCancelDecommission={onCancelDecommission}
      />,
    );
    return { onDecommission, onCancelDecommission };
  }

  it('is asked once, then main is told to wait for the outbox', async () => {
    const { onDecommission } = renderPanel(idle);
    await userEvent.click(screen.getByRole('button', { name: 'Decommission this kiosk' }));
    expect(screen.getByRole('alertdialog', { name: 'Decommission this kiosk?' })).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Decommission' }));
    expect(onDecommission).toHaveBeenCalledExactlyOnceWith(false);
  });

  it('is not offered during a visit', () => {
    renderPanel({ ...idle, kiosk: glance });
    expect(screen.getByRole('button', { name: 'Decommission this kiosk' })).toHaveProperty('disabled', true);
  });

  it('shows the records left, and forces only after a second confirmation with the count', async () => {
    const { onDecommission, onCancelDecommission } = renderPanel({
      ...idle,
      decommission: { stage: 'draining', pending: 2, delivered: 1 },
    });
    expect(screen.getByText('Waiting for the records to reach the server: 2 left, 1 delivered.')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Force decommission' }));
    expect(screen.getByText(/^2 records have not reached the server and will be lost\./)).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Back' }));
    expect(onDecommission).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole('button', { name: 'Force decommission' }));
    await userEvent.click(screen.getByRole('button', { name: 'Lose 2 records and decommission' }));
    expect(onDecommission).toHaveBeenCalledExactlyOnceWith(true);
    await userEvent.click(screen.getByRole('button', { name: 'Stop waiting' }));
    expect(onCancelDecommission).toHaveBeenCalledOnce();
  });

  it('says in Spanish why it was refused', () => {
    renderPanel({ ...idle, decommission: { stage: 'refused', reason: 'server_unreachable', pending: 2 } }, 'es');
    expect(
      screen.getByText(
        'No se puede contactar con el servidor, y debe registrar la retirada primero. No se borró nada.',
      ),
    ).toBeTruthy();
  });
});

describe('moving the kiosk at the technician’s panel', () => {
  const idle = {
    ...panel,
    staff: { displayName: 'Tech Okafor', role: 'technician' },
    kiosk: { ...glance, visit: null },
  } as const;
  const units = [
    { id: 'b-east', name: 'B-East' },
    { id: 'b-west', name: 'B-West' },
  ];

  function renderPanel(view: Parameters<typeof StaffPanel>[0]['view'], language: 'en' | 'es' = 'en') {
    const onStartMove = vi.fn();
    const onMove = vi.fn();
    const onCancelMove = vi.fn();
    renderIn(
      language,
      <StaffPanel
        {...panelActions}
        view={view}
        language={language}
        onStartMove={onStartMove}
        onMove={onMove}
        onCancelMove={onCancelMove}
      />,
    );
    return { onStartMove, onMove, onCancelMove };
  }

  it('is a technician’s, and not during a visit', async () => {
    const { onStartMove } = renderPanel(idle);
    await userEvent.click(screen.getByRole('button', { name: 'Move to another housing unit' }));
    expect(onStartMove).toHaveBeenCalledOnce();
    renderPanel({ ...idle, kiosk: glance });
    expect(screen.getAllByRole('button', { name: 'Move to another housing unit' })[1]).toHaveProperty('disabled', true);
    renderPanel(panel);
    expect(screen.getAllByRole('button', { name: 'Move to another housing unit' })).toHaveLength(2);
  });

  it('sends the chosen unit and the place typed on the screen’s keyboard', async () => {
    const { onMove, onCancelMove } = renderPanel({
      ...idle,
      move: { stage: 'choosing', housingUnits: units, current: 'b-east', failure: null },
    });
    expect(screen.getByText(/This kiosk is in B-East now\./)).toBeTruthy();
    const confirm = screen.getByRole('button', { name: 'Move the kiosk' });
    expect(confirm).toHaveProperty('disabled', true);
    await userEvent.click(screen.getByRole('radio', { name: 'B-West' }));
    await userEvent.click(screen.getByRole('button', { name: 'Shift' }));
    for (const key of ['D', 'a', 'y']) await userEvent.click(screen.getByRole('button', { name: key }));
    await userEvent.click(confirm);
    expect(onMove).toHaveBeenCalledExactlyOnceWith('b-west', 'Day');
    await userEvent.click(screen.getByRole('button', { name: 'Back' }));
    expect(onCancelMove).toHaveBeenCalledOnce();
  });

  it('says why the server did not move it, in Spanish too', () => {
    renderPanel({ ...idle, move: { stage: 'choosing', housingUnits: units, current: 'b-east', failure: 'unit_gone' } });
    expect(screen.getByText('That housing unit no longer exists. Choose another.')).toBeTruthy();
    renderPanel({ ...idle, move: { stage: 'refused', reason: 'server_unreachable' } }, 'es');
    expect(screen.getByText('No se puede contactar con el servidor. El quiosco no se movió.')).toBeTruthy();
  });

  it('says where the kiosk now is once the server moved it', () => {
    renderPanel({
      ...idle,
      move: { stage: 'moved', placement: { housingUnit: units[1]!, location: 'Dayroom 2' } },
    });
    expect(screen.getByText('The kiosk is now in B-West, Dayroom 2. It starts again there.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Back' })).toBeNull();
  });
});

describe('the closed screens', () => {
  it('say in each language why nobody can sign in', () => {
    renderIn('en', <LockedScreen />);
    expect(screen.getByRole('heading', { name: 'This kiosk is locked by staff' })).toBeTruthy();
    renderIn('es', <OutOfServiceScreen reason="count" />);
    expect(screen.getByRole('heading', { name: 'Fuera de servicio' })).toBeTruthy();
    expect(screen.getByText('Se está haciendo el conteo.')).toBeTruthy();
  });
});
