import { act, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IdleWarningDialog } from '../../src/renderer/app/IdleWarningDialog';
import { SignInScreen } from '../../src/renderer/screens/SignInScreen';
import { VisitsScreen } from '../../src/renderer/screens/VisitsScreen';
import type { SignInFailure, VisitSummary } from '../../src/shared/contract/kiosk';
import { renderIn } from './support';

const start = new Date('2026-11-22T10:00:00Z');
const inSeconds = (seconds: number): string => new Date(start.getTime() + seconds * 1000).toISOString();

const laterVisit: VisitSummary = {
  visitId: 'v-later',
  visitorName: 'Tom R.',
  startsAt: inSeconds(7_800),
  endsAt: inSeconds(9_600),
  opensAt: inSeconds(7_140),
  privileged: false,
  status: 'scheduled',
};

function tick(ms: number): void {
  act(() => vi.advanceTimersByTime(ms));
}

describe('countdowns', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: start });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it.each([
    [
      'en',
      'Too many tries. You can try again in 4:05.',
      'Too many tries. You can try again in 4:04.',
      'You can try again now.',
    ],
    [
      'es',
      'Demasiados intentos. Puede intentarlo de nuevo en 4:05.',
      'Demasiados intentos. Puede intentarlo de nuevo en 4:04.',
      'Ya puede intentarlo de nuevo.',
    ],
  ] as const)('a lockout counts down to zero in %s, and the keypad opens again', (language, first, second, over) => {
    renderIn(
      language,
      <SignInScreen
        busy={false}
        failure={{ reason: 'locked_out', retryAt: inSeconds(245) }}
        onSignIn={() => {}}
        onCancel={() => {}}
      />,
    );
    expect(screen.getByRole('status').textContent).toBe(first);
    expect((screen.getByRole('button', { name: '1' }) as HTMLButtonElement).disabled).toBe(true);
    tick(1_000);
    expect(screen.getByRole('status').textContent).toBe(second);
    tick(244_000);
    expect(screen.getByRole('status').textContent).toBe(over);
    expect((screen.getByRole('button', { name: '1' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('a five-minute lock given between two ticks of the screen starts at 5:00 and changes on its own seconds', () => {
    const signIn = (failure: SignInFailure | null) => (
      <SignInScreen busy={false} failure={failure} onSignIn={() => {}} onCancel={() => {}} />
    );
    const { rerender } = renderIn('en', signIn(null));
    // The lock arrives 900 ms after the screen was drawn, between two of its once-a-second redraws.
    tick(900);
    rerender(signIn({ reason: 'locked_out', retryAt: new Date(Date.now() + 300_000).toISOString() }));
    const status = screen.getByRole('status');
    expect(status.textContent).toBe('Too many tries. You can try again in 5:00.');
    tick(999);
    expect(status.textContent).toBe('Too many tries. You can try again in 5:00.');
    tick(1);
    expect(status.textContent).toBe('Too many tries. You can try again in 4:59.');
    tick(299_000);
    expect(status.textContent).toBe('You can try again now.');
  });

  it.each([
    ['en', 'Opens in 1:59:00', 'Ready to start', 'Start visit'],
    ['es', 'Se abre en 1:59:00', 'Lista para empezar', 'Empezar visita'],
  ] as const)(
    'a visit not open yet counts down in %s and becomes startable by itself',
    (language, opensIn, ready, start) => {
      renderIn(
        language,
        <VisitsScreen
          language={language}
          displayName="Marcus R."
          visits={[laterVisit]}
          notice={null}
          busy={false}
          onStart={() => {}}
          onSignOut={() => {}}
        />,
      );
      expect(screen.getByText(opensIn)).toBeDefined();
      expect((screen.getByRole('button', { name: start }) as HTMLButtonElement).disabled).toBe(true);
      tick(7_140_000);
      expect(screen.getByText(ready)).toBeDefined();
      expect((screen.getByRole('button', { name: start }) as HTMLButtonElement).disabled).toBe(false);
    },
  );

  it.each([
    [
      'en',
      'Are you still there?',
      'For your privacy, you will be signed out in 0:15.',
      'For your privacy, you will be signed out in 0:05.',
    ],
    [
      'es',
      '¿Sigue ahí?',
      'Por su privacidad, se cerrará su sesión en 0:15.',
      'Por su privacidad, se cerrará su sesión en 0:05.',
    ],
  ] as const)('the idle warning counts down in %s', (language, title, first, later) => {
    const onStay = vi.fn();
    renderIn(language, <IdleWarningDialog signsOutAt={inSeconds(15)} onStay={onStay} />);
    const dialog = screen.getByRole('alertdialog', { name: title });
    expect(dialog.textContent).toContain(first);
    tick(10_000);
    expect(dialog.textContent).toContain(later);
  });
});
