import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  gradeFigures,
  isBetter,
  riseAfterReadings,
  settleGrade,
  shownConnection,
  type ConnectionFigures,
  type ConnectionGrade,
  type SettledGrade,
} from '../../../src/shared/call/connection-grade';

const clean: ConnectionFigures = {
  seconds: 6,
  roundTripSeconds: 0.02,
  lossRatio: 0,
  framesPerSecond: 30,
  freezes: 0,
  frozenRatio: 0,
};

const anyFigures = fc.record({
  seconds: fc.double({ min: 0.5, max: 20, noNaN: true }),
  roundTripSeconds: fc.option(fc.double({ min: 0, max: 3, noNaN: true }), { nil: null }),
  lossRatio: fc.double({ min: 0, max: 1, noNaN: true }),
  framesPerSecond: fc.option(fc.double({ min: 0, max: 60, noNaN: true }), { nil: null }),
  freezes: fc.nat(20),
  frozenRatio: fc.double({ min: 0, max: 1, noNaN: true }),
});

/** A copy of `figures` as bad or worse in every figure: more delay, loss and freezing, fewer frames. */
const worsened = (figures: ConnectionFigures) =>
  fc
    .record({
      roundTrip: fc.double({ min: 0, max: 2, noNaN: true }),
      loss: fc.double({ min: 0, max: 1, noNaN: true }),
      frames: fc.double({ min: 0, max: 1, noNaN: true }),
      frozen: fc.double({ min: 0, max: 1, noNaN: true }),
    })
    .map(({ roundTrip, loss, frames, frozen }): ConnectionFigures => ({
      ...figures,
      roundTripSeconds: (figures.roundTripSeconds ?? 0) + roundTrip,
      lossRatio: figures.lossRatio + (1 - figures.lossRatio) * loss,
      framesPerSecond: figures.framesPerSecond === null ? null : figures.framesPerSecond * frames,
      frozenRatio: figures.frozenRatio + (1 - figures.frozenRatio) * frozen,
    }));

const anyGrade = fc.constantFrom<ConnectionGrade>('good', 'fair', 'poor');

/** The grades the indicator shows for `readings`, one after each. */
function settleAll(readings: ConnectionGrade[]): ConnectionGrade[] {
  let settled: SettledGrade | undefined;
  return readings.map((measured) => (settled = settleGrade(settled, measured)).grade);
}

describe('grading the figures', () => {
  it('grades examples at and around each limit', () => {
    expect(gradeFigures(clean)).toBe('good');
    expect(gradeFigures({ ...clean, roundTripSeconds: null, framesPerSecond: null })).toBe('good');
    expect(gradeFigures({ ...clean, roundTripSeconds: 0.299 })).toBe('good');
    expect(gradeFigures({ ...clean, roundTripSeconds: 0.3 })).toBe('fair');
    expect(gradeFigures({ ...clean, roundTripSeconds: 0.6 })).toBe('poor');
    expect(gradeFigures({ ...clean, lossRatio: 0.03 })).toBe('fair');
    expect(gradeFigures({ ...clean, lossRatio: 0.2 })).toBe('poor');
    expect(gradeFigures({ ...clean, framesPerSecond: 15 })).toBe('good');
    expect(gradeFigures({ ...clean, framesPerSecond: 12 })).toBe('fair');
    expect(gradeFigures({ ...clean, framesPerSecond: 5 })).toBe('poor');
    expect(gradeFigures({ ...clean, frozenRatio: 0.055, freezes: 1 })).toBe('good');
    expect(gradeFigures({ ...clean, frozenRatio: 0.15 })).toBe('fair');
    expect(gradeFigures({ ...clean, frozenRatio: 0.5, freezes: 3 })).toBe('poor');
    // No picture expected (the camera is off): the frame rate asks nothing of the link.
    expect(gradeFigures({ ...clean, framesPerSecond: null, lossRatio: 0.01 })).toBe('good');
  });

  it('never gives worse figures a better grade', () => {
    fc.assert(
      fc.property(
        anyFigures.chain((figures) => fc.tuple(fc.constant(figures), worsened(figures))),
        ([better, worse]) => !isBetter(gradeFigures(worse), gradeFigures(better)),
      ),
    );
  });

  it('grades by the worst figure: one bad figure is enough for poor', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<Partial<ConnectionFigures>>(
          { roundTripSeconds: 0.9 },
          { lossRatio: 0.15 },
          { framesPerSecond: 3 },
          { frozenRatio: 0.3 },
        ),
        (bad) => gradeFigures({ ...clean, ...bad }) === 'poor',
      ),
    );
  });
});

describe('settling the shown grade', () => {
  it('drops at once and rises only after readings in a row at the better grade', () => {
    expect(settleAll(['good', 'poor', 'good', 'good', 'good', 'good'])).toEqual([
      'good',
      'poor',
      'poor',
      'poor',
      'good',
      'good',
    ]);
    // A rise goes only as high as the worst of the better readings.
    expect(settleAll(['poor', 'good', 'fair', 'good'])).toEqual(['poor', 'poor', 'poor', 'fair']);
    // One reading no better breaks the run.
    expect(settleAll(['poor', 'good', 'good', 'poor', 'good', 'good'])).toEqual([
      'poor',
      'poor',
      'poor',
      'poor',
      'poor',
      'poor',
    ]);
  });

  it('never shows a better grade than the reading just measured', () => {
    fc.assert(
      fc.property(fc.array(anyGrade, { minLength: 1, maxLength: 60 }), (readings) =>
        settleAll(readings).every((shown, index) => !isBetter(shown, readings[index] as ConnectionGrade)),
      ),
    );
  });

  it('rises only after enough readings in a row as good as the new grade, so it does not flicker', () => {
    fc.assert(
      fc.property(fc.array(anyGrade, { minLength: 1, maxLength: 60 }), (readings) => {
        const shown = settleAll(readings);
        return shown.every((grade, index) => {
          const before = shown[index - 1];
          if (index === 0 || before === undefined || !isBetter(grade, before)) return true;
          const run = readings.slice(index - riseAfterReadings + 1, index + 1);
          return run.length === riseAfterReadings && run.every((reading) => !isBetter(grade, reading));
        });
      }),
    );
  });

  it('stays down on a link that swings between grades at every reading', () => {
    fc.assert(
      fc.property(anyGrade, anyGrade, fc.integer({ min: 2, max: 40 }), (a, b, count) => {
        const readings = Array.from({ length: count }, (_, index) => (index % 2 === 0 ? a : b));
        const worst = isBetter(a, b) ? b : a;
        return settleAll(readings)
          .slice(1)
          .every((grade) => grade === worst);
      }),
    );
  });
});

describe('what the indicator shows', () => {
  it('says reconnecting from the transport state, the grade in the call, nothing otherwise', () => {
    expect(shownConnection('reconnecting', 'good')).toBe('reconnecting');
    expect(shownConnection('in_call', 'fair')).toBe('fair');
    expect(shownConnection('in_call', null)).toBeNull();
    expect(shownConnection('waiting', 'good')).toBeNull();
  });
});
