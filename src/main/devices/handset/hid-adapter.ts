/**
 * What the handset needs from a HID library: the only surface `HidHookSource` sees, so that the
 * pure code above it is tested without a device and node-hid stays in one thin adapter.
 */
export interface HidDeviceInfo {
  /** The platform's path for the device (`/dev/hidrawN` on Linux). */
  path: string;
  vendorId: number;
  productId: number;
  /** The top-level collection's usage page and usage, where the platform tells them. */
  usagePage: number | undefined;
  usage: number | undefined;
  product: string | undefined;
}

export interface HidConnection {
  /** Each input report as hidapi frames it: report ID first when the device numbers its reports. */
  onData(listener: (frame: Uint8Array) => void): void;
  /** A read failed (the device went away, most often); no more data follows. */
  onError(listener: (error: Error) => void): void;
  /** Writes an output report: its report ID first, 0 for a device without report IDs. */
  write(frame: Uint8Array): Promise<void>;
  close(): Promise<void>;
}

export interface HidAdapter {
  list(): Promise<HidDeviceInfo[]>;
  /** The device's raw HID report descriptor. */
  readReportDescriptor(path: string): Promise<Uint8Array>;
  open(path: string): Promise<HidConnection>;
}
