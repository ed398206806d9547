import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../../src/renderer/app/App';
import { followKioskSnapshot } from '../../src/renderer/app/use-kiosk-snapshot';
import type { KioskSnapshot } from '../../src/shared/contract/kiosk';
import type { ServerCheckResult, ServerStep } from '../../src/shared/contract/setup';
import { kioskProtocolVersion } from '../../src/shared/protocol/http';
import { common, scriptedBridge } from './support';

const fingerprint = Array.from({ length: 32 }, (_, index) => (index + 160).toString(16).toUpperCase()).join(':');

function showing(server: ServerStep) {
  const snapshot: KioskSnapshot = {
    screen: 'setup',
    revision: 1,
    ...common,
    setup: { step: 'server', provisioningFile: null, server },
  };
  const scripted = scriptedBridge({ 'kiosk.getState': { ok: true, value: snapshot } });
  render(<App bridge={scripted.bridge} snapshots={followKioskSnapshot(scripted.bridge)} />);
  return scripted;
}

const checked = (result: ServerCheckResult): ServerStep => ({
  status: 'checked',
  address: 'visits.example.org',
  result,
});

describe('the setup screen', () => {
  it('types the address on its own keyboard and sends it to be checked', async () => {
    const { request } = showing({ status: 'idle', address: null });
    const keyboard = await screen.findByRole('group', { name: 'Keyboard' });
    await userEvent.click(screen.getByRole('button', { name: 'https://' }));
    for (const key of 'a.b') await userEvent.click(within(keyboard).getByRole('button', { name: key }));
    await userEvent.click(screen.getByRole('button', { name: 'Delete' }));
    await userEvent.click(within(keyboard).getByRole('button', { name: 'c' }));
    expect(screen.getByLabelText('Server address')).toHaveProperty('value', 'https://a.c');
    await userEvent.click(screen.getByRole('button', { name: 'Check' }));
    expect(request).toHaveBeenCalledWith('setup.checkServer', { address: 'https://a.c' });
  });

  it('shows an https server’s fingerprint in four lines to compare, and goes on with Continue', async () => {
    const { request } = showing(
      checked({
        ok: true,
        serverUrl: 'https://visits.example.org',
        fingerprint,
        protocolVersion: kioskProtocolVersion,
      }),
    );
    const answer = await screen.findByRole('status');
    expect(answer.textContent).toContain('https://visits.example.org is a visitation server this kiosk works with.');
    const lines = [...answer.querySelectorAll('code span')].map((line) => line.textContent);
    expect(lines).toEqual(
      [0, 8, 16, 24].map((start) =>
        fingerprint
          .split(':')
          .slice(start, start + 8)
          .join(':'),
      ),
    );
    expect(answer.textContent).toContain('Compare it with the fingerprint the facility gave you');
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect(request).toHaveBeenCalledWith('setup.continue', {});
  });

  it('shows a mismatched certificate’s fingerprint, and no Continue', async () => {
    showing(checked({ ok: false, reason: 'fingerprint_mismatch', code: null, serverVersions: [], fingerprint }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('not the one the facility gave');
    expect(alert.querySelectorAll('code span')).toHaveLength(4);
    expect(screen.queryByRole('button', { name: 'Continue' })).toBeNull();
  });

  it('names both protocol versions when they differ, and Try again goes back to the address', async () => {
    const { request } = showing(
      checked({ ok: false, reason: 'wrong_protocol_version', code: null, serverVersions: [7, 8], fingerprint: null }),
    );
    expect((await screen.findByRole('alert')).textContent).toBe(
      `This visitation server speaks version 7, 8 of the kiosk protocol and this kiosk speaks version ${kioskProtocolVersion}. The kiosk or the server must be updated.`,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(request).toHaveBeenCalledWith('setup.retry', {});
  });
});
