import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadNodeHid } from '../../../../src/main/devices/handset/node-hid-adapter';
import { readDescriptorFixture } from './hid-fixtures';

/**
 * The real node-hid, loaded as the kiosk loads it. This machine has no HID device (and cannot
 * create one), so listing finds none and opening fails; the descriptor is read from a sysfs-shaped
 * folder of the test's own.
 */
describe('node-hid adapter', () => {
  const folders: string[] = [];
  afterEach(async () => {
    await Promise.all(folders.splice(0).map((folder) => rm(folder, { recursive: true, force: true })));
  });

  async function sysfsWith(node: string, descriptor: Uint8Array): Promise<string> {
    const root = await mkdtemp(join(tmpdir(), 'hidraw-'));
    folders.push(root);
    await mkdir(join(root, node, 'device'), { recursive: true });
    await writeFile(join(root, node, 'device', 'report_descriptor'), descriptor);
    return root;
  }

  it('loads node-hid and its native binding, and lists devices (none here)', async () => {
    const loaded = await loadNodeHid();
    if (!loaded.ok) throw new Error(loaded.reason);
    const devices = await loaded.adapter.list();
    expect(Array.isArray(devices)).toBe(true);
    for (const device of devices) expect(typeof device.path).toBe('string');
  });

  it('reads the raw report descriptor from sysfs', async () => {
    const descriptor = readDescriptorFixture('sennheiser-sc-660-anc-usb');
    const loaded = await loadNodeHid({ sysfsHidraw: await sysfsWith('hidraw4', descriptor) });
    if (!loaded.ok) throw new Error(loaded.reason);
    expect(await loaded.adapter.readReportDescriptor('/dev/hidraw4')).toEqual(descriptor);
    await expect(loaded.adapter.readReportDescriptor('/dev/hidraw5')).rejects.toThrow(
      /cannot read the report descriptor of \/dev\/hidraw5 .*ENOENT/,
    );
    await expect(loaded.adapter.readReportDescriptor('/dev/../etc/passwd')).rejects.toThrow(/is not a hidraw device/);
  });

  it('fails to open a device that is not there, with the path in the error', async () => {
    const loaded = await loadNodeHid();
    if (!loaded.ok) throw new Error(loaded.reason);
    await expect(loaded.adapter.open('/dev/hidraw99')).rejects.toThrow(/\/dev\/hidraw99/);
  });

  it('gives a reason instead of crashing when node-hid cannot load', async () => {
    const loaded = await loadNodeHid({
      importNodeHid: () => Promise.reject(new Error('libusb-1.0.so.0: cannot open shared object file')),
    });
    expect(loaded).toEqual({
      ok: false,
      reason: 'node-hid is unavailable: libusb-1.0.so.0: cannot open shared object file',
    });
  });
});
