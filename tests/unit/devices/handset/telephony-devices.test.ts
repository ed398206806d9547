import { describe, expect, it } from 'vitest';
import { extendedUsage } from '../../../../src/main/devices/handset/hid-usages';
import { buildLedReports, readControl, splitInputReport } from '../../../../src/main/devices/handset/report-codec';
import { parseReportDescriptor } from '../../../../src/main/devices/handset/report-descriptor';
import { findInputControl, findTelephonyControls } from '../../../../src/main/devices/handset/telephony-controls';
import { bytes, readDescriptorFixture } from './hid-fixtures';

function controlsOf(name: string) {
  const descriptor = parseReportDescriptor(readDescriptorFixture(name));
  return { descriptor, controls: findTelephonyControls(descriptor) };
}

function hex(frame: Uint8Array): string {
  return Buffer.from(frame).toString('hex');
}

const off = { offHook: false, ring: false, mute: false };

/**
 * Each real headset: where its hook switch, mute button and LEDs sit (read by hand from the
 * descriptor's items), what an input report from it decodes to, and the LED reports built for it.
 */
describe('real handsets and headsets', () => {
  it('Plantronics Blackwire 3220: one report ID per LED, a relative mute', () => {
    const { descriptor, controls } = controlsOf('plantronics-blackwire-3220');
    expect(controls.hookSwitch).toMatchObject({
      reportId: 8,
      behaviour: 'state',
      placement: { kind: 'variable', bitOffset: 1 },
    });
    expect(controls.phoneMute).toMatchObject({ reportId: 8, behaviour: 'toggle', placement: { bitOffset: 0 } });
    expect(controls.leds.mute).toMatchObject({ reportId: 9 });
    expect(controls.leds.offHook).toMatchObject({ reportId: 0x17 });
    expect(controls.leds.ring).toMatchObject({ reportId: 0x18 });

    const lifted = splitInputReport(bytes('08 02'), true);
    expect(readControl(lifted, controls.hookSwitch!)).toBe(1);
    expect(readControl(lifted, controls.phoneMute!)).toBe(0);
    expect(readControl(splitInputReport(bytes('08 01'), true), controls.phoneMute!)).toBe(1);
    expect(readControl(splitInputReport(bytes('09 01'), true), controls.hookSwitch!)).toBeUndefined();

    const reports = buildLedReports(descriptor, controls, { offHook: true, ring: false, mute: true });
    expect(reports.map((report) => hex(report.frame))).toEqual(['0901', '1701', '1800']);
  });

  it('Jabra BIZ 2400 II: Off-Hook, Mute and Ring share report 2; vendor-page copies are ignored', () => {
    const { descriptor, controls } = controlsOf('jabra-biz-2400-ii');
    expect(controls.hookSwitch).toMatchObject({ reportId: 2, behaviour: 'state', placement: { bitOffset: 0 } });
    expect(controls.phoneMute).toMatchObject({ reportId: 2, behaviour: 'toggle', placement: { bitOffset: 2 } });
    expect(controls.leds).toMatchObject({
      offHook: { reportId: 2, placement: { bitOffset: 0 } },
      mute: { reportId: 2, placement: { bitOffset: 1 } },
      ring: { reportId: 2, placement: { bitOffset: 2 } },
    });

    expect(readControl(splitInputReport(bytes('02 01 00'), true), controls.hookSwitch!)).toBe(1);
    expect(readControl(splitInputReport(bytes('02 04 00'), true), controls.phoneMute!)).toBe(1);
    // Report 4 is the 0xFF30 vendor copy of the same controls: not the handset's hook switch.
    expect(readControl(splitInputReport(bytes('04 01 00'), true), controls.hookSwitch!)).toBeUndefined();

    // Every LED in the shared report is written from the state of all of them.
    expect(
      buildLedReports(descriptor, controls, { offHook: true, ring: true, mute: false }).map((r) => hex(r.frame)),
    ).toEqual(['020500']);
    expect(
      buildLedReports(descriptor, controls, { offHook: true, ring: true, mute: true }).map((r) => hex(r.frame)),
    ).toEqual(['020700']);
    expect(buildLedReports(descriptor, controls, off).map((r) => hex(r.frame))).toEqual(['020000']);
  });

  it('Jabra BIZ 2400 II: its telephony keypad is an array field', () => {
    const { descriptor } = controlsOf('jabra-biz-2400-ii');
    const key5 = findInputControl(descriptor, extendedUsage(0x0b, 0xb5))!;
    expect(key5).toMatchObject({
      reportId: 2,
      placement: { kind: 'array', bitOffset: 7, size: 4, count: 1, arrayValue: 5 },
    });
    // Key 5 selected: value 5 in bits 7..10 of report 2.
    expect(readControl(splitInputReport(bytes('02 80 02'), true), key5)).toBe(1);
    expect(readControl(splitInputReport(bytes('02 00 03'), true), key5)).toBe(0);
  });

  it('Sennheiser SC 660 ANC USB: LEDs in report 9 after a Consumer collection', () => {
    const { descriptor, controls } = controlsOf('sennheiser-sc-660-anc-usb');
    expect(controls.hookSwitch).toMatchObject({ reportId: 8, behaviour: 'state', placement: { bitOffset: 1 } });
    expect(controls.phoneMute).toMatchObject({ reportId: 8, behaviour: 'toggle', placement: { bitOffset: 0 } });
    expect(controls.leds).toMatchObject({
      mute: { reportId: 9, placement: { bitOffset: 0 } },
      offHook: { reportId: 9, placement: { bitOffset: 1 } },
      ring: { reportId: 9, placement: { bitOffset: 2 } },
    });
    expect(readControl(splitInputReport(bytes('08 02'), true), controls.hookSwitch!)).toBe(1);
    expect(readControl(splitInputReport(bytes('08 01'), true), controls.hookSwitch!)).toBe(0);
    expect(
      buildLedReports(descriptor, controls, { offHook: true, ring: false, mute: false }).map((r) => hex(r.frame)),
    ).toEqual(['0902']);
  });

  it('Yealink WH66: the standard Telephony collection wins over the 0xFF30 vendor copy', () => {
    const { descriptor, controls } = controlsOf('yealink-wh66');
    expect(controls.hookSwitch).toMatchObject({ reportId: 2, behaviour: 'state', placement: { bitOffset: 0 } });
    expect(controls.phoneMute).toMatchObject({ reportId: 2, behaviour: 'toggle', placement: { bitOffset: 2 } });
    expect(controls.leds).toMatchObject({
      offHook: { reportId: 2, placement: { bitOffset: 0 } },
      mute: { reportId: 2, placement: { bitOffset: 1 } },
      ring: { reportId: 2, placement: { bitOffset: 2 } },
    });
    expect(readControl(splitInputReport(bytes('02 01 00'), true), controls.hookSwitch!)).toBe(1);
    expect(
      buildLedReports(descriptor, controls, { offHook: false, ring: true, mute: false }).map((r) => hex(r.frame)),
    ).toEqual(['020400']);
  });

  it('EPOS IMPACT D1: an application collection nested in the Telephony one; LEDs share report 3', () => {
    const { descriptor, controls } = controlsOf('sennheiser-epos-impact-d1');
    expect(controls.hookSwitch).toMatchObject({ reportId: 2, behaviour: 'state', placement: { bitOffset: 0 } });
    expect(controls.phoneMute).toMatchObject({ reportId: 2, behaviour: 'toggle', placement: { bitOffset: 3 } });
    expect(controls.leds).toMatchObject({
      offHook: { reportId: 3, placement: { bitOffset: 0 } },
      ring: { reportId: 3, placement: { bitOffset: 2 } },
      mute: { reportId: 3, placement: { bitOffset: 3 } },
    });
    expect(readControl(splitInputReport(bytes('02 09'), true), controls.hookSwitch!)).toBe(1);
    expect(readControl(splitInputReport(bytes('02 09'), true), controls.phoneMute!)).toBe(1);
    // Report 4 is the 0xFF13 vendor copy.
    expect(readControl(splitInputReport(bytes('04 01'), true), controls.hookSwitch!)).toBeUndefined();
    expect(
      buildLedReports(descriptor, controls, { offHook: true, ring: true, mute: false }).map((r) => hex(r.frame)),
    ).toEqual(['0305']);
  });

  it('Logitech G535: a gaming headset without Telephony controls offers none', () => {
    const { descriptor, controls } = controlsOf('logitech-g535');
    expect(controls.hookSwitch).toBeUndefined();
    expect(controls.phoneMute).toBeUndefined();
    expect(buildLedReports(descriptor, controls, { offHook: true, ring: true, mute: true })).toEqual([]);
  });

  it('Plantronics Blackwire C5220: found among Consumer and vendor collections', () => {
    const { controls } = controlsOf('plantronics-blackwire-c5220');
    expect(controls.hookSwitch).toMatchObject({ reportId: 8, behaviour: 'state', placement: { bitOffset: 1 } });
    expect(controls.phoneMute).toMatchObject({ reportId: 8, behaviour: 'toggle', placement: { bitOffset: 0 } });
    expect(controls.leds).toMatchObject({
      mute: { reportId: 9 },
      offHook: { reportId: 0x17 },
      ring: { reportId: 0x18 },
    });
  });
});

