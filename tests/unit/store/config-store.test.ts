import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { StoreValidationError } from '../../../src/main/store/errors';
import { openStore, storeFileName } from '../../../src/main/store/store';
import { silentLog, tempDir } from './helpers';

const provisioning = {
  serverUrl: 'https://visits.county.example',
  kioskId: 'kiosk-B2-01',
  kioskToken: 'secret-token',
  housingUnit: 'B2',
  devices: {
    camera: { label: 'USB Camera', deviceId: 'abc' },
    microphone: { label: 'Handset Mic' },
    speaker: { label: 'Handset Earpiece' },
    handset: null,
  },
};

describe('kiosk configuration', () => {
  it('is unprovisioned at first, with the default policy', () => {
    const store = openStore({ dir: tempDir(), log: silentLog });
    expect(store.config.get('serverUrl')).toBeUndefined();
    expect(store.config.provisioned()).toBeNull();
    expect(store.config.get('policy')).toEqual({
      idleTimeoutSeconds: 60,
      visitEndWarningsSeconds: [300, 60],
      reconnectGraceSeconds: 120,
    });
  });

  it('stores fields as given, typed on the way out, and survives a restart', () => {
    const dir = tempDir();
    const store = openStore({ dir, log: silentLog });
    store.config.set({ serverUrl: provisioning.serverUrl });
    expect(store.config.provisioned()).toBeNull();
    store.config.set({ ...provisioning, policy: { idleTimeoutSeconds: 90 } });
    store.close();

    const reopened = openStore({ dir, log: silentLog });
    expect(reopened.config.get('housingUnit')).toBe('B2');
    expect(reopened.config.provisioned()).toEqual({
      ...provisioning,
      policy: { idleTimeoutSeconds: 90, visitEndWarningsSeconds: [300, 60], reconnectGraceSeconds: 120 },
    });
  });

  it('refuses invalid values and unknown fields, writing none of the batch', () => {
    const store = openStore({ dir: tempDir(), log: silentLog });
    expect(() => store.config.set({ housingUnit: 'B2', serverUrl: 'ftp://nope' })).toThrow(StoreValidationError);
    expect(() => store.config.set({ housingUnit: 'B2', policy: { idleTimeoutSeconds: 1 } })).toThrow(
      /idleTimeoutSeconds/,
    );
    // @ts-expect-error -- not a configuration field
    expect(() => store.config.set({ housingUnit: 'B2', colour: 'blue' })).toThrow(StoreValidationError);
    expect(store.config.get('housingUnit')).toBeUndefined();
  });

  it('keeps the camera position a technician provisioned, and refuses one it does not know', () => {
    const dir = tempDir();
    const store = openStore({ dir, log: silentLog });
    expect(store.config.get('cameraPosition')).toBeUndefined();
    // @ts-expect-error -- not a camera position
    expect(() => store.config.set({ cameraPosition: 'middle' })).toThrow(/cameraPosition/);
    store.config.set({ cameraPosition: 'bottom_center' });
    store.close();
    expect(openStore({ dir, log: silentLog }).config.get('cameraPosition')).toBe('bottom_center');
  });

  it('treats a stored value that no longer validates as not provisioned', () => {
    const dir = tempDir();
    const store = openStore({ dir, log: silentLog });
    store.config.set(provisioning);
    const db = new Database(`${dir}/${storeFileName}`);
    db.prepare("UPDATE config SET value = '\"not a url\"' WHERE key = 'serverUrl'").run();
    db.close();
    expect(store.config.get('serverUrl')).toBeUndefined();
    expect(store.config.provisioned()).toBeNull();
    expect(store.config.get('kioskId')).toBe('kiosk-B2-01');
  });

  it('forgets the whole provisioning on clear()', () => {
    const store = openStore({ dir: tempDir(), log: silentLog });
    store.config.set(provisioning);
    store.config.clear();
    expect(store.config.get('kioskToken')).toBeUndefined();
  });
});
