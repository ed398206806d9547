import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HidAdapter, HidConnection, HidDeviceInfo } from '../../../../src/main/devices/handset/hid-adapter';
import { HandsetUnavailableError, openHidHookSource } from '../../../../src/main/devices/handset/hid-hook-source';
import { bytes, readDescriptorFixture } from './hid-fixtures';

/**
 * The adapter's boundary, simulated: what node-hid would list, the descriptors sysfs would give,
 * and a connection whose input reports the test sends. Everything above it is the real code.
 */
class SimulatedConnection implements HidConnection {
  readonly written: string[] = [];
  closed = false;
  failWrites = false;
  private dataListeners: Array<(frame: Uint8Array) => void> = [];
  private errorListeners: Array<(error: Error) => void> = [];
  onData(listener: (frame: Uint8Array) => void): void {
    this.dataListeners.push(listener);
  }
  onError(listener: (error: Error) => void): void {
    this.errorListeners.push(listener);
  }
  async write(frame: Uint8Array): Promise<void> {
    if (this.failWrites) throw new Error('could not write to device');
    this.written.push(Buffer.from(frame).toString('hex'));
  }
  async close(): Promise<void> {
    this.closed = true;
  }
  send(hex: string): void {
    for (const listener of this.dataListeners) listener(bytes(hex));
  }
  fail(message: string): void {
    for (const listener of this.errorListeners) listener(new Error(message));
  }
}

class SimulatedHid implements HidAdapter {
  readonly connections = new Map<string, SimulatedConnection>();
  readonly descriptorReads: string[] = [];
  constructor(
    private readonly devices: HidDeviceInfo[],
    private readonly descriptors: Record<string, Uint8Array | Error>,
  ) {}
  async list(): Promise<HidDeviceInfo[]> {
    return this.devices;
  }
  async readReportDescriptor(path: string): Promise<Uint8Array> {
    this.descriptorReads.push(path);
    const descriptor = this.descriptors[path];
    if (descriptor instanceof Error) throw descriptor;
    if (!descriptor) throw new Error(`no descriptor for ${path}`);
    return descriptor;
  }
  async open(path: string): Promise<HidConnection> {
    const connection = new SimulatedConnection();
    this.connections.set(path, connection);
    return connection;
  }
}

const jabra = { vendorId: 0x0b0e, productId: 0x2453 };

function device(path: string, usagePage: number | undefined, ids = jabra): HidDeviceInfo {
  return { path, ...ids, usagePage, usage: 5, product: 'Jabra BIZ 2400 II' };
}

const log = pino({ level: 'silent' });

async function openJabra(debounceMs = 0) {
  const hid = new SimulatedHid([device('/dev/hidraw3', 0x0b)], {
    '/dev/hidraw3': readDescriptorFixture('jabra-biz-2400-ii'),
  });
  const source = await openHidHookSource(hid, { ...jabra, debounceMs, log });
  const connection = hid.connections.get('/dev/hidraw3')!;
  const hooks: boolean[] = [];
  const gone: string[] = [];
  let muteToggles = 0;
  source.on('hook', (offHook) => hooks.push(offHook));
  source.on('gone', (reason) => gone.push(reason));
  source.on('muteToggle', () => muteToggles++);
  return { source, connection, hooks, gone, muteToggles: () => muteToggles };
}

