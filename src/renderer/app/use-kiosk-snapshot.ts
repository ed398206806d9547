import { useSyncExternalStore } from 'react';
import type { KioskBridge } from '../../shared/contract/client';
import type { ContractFailure } from '../../shared/contract/frames';
import type { KioskSnapshot } from '../../shared/contract/kiosk';

export type SnapshotState =
  | { status: 'loading' }
  | { status: 'unavailable'; failure: ContractFailure }
  | { status: 'ready'; snapshot: KioskSnapshot };

/** Main's snapshot as the renderer has it, for `useKioskSnapshot`. */
export interface KioskSnapshotFeed {
  current(): SnapshotState;
  subscribe(listener: () => void): () => void;
}

/**
 * Main owns the kiosk's state; this mirrors it for the life of the page. `main.tsx` calls it as the
 * bundle starts, not from a component's effect, so the first snapshot is asked for as soon as the
 * contract is open rather than after React's first render. Events and the first answer can arrive
 * in either order, so the snapshot with the highest revision wins.
 *
 * `first` is one the host handed over with the page, drawn until the contract brings one. Whatever
 * the contract brings replaces it, whatever its revision: main may have restarted since it served
 * the page, and a new main counts revisions from zero again.
 */
export function followKioskSnapshot(bridge: KioskBridge, first?: KioskSnapshot): KioskSnapshotFeed {
  let state: SnapshotState = first === undefined ? { status: 'loading' } : { status: 'ready', snapshot: first };
  let fromContract = false;
  const listeners = new Set<() => void>();
  const publish = (next: SnapshotState): void => {
    state = next;
    for (const listener of listeners) listener();
  };
  const accept = (snapshot: KioskSnapshot): void => {
    if (fromContract && state.status === 'ready' && state.snapshot.revision >= snapshot.revision) return;
    fromContract = true;
    publish({ status: 'ready', snapshot });
  };
  bridge.on('kiosk.state', accept);
  void bridge.request('kiosk.getState', {}).then((outcome) => {
    performance.mark('kiosk:snapshot-answered');
    if (outcome.ok) accept(outcome.value);
    else publish({ status: 'unavailable', failure: outcome.error });
  });
  return {
    current: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

export function useKioskSnapshot(feed: KioskSnapshotFeed): SnapshotState {
  return useSyncExternalStore(feed.subscribe, feed.current);
}
