import { describe, expect, it, vi } from 'vitest';
import { FakeWebContents } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));
const { forwardKeys } = await import('../../../src/main/electron/key-input');
const { KeyStreamHub } = await import('../../../src/main/input/key-stream-hub');
const { BadgeReader } = await import('../../../src/main/staff/badge-reader');

describe('the Electron key stream producer', () => {
  it('gives main every key down, and keeps from the page only a key a consumer took', () => {
    vi.useFakeTimers();
    try {
      const contents = new FakeWebContents();
      const keys = new KeyStreamHub();
      const badges: string[] = [];
      keys.add(new BadgeReader((number) => badges.push(number)));
      forwardKeys(contents as never, keys);
      const press = (key: string, type = 'keyDown') => {
        const event = { preventDefault: vi.fn() };
        contents.emit('before-input-event', event, { type, key, code: key === 'Enter' ? 'Enter' : `Digit${key}` });
        vi.advanceTimersByTime(5);
        return event.preventDefault.mock.calls.length > 0;
      };

      const kept = [...'7001'].map((key) => press(key));
      expect(press('7', 'keyUp')).toBe(false);
      expect(kept).toEqual([false, false, false, false]);
      expect(press('Enter')).toBe(true);
      expect(badges).toEqual(['7001']);
    } finally {
      vi.useRealTimers();
    }
  });
});
