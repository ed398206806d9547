import { afterEach, describe, expect, it, vi } from 'vitest';
import { contextBridge } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));
await import('../../../src/preload/index');
// Taken at once: the test runner clears mocks' calls before each test.
const exposed = [...contextBridge.exposeInMainWorld.mock.calls];
const mainWorldScripts = [...contextBridge.executeInMainWorld.mock.calls] as [{ func: () => void }][];

describe('preload', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('exposes only the contract bridge', () => {
    expect(exposed).toEqual([
      ['kioskBridge', { host: 'electron', request: expect.any(Function), on: expect.any(Function) }],
    ]);
  });

  it("replaces the page's print() so it opens no dialog", () => {
    const print = vi.fn();
    vi.stubGlobal('print', print);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(mainWorldScripts).toHaveLength(1);
    mainWorldScripts[0]?.[0].func();

    (globalThis as unknown as { print: () => void }).print();
    expect(print).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledWith('printing is not available on this kiosk');
  });
});
