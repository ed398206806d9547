import { act, fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LockedScreen, OutOfServiceScreen } from '../../src/renderer/screens/ClosedScreens';
import { StaffCorner, staffPressMs } from '../../src/renderer/staff/StaffCorner';
import { StaffPanel } from '../../src/renderer/staff/StaffPanel';
import { StaffSignIn } from '../../src/renderer/staff/StaffSignIn';
import type { KioskAtAGlance } from '../../src/shared/contract/kiosk';
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
} as const;

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
    renderIn('en', <StaffPanel view={panel} onAct={onAct} onChooseDevices={() => {}} onSignOut={() => {}} />);
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
        view={{ ...panel, lastAction: { action: { type: 'unlock' }, status: 'refused', reason: 'not_locked' } }}
        onAct={() => {}}
        onChooseDevices={() => {}}
        onSignOut={() => {}}
      />,
    );
    expect(screen.getByRole('status').textContent).toBe('No se hizo: el quiosco no está bloqueado.');
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
