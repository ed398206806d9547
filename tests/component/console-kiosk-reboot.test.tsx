import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { KioskCard } from '../../server/console/page/kiosk-card';
import { strings } from '../../server/console/page/i18n';
import type { ConsoleKiosk } from '../../src/shared/protocol/console';
import type { StaffAction } from '../../src/shared/protocol/staff';

const kiosk: ConsoleKiosk = {
  kioskId: 'kiosk-b-east-1',
  housingUnitId: 'b-east',
  location: null,
  online: true,
  lastSeenAt: null,
  lastMediaCheck: null,
  status: {
    appVersion: '1.4.0',
    uptimeSeconds: 10,
    screen: 'attract',
    visitId: null,
    outboxPending: 0,
    devices: {},
    service: { state: 'in_service' },
    visitState: null,
  },
};

function card(language: 'en' | 'es', value: ConsoleKiosk, onAction: (action: StaffAction) => void = () => {}) {
  return render(
    <KioskCard
      t={strings[language]}
      kiosk={value}
      result={undefined}
      formatTime={(iso) => iso}
      onAction={onAction}
      diagnostics={undefined}
      onDiagnostics={() => {}}
      checking={false}
      onNetworkCheck={() => {}}
    />,
  );
}

describe("the console's reboot button", () => {
  it('asks for a reboot of an idle kiosk, in English and Spanish', async () => {
    const asked: StaffAction[] = [];
    const english = card('en', kiosk, (action) => asked.push(action));
    await userEvent.click(screen.getByRole('button', { name: 'Reboot computer' }));
    expect(asked).toEqual([{ type: 'reboot' }]);
    english.unmount();

    card('es', kiosk);
    expect(screen.getByRole('button', { name: 'Reiniciar el equipo' })).toHaveProperty('disabled', false);
  });

  it('offers no reboot during a visit, nor while the kiosk is offline', () => {
    const inCall = { ...kiosk, status: { ...kiosk.status!, screen: 'call' as const, visitId: 'v-1' } };
    const during = card('en', inCall);
    expect(screen.getByRole('button', { name: 'Reboot computer' })).toHaveProperty('disabled', true);
    during.unmount();

    card('en', { ...kiosk, online: false });
    expect(screen.getByRole('button', { name: 'Reboot computer' })).toHaveProperty('disabled', true);
  });
});
