import type { KioskScreen, KioskSnapshot } from '../../shared/contract/kiosk';

type Listener = (snapshot: KioskSnapshot) => void;

const transitions: Record<KioskScreen, Partial<Record<KioskAction, KioskScreen>>> = {
  attract: { begin: 'signIn' },
  signIn: { cancel: 'attract' },
};

export type KioskAction = 'begin' | 'cancel';

/**
 * The kiosk's screen state lives in main so it survives a renderer crash or reload: a fresh
 * renderer asks for the snapshot and draws the same screen. Actions a screen does not accept are
 * ignored, which makes double taps and late events harmless.
 */
export class KioskMachine {
  private screen: KioskScreen = 'attract';
  private revision = 0;
  private readonly listeners = new Set<Listener>();

  snapshot(): KioskSnapshot {
    return { screen: this.screen, revision: this.revision };
  }

  dispatch(action: KioskAction): KioskSnapshot {
    const next = transitions[this.screen][action];
    if (next !== undefined && next !== this.screen) {
      this.screen = next;
      this.revision += 1;
      const snapshot = this.snapshot();
      for (const listener of this.listeners) listener(snapshot);
    }
    return this.snapshot();
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
