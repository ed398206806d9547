import { extendedUsage, usagePageOf } from './hid-usages';

/**
 * A HID report descriptor parser (Device Class Definition for HID 1.11, section 6.2.2), written
 * here because node-hid does not parse descriptors and the npm parsers found are WebHID-shaped or
 * unmaintained. It turns the item stream into fields with their bit position in their report, which
 * is all the handset needs to read its hook switch and light its LEDs.
 */

export type MainKind = 'input' | 'output' | 'feature';

export interface MainFlags {
  constant: boolean;
  variable: boolean;
  relative: boolean;
  wrap: boolean;
  nonLinear: boolean;
  noPreferredState: boolean;
  nullState: boolean;
  volatile: boolean;
  bufferedBytes: boolean;
}

/** A run of extended usages: one usage is a run of length one. */
export interface UsageRange {
  min: number;
  max: number;
}

export interface Collection {
  /** 0 physical, 1 application, 2 logical, 3 report, ... (HID 1.11, 6.2.2.6). */
  type: number;
  usage: number | undefined;
  parent: number | undefined;
}

export interface ReportField {
  kind: MainKind;
  /** 0 when the descriptor declares no report IDs. */
  reportId: number;
  /** From the first bit after the report ID byte (the first bit of the report when there is none). */
  bitOffset: number;
  size: number;
  count: number;
  flags: MainFlags;
  logicalMinimum: number;
  logicalMaximum: number;
  /**
   * Variable field: element i has the i-th usage (the last one repeats). Array field: an element's
   * value v selects the usage at index v - logicalMinimum.
   */
  usages: UsageRange[];
  /** Index into `collections` of the innermost open collection, if any. */
  collection: number | undefined;
}

export interface ReportDescriptor {
  fields: ReportField[];
  collections: Collection[];
  usesReportIds: boolean;
  /** Length in bits of each report, after its report ID byte, keyed by `${kind}:${reportId}`. */
  reportBits: ReadonlyMap<string, number>;
}

export class DescriptorError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(`report descriptor byte ${offset}: ${message}`);
    this.name = 'DescriptorError';
  }
}

interface GlobalState {
  usagePage: number;
  logicalMinimum: number;
  logicalMaximumRaw: { value: number; size: number };
  reportSize: number;
  reportCount: number;
  reportId: number;
}

interface LocalUsage {
  kind: 'usage' | 'min' | 'max';
  /** The extended usage, completed with the usage page in force when the item was read. */
  usage: number;
  extended: boolean;
}

const MAX_REPORT_BITS = 8 * 4096;
const ITEM_MAIN = 0;
const ITEM_GLOBAL = 1;
const ITEM_LOCAL = 2;

export function reportKey(kind: MainKind, reportId: number): string {
  return `${kind}:${reportId}`;
}

export function reportBytes(descriptor: ReportDescriptor, kind: MainKind, reportId: number): number {
  return Math.ceil((descriptor.reportBits.get(reportKey(kind, reportId)) ?? 0) / 8);
}

