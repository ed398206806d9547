import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { KioskCard } from '../../server/console/page/kiosk-card';
import { strings } from '../../server/console/page/i18n';
import type { ConsoleKiosk } from '../../src/shared/protocol/console';

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
    update: { phase: 'idle', target: null, lastError: 'failed_start' },
  },
};

function card(language: 'en' | 'es', value: ConsoleKiosk) {
  return render(
    <KioskCard
      t={strings[language]}
      kiosk={value}
      result={undefined}
      formatTime={(iso) => iso}
      onAction={() => {}}
      diagnostics={undefined}
      onDiagnostics={() => {}}
      checking={false}
      onNetworkCheck={() => {}}
    />,
  );
}

function valueOf(term: string): string | null | undefined {
  return screen.getByText(term, { selector: 'dt' }).nextElementSibling?.textContent;
}

describe("the console's kiosk card", () => {
  it("shows the kiosk's version and update state, in English and Spanish", () => {
    const english = card('en', kiosk);
    expect(valueOf('Version')).toBe('1.4.0');
    expect(valueOf('Update')).toBe('No update in progress (rolled back: failed to start)');
    english.unmount();

    const downloading = {
      ...kiosk,
      status: { ...kiosk.status!, update: { phase: 'ready', target: '1.5.0', lastError: null } as const },
    };
    card('es', downloading);
    expect(valueOf('Versión')).toBe('1.4.0');
    expect(valueOf('Actualización')).toBe('1.5.0: Descargada, se instala cuando el quiosco esté libre');
  });

  it('shows a dash for a kiosk of an earlier version that reports no update state', () => {
    const { update: _omitted, ...earlier } = kiosk.status!;
    card('en', { ...kiosk, status: earlier });
    expect(valueOf('Update')).toBe('—');
  });
});