describe('HID hook source', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('reports lifting and hanging up from the hook switch of a real headset descriptor', async () => {
    const { source, connection, hooks } = await openJabra();
    expect(source.kind).toBe('hid');
    expect(source.offHook).toBeNull();
    connection.send('02 01 00');
    expect(source.offHook).toBe(true);
    connection.send('02 01 00');
    connection.send('02 00 00');
    expect(hooks).toEqual([true, false]);
    // The vendor-page copy of the hook switch (report 4) does not count.
    connection.send('04 01 00');
    expect(hooks).toEqual([true, false]);
  });

  it('waits for a bouncing hook switch to settle', async () => {
    const { connection, hooks } = await openJabra(40);
    connection.send('02 01 00');
    vi.advanceTimersByTime(5);
    connection.send('02 00 00');
    vi.advanceTimersByTime(5);
    connection.send('02 01 00');
    expect(hooks).toEqual([]);
    vi.advanceTimersByTime(40);
    expect(hooks).toEqual([true]);
  });

  it('tells each press of the mute button', async () => {
    const { connection, muteToggles } = await openJabra();
    connection.send('02 05 00');
    connection.send('02 01 00');
    vi.advanceTimersByTime(500);
    connection.send('02 05 00');
    expect(muteToggles()).toBe(2);
  });

  it('writes one LED report holding Off-Hook, Mute and Ring together', async () => {
    const { source, connection } = await openJabra();
    source.setLeds({ offHook: true, ring: false, mute: false });
    source.setLeds({ offHook: true, ring: false, mute: true });
    await vi.runAllTimersAsync();
    expect(connection.written).toEqual(['020100', '020300']);
  });

  it('says the handset is gone when a read fails, closes it and sends nothing more', async () => {
    const { source, connection, hooks, gone } = await openJabra();
    connection.fail('read error: device disconnected');
    expect(gone).toEqual(['the handset stopped answering: read error: device disconnected']);
    expect(connection.closed).toBe(true);
    connection.send('02 01 00');
    connection.fail('again');
    source.setLeds({ offHook: true, ring: false, mute: false });
    await vi.runAllTimersAsync();
    expect(hooks).toEqual([]);
    expect(gone).toHaveLength(1);
    expect(connection.written).toEqual([]);
  });

  it('says the handset is gone when an LED write fails', async () => {
    const { source, connection, gone } = await openJabra();
    connection.failWrites = true;
    source.setLeds({ offHook: true, ring: false, mute: false });
    await vi.runAllTimersAsync();
    expect(gone).toEqual(['writing LED report 2 failed: could not write to device']);
  });

  it('sends nothing after it is closed', async () => {
    const { source, connection, hooks } = await openJabra();
    source.close();
    connection.send('02 01 00');
    expect(hooks).toEqual([]);
    expect(connection.closed).toBe(true);
  });

  it('picks the provisioned handset by vendor and product, Telephony collection first', async () => {
    const other = { vendorId: 0x047f, productId: 0xc056 };
    const hid = new SimulatedHid(
      [
        device('/dev/hidraw1', 0x0c),
        device('/dev/hidraw0', 0x0b, other),
        device('/dev/hidraw2', 0x0b),
        device('/dev/hidraw2', 0xff30),
      ],
      {
        '/dev/hidraw0': readDescriptorFixture('plantronics-blackwire-3220'),
        '/dev/hidraw1': bytes('05 0C 09 01 A1 01 15 00 25 01 75 01 95 08 09 E9 81 02 C0'),
        '/dev/hidraw2': readDescriptorFixture('jabra-biz-2400-ii'),
      },
    );
    await openHidHookSource(hid, { ...jabra, log });
    expect(hid.descriptorReads).toEqual(['/dev/hidraw2']);
    expect([...hid.connections.keys()]).toEqual(['/dev/hidraw2']);
  });

  it('skips an interface without a hook switch and one whose descriptor cannot be read', async () => {
    const hid = new SimulatedHid(
      [device('/dev/hidraw5', undefined), device('/dev/hidraw6', undefined), device('/dev/hidraw7', undefined)],
      {
        '/dev/hidraw5': new Error('cannot read the report descriptor of /dev/hidraw5: EACCES'),
        '/dev/hidraw6': bytes('05 0C 09 01 A1 01 15 00 25 01 75 01 95 08 09 E9 81 02 C0'),
        '/dev/hidraw7': readDescriptorFixture('jabra-biz-2400-ii'),
      },
    );
    await openHidHookSource(hid, { ...jabra, log });
    expect([...hid.connections.keys()]).toEqual(['/dev/hidraw7']);
  });

  it('refuses with a reason when the handset cannot be opened', async () => {
    const hid = new SimulatedHid([device('/dev/hidraw3', 0x0b)], {
      '/dev/hidraw3': readDescriptorFixture('jabra-biz-2400-ii'),
    });
    hid.open = () => Promise.reject(new Error("Failed to open a device with path '/dev/hidraw3': Permission denied"));
    await expect(openHidHookSource(hid, { ...jabra, log })).rejects.toThrow(
      new HandsetUnavailableError(
        "cannot open the handset at /dev/hidraw3: Failed to open a device with path '/dev/hidraw3': Permission denied",
      ),
    );
  });

  it('refuses with a reason when the handset is not there or has no hook switch', async () => {
    const absent = new SimulatedHid([device('/dev/hidraw0', 0x0b, { vendorId: 1, productId: 2 })], {});
    await expect(openHidHookSource(absent, { ...jabra, log })).rejects.toThrow(
      new HandsetUnavailableError('no HID device 0b0e:2453 is connected'),
    );
    const gaming = new SimulatedHid([device('/dev/hidraw1', 0x0c, { vendorId: 0x046d, productId: 0x0ac4 })], {
      '/dev/hidraw1': readDescriptorFixture('logitech-g535'),
    });
    await expect(openHidHookSource(gaming, { vendorId: 0x046d, productId: 0x0ac4, log })).rejects.toThrow(
      'HID device 046d:0ac4 has no usable hook switch: /dev/hidraw1 has no Telephony hook switch',
    );
    const broken = new SimulatedHid([device('/dev/hidraw0', 0x0b)], { '/dev/hidraw0': bytes('05 0B 09') });
    await expect(openHidHookSource(broken, { ...jabra, log })).rejects.toThrow(
      /HID device 0b0e:2453 has no usable hook switch: report descriptor byte 2/,
    );
  });
});

describe('HID hook source LED writes', () => {
  it('writes one report at a time, in the order asked, even when a write is slow', async () => {
    const hid = new SimulatedHid([device('/dev/hidraw0', 0x0b, { vendorId: 0x047f, productId: 0xc056 })], {
      '/dev/hidraw0': readDescriptorFixture('plantronics-blackwire-3220'),
    });
    const source = await openHidHookSource(hid, { vendorId: 0x047f, productId: 0xc056, log });
    const connection = hid.connections.get('/dev/hidraw0')!;
    const order: string[] = [];
    let inFlight = 0;
    connection.write = async (frame) => {
      inFlight++;
      expect(inFlight).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, frame[0] === 0x09 ? 20 : 1));
      order.push(Buffer.from(frame).toString('hex'));
      inFlight--;
    };
    source.setLeds({ offHook: true, ring: true, mute: true });
    source.setLeds({ offHook: false, ring: false, mute: false });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(order).toEqual(['0901', '1701', '1801', '0900', '1700', '1800']);
    source.close();
  });
});
