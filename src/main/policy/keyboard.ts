import { allow, deny, type Decision } from './decision';

/** The subset of Electron's `Input` that the decision reads. */
export interface KeyInput {
  key: string;
  control: boolean;
  meta: boolean;
  alt: boolean;
  shift: boolean;
}

/** Keys a touchscreen's on-screen keypad or a technician's USB keyboard may legitimately send. */
const editingKeys = new Set([
  'Backspace',
  'Delete',
  'Enter',
  'Tab',
  'Escape',
  'ArrowUp',
  'ArrowDown',
  'ArrowLeft',
  'ArrowRight',
  'Home',
  'End',
  'Shift',
  'CapsLock',
]);

/**
 * Deny by default: a plain character or editing key passes; every modifier chord, function key and
 * browser key (reload, zoom, print, close, DevTools, back, fullscreen) is stopped before Chromium
 * sees it. DevTools' own shortcut passes only when the developer flag is set.
 */
export function decideKeyInput(input: KeyInput, options: { devTools: boolean }): Decision {
  if (options.devTools && isDevToolsShortcut(input)) return allow;
  if (input.control || input.meta || input.alt) return deny(`shortcut ${describeChord(input)} is blocked`);
  if ([...input.key].length === 1) return allow;
  if (editingKeys.has(input.key)) return allow;
  return deny(`key ${input.key.slice(0, 30)} is blocked`);
}

function isDevToolsShortcut(input: KeyInput): boolean {
  if (input.key === 'F12') return true;
  return input.control && input.shift && !input.alt && !input.meta && input.key.toUpperCase() === 'I';
}

function describeChord(input: KeyInput): string {
  const parts = [input.control && 'Ctrl', input.meta && 'Meta', input.alt && 'Alt', input.shift && 'Shift'];
  return [...parts.filter(Boolean), input.key.slice(0, 30)].join('+');
}