describe('controls of every kind', () => {
  it('reads a device without report IDs (report ID 0) and writes its LED report with a leading 0', () => {
    const descriptor = parseReportDescriptor(
      bytes(`
        05 0B 09 01 A1 01
          15 00 25 01 75 01 95 02 09 20 09 2F 81 22 95 06 81 01
          05 08 09 09 09 18 09 17 95 03 91 22 95 05 91 01
        C0`),
    );
    const controls = findTelephonyControls(descriptor);
    expect(controls.usesReportIds).toBe(false);
    const report = splitInputReport(bytes('01'), false);
    expect(report.reportId).toBe(0);
    expect(readControl(report, controls.hookSwitch!)).toBe(1);
    expect(readControl(splitInputReport(bytes('02'), false), controls.hookSwitch!)).toBe(0);
    expect(
      buildLedReports(descriptor, controls, { offHook: true, ring: false, mute: true }).map((r) => hex(r.frame)),
    ).toEqual(['0005']);
  });

  it('tells the three kinds of on/off control apart', () => {
    const descriptor = parseReportDescriptor(
      bytes(`
        05 0B 09 05 A1 01
          85 01 15 00 25 01 75 01 95 01 09 20 81 22 95 07 81 01
          85 02 09 2F 81 06 95 07 81 01
          85 03 15 FF 25 01 75 02 95 01 09 20 81 06 95 03 81 01
        C0`),
    );
    expect(findTelephonyControls(descriptor).hookSwitch?.behaviour).toBe('state');
    expect(findTelephonyControls(descriptor).phoneMute?.behaviour).toBe('toggle');
    const buttons = parseReportDescriptor(
      bytes('05 0B 09 05 A1 01 85 03 15 FF 25 01 75 02 95 01 09 20 81 06 75 06 81 01 C0'),
    );
    const hook = findTelephonyControls(buttons).hookSwitch!;
    expect(hook.behaviour).toBe('on-off-buttons');
    expect(readControl(splitInputReport(bytes('03 01'), true), hook)).toBe(1);
    expect(readControl(splitInputReport(bytes('03 03'), true), hook)).toBe(-1);
    expect(readControl(splitInputReport(bytes('03 00'), true), hook)).toBe(0);
  });

  it('finds a hook switch in an array field and reads it in any element', () => {
    const descriptor = parseReportDescriptor(bytes('05 0B 09 05 A1 01 15 01 25 02 75 04 95 02 09 2F 09 20 81 00 C0'));
    const hook = findTelephonyControls(descriptor).hookSwitch!;
    expect(hook.placement).toEqual({ kind: 'array', bitOffset: 0, size: 4, count: 2, arrayValue: 2 });
    expect(readControl(splitInputReport(bytes('21'), false), hook)).toBe(1);
    expect(readControl(splitInputReport(bytes('12'), false), hook)).toBe(1);
    expect(readControl(splitInputReport(bytes('01'), false), hook)).toBe(0);
    expect(readControl(splitInputReport(new Uint8Array(0), false), hook)).toBeUndefined();
  });

  it('lights LEDs of an array output by listing the lit ones', () => {
    const descriptor = parseReportDescriptor(
      bytes(`
        05 0B 09 05 A1 01 85 01 15 00 25 01 75 01 95 01 09 20 81 02 95 07 81 01
          85 02 05 08 15 01 25 03 75 08 95 02 09 17 09 18 09 09 91 00
        C0`),
    );
    const controls = findTelephonyControls(descriptor);
    expect(
      buildLedReports(descriptor, controls, { offHook: true, ring: false, mute: true }).map((r) => hex(r.frame)),
    ).toEqual(['020103']);
    expect(buildLedReports(descriptor, controls, off).map((r) => hex(r.frame))).toEqual(['020000']);
  });

  it('prefers the controls of a Telephony application collection to the same usages elsewhere', () => {
    const descriptor = parseReportDescriptor(
      bytes(`
        05 0C 09 01 A1 01 85 01 15 00 25 01 75 01 95 01 05 0B 09 20 81 22 95 07 81 01
          05 08 09 17 95 01 91 22 95 07 91 01 C0
        05 0B 09 05 A1 01 85 02 15 00 25 01 75 01 95 01 09 20 81 22 95 07 81 01
          05 08 09 17 95 01 91 22 95 07 91 01 C0`),
    );
    const controls = findTelephonyControls(descriptor);
    expect(controls.hookSwitch?.reportId).toBe(2);
    expect(controls.leds.offHook?.reportId).toBe(2);
    // Without a Telephony collection, the first field with the usage serves.
    const consumerOnly = parseReportDescriptor(
      bytes('05 0C 09 01 A1 01 85 01 15 00 25 01 75 01 95 01 05 0B 09 20 81 22 95 07 81 01 C0'),
    );
    expect(findTelephonyControls(consumerOnly).hookSwitch?.reportId).toBe(1);
  });

  it('has no controls in a descriptor without the Telephony usages', () => {
    const descriptor = parseReportDescriptor(
      bytes('05 0C 09 01 A1 01 15 00 25 01 75 01 95 02 09 E9 09 EA 81 02 95 06 81 01 C0'),
    );
    const controls = findTelephonyControls(descriptor);
    expect(controls.hookSwitch).toBeUndefined();
    expect(controls.phoneMute).toBeUndefined();
    expect(buildLedReports(descriptor, controls, { offHook: true, ring: true, mute: true })).toEqual([]);
  });
});
