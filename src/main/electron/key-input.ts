import type { WebContents } from 'electron';
import type { KeyStreamHub } from '../input/key-stream-hub';

/**
 * The Electron host's key stream producer: main sees every key before the page does, so a key a
 * consumer takes (a badge's closing Enter) never reaches it.
 */
export function forwardKeys(contents: WebContents, keys: KeyStreamHub): void {
  contents.on('before-input-event', (event, input) => {
    if (input.type !== 'keyDown' && input.type !== 'rawKeyDown') return;
    if (keys.push({ key: input.key, code: input.code, at: Date.now() })) event.preventDefault();
  });
}
