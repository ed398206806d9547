import type { KioskBridge } from '../../shared/contract/client';
import type { StaffOverlay } from '../../shared/contract/kiosk';
import { StaffCorner } from './StaffCorner';
import { StaffPanel } from './StaffPanel';
import { StaffSignIn } from './StaffSignIn';

/** What staff see and touch over any screen: the hidden corner, sign-in, or the panel, as main says. */
export function StaffLayer({ bridge, overlay }: { bridge: KioskBridge; overlay: StaffOverlay }) {
  const close = (): void => void bridge.request('staff.close', {});
  if (overlay === null) return <StaffCorner onOpen={() => void bridge.request('staff.open', {})} />;
  if (overlay.stage === 'signIn') {
    return (
      <StaffSignIn
        view={overlay}
        onSignIn={(staffNumber, pin) => void bridge.request('staff.signIn', { staffNumber, pin })}
        onOfflineCode={(code) => void bridge.request('staff.signInOffline', { code })}
        onCancel={close}
      />
    );
  }
  return (
    <StaffPanel
      view={overlay}
      onAct={(action) => void bridge.request('staff.act', { action })}
      onChooseDevices={(selection) => void bridge.request('staff.chooseDevices', { selection })}
      onSignOut={close}
    />
  );
}
