import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../../src/renderer/app/App';
import { followKioskSnapshot } from '../../src/renderer/app/use-kiosk-snapshot';
import { common, scriptedBridge } from './support';

describe('App', () => {
  it('draws the screen main reports and sends a touch as kiosk.begin', async () => {
    const { bridge, request, push } = scriptedBridge({
      'kiosk.getState': { ok: true, value: { screen: 'attract', revision: 4, ...common } },
    });
    render(<App bridge={bridge} snapshots={followKioskSnapshot(bridge)} />);
    await userEvent.click(await screen.findByRole('button', { name: /touch the screen to begin/i }));
    expect(request).toHaveBeenCalledWith('kiosk.begin', {});

    act(() => push('kiosk.state', { screen: 'signIn', revision: 5, ...common, busy: false, failure: null }));
    // The screens after the attract screen come in a chunk of their own.
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeDefined();

    await userEvent.click(screen.getByRole('button', { name: 'Back' }));
    expect(request).toHaveBeenCalledWith('kiosk.cancel', {});
  });

  it('ignores a snapshot older than the one it shows', async () => {
    const { bridge, push } = scriptedBridge({
      'kiosk.getState': { ok: true, value: { screen: 'signIn', revision: 9, ...common, busy: false, failure: null } },
    });
    render(<App bridge={bridge} snapshots={followKioskSnapshot(bridge)} />);
    await screen.findByRole('heading', { name: 'Sign in' });
    act(() => push('kiosk.state', { screen: 'attract', revision: 8, ...common }));
    expect(screen.getByRole('heading', { name: 'Sign in' })).toBeDefined();
  });

  it('draws the snapshot handed over with the page before the contract answers', async () => {
    const { bridge, request } = scriptedBridge({});
    request.mockImplementation(() => new Promise(() => {}));
    render(
      <App bridge={bridge} snapshots={followKioskSnapshot(bridge, { screen: 'attract', revision: 4, ...common })} />,
    );
    expect(screen.getByRole('button', { name: /touch the screen to begin/i })).toBeDefined();
    expect(request).toHaveBeenCalledWith('kiosk.getState', {});
  });

  it("replaces the page's snapshot with the contract's first, whatever its revision (main may have restarted)", async () => {
    const { bridge, push } = scriptedBridge({
      'kiosk.getState': { ok: true, value: { screen: 'locked', revision: 1, ...common } },
    });
    const snapshots = followKioskSnapshot(bridge, { screen: 'attract', revision: 40, ...common });
    render(<App bridge={bridge} snapshots={snapshots} />);
    expect(await screen.findByRole('heading', { name: 'This kiosk is locked by staff' })).toBeDefined();
    act(() => push('kiosk.state', { screen: 'attract', revision: 1, ...common }));
    expect(screen.queryByRole('button', { name: /touch the screen to begin/i })).toBeNull();
  });

  it('says the kiosk is starting when main cannot be reached', async () => {
    const { bridge } = scriptedBridge({
      'kiosk.getState': { ok: false, error: { code: 'transport_closed', message: 'socket closed' } },
    });
    render(<App bridge={bridge} snapshots={followKioskSnapshot(bridge)} />);
    expect((await screen.findByRole('alert')).textContent).toContain('This kiosk is starting up');
  });

  it('says in English and Spanish that the host refused this page, with its reason', async () => {
    const reason = 'the kiosk service refused this page: socket from foreign origin http://kiosk-alias.test:5173';
    const { bridge } = scriptedBridge({
      'kiosk.getState': { ok: false, error: { code: 'untrusted_sender', message: reason } },
    });
    render(<App bridge={bridge} snapshots={followKioskSnapshot(bridge)} />);
    const alert = await screen.findByRole('alert');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('This page cannot reach the kiosk service');
    const spanish = screen.getByRole('heading', { level: 2 });
    expect(spanish.textContent).toBe('Esta página no puede conectarse con el servicio del quiosco');
    expect(spanish.closest('[lang]')?.getAttribute('lang')).toBe('es');
    expect(alert.textContent).toContain(reason);
    expect(alert.textContent).not.toContain('starting up');
  });
});
