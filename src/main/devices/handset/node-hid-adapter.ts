import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type * as NodeHidModule from 'node-hid';
import type { HidAdapter, HidConnection, HidDeviceInfo } from './hid-adapter';

/**
 * node-hid behind `HidAdapter`. It lives beside the handset code, not in `src/main/electron/`,
 * because it does not touch Electron: it runs (and its tests run) under plain Node. node-hid does
 * not hand out report descriptors, so on Linux the adapter reads the kernel's copy from sysfs.
 */

type NodeHid = typeof NodeHidModule;

export type NodeHidLoad = { ok: true; adapter: HidAdapter } | { ok: false; reason: string };

export interface NodeHidOptions {
  /** Where the hidraw class lives; a test points it at a folder of its own. */
  sysfsHidraw?: string;
  /** Loads the module; a test can make it fail the way a kiosk without libusb does. */
  importNodeHid?: () => Promise<NodeHid>;
}

/**
 * Loads node-hid and its native binding. A kiosk without it (no prebuild for the platform, no
 * libusb) gets a reason to log and report, never a crash.
 */
export async function loadNodeHid(options: NodeHidOptions = {}): Promise<NodeHidLoad> {
  const importNodeHid = options.importNodeHid ?? (() => import('node-hid'));
  let hid: NodeHid;
  try {
    const module = await importNodeHid();
    hid = (module as NodeHid & { default?: NodeHid }).default ?? module;
    // The binding loads on first use; asking its version loads it now, so a missing library
    // surfaces here and not at the first lift.
    hid.getHidapiVersion();
  } catch (error) {
    return { ok: false, reason: `node-hid is unavailable: ${messageOf(error)}` };
  }
  return { ok: true, adapter: new NodeHidAdapter(hid, options.sysfsHidraw ?? '/sys/class/hidraw') };
}

class NodeHidAdapter implements HidAdapter {
  constructor(
    private readonly hid: NodeHid,
    private readonly sysfsHidraw: string,
  ) {}

  async list(): Promise<HidDeviceInfo[]> {
    const devices = await this.hid.devicesAsync();
    return devices.flatMap((device) =>
      device.path
        ? [
            {
              path: device.path,
              vendorId: device.vendorId,
              productId: device.productId,
              usagePage: device.usagePage,
              usage: device.usage,
              product: device.product,
            },
          ]
        : [],
    );
  }

  async readReportDescriptor(path: string): Promise<Uint8Array> {
    if (process.platform !== 'linux')
      throw new Error(`reading a report descriptor is not supported on ${process.platform}`);
    const node = basename(path);
    if (!/^hidraw\d+$/.test(node)) throw new Error(`${path} is not a hidraw device`);
    const file = join(this.sysfsHidraw, node, 'device', 'report_descriptor');
    try {
      return new Uint8Array(await readFile(file));
    } catch (error) {
      throw new Error(`cannot read the report descriptor of ${path} (${file}): ${messageOf(error)}`, { cause: error });
    }
  }

  async open(path: string): Promise<HidConnection> {
    const device = await this.hid.HIDAsync.open(path);
    return {
      onData: (listener) => device.on('data', (data: Buffer) => listener(new Uint8Array(data))),
      onError: (listener) =>
        device.on('error', (error: unknown) => listener(error instanceof Error ? error : new Error(String(error)))),
      write: async (frame) => {
        await device.write(Buffer.from(frame));
      },
      close: () => device.close(),
    };
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
