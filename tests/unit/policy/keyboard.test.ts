import { describe, expect, it } from 'vitest';
import { decideKeyInput } from '../../../src/main/policy/keyboard';

const plain = { control: false, meta: false, alt: false, shift: false };
const field = { devTools: false };

describe('keyboard policy', () => {
  it.each(['1', 'a', 'Z', ' ', 'ñ', 'Backspace', 'Enter', 'Tab', 'Escape', 'ArrowLeft'])('lets %s through', (key) => {
    expect(decideKeyInput({ ...plain, key }, field)).toEqual({ allow: true });
  });

  it.each([
    [{ ...plain, key: 'F5' }, 'key F5'],
    [{ ...plain, key: 'F11' }, 'key F11'],
    [{ ...plain, key: 'F12' }, 'key F12'],
    [{ ...plain, key: 'BrowserBack' }, 'key BrowserBack'],
    [{ ...plain, key: 'Print' }, 'key Print'],
    [{ ...plain, control: true, key: 'r' }, 'Ctrl+r'],
    [{ ...plain, control: true, shift: true, key: 'R' }, 'Ctrl+Shift+R'],
    [{ ...plain, control: true, shift: true, key: 'I' }, 'Ctrl+Shift+I'],
    [{ ...plain, control: true, key: 'p' }, 'Ctrl+p'],
    [{ ...plain, control: true, key: 'w' }, 'Ctrl+w'],
    [{ ...plain, control: true, key: '=' }, 'Ctrl+='],
    [{ ...plain, control: true, key: '-' }, 'Ctrl+-'],
    [{ ...plain, control: true, key: '0' }, 'Ctrl+0'],
    [{ ...plain, alt: true, key: 'F4' }, 'Alt+F4'],
    [{ ...plain, alt: true, key: 'ArrowLeft' }, 'Alt+ArrowLeft'],
    [{ ...plain, meta: true, key: 'q' }, 'Meta+q'],
  ])('blocks %o', (input, reason) => {
    const decision = decideKeyInput(input, field);
    expect(decision.allow ? '' : decision.reason).toContain(reason);
  });

  it('passes only the DevTools shortcuts with the developer flag', () => {
    const devTools = { devTools: true };
    expect(decideKeyInput({ ...plain, key: 'F12' }, devTools).allow).toBe(true);
    expect(decideKeyInput({ ...plain, control: true, shift: true, key: 'I' }, devTools).allow).toBe(true);
    expect(decideKeyInput({ ...plain, control: true, key: 'r' }, devTools).allow).toBe(false);
  });
});
