import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { Keypad } from '../../src/renderer/keypad/Keypad';
import { renderIn } from './support';

function renderKeypad(language: 'en' | 'es', disabled = false) {
  const handlers = { onDigit: vi.fn(), onDelete: vi.fn(), onClear: vi.fn() };
  renderIn(language, <Keypad {...handlers} disabled={disabled} />);
  return handlers;
}

describe('keypad', () => {
  it('types every digit, and clears and deletes, by the names a person reads', async () => {
    const { onDigit, onDelete, onClear } = renderKeypad('en');
    const keypad = screen.getByRole('group', { name: 'Keypad' });
    for (const digit of '1234567890') await userEvent.click(within(keypad).getByRole('button', { name: digit }));
    expect(onDigit.mock.calls.map(([digit]) => digit).join('')).toBe('1234567890');
    await userEvent.click(within(keypad).getByRole('button', { name: 'Delete' }));
    await userEvent.click(within(keypad).getByRole('button', { name: 'Clear' }));
    expect(onDelete).toHaveBeenCalledTimes(1);
    expect(onClear).toHaveBeenCalledTimes(1);
  });

  it('speaks Spanish when the kiosk does', async () => {
    const { onDelete, onClear } = renderKeypad('es');
    const keypad = screen.getByRole('group', { name: 'Teclado' });
    await userEvent.click(within(keypad).getByRole('button', { name: 'Borrar' }));
    await userEvent.click(within(keypad).getByRole('button', { name: 'Limpiar' }));
    expect(onDelete).toHaveBeenCalledTimes(1);
    expect(onClear).toHaveBeenCalledTimes(1);
    expect(within(keypad).getAllByRole('button')).toHaveLength(12);
  });

  it('takes no touches while disabled', async () => {
    const { onDigit } = renderKeypad('en', true);
    for (const button of screen.getAllByRole('button')) expect((button as HTMLButtonElement).disabled).toBe(true);
    await userEvent.click(screen.getByRole('button', { name: '5' }));
    expect(onDigit).not.toHaveBeenCalled();
  });
});
