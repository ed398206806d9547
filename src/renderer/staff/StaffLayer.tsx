import { useCallback } from 'react';
import type { KioskBridge } from '../../shared/contract/client';
import type { Language, StaffOverlay } from '../../shared/contract/kiosk';
import { preloadedModule } from '../app/preloaded-module';
import { WhenLoaded } from '../app/WhenLoaded';
import type { LocalMedia } from '../call/use-local-media';
import { StaffCorner } from './StaffCorner';

/** Sign-in and the panel are loaded when staff first open the overlay, not with the inmate's first screen. */
const overlayViews = preloadedModule(() => import('./staff-overlay-views'));

/** What staff see and touch over any screen: the hidden corner, sign-in, or the panel, as main says. */
export function StaffLayer({
  bridge,
  overlay,
  language,
  localMedia,
}: {
  bridge: KioskBridge;
  overlay: StaffOverlay;
  language: Language;
  /** The camera and microphone, open while a technician's network check is under way. */
  localMedia: LocalMedia | null;
}) {
  const close = (): void => void bridge.request('staff.close', {});
  // One function for the panel's life, so the diagnostics it shows are collected once per request.
  const diagnostics = useCallback(() => bridge.request('staff.diagnostics', {}), [bridge]);
  if (overlay === null) return <StaffCorner onOpen={() => void bridge.request('staff.open', {})} />;
  if (overlay.stage === 'signIn') {
    return (
      <WhenLoaded
        module={overlayViews}
        fallback={null}
        render={({ StaffSignIn }) => (
          <StaffSignIn
            view={overlay}
            onSignIn={(staffNumber, pin) => void bridge.request('staff.signIn', { staffNumber, pin })}
            onOfflineCode={(code) => void bridge.request('staff.signInOffline', { code })}
            onCancel={close}
          />
        )}
      />
    );
  }
  return (
    <WhenLoaded
      module={overlayViews}
      fallback={null}
      render={({ StaffPanel }) => (
        <StaffPanel
          view={overlay}
          language={language}
          onAct={(action) => void bridge.request('staff.act', { action })}
          onDiagnostics={diagnostics}
          onDecommission={(force) => void bridge.request('staff.decommission', { force })}
          onCancelDecommission={() => void bridge.request('staff.decommissionCancel', {})}
          onStartMove={() => void bridge.request('staff.moveStart', {})}
          onMove={(housingUnitId, location) => void bridge.request('staff.move', { housingUnitId, location })}
          onCancelMove={() => void bridge.request('staff.moveCancel', {})}
          localMedia={localMedia}
          onStartCheck={() => void bridge.request('staff.checkStart', {})}
          onReportCheck={(measurement) => void bridge.request('staff.checkReport', measurement)}
          onCloseCheck={() => void bridge.request('staff.checkClose', {})}
          onChooseDevices={(selection) => void bridge.request('staff.chooseDevices', { selection })}
          onSignOut={close}
        />
      )}
    />
  );
}
