import { useEffect, useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import type { KioskBridge } from '../../shared/contract/client';
import type { KioskSnapshot, Preferences, StaffOverlay } from '../../shared/contract/kiosk';
import { useLocalMedia, type LocalMedia } from '../call/use-local-media';
import { useDeviceReporting } from '../devices/use-device-reporting';
import { DevicesUnavailableScreen } from '../screens/DevicesUnavailableScreen';
import { createI18n } from '../i18n/i18n';
import { AttractScreen } from '../screens/AttractScreen';
import { LockedScreen, OutOfServiceScreen } from '../screens/ClosedScreens';
import { UnavailableScreen } from '../screens/UnavailableScreen';
import { StaffLayer } from '../staff/StaffLayer';
import { IdleWarningDialog } from './IdleWarningDialog';
import { KioskToolbar } from './KioskToolbar';
import { preloadedModule } from './preloaded-module';
import { StaffMessageBanner } from './StaffMessageBanner';
import { useActivityReporter } from './use-activity-reporter';
import { useKioskSnapshot, type KioskSnapshotFeed } from './use-kiosk-snapshot';
import { useStaffHostInput } from './use-staff-host-input';
import { usePreferences } from './use-preferences';
import { WhenLoaded } from './WhenLoaded';

/**
 * The call screen brings mediasoup-client and socket.io-client, most of the renderer's code. It is
 * loaded apart, so the attract screen is up sooner, and fetched ahead while the person reads the
 * pre-call notice, so joining never waits for it.
 */
const callScreen = preloadedModule(() => import('../screens/CallScreen'));
/**
 * The inmate's screens after the attract screen, loaded apart so the attract screen is up sooner,
 * and fetched as soon as it is drawn, so the first touch finds them here.
 */
const inmateScreens = preloadedModule(() => import('../screens/inmate-screens'));
/** The console's network check brings the test call (mediasoup-client): loaded only when one runs. */
const networkCheckScreen = preloadedModule(() => import('../screens/NetworkCheckScreen'));
/** First-boot setup brings the media check's test call (mediasoup-client): only a kiosk being set up loads it. */
const setupScreen = preloadedModule(() => import('../screens/setup/SetupScreen'));

const defaultPreferences: Preferences = { language: 'en', largeText: false };

/** Draws the screen main says the kiosk is on; it holds no kiosk state of its own. */
export function App({ bridge, snapshots }: { bridge: KioskBridge; snapshots: KioskSnapshotFeed }) {
  const [i18n] = useState(createI18n);
  return (
    <I18nextProvider i18n={i18n}>
      <Kiosk bridge={bridge} snapshots={snapshots} />
    </I18nextProvider>
  );
}

/** A technician's network check is opening or running at the panel: its test call needs the camera. */
function technicianChecking(staff: StaffOverlay): boolean {
  return staff?.stage === 'panel' && staff.check !== null && staff.check.step.status !== 'idle';
}

function Kiosk({ bridge, snapshots }: { bridge: KioskBridge; snapshots: KioskSnapshotFeed }) {
  const state = useKioskSnapshot(snapshots);
  useEffect(() => inmateScreens.load(), []);
  const snapshot = state.status === 'ready' ? state.snapshot : null;
  const preferences = snapshot?.preferences ?? defaultPreferences;
  usePreferences(preferences);
  const idleWarning = snapshot?.idleWarning ?? null;
  useActivityReporter(bridge, idleWarning !== null);
  useStaffHostInput(bridge);
  useDeviceReporting(bridge);
  const roles = snapshot?.devices.roles;
  const audioInput = snapshot?.devices.audio.input ?? 'microphone';
  // Held here, not by either screen, so the call goes on with the camera the pre-call check opened.
  const localMedia = useLocalMedia(
    snapshot?.screen === 'precheck' ||
      snapshot?.screen === 'call' ||
      (snapshot?.screen === 'setup' && snapshot.setup.step === 'check') ||
      snapshot?.screen === 'networkCheck' ||
      technicianChecking(snapshot?.staff ?? null),
    {
      video: { role: 'camera', deviceId: roles?.camera.deviceId ?? null },
      // The handset's microphone while it is lifted (or required), as main routes the sound.
      audio: { role: audioInput, deviceId: roles?.[audioInput].deviceId ?? null },
    },
    (event) => void bridge.request('devices.track', event),
    snapshot?.devices.handset.muted ?? false,
  );

  return (
    <>
      {snapshot === null ? null : (
        <KioskToolbar
          preferences={preferences}
          onLanguage={(language) => void bridge.request('kiosk.setLanguage', { language })}
          onLargeText={(largeText) => void bridge.request('kiosk.setLargeText', { largeText })}
        />
      )}
      {state.status === 'loading' ? <main className="screen" aria-busy="true" /> : null}
      {state.status === 'unavailable' ? <UnavailableScreen failure={state.failure} /> : null}
      {snapshot === null ? null : <Screen bridge={bridge} snapshot={snapshot} localMedia={localMedia} />}
      {idleWarning === null ? null : (
        <IdleWarningDialog
          signsOutAt={idleWarning.signsOutAt}
          onStay={() => void bridge.request('kiosk.activity', {})}
        />
      )}
      <StaffMessageBanner bridge={bridge} />
      {snapshot === null ? null : (
        <StaffLayer
          bridge={bridge}
          overlay={snapshot.staff}
          language={snapshot.preferences.language}
          localMedia={localMedia}
        />
      )}
    </>
  );
}

function Screen({
  bridge,
  snapshot,
  localMedia,
}: {
  bridge: KioskBridge;
  snapshot: KioskSnapshot;
  localMedia: LocalMedia | null;
}) {
  const { language } = snapshot.preferences;
  switch (snapshot.screen) {
    case 'setup':
      return (
        <WhenLoaded
          module={setupScreen}
          render={({ SetupScreen }) => (
            <SetupScreen
              view={snapshot.setup}
              onCheck={(address) => void bridge.request('setup.checkServer', { address })}
              onRetry={() => void bridge.request('setup.retry', {})}
              onContinue={() => void bridge.request('setup.continue', {})}
              onSignIn={(staffNumber, pin) => void bridge.request('setup.signInTechnician', { staffNumber, pin })}
              onSignInWithCode={(code) => void bridge.request('setup.signInWithCode', { code })}
              onReloadUnits={() => void bridge.request('setup.loadUnits', {})}
              onPlace={(housingUnitId, location) => void bridge.request('setup.place', { housingUnitId, location })}
              localMedia={localMedia}
              onReportCheck={(measurement) => void bridge.request('setup.reportCheck', measurement)}
              onRetryCheck={() => void bridge.request('setup.retryCheck', {})}
              onChooseDevices={(selection) => void bridge.request('setup.chooseDevices', { selection })}
            />
          )}
        />
      );
    case 'attract':
      return <AttractScreen onBegin={() => void bridge.request('kiosk.begin', {})} />;
    case 'networkCheck':
      return (
        <WhenLoaded
          module={networkCheckScreen}
          render={({ NetworkCheckScreen }) => (
            <NetworkCheckScreen
              check={snapshot.check}
              localMedia={localMedia}
              onReport={(measurement) => void bridge.request('kiosk.checkReport', measurement)}
            />
          )}
        />
      );
    case 'locked':
      return <LockedScreen />;
    case 'outOfService':
      return <OutOfServiceScreen reason={snapshot.reason} />;
    case 'devicesUnavailable':
      return <DevicesUnavailableScreen />;
    case 'signIn':
      return (
        <WhenLoaded
          module={inmateScreens}
          render={({ SignInScreen }) => (
            <SignInScreen
              busy={snapshot.busy}
              failure={snapshot.failure}
              onSignIn={(inmateId, pin) => void bridge.request('session.signIn', { inmateId, pin })}
              onCancel={() => void bridge.request('kiosk.cancel', {})}
            />
          )}
        />
      );
    case 'visits':
      return (
        <WhenLoaded
          module={inmateScreens}
          render={({ VisitsScreen }) => (
            <VisitsScreen
              language={language}
              displayName={snapshot.inmate.displayName}
              visits={snapshot.visits}
              notice={snapshot.notice}
              busy={snapshot.busy}
              onStart={(visitId) => void bridge.request('visit.start', { visitId })}
              onSignOut={() => void bridge.request('session.signOut', {})}
            />
          )}
        />
      );
    case 'precheck':
      callScreen.load();
      return (
        <WhenLoaded
          module={inmateScreens}
          render={({ PrecheckScreen }) => (
            <PrecheckScreen
              visit={snapshot.visit}
              stream={localMedia?.stream ?? null}
              busy={snapshot.busy}
              onContinue={() => void bridge.request('visit.join', { visitId: snapshot.visit.visitId })}
              onBack={() => void bridge.request('kiosk.cancel', {})}
            />
          )}
        />
      );
    case 'call':
      return (
        <WhenLoaded
          key={snapshot.visit.visitId}
          module={callScreen}
          render={({ CallScreen }) => (
            <CallScreen
              visit={snapshot.visit}
              localMedia={localMedia}
              devices={snapshot.devices}
              media={snapshot.media}
              warning={snapshot.warning}
              cameraPosition={snapshot.cameraPosition}
              onMediaChange={(report) =>
                void bridge.request('visit.media', { visitId: snapshot.visit.visitId, ...report })
              }
              onRenewTicket={async () => {
                const renewed = await bridge.request('visit.renewTicket', { visitId: snapshot.visit.visitId });
                // The same ticket back means main could not reach the server yet; the call asks again.
                const ticket = renewed.ok && renewed.value.screen === 'call' ? renewed.value.media.ticket : undefined;
                return ticket === snapshot.media.ticket ? undefined : ticket;
              }}
              onEnded={(reason, endedMsAgo) =>
                void bridge.request('visit.end', {
                  visitId: snapshot.visit.visitId,
                  reason,
                  ...(endedMsAgo === undefined ? {} : { endedMsAgo }),
                })
              }
              onDeviceFailed={(event) => void bridge.request('devices.track', event)}
            />
          )}
        />
      );
    case 'summary':
      return (
        <WhenLoaded
          module={inmateScreens}
          render={({ SummaryScreen }) => (
            <SummaryScreen
              language={language}
              visit={snapshot.visit}
              reason={snapshot.reason}
              time={snapshot.time}
              onDone={() => void bridge.request('session.signOut', {})}
            />
          )}
        />
      );
  }
}
