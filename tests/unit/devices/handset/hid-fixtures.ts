import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** A report descriptor from `tests/fixtures/hid/`: hex bytes, with `#` lines saying where it came from. */
export function readDescriptorFixture(name: string): Uint8Array {
  const text = readFileSync(fileURLToPath(new URL(`../../../fixtures/hid/${name}.hex`, import.meta.url)), 'utf8');
  const hex = text
    .split('\n')
    .filter((line) => !line.startsWith('#'))
    .join(' ')
    .trim()
    .split(/\s+/);
  return new Uint8Array(hex.map((byte) => Number.parseInt(byte, 16)));
}

/** Bytes written as hex, the way descriptor dumps print them: `'05 0B 09 05'`. */
export function bytes(hex: string): Uint8Array {
  return new Uint8Array(
    hex
      .trim()
      .split(/\s+/)
      .map((byte) => Number.parseInt(byte, 16)),
  );
}
