import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildLedReports, readControl, splitInputReport } from '../../../../src/main/devices/handset/report-codec';
import {
  DescriptorError,
  applicationUsageOf,
  parseReportDescriptor,
  reportBytes,
  usageAt,
} from '../../../../src/main/devices/handset/report-descriptor';
import { findTelephonyControls } from '../../../../src/main/devices/handset/telephony-controls';
import { bytes, readDescriptorFixture } from './hid-fixtures';

describe('report descriptor items', () => {
  it('reads a descriptor without report IDs as report 0, with bit offsets across fields', () => {
    const descriptor = parseReportDescriptor(
      bytes(`
        05 0B 09 01 A1 01
          15 00 25 01 75 01 95 02 09 20 09 2F 81 22
          95 06 81 01
          05 08 09 17 95 01 91 22 95 07 91 01
        C0`),
    );
    expect(descriptor.usesReportIds).toBe(false);
    const [hookAndMute, padding, led] = descriptor.fields;
    expect(hookAndMute).toMatchObject({ kind: 'input', reportId: 0, bitOffset: 0, size: 1, count: 2 });
    expect(hookAndMute!.flags).toMatchObject({
      constant: false,
      variable: true,
      relative: false,
      noPreferredState: true,
    });
    expect(padding).toMatchObject({ kind: 'input', bitOffset: 2, count: 6 });
    expect(padding!.flags.constant).toBe(true);
    expect(led).toMatchObject({ kind: 'output', reportId: 0, bitOffset: 0 });
    expect(usageAt(hookAndMute!, 0)).toBe(0x0b0020);
    expect(usageAt(hookAndMute!, 1)).toBe(0x0b002f);
    expect(usageAt(led!, 0)).toBe(0x080017);
    expect(reportBytes(descriptor, 'input', 0)).toBe(1);
    expect(reportBytes(descriptor, 'output', 0)).toBe(1);
    expect(applicationUsageOf(descriptor, led!)).toBe(0x0b0001);
  });

  it('keeps a bit position per report ID and kind', () => {
    const descriptor = parseReportDescriptor(
      bytes(`
        05 0B 09 05 A1 01
          85 01 15 00 25 01 75 01 95 01 09 20 81 02 95 07 81 01
          85 02 09 2F 95 01 81 06 95 07 81 01
          85 01 09 21 95 08 81 02
        C0`),
    );
    expect(descriptor.usesReportIds).toBe(true);
    const flash = descriptor.fields.at(-1)!;
    expect(flash).toMatchObject({ reportId: 1, bitOffset: 8, count: 8 });
    expect(reportBytes(descriptor, 'input', 1)).toBe(2);
    expect(reportBytes(descriptor, 'input', 2)).toBe(1);
    expect(descriptor.fields[2]!.flags.relative).toBe(true);
  });

  it('reads extended (4-byte) usages and usage ranges, and repeats the last usage of a variable field', () => {
    const descriptor = parseReportDescriptor(
      bytes(`
        05 01 0B 05 00 0B 00 A1 01
          0B 20 00 0B 00 19 01 29 03 05 09 15 00 25 01 75 01 95 05 81 02
        C0`),
    );
    const field = descriptor.fields[0]!;
    expect(descriptor.collections[0]!.usage).toBe(0x0b0005);
    expect(usageAt(field, 0)).toBe(0x0b0020);
    // The range's short usages take the Button page declared after them, as Linux reads it.
    expect(usageAt(field, 1)).toBe(0x090001);
    expect(usageAt(field, 3)).toBe(0x090003);
    expect(usageAt(field, 4)).toBe(0x090003);
  });

  it('gives usages the page in force when they were declared, unless the page came last', () => {
    // Sennheiser's telephony collection: `Usage (7), Usage Page (Button), Usage (1)`.
    const descriptor = parseReportDescriptor(
      bytes('05 0B 09 05 A1 01 09 07 05 09 09 01 15 00 25 01 75 01 95 02 81 02 C0'),
    );
    const field = descriptor.fields[0]!;
    expect(usageAt(field, 0)).toBe(0x0b0007);
    expect(usageAt(field, 1)).toBe(0x090001);
  });

  it('restores the global state on Pop and reads signed logical limits', () => {
    const descriptor = parseReportDescriptor(
      bytes(`
        05 0B 09 05 A1 01
          15 00 25 01 75 01 95 01
          A4 15 FF 25 01 75 02 09 20 81 06 B4
          09 2F 81 02 95 05 81 01
          26 FF 00 75 08 95 01 09 21 81 02
        C0`),
    );
    const [buttons, mute, , wide] = descriptor.fields;
    expect(buttons).toMatchObject({ size: 2, logicalMinimum: -1, logicalMaximum: 1 });
    expect(mute).toMatchObject({ size: 1, bitOffset: 2, logicalMinimum: 0, logicalMaximum: 1 });
    // `26 FF 00` and devices' `25 FF` both mean 255 while the minimum is not negative.
    expect(wide).toMatchObject({ logicalMinimum: 0, logicalMaximum: 255 });
  });

  it('reads array fields with the usages their values select', () => {
    const descriptor = parseReportDescriptor(
      bytes('05 0B 09 07 A1 01 05 0B 19 B0 29 BB 15 00 25 0B 75 04 95 02 81 00 C0'),
    );
    const keys = descriptor.fields[0]!;
    expect(keys.flags.variable).toBe(false);
    expect(usageAt(keys, 5)).toBe(0x0b00b5);
    expect(usageAt(keys, 12)).toBeUndefined();
  });

  it('skips long items and nests collections', () => {
    const descriptor = parseReportDescriptor(
      bytes('05 0B 09 05 A1 01 FE 02 10 AA BB 09 06 A1 02 15 00 25 01 75 01 95 01 09 20 81 02 C0 C0'),
    );
    expect(descriptor.collections).toEqual([
      { type: 1, usage: 0x0b0005, parent: undefined },
      { type: 2, usage: 0x0b0006, parent: 0 },
    ]);
    expect(descriptor.fields[0]!.collection).toBe(1);
    expect(applicationUsageOf(descriptor, descriptor.fields[0]!)).toBe(0x0b0005);
  });

  it.each([
    ['a truncated item', '05 0B 09', /byte 2: item 0x09 needs 1 data bytes/],
    ['an End Collection without a Collection', '05 0B C0', /End Collection without a Collection/],
    ['a Pop without a Push', '05 0B B4', /Pop without a Push/],
    ['a collection left open', '05 0B 09 05 A1 01', /1 collection\(s\) left open/],
    ['report ID 0', '85 00', /report ID 0 is not 1 to 255/],
    ['a truncated long item', 'FE 05 10 01', /long item is truncated/],
    ['a report too long', '75 FF 96 FF 00 81 02', /too long/],
    ['data with and without a report ID', '75 01 95 01 81 02 85 01 81 02', /both with and without a report ID/],
  ])('refuses %s with the offset of the problem', (_name, hex, message) => {
    expect(() => parseReportDescriptor(bytes(hex))).toThrow(DescriptorError);
    expect(() => parseReportDescriptor(bytes(hex))).toThrow(message);
  });
});

