import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { HidAdapter } from '../../../../src/main/devices/handset/hid-adapter';
import { HandsetUnavailableError } from '../../../../src/main/devices/handset/hid-hook-source';
import { hookSourceConfigSchema } from '../../../../src/main/devices/handset/hook-source-config';
import { openHookSource, type HookSourceDeps } from '../../../../src/main/devices/handset/open-hook-source';
import type { KeyConsumer, KeyStream } from '../../../../src/main/input/key-stream';
import { readDescriptorFixture } from './hid-fixtures';

const log = pino({ level: 'silent' });

class TestKeyStream implements KeyStream {
  readonly consumers: KeyConsumer[] = [];
  add(consumer: KeyConsumer): () => void {
    this.consumers.push(consumer);
    return () => this.consumers.splice(this.consumers.indexOf(consumer), 1);
  }
}

const plantronics: HidAdapter = {
  list: async () => [
    { path: '/dev/hidraw2', vendorId: 0x047f, productId: 0xc056, usagePage: 0x0b, usage: 5, product: 'Blackwire 3220' },
  ],
  readReportDescriptor: async () => readDescriptorFixture('plantronics-blackwire-3220'),
  open: async () => ({ onData: () => {}, onError: () => {}, write: async () => {}, close: async () => {} }),
};

function deps(overrides: Partial<HookSourceDeps> = {}): HookSourceDeps {
  return {
    loadHid: async () => ({ ok: true, adapter: plantronics }),
    keys: new TestKeyStream(),
    log,
    ...overrides,
  };
}

describe('openHookSource', () => {
  it('opens nothing for a kiosk without a handset', async () => {
    let loaded = false;
    const source = await openHookSource(
      { kind: 'none' },
      deps({ loadHid: async () => ((loaded = true), { ok: false, reason: '' }) }),
    );
    expect(source).toBeNull();
    expect(loaded).toBe(false);
  });

  it('opens a key-board source on the key stream, without loading node-hid', async () => {
    const keys = new TestKeyStream();
    let loaded = false;
    const source = await openHookSource(
      { kind: 'keyboard', liftKey: 'F9', hangUpKey: 'F10' },
      deps({ keys, loadHid: async () => ((loaded = true), { ok: false, reason: '' }) }),
    );
    expect(source?.kind).toBe('keyboard');
    expect(keys.consumers).toHaveLength(1);
    expect(loaded).toBe(false);
    source?.close();
    expect(keys.consumers).toHaveLength(0);
  });

  it('opens the provisioned HID handset', async () => {
    const source = await openHookSource({ kind: 'hid', vendorId: 0x047f, productId: 0xc056 }, deps());
    expect(source?.kind).toBe('hid');
    source?.close();
  });

  it('refuses with the reason when node-hid is unavailable or the handset is absent', async () => {
    await expect(
      openHookSource(
        { kind: 'hid', vendorId: 0x047f, productId: 0xc056 },
        deps({ loadHid: async () => ({ ok: false, reason: 'node-hid is unavailable: no prebuild' }) }),
      ),
    ).rejects.toThrow(new HandsetUnavailableError('node-hid is unavailable: no prebuild'));
    await expect(openHookSource({ kind: 'hid', vendorId: 0x0b0e, productId: 0x2453 }, deps())).rejects.toThrow(
      'no HID device 0b0e:2453 is connected',
    );
  });
});

describe('hook source config', () => {
  it('accepts the three kinds', () => {
    for (const config of [
      { kind: 'hid', vendorId: 0x0b0e, productId: 0x2453 },
      { kind: 'keyboard', liftKey: 'F9', hangUpKey: 'F9' },
      { kind: 'none' },
    ]) {
      expect(hookSourceConfigSchema.parse(config)).toEqual(config);
    }
  });

  it.each([
    { kind: 'hid', vendorId: 0x10000, productId: 1 },
    { kind: 'hid', vendorId: 1 },
    { kind: 'keyboard', liftKey: '', hangUpKey: 'F9' },
    { kind: 'keyboard', liftKey: 'F9', hangUpKey: 'F10', extra: true },
    { kind: 'serial' },
  ])('refuses %j', (config) => {
    expect(hookSourceConfigSchema.safeParse(config).success).toBe(false);
  });
});