export function parseReportDescriptor(bytes: Uint8Array): ReportDescriptor {
  const fields: ReportField[] = [];
  const collections: Collection[] = [];
  const reportBits = new Map<string, number>();
  const open: number[] = [];
  const stack: GlobalState[] = [];
  let global: GlobalState = {
    usagePage: 0,
    logicalMinimum: 0,
    logicalMaximumRaw: { value: 0, size: 0 },
    reportSize: 0,
    reportCount: 0,
    reportId: 0,
  };
  let locals: LocalUsage[] = [];
  let usesReportIds = false;

  let offset = 0;
  while (offset < bytes.length) {
    const start = offset;
    const prefix = bytes[offset++]!;
    if (prefix === 0xfe) {
      // Long item (HID 1.11, 6.2.2.3): no long item tag is defined, so it is skipped whole.
      if (offset + 2 > bytes.length) throw new DescriptorError('long item is truncated', start);
      offset += 2 + bytes[offset]!;
      if (offset > bytes.length) throw new DescriptorError('long item is truncated', start);
      continue;
    }
    const size = [0, 1, 2, 4][prefix & 0x03]!;
    const type = (prefix >> 2) & 0x03;
    const tag = prefix >> 4;
    if (offset + size > bytes.length)
      throw new DescriptorError(`item 0x${hex(prefix)} needs ${size} data bytes`, start);
    const unsigned = readUnsigned(bytes, offset, size);
    const signed = toSigned(unsigned, size);
    offset += size;

    if (type === ITEM_MAIN) {
      switch (tag) {
        case 0x8:
        case 0x9:
        case 0xb: {
          const kind: MainKind = tag === 0x8 ? 'input' : tag === 0x9 ? 'output' : 'feature';
          const bits = global.reportSize * global.reportCount;
          const key = reportKey(kind, global.reportId);
          const bitOffset = reportBits.get(key) ?? 0;
          if (bitOffset + bits > MAX_REPORT_BITS)
            throw new DescriptorError(`report ${global.reportId} is too long`, start);
          reportBits.set(key, bitOffset + bits);
          const logicalMaximum = logicalMaximumOf(global);
          fields.push({
            kind,
            reportId: global.reportId,
            bitOffset,
            size: global.reportSize,
            count: global.reportCount,
            flags: mainFlags(unsigned),
            logicalMinimum: global.logicalMinimum,
            logicalMaximum,
            usages: resolveUsages(locals, global.usagePage),
            collection: open.at(-1),
          });
          break;
        }
        case 0xa:
          collections.push({
            type: unsigned,
            usage: resolveUsages(locals, global.usagePage)[0]?.min,
            parent: open.at(-1),
          });
          open.push(collections.length - 1);
          break;
        case 0xc:
          if (open.pop() === undefined) throw new DescriptorError('End Collection without a Collection', start);
          break;
        default:
          throw new DescriptorError(`unknown main item tag 0x${hex(tag)}`, start);
      }
      locals = [];
    } else if (type === ITEM_GLOBAL) {
      switch (tag) {
        case 0x0:
          global.usagePage = unsigned;
          break;
        case 0x1:
          global.logicalMinimum = signed;
          break;
        case 0x2:
          global.logicalMaximumRaw = { value: unsigned, size };
          break;
        case 0x3: // physical minimum
        case 0x4: // physical maximum
        case 0x5: // unit exponent
        case 0x6: // unit
          break;
        case 0x7:
          global.reportSize = unsigned;
          break;
        case 0x8:
          if (unsigned === 0 || unsigned > 0xff)
            throw new DescriptorError(`report ID ${unsigned} is not 1 to 255`, start);
          global.reportId = unsigned;
          usesReportIds = true;
          break;
        case 0x9:
          global.reportCount = unsigned;
          break;
        case 0xa:
          stack.push({ ...global });
          break;
        case 0xb: {
          const popped = stack.pop();
          if (!popped) throw new DescriptorError('Pop without a Push', start);
          global = popped;
          break;
        }
        default:
          throw new DescriptorError(`unknown global item tag 0x${hex(tag)}`, start);
      }
    } else if (type === ITEM_LOCAL) {
      const extended = size === 4;
      const kind = tag === 0x0 ? 'usage' : tag === 0x1 ? 'min' : tag === 0x2 ? 'max' : undefined;
      if (kind) locals.push({ kind, usage: extended ? unsigned : extendedUsage(global.usagePage, unsigned), extended });
      // Designators, strings and delimiters name physical parts and alternatives; none matters here.
    } else {
      throw new DescriptorError(`reserved item type in 0x${hex(prefix)}`, start);
    }
  }
  if (open.length > 0) throw new DescriptorError(`${open.length} collection(s) left open`, bytes.length);
  if (usesReportIds && fields.some((field) => field.reportId === 0 && !field.flags.constant)) {
    throw new DescriptorError('data fields both with and without a report ID', bytes.length);
  }
  return { fields, collections, usesReportIds, reportBits };
}

