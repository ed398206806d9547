import { powerSaveBlocker } from 'electron';

/** A visitation kiosk is a fixture on a wall: its screen never sleeps. */
export function keepDisplayAwake(): number {
  return powerSaveBlocker.start('prevent-display-sleep');
}
