import { describe, expect, it } from 'vitest';
import { LedgerAccumulator } from '../../../src/main/visit/ledger-accumulator';

const iso = (second: number): string => new Date(Date.UTC(2026, 10, 22, 14, 0, second)).toISOString();

describe('the ledger accumulator', () => {
  it('counts nothing before media first flows, and nothing after the stop', () => {
    const ledger = new LedgerAccumulator('v');
    ledger.disconnect(1_000, iso(1), 'ignored');
    expect(ledger.accruing).toBe(false);
    ledger.connect(5_000, iso(5));
    ledger.stop(7_000, iso(7));
    ledger.connect(9_000, iso(9));
    expect(ledger.entry(20_000, true)).toEqual({
      visitId: 'v',
      connectedSeconds: 2,
      disconnectedSeconds: 0,
      drops: [],
      final: true,
    });
  });

  it('never counts a span twice when the monotonic clock is read out of order', () => {
    const ledger = new LedgerAccumulator('v');
    ledger.connect(0, iso(0));
    expect(ledger.entry(2_000, false).connectedSeconds).toBe(2);
    expect(ledger.entry(1_500, false).connectedSeconds).toBe(2);
    expect(ledger.entry(2_500, false).connectedSeconds).toBe(2.5);
  });

  it('keeps the latest 1000 drops, the schema’s limit, while the totals count them all', () => {
    const ledger = new LedgerAccumulator('v');
    let at = 0;
    ledger.connect(at, iso(0));
    for (let drop = 0; drop < 1005; drop++) {
      ledger.disconnect((at += 1000), iso(drop % 60), `drop ${drop}`);
      ledger.connect((at += 1000), iso(drop % 60));
    }
    const entry = ledger.entry(at, false);
    expect(entry.drops).toHaveLength(1000);
    expect(entry.drops[0]?.cause).toBe('drop 5');
    expect(entry.disconnectedSeconds).toBe(1005);
  });

  it('dates a drop noticed late at its true start, moving that time from connected to disconnected', () => {
    const ledger = new LedgerAccumulator('v');
    ledger.connect(10_000, iso(10));
    // Written at 14 s, then the stall noticed at 15 s: the last packet came at 13.8 s.
    expect(ledger.entry(14_000, false).connectedSeconds).toBe(4);
    ledger.disconnect(13_800, iso(13), 'media_stalled');
    expect(ledger.entry(15_000, false)).toMatchObject({ connectedSeconds: 3.8, disconnectedSeconds: 1.2 });
    // Never before the stretch began.
    ledger.connect(20_000, iso(20));
    ledger.disconnect(5_000, iso(5), 'media_stalled');
    expect(ledger.entry(20_000, false)).toMatchObject({ connectedSeconds: 3.8, disconnectedSeconds: 6.2 });
  });

  it('dates a return confirmed late at its first packet, moving that time from disconnected to connected', () => {
    const ledger = new LedgerAccumulator('v');
    ledger.connect(0, iso(0));
    ledger.disconnect(4_000, iso(4), 'media_stalled');
    // Written at 9 s, then the return confirmed at 9.5 s: the first packet came at 8.7 s.
    expect(ledger.entry(9_000, false)).toMatchObject({ connectedSeconds: 4, disconnectedSeconds: 5 });
    ledger.connect(8_700, iso(8));
    expect(ledger.entry(10_000, false)).toMatchObject({ connectedSeconds: 5.3, disconnectedSeconds: 4.7 });
    // Never before the drop began.
    ledger.disconnect(12_000, iso(12), 'media_stalled');
    ledger.connect(1_000, iso(1));
    expect(ledger.entry(13_000, false)).toMatchObject({ connectedSeconds: 8.3, disconnectedSeconds: 4.7 });
  });

  it('starts the first stretch at its first packet though the ledger was written since', () => {
    const ledger = new LedgerAccumulator('v');
    expect(ledger.entry(3_000, false).connectedSeconds).toBe(0);
    ledger.connect(2_400, iso(2));
    expect(ledger.entry(4_000, false).connectedSeconds).toBe(1.6);
  });

  it('stops at a hang-up that reached the server before it was confirmed, taking back what was counted since', () => {
    const ledger = new LedgerAccumulator('v');
    ledger.connect(0, iso(0));
    expect(ledger.entry(5_000, false).connectedSeconds).toBe(5);
    ledger.stop(4_800, iso(4));
    expect(ledger.entry(9_000, true)).toMatchObject({ connectedSeconds: 4.8, disconnectedSeconds: 0 });
    // In a drop, never before the drop began.
    const dropped = new LedgerAccumulator('v');
    dropped.connect(0, iso(0));
    dropped.disconnect(2_000, iso(2), 'media_stalled');
    expect(dropped.entry(3_000, false).disconnectedSeconds).toBe(1);
    dropped.stop(1_000, iso(1));
    expect(dropped.entry(4_000, true)).toMatchObject({ connectedSeconds: 2, disconnectedSeconds: 0 });
  });

  it('cuts a cause to the schema’s length', () => {
    const ledger = new LedgerAccumulator('v');
    ledger.connect(0, iso(0));
    ledger.disconnect(1, iso(0), 'x'.repeat(500));
    expect(ledger.openCause).toHaveLength(200);
  });
});
