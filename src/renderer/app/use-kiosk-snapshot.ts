import { useEffect, useState } from 'react';
import type { KioskBridge } from '../../shared/contract/client';
import type { ContractFailure } from '../../shared/contract/frames';
import type { KioskSnapshot } from '../../shared/contract/kiosk';

export type SnapshotState =
  | { status: 'loading' }
  | { status: 'unavailable'; failure: ContractFailure }
  | { status: 'ready'; snapshot: KioskSnapshot };

/**
 * Main owns the kiosk's state; this mirrors it. Events and the initial fetch can arrive in either
 * order, so the snapshot with the highest revision wins.
 */
export function useKioskSnapshot(bridge: KioskBridge): SnapshotState {
  const [state, setState] = useState<SnapshotState>({ status: 'loading' });

  useEffect(() => {
    let active = true;
    const accept = (snapshot: KioskSnapshot): void => {
      if (!active) return;
      setState((current) =>
        current.status === 'ready' && current.snapshot.revision >= snapshot.revision
          ? current
          : { status: 'ready', snapshot },
      );
    };
    const unsubscribe = bridge.on('kiosk.state', accept);
    void bridge.request('kiosk.getState', {}).then((outcome) => {
      performance.mark('kiosk:snapshot-answered');
      if (outcome.ok) accept(outcome.value);
      else if (active) setState({ status: 'unavailable', failure: outcome.error });
    });
    return () => {
      active = false;
      unsubscribe();
    };
  }, [bridge]);

  return state;
}
