import { LedUsage, TelephonyUsage, UsagePage, usagePageOf } from './hid-usages';
import { applicationUsageOf, indexOfUsage, type ReportDescriptor, type ReportField } from './report-descriptor';

/**
 * How an on/off control reports (HID Usage Tables, "On/Off Control"; the same three kinds as
 * google/libhidtelephony's `getOnOffControlType`):
 * - `state`: absolute, the value is the state (most hook switches);
 * - `toggle`: relative, each report that asserts it flips the state (most mute buttons);
 * - `on-off-buttons`: relative with logical -1..1, +1 turns it on and -1 off.
 */
export type ControlBehaviour = 'state' | 'toggle' | 'on-off-buttons';

export interface InputControl {
  usage: number;
  reportId: number;
  behaviour: ControlBehaviour;
  /** A variable element: its bits. An array field: every element, any of which may hold `arrayValue`. */
  placement:
    | { kind: 'variable'; bitOffset: number; size: number; signed: boolean }
    | { kind: 'array'; bitOffset: number; size: number; count: number; arrayValue: number };
}

export interface OutputControl {
  usage: number;
  reportId: number;
  placement:
    | { kind: 'variable'; bitOffset: number; size: number }
    | { kind: 'array'; bitOffset: number; size: number; count: number; arrayValue: number };
}

export interface TelephonyControls {
  hookSwitch: InputControl | undefined;
  phoneMute: InputControl | undefined;
  leds: { offHook: OutputControl | undefined; ring: OutputControl | undefined; mute: OutputControl | undefined };
  usesReportIds: boolean;
}

/**
 * Finds the handset's controls. Headsets repeat these usages on vendor pages (Jabra, Yealink);
 * only the standard Telephony and LED pages count, and a field inside a Telephony application
 * collection wins over one elsewhere.
 */
export function findTelephonyControls(descriptor: ReportDescriptor): TelephonyControls {
  return {
    hookSwitch: findInputControl(descriptor, TelephonyUsage.hookSwitch),
    phoneMute: findInputControl(descriptor, TelephonyUsage.phoneMute),
    leds: {
      offHook: findOutputControl(descriptor, LedUsage.offHook),
      ring: findOutputControl(descriptor, LedUsage.ring),
      mute: findOutputControl(descriptor, LedUsage.mute),
    },
    usesReportIds: descriptor.usesReportIds,
  };
}

/** The first input field carrying `usage`, preferring one in a Telephony application collection. */
export function findInputControl(descriptor: ReportDescriptor, usage: number): InputControl | undefined {
  const found = findField(descriptor, 'input', usage);
  if (!found) return undefined;
  const { field, placement } = found;
  return {
    usage,
    reportId: field.reportId,
    behaviour: behaviourOf(field),
    placement:
      placement.kind === 'variable'
        ? { ...placement, signed: field.logicalMinimum < 0 }
        : { ...placement, count: field.count },
  };
}

export function findOutputControl(descriptor: ReportDescriptor, usage: number): OutputControl | undefined {
  const found = findField(descriptor, 'output', usage);
  if (!found) return undefined;
  const { field, placement } = found;
  return {
    usage,
    reportId: field.reportId,
    placement: placement.kind === 'variable' ? placement : { ...placement, count: field.count },
  };
}

type Placement =
  | { kind: 'variable'; bitOffset: number; size: number }
  | { kind: 'array'; bitOffset: number; size: number; arrayValue: number };

function findField(
  descriptor: ReportDescriptor,
  kind: 'input' | 'output',
  usage: number,
): { field: ReportField; placement: Placement } | undefined {
  let fallback: { field: ReportField; placement: Placement } | undefined;
  for (const field of descriptor.fields) {
    if (field.kind !== kind || field.flags.constant || field.size === 0 || field.count === 0) continue;
    const placement = placementOf(field, usage);
    if (!placement) continue;
    const application = applicationUsageOf(descriptor, field);
    if (application !== undefined && usagePageOf(application) === UsagePage.telephony) return { field, placement };
    fallback ??= { field, placement };
  }
  return fallback;
}

function placementOf(field: ReportField, usage: number): Placement | undefined {
  const index = indexOfUsage(field, usage);
  if (index < 0) return undefined;
  if (field.flags.variable) {
    if (index >= field.count) return undefined;
    return { kind: 'variable', bitOffset: field.bitOffset + index * field.size, size: field.size };
  }
  const arrayValue = field.logicalMinimum + index;
  if (arrayValue > field.logicalMaximum) return undefined;
  return { kind: 'array', bitOffset: field.bitOffset, size: field.size, arrayValue };
}

function behaviourOf(field: ReportField): ControlBehaviour {
  if (!field.flags.relative) return 'state';
  return field.logicalMinimum < 0 ? 'on-off-buttons' : 'toggle';
}