describe('real descriptors parse whole', () => {
  it.each([
    [
      'plantronics-blackwire-3220',
      109,
      1,
      { input: { 8: 1 }, output: { 9: 1, 0x17: 1, 0x18: 1, 0x1e: 1, 0x20: 1, 0x2a: 1 } },
    ],
    ['jabra-biz-2400-ii', 332, 5, { input: { 1: 2, 2: 2, 4: 2 }, output: { 2: 2, 4: 2, 5: 63 } }],
    ['sennheiser-sc-660-anc-usb', 273, 3, { input: { 8: 1, 0x19: 1 }, output: { 9: 1 } }],
    ['yealink-wh66', 647, 15, { input: { 1: 7, 2: 2, 4: 2 }, output: { 2: 2, 4: 1 } }],
    ['plantronics-blackwire-c5220', 560, 5, { input: { 2: 1, 8: 1 }, output: { 1: 61, 9: 1, 0x17: 1 } }],
    ['sennheiser-epos-impact-d1', 536, 7, { input: { 1: 1, 2: 1, 4: 1, 0x58: 63 }, output: { 3: 1, 5: 1 } }],
    ['logitech-g535', 59, 2, { input: { 1: 4, 0x11: 19 }, output: { 0x11: 19 } }],
  ] as const)('%s', (name, length, collections, sizes) => {
    const raw = readDescriptorFixture(name);
    expect(raw.length).toBe(length);
    const descriptor = parseReportDescriptor(raw);
    expect(descriptor.usesReportIds).toBe(true);
    expect(descriptor.collections.filter((collection) => collection.parent === undefined).length).toBeGreaterThan(0);
    expect(descriptor.collections.length).toBe(collections);
    for (const [kind, reports] of Object.entries(sizes) as Array<['input' | 'output', Record<number, number>]>) {
      for (const [reportId, size] of Object.entries(reports)) {
        expect(reportBytes(descriptor, kind, Number(reportId)), `${kind} report ${reportId}`).toBe(size);
      }
    }
  });
});

describe('any bytes at all', () => {
  it('parse or fail with a DescriptorError, never anything else', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (raw) => {
        try {
          parseReportDescriptor(raw);
        } catch (error) {
          expect(error).toBeInstanceOf(DescriptorError);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('a real descriptor with bytes flipped parses or fails cleanly, and its controls decode any report', () => {
    const real = readDescriptorFixture('jabra-biz-2400-ii');
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat({ max: real.length - 1 }), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }),
        fc.uint8Array({ maxLength: 70 }),
        (flips, frame) => {
          const raw = real.slice();
          for (const [at, value] of flips) raw[at] = value;
          let descriptor;
          try {
            descriptor = parseReportDescriptor(raw);
          } catch (error) {
            expect(error).toBeInstanceOf(DescriptorError);
            return;
          }
          const controls = findTelephonyControls(descriptor);
          for (const control of [controls.hookSwitch, controls.phoneMute]) {
            if (control) readControl(splitInputReport(frame, controls.usesReportIds), control);
          }
          buildLedReports(descriptor, controls, { offHook: true, ring: true, mute: true });
        },
      ),
      { numRuns: 1000 },
    );
  });
});
