import type { HandsetLeds } from './hook-source';
import { reportBytes, type ReportDescriptor } from './report-descriptor';
import type { InputControl, OutputControl, TelephonyControls } from './telephony-controls';

/**
 * Reading controls out of input reports and writing LEDs into output reports. Reports travel as
 * hidapi frames them: the report ID first when the device numbers its reports, no ID byte when it
 * does not (report ID 0) on input, and a leading 0 on output.
 */

export interface InputReport {
  reportId: number;
  data: Uint8Array;
}

export function splitInputReport(frame: Uint8Array, usesReportIds: boolean): InputReport {
  if (!usesReportIds) return { reportId: 0, data: frame };
  return { reportId: frame[0] ?? 0, data: frame.subarray(1) };
}

/**
 * The control's value in this report, or undefined when the report does not carry it (another
 * report ID, or too short). An array control reads 1 when any element selects it, else 0.
 */
export function readControl(report: InputReport, control: InputControl): number | undefined {
  if (report.reportId !== control.reportId) return undefined;
  const placement = control.placement;
  if (placement.kind === 'variable') {
    const raw = readBits(report.data, placement.bitOffset, placement.size);
    if (raw === undefined) return undefined;
    return placement.signed ? signExtend(raw, placement.size) : raw;
  }
  let selected = 0;
  for (let element = 0; element < placement.count; element++) {
    const raw = readBits(report.data, placement.bitOffset + element * placement.size, placement.size);
    if (raw === undefined) return undefined;
    if (raw === placement.arrayValue) selected = 1;
  }
  return selected;
}

export interface OutputReport {
  reportId: number;
  /** The bytes to write: report ID (0 when the device has none) and then the report. */
  frame: Uint8Array;
}

/**
 * One output report for every report that holds an LED, each built from the state of all the
 * LEDs in it: devices that put Off-Hook, Ring and Mute in one report would otherwise have one LED
 * write clear the others (the jitsi-meet bug the devices guide mentions).
 */
export function buildLedReports(
  descriptor: ReportDescriptor,
  controls: TelephonyControls,
  leds: HandsetLeds,
): OutputReport[] {
  const byReport = new Map<number, Array<{ control: OutputControl; on: boolean }>>();
  for (const [name, control] of Object.entries(controls.leds) as Array<
    [keyof HandsetLeds, OutputControl | undefined]
  >) {
    if (!control) continue;
    const entries = byReport.get(control.reportId) ?? [];
    entries.push({ control, on: leds[name] });
    byReport.set(control.reportId, entries);
  }
  const reports: OutputReport[] = [];
  for (const [reportId, entries] of [...byReport].sort(([a], [b]) => a - b)) {
    const frame = new Uint8Array(1 + reportBytes(descriptor, 'output', reportId));
    frame[0] = reportId;
    const data = frame.subarray(1);
    const arraySlots = new Map<number, number>();
    for (const { control, on } of entries) {
      const placement = control.placement;
      if (placement.kind === 'variable') {
        writeBits(data, placement.bitOffset, placement.size, on ? 1 : 0);
      } else if (on) {
        // An array output lists the LEDs that are lit, one per element, in the order found.
        const used = arraySlots.get(placement.bitOffset) ?? 0;
        if (used < placement.count) {
          writeBits(data, placement.bitOffset + used * placement.size, placement.size, placement.arrayValue);
          arraySlots.set(placement.bitOffset, used + 1);
        }
      }
    }
    reports.push({ reportId, frame });
  }
  return reports;
}

function readBits(data: Uint8Array, bitOffset: number, size: number): number | undefined {
  if (size > 32 || bitOffset + size > data.length * 8) return undefined;
  let value = 0;
  for (let bit = size - 1; bit >= 0; bit--) {
    const position = bitOffset + bit;
    value = value * 2 + ((data[position >> 3]! >> (position & 7)) & 1);
  }
  return value;
}

function writeBits(data: Uint8Array, bitOffset: number, size: number, value: number): void {
  let remaining = value >>> 0;
  for (let bit = 0; bit < size && bitOffset + bit < data.length * 8; bit++) {
    const position = bitOffset + bit;
    const mask = 1 << (position & 7);
    const byte = data[position >> 3] ?? 0;
    data[position >> 3] = remaining & 1 ? byte | mask : byte & ~mask;
    remaining = Math.floor(remaining / 2);
  }
}

function signExtend(value: number, size: number): number {
  const limit = 2 ** (size - 1);
  return value >= limit ? value - 2 ** size : value;
}
