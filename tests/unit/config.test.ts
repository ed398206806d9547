import { describe, expect, it } from 'vitest';
import { loadRuntimeConfig } from '../../src/main/config/runtime-config';

describe('runtime config', () => {
  it('has safe defaults: loopback preview, no DevTools', () => {
    expect(loadRuntimeConfig({})).toEqual({
      dataDir: undefined,
      serverUrl: undefined,
      enrolmentCode: undefined,
      allowPlainHttp: false,
      unprovisioned: 'setup',
      provisioningDir: '/etc/visitation-kiosk',
      devTools: false,
      logLevel: 'info',
      previewHost: '127.0.0.1',
      previewPort: 5173,
      idleTimeoutSeconds: undefined,
      callWarningSeconds: undefined,
      resumeWithinSeconds: 120,
      updateIdleSeconds: 600,
      updateBytesPerSecond: 131_072,
    });
  });

  it('reads every setting and refuses bad values with the variable named', () => {
    expect(
      loadRuntimeConfig({
        KIOSK_SERVER_URL: 'https://visits.example:8443',
        KIOSK_DEVTOOLS: '1',
        KIOSK_PREVIEW_PORT: '0',
        KIOSK_IDLE_TIMEOUT_SECONDS: '20',
        KIOSK_CALL_WARNING_SECONDS: '300,60',
        KIOSK_RESUME_WITHIN_SECONDS: '0',
      }),
    ).toMatchObject({
      serverUrl: 'https://visits.example:8443',
      devTools: true,
      previewPort: 0,
      idleTimeoutSeconds: 20,
      callWarningSeconds: [300, 60],
      resumeWithinSeconds: 0,
    });
    expect(() => loadRuntimeConfig({ KIOSK_SERVER_URL: 'ftp://x' })).toThrow(/KIOSK_SERVER_URL/);
    expect(() => loadRuntimeConfig({ KIOSK_PREVIEW_PORT: '70000' })).toThrow(/KIOSK_PREVIEW_PORT/);
    expect(() => loadRuntimeConfig({ KIOSK_DEVTOOLS: 'yes' })).toThrow(/KIOSK_DEVTOOLS/);
    expect(() => loadRuntimeConfig({ KIOSK_IDLE_TIMEOUT_SECONDS: '0' })).toThrow(/KIOSK_IDLE_TIMEOUT_SECONDS/);
    expect(() => loadRuntimeConfig({ KIOSK_CALL_WARNING_SECONDS: '5 min' })).toThrow(/KIOSK_CALL_WARNING_SECONDS/);
    expect(() => loadRuntimeConfig({ KIOSK_RESUME_WITHIN_SECONDS: '-1' })).toThrow(/KIOSK_RESUME_WITHIN_SECONDS/);
    expect(() => loadRuntimeConfig({ KIOSK_UPDATE_BYTES_PER_SECOND: '10' })).toThrow(/KIOSK_UPDATE_BYTES_PER_SECOND/);
  });

  it('reads the hook source as lsusb prints a handset, or as the keys a hook board types', () => {
    expect(loadRuntimeConfig({ KIOSK_HOOK_SOURCE: 'hid:047f:C056' }).hookSource).toEqual({
      kind: 'hid',
      vendorId: 0x047f,
      productId: 0xc056,
    });
    expect(loadRuntimeConfig({ KIOSK_HOOK_SOURCE: 'keyboard:F9:F10' }).hookSource).toEqual({
      kind: 'keyboard',
      liftKey: 'F9',
      hangUpKey: 'F10',
    });
    expect(loadRuntimeConfig({ KIOSK_HOOK_SOURCE: 'none' }).hookSource).toEqual({ kind: 'none' });
    for (const bad of ['hid:47f:c056', 'hid:047f', 'hid:047f:c056:1', 'keyboard:F9', 'none:F9', 'usb', '']) {
      expect(() => loadRuntimeConfig({ KIOSK_HOOK_SOURCE: bad }), bad).toThrow(/KIOSK_HOOK_SOURCE/);
    }
  });
});
