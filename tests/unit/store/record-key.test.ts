import { describe, expect, it } from 'vitest';
import { newRecordKey } from '../../../src/main/store/record-key';

describe('record keys', () => {
  it('are UUIDv7: the creation time first, then random bits', () => {
    const at = Date.parse('2026-11-22T08:00:00.000Z');
    const key = newRecordKey(at);
    expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(key.slice(0, 8) + key.slice(9, 13), 16)).toBe(at);
  });

  it('sort by creation time and do not repeat', () => {
    const keys = Array.from({ length: 10_000 }, (_, index) => newRecordKey(1_000_000 + Math.floor(index / 100)));
    expect(new Set(keys).size).toBe(keys.length);
    const prefixes = keys.map((key) => key.slice(0, 13));
    expect([...prefixes].sort()).toEqual(prefixes);
  });
});
