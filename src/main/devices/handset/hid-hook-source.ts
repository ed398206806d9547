import type { Logger } from '../../log/logger';
import type { HidAdapter, HidConnection, HidDeviceInfo } from './hid-adapter';
import { HookEvents } from './hook-events';
import type { HandsetLeds, HookSource, HookSourceEvents } from './hook-source';
import { UsagePage } from './hid-usages';
import { OnOffTracker } from './on-off-tracker';
import { buildLedReports, readControl, splitInputReport } from './report-codec';
import { parseReportDescriptor, type ReportDescriptor } from './report-descriptor';
import { findTelephonyControls, type InputControl, type TelephonyControls } from './telephony-controls';

export interface HidHandsetSelection {
  vendorId: number;
  productId: number;
}

export interface HidHookSourceOptions extends HidHandsetSelection {
  /** How long a hook switch's new state must hold before it counts. */
  debounceMs?: number;
  log: Logger;
}

export const DEFAULT_HOOK_DEBOUNCE_MS = 40;

export class HandsetUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HandsetUnavailableError';
  }
}

interface Candidate {
  device: HidDeviceInfo;
  descriptor: ReportDescriptor;
  controls: TelephonyControls;
  hookSwitch: InputControl;
}

/**
 * Opens the provisioned handset: the device with the provisioned vendor and product whose report
 * descriptor has a Telephony hook switch (a headset lists several interfaces and collections; the
 * Telephony one is tried first). Throws `HandsetUnavailableError` when there is none.
 */
export async function openHidHookSource(adapter: HidAdapter, options: HidHookSourceOptions): Promise<HidHookSource> {
  const candidate = await selectHandset(adapter, options);
  let connection: HidConnection;
  try {
    connection = await adapter.open(candidate.device.path);
  } catch (error) {
    // Most often the kiosk user lacks access to the hidraw node: a udev rule grants it.
    throw new HandsetUnavailableError(
      `cannot open the handset at ${candidate.device.path}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return new HidHookSource(connection, candidate, options);
}

async function selectHandset(adapter: HidAdapter, selection: HidHookSourceOptions): Promise<Candidate> {
  const wanted = `${hex4(selection.vendorId)}:${hex4(selection.productId)}`;
  const matching = (await adapter.list()).filter(
    (device) => device.vendorId === selection.vendorId && device.productId === selection.productId,
  );
  if (matching.length === 0) throw new HandsetUnavailableError(`no HID device ${wanted} is connected`);
  const paths = [...new Set([...matching].sort((a, b) => rank(a) - rank(b)).map((device) => device.path))];
  const problems: string[] = [];
  for (const path of paths) {
    try {
      const descriptor = parseReportDescriptor(await adapter.readReportDescriptor(path));
      const controls = findTelephonyControls(descriptor);
      if (controls.hookSwitch) {
        const device = matching.find((candidate) => candidate.path === path)!;
        return { device, descriptor, controls, hookSwitch: controls.hookSwitch };
      }
      problems.push(`${path} has no Telephony hook switch`);
    } catch (error) {
      problems.push(error instanceof Error ? error.message : String(error));
    }
  }
  throw new HandsetUnavailableError(`HID device ${wanted} has no usable hook switch: ${problems.join('; ')}`);
}

function rank(device: HidDeviceInfo): number {
  if (device.usagePage === UsagePage.telephony) return 0;
  return device.usagePage === undefined ? 1 : 2;
}

/** The hook source of a USB HID telephony handset or headset, read with node-hid in main. */
export class HidHookSource implements HookSource {
  readonly kind = 'hid' as const;
  private readonly events: HookEvents;
  private readonly hook: OnOffTracker;
  private readonly mute: OnOffTracker | undefined;
  private closed = false;
  private writes: Promise<void> = Promise.resolve();

  constructor(
    private readonly connection: HidConnection,
    private readonly handset: Candidate,
    private readonly options: HidHookSourceOptions,
  ) {
    const log = options.log;
    this.events = new HookEvents((error) => log.error({ err: error }, 'handset listener failed'));
    const debounceMs = options.debounceMs ?? DEFAULT_HOOK_DEBOUNCE_MS;
    const { hookSwitch } = handset;
    const { phoneMute } = handset.controls;
    this.hook = new OnOffTracker(hookSwitch.behaviour, debounceMs, (offHook) => this.events.emit('hook', offHook));
    this.mute = phoneMute
      ? new OnOffTracker(phoneMute.behaviour, debounceMs, (_muted, previous) => {
          // An absolute mute switch's first report only says where it stands; a press is a change.
          if (previous !== null || phoneMute.behaviour !== 'state') this.events.emit('muteToggle');
        })
      : undefined;
    connection.onData((frame) => this.receive(frame));
    connection.onError((error) => this.fail(`the handset stopped answering: ${error.message}`));
    log.info(
      {
        path: handset.device.path,
        product: handset.device.product,
        hook: hookSwitch.behaviour,
        mute: phoneMute?.behaviour ?? 'none',
        leds: Object.entries(handset.controls.leds).flatMap(([name, control]) => (control ? [name] : [])),
      },
      'handset opened',
    );
  }

  get offHook(): boolean | null {
    return this.hook.state;
  }

  on<E extends keyof HookSourceEvents>(event: E, listener: HookSourceEvents[E]): () => void {
    return this.events.on(event, listener);
  }

  setLeds(leds: HandsetLeds): void {
    if (this.closed) return;
    const reports = buildLedReports(this.handset.descriptor, this.handset.controls, leds);
    // One write at a time, in order, so the device ends with the last state asked for.
    this.writes = this.writes.then(async () => {
      for (const report of reports) {
        if (this.closed) return;
        try {
          await this.connection.write(report.frame);
        } catch (error) {
          this.fail(
            `writing LED report ${report.reportId} failed: ${error instanceof Error ? error.message : String(error)}`,
          );
          return;
        }
      }
    });
  }

  close(): void {
    if (this.closed) return;
    this.shutDown();
    this.events.clear();
  }

  private receive(frame: Uint8Array): void {
    if (this.closed) return;
    const report = splitInputReport(frame, this.handset.controls.usesReportIds);
    const phoneMute = this.handset.controls.phoneMute;
    const hookValue = readControl(report, this.handset.hookSwitch);
    if (hookValue !== undefined) this.hook.feed(hookValue);
    if (phoneMute && this.mute) {
      const muteValue = readControl(report, phoneMute);
      if (muteValue !== undefined) this.mute.feed(muteValue);
    }
  }

  private fail(reason: string): void {
    if (this.closed) return;
    this.options.log.warn({ reason }, 'handset gone');
    this.shutDown();
    this.events.emit('gone', reason);
    this.events.clear();
  }

  private shutDown(): void {
    this.closed = true;
    this.hook.dispose();
    this.mute?.dispose();
    this.connection
      .close()
      .catch((error: unknown) => this.options.log.debug({ err: error }, 'closing the handset failed'));
  }
}

function hex4(value: number): string {
  return value.toString(16).padStart(4, '0');
}
