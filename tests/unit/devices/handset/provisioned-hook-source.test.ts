import { describe, expect, it } from 'vitest';
import { loadRuntimeConfig } from '../../../../src/main/config/runtime-config';
import { startKioskRuntime } from '../../../../src/main/kiosk-runtime';
import { openStore } from '../../../../src/main/store/store';
import { flush, silentLog, tempDir } from '../../store/helpers';

async function runtimeWith(env: NodeJS.ProcessEnv, dataDir = tempDir()) {
  const runtime = await startKioskRuntime({
    host: 'electron',
    dataDir,
    config: loadRuntimeConfig(env),
    appName: 'hook source test',
    version: '0.0.0-test',
    log: silentLog,
  });
  await flush();
  return runtime;
}

describe('the provisioned hook source', () => {
  it('is opened by the runtime itself: a hook board typing F9 and F10 lifts and hangs up the handset', async () => {
    const runtime = await runtimeWith({ KIOSK_HOOK_SOURCE: 'keyboard:F9:F10' });
    try {
      const { handset, keys } = runtime.services;
      expect(handset.state()).toMatchObject({ mode: 'optional', present: true });
      expect(keys.push({ key: 'F9', code: 'F9', at: 1000 })).toBe(true);
      expect(handset.state().offHook).toBe(true);
      expect(keys.push({ key: 'F10', code: 'F10', at: 2000 })).toBe(true);
      expect(handset.state().offHook).toBe(false);
      // Other keys still reach the page.
      expect(keys.push({ key: '7', code: 'Digit7', at: 3000 })).toBe(false);
    } finally {
      await runtime.close();
    }
  });

  it('is the store’s when a technician provisioned one, over the install-time setting', async () => {
    const dataDir = tempDir();
    const store = openStore({ dir: dataDir, log: silentLog });
    store.config.set({ hookSource: { kind: 'keyboard', liftKey: 'F7', hangUpKey: 'F7' } });
    store.close();
    const runtime = await runtimeWith({ KIOSK_HOOK_SOURCE: 'keyboard:F9:F10' }, dataDir);
    try {
      const { handset, keys } = runtime.services;
      expect(keys.push({ key: 'F9', code: 'F9', at: 1000 })).toBe(false);
      expect(keys.push({ key: 'F7', code: 'F7', at: 2000 })).toBe(true);
      expect(handset.state().offHook).toBe(true);
    } finally {
      await runtime.close();
    }
  });

  it('leaves a kiosk whose HID handset is not plugged in without one, and working', async () => {
    const runtime = await runtimeWith({ KIOSK_HOOK_SOURCE: 'hid:047f:c056' });
    try {
      expect(runtime.services.handset.state()).toMatchObject({ mode: 'optional', present: false, offHook: null });
      expect(runtime.services.view.snapshot().screen).toBeDefined();
    } finally {
      await runtime.close();
    }
  });

  it('is none by default', async () => {
    const runtime = await runtimeWith({});
    try {
      expect(runtime.services.handset.state()).toMatchObject({ mode: 'none', present: false });
    } finally {
      await runtime.close();
    }
  });
});