/** The extended usage of element `index` of a variable field, or of array value `index + logicalMinimum`. */
export function usageAt(field: ReportField, index: number): number | undefined {
  let remaining = index;
  for (const range of field.usages) {
    const length = range.max - range.min + 1;
    if (remaining < length) return range.min + remaining;
    remaining -= length;
  }
  if (field.flags.variable) return field.usages.at(-1)?.max;
  return undefined;
}

/** Where a usage sits in a field's usage list (the inverse of `usageAt`), or -1. */
export function indexOfUsage(field: ReportField, usage: number): number {
  let index = 0;
  for (const range of field.usages) {
    if (usage >= range.min && usage <= range.max) return index + usage - range.min;
    index += range.max - range.min + 1;
  }
  return -1;
}

/** The innermost application collection around a field (the one its top-level usage names). */
export function applicationUsageOf(descriptor: ReportDescriptor, field: ReportField): number | undefined {
  let index = field.collection;
  while (index !== undefined) {
    const collection = descriptor.collections[index]!;
    if (collection.type === 1) return collection.usage;
    index = collection.parent;
  }
  return undefined;
}

/**
 * A short usage takes the usage page in force when it was declared, except that the last usages
 * before a main item take a Usage Page declared after them (some keyboards put it there). This is
 * what Linux does (`hid_concatenate_last_usage_page`), so a device reads here as it does there.
 */
function resolveUsages(locals: LocalUsage[], usagePage: number): UsageRange[] {
  const completed = locals.map((local) => local.usage);
  for (let index = locals.length - 1; index >= 0; index--) {
    const local = locals[index]!;
    if (local.extended) continue;
    if (usagePageOf(local.usage) === usagePage) break;
    completed[index] = extendedUsage(usagePage, local.usage & 0xffff);
  }
  const ranges: UsageRange[] = [];
  let pendingMin: number | undefined;
  locals.forEach((local, index) => {
    const usage = completed[index]!;
    if (local.kind === 'usage') ranges.push({ min: usage, max: usage });
    else if (local.kind === 'min') pendingMin = usage;
    else if (pendingMin !== undefined) {
      if (usage >= pendingMin) ranges.push({ min: pendingMin, max: usage });
      pendingMin = undefined;
    }
  });
  return ranges;
}

function logicalMaximumOf(global: GlobalState): number {
  const { value, size } = global.logicalMaximumRaw;
  // Logical Maximum is signed by the spec, but devices write 255 as `25 FF`; like Linux, read it
  // unsigned unless the minimum is negative.
  return global.logicalMinimum < 0 ? toSigned(value, size) : value;
}

function mainFlags(data: number): MainFlags {
  return {
    constant: (data & 0x01) !== 0,
    variable: (data & 0x02) !== 0,
    relative: (data & 0x04) !== 0,
    wrap: (data & 0x08) !== 0,
    nonLinear: (data & 0x10) !== 0,
    noPreferredState: (data & 0x20) !== 0,
    nullState: (data & 0x40) !== 0,
    volatile: (data & 0x80) !== 0,
    bufferedBytes: (data & 0x100) !== 0,
  };
}

function readUnsigned(bytes: Uint8Array, offset: number, size: number): number {
  let value = 0;
  for (let i = size - 1; i >= 0; i--) value = value * 256 + bytes[offset + i]!;
  return value;
}

function toSigned(value: number, size: number): number {
  if (size === 0) return 0;
  const bits = size * 8;
  const limit = 2 ** (bits - 1);
  return value >= limit ? value - 2 ** bits : value;
}

function hex(value: number): string {
  return value.toString(16).padStart(2, '0');
}
