import type { KioskBridge } from '../../shared/contract/client';
import { AttractScreen } from '../screens/AttractScreen';
import { CallScreen } from '../screens/CallScreen';
import { SignInScreen } from '../screens/SignInScreen';
import { UnavailableScreen } from '../screens/UnavailableScreen';
import { VisitsScreen } from '../screens/VisitsScreen';
import { StaffMessageBanner } from './StaffMessageBanner';
import { useKioskSnapshot } from './use-kiosk-snapshot';

/** Draws the screen main says the kiosk is on; it holds no kiosk state of its own. */
export function App({ bridge }: { bridge: KioskBridge }) {
  return (
    <>
      <Screen bridge={bridge} />
      <StaffMessageBanner bridge={bridge} />
    </>
  );
}

function Screen({ bridge }: { bridge: KioskBridge }) {
  const state = useKioskSnapshot(bridge);
  if (state.status === 'loading') return <main className="screen" aria-busy="true" />;
  if (state.status === 'unavailable') return <UnavailableScreen detail={state.message} />;
  const { snapshot } = state;
  switch (snapshot.screen) {
    case 'attract':
      return <AttractScreen onBegin={() => void bridge.request('kiosk.begin', {})} />;
    case 'signIn':
      return (
        <SignInScreen
          busy={snapshot.busy}
          failure={snapshot.failure}
          onSignIn={(inmateId, pin) => void bridge.request('session.signIn', { inmateId, pin })}
          onCancel={() => void bridge.request('kiosk.cancel', {})}
        />
      );
    case 'visits':
      return (
        <VisitsScreen
          displayName={snapshot.inmate.displayName}
          visits={snapshot.visits}
          notice={snapshot.notice}
          busy={snapshot.busy}
          onStart={(visitId) => void bridge.request('visit.start', { visitId })}
          onSignOut={() => void bridge.request('session.signOut', {})}
        />
      );
    case 'call':
      return (
        <CallScreen
          key={snapshot.visit.visitId}
          visit={snapshot.visit}
          media={snapshot.media}
          onEnded={(reason) => void bridge.request('visit.end', { visitId: snapshot.visit.visitId, reason })}
        />
      );
  }
}
