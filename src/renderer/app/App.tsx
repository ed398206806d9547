import type { KioskBridge } from '../../shared/contract/client';
import { AttractScreen } from '../screens/AttractScreen';
import { SignInScreen } from '../screens/SignInScreen';
import { UnavailableScreen } from '../screens/UnavailableScreen';
import { useKioskSnapshot } from './use-kiosk-snapshot';

/** Draws the screen main says the kiosk is on; it holds no kiosk state of its own. */
export function App({ bridge }: { bridge: KioskBridge }) {
  const state = useKioskSnapshot(bridge);
  if (state.status === 'loading') return <main className="screen" aria-busy="true" />;
  if (state.status === 'unavailable') return <UnavailableScreen detail={state.message} />;
  switch (state.snapshot.screen) {
    case 'attract':
      return <AttractScreen onBegin={() => void bridge.request('kiosk.begin', {})} />;
    case 'signIn':
      return <SignInScreen onCancel={() => void bridge.request('kiosk.cancel', {})} />;
  }
}
