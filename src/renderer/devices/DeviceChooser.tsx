import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  DeviceChooser as ChooserView,
  DeviceSelection,
  HandsetState,
  MediaDevice,
  MediaRole,
} from '../../shared/contract/devices';
import { MediaView } from '../call/MediaView';
import { useMicrophoneLevel } from '../call/use-microphone-level';
import { LevelMeter } from '../ui/LevelMeter';
import { playTestTone } from './test-tone';
import { useDeviceStream } from './use-device-stream';

const roleKinds: Record<MediaRole, MediaDevice['kind']> = {
  camera: 'videoinput',
  microphone: 'audioinput',
  speaker: 'audiooutput',
  handsetMicrophone: 'audioinput',
  handsetSpeaker: 'audiooutput',
};

/** The roles a kiosk cannot work without: a video call needs a camera and a microphone. */
const required: ReadonlySet<MediaRole> = new Set(['camera', 'microphone']);

/**
 * Every camera, microphone and speaker main knows of, and the handset, each tried on the spot (the
 * highlighted camera's picture, a level per microphone, a tone per speaker, the hook switch as it
 * moves); the technician picks one of each and confirms. Main's current choice is preselected; main
 * checks and stores the selection. Used by first-boot setup and by the technician's staff panel.
 */
export function DeviceChooser({
  chooser,
  confirmLabel,
  onChoose,
}: {
  chooser: ChooserView;
  confirmLabel: string;
  onChoose: (selection: DeviceSelection) => void;
}) {
  const { t } = useTranslation();
  const ids = useId();
  const [picked, setPicked] = useState<Partial<Record<MediaRole, string | null>>>({});
  const ofKind = (kind: MediaDevice['kind']) => chooser.inventory.filter((device) => device.kind === kind);
  const listed = (role: MediaRole, deviceId: string | null | undefined): deviceId is string | null =>
    deviceId === null
      ? !required.has(role)
      : deviceId !== undefined && ofKind(roleKinds[role]).some((device) => device.deviceId === deviceId);
  // The technician's pick while its device is listed, else main's choice, else (a required role) the first.
  const selected = (role: MediaRole): string | null => {
    const mine = picked[role];
    if (listed(role, mine)) return mine;
    const mains = chooser.chosen[role];
    if (listed(role, mains)) return mains;
    return required.has(role) ? (ofKind(roleKinds[role])[0]?.deviceId ?? null) : null;
  };
  const pick = (role: MediaRole, deviceId: string | null) => setPicked((current) => ({ ...current, [role]: deviceId }));
  const camera = selected('camera');
  const microphone = selected('microphone');
  const cameras = ofKind('videoinput');
  const microphones = ofKind('audioinput');
  const speakers = ofKind('audiooutput');
  const radios = (role: MediaRole, devices: readonly MediaDevice[], withNone: boolean) => (
    <>
      {withNone ? (
        <label>
          <input
            type="radio"
            name={`${ids}-${role}`}
            checked={selected(role) === null}
            onChange={() => pick(role, null)}
          />
          {t('deviceChooser.none')}
        </label>
      ) : null}
      {devices.map((device) => (
        <label key={device.deviceId}>
          <input
            type="radio"
            name={`${ids}-${role}`}
            checked={selected(role) === device.deviceId}
            onChange={() => pick(role, device.deviceId)}
          />
          {device.label}
        </label>
      ))}
    </>
  );

  return (
    <form
      className="device-chooser"
      onSubmit={(event) => {
        event.preventDefault();
        if (camera === null || microphone === null) return;
        onChoose({
          camera,
          microphone,
          speaker: selected('speaker'),
          handsetMicrophone: selected('handsetMicrophone'),
          handsetSpeaker: selected('handsetSpeaker'),
        });
      }}
    >
      <fieldset className="device-role">
        <legend>{t('deviceChooser.camera')}</legend>
        {cameras.length === 0 ? (
          <p className="device-missing" role="alert">
            {t('deviceChooser.noCamera')}
          </p>
        ) : (
          <>
            <div className="device-options">{radios('camera', cameras, false)}</div>
            <CameraPreview device={cameras.find((device) => device.deviceId === camera) ?? null} />
          </>
        )}
      </fieldset>

      <fieldset className="device-role">
        <legend>{t('deviceChooser.microphone')}</legend>
        {microphones.length === 0 ? (
          <p className="device-missing" role="alert">
            {t('deviceChooser.noMicrophone')}
          </p>
        ) : (
          <>
            <p className="hint">{t('deviceChooser.microphoneHint')}</p>
            <div className="device-options">
              {microphones.map((device) => (
                <div className="device-row" key={device.deviceId}>
                  <label>
                    <input
                      type="radio"
                      name={`${ids}-microphone`}
                      checked={microphone === device.deviceId}
                      onChange={() => pick('microphone', device.deviceId)}
                    />
                    {device.label}
                  </label>
                  <MicrophoneLevel device={device} />
                </div>
              ))}
            </div>
          </>
        )}
      </fieldset>

      <fieldset className="device-role">
        <legend>{t('deviceChooser.speaker')}</legend>
        <div className="device-options">
          <label>
            <input
              type="radio"
              name={`${ids}-speaker`}
              checked={selected('speaker') === null}
              onChange={() => pick('speaker', null)}
            />
            {t('deviceChooser.none')}
          </label>
          {speakers.map((device) => (
            <div className="device-row" key={device.deviceId}>
              <label>
                <input
                  type="radio"
                  name={`${ids}-speaker`}
                  checked={selected('speaker') === device.deviceId}
                  onChange={() => pick('speaker', device.deviceId)}
                />
                {device.label}
              </label>
              <TestToneButton device={device} />
            </div>
          ))}
        </div>
      </fieldset>

      <fieldset className="device-role">
        <legend>{t('deviceChooser.handset')}</legend>
        <HookIndicator handset={chooser.handset} />
        <fieldset className="device-options">
          <legend>{t('deviceChooser.handsetMicrophone')}</legend>
          {radios('handsetMicrophone', microphones, true)}
        </fieldset>
        <fieldset className="device-options">
          <legend>{t('deviceChooser.handsetSpeaker')}</legend>
          {radios('handsetSpeaker', speakers, true)}
        </fieldset>
      </fieldset>

      <div className="device-confirm">
        <p className="message" role="alert">
          {chooser.failure === null ? '' : t(`deviceChooser.failure.${chooser.failure}`)}
        </p>
        <button type="submit" className="button" disabled={camera === null || microphone === null}>
          {confirmLabel}
        </button>
      </div>
    </form>
  );
}

function CameraPreview({ device }: { device: MediaDevice | null }) {
  const { t } = useTranslation();
  const { stream, failed } = useDeviceStream('video', device?.deviceId ?? null);
  if (device === null) return null;
  return (
    <div className="device-preview">
      <MediaView
        className="device-preview-video"
        stream={stream}
        label={t('deviceChooser.preview', { label: device.label })}
        muted
      />
      {failed ? <p className="device-missing">{t('deviceChooser.previewFailed')}</p> : null}
    </div>
  );
}

function MicrophoneLevel({ device }: { device: MediaDevice }) {
  const { t } = useTranslation();
  const { stream } = useDeviceStream('audio', device.deviceId);
  const level = useMicrophoneLevel(stream);
  return (
    <LevelMeter className="device-level" label={t('deviceChooser.level', { label: device.label })} level={level} />
  );
}

function TestToneButton({ device }: { device: MediaDevice }) {
  const { t } = useTranslation();
  const [tone, setTone] = useState<'idle' | 'playing' | 'played' | 'failed'>('idle');
  return (
    <>
      <button
        type="button"
        className="button secondary"
        // The visible words begin the name; the device's label tells one speaker's button from another's.
        aria-label={t('deviceChooser.testTone', { label: device.label })}
        disabled={tone === 'playing'}
        onClick={() => {
          setTone('playing');
          playTestTone(device.deviceId).then(
            () => setTone('played'),
            (error: unknown) => {
              console.warn('could not play a test tone', error);
              setTone('failed');
            },
          );
        }}
      >
        {t('deviceChooser.testToneShort')}
      </button>
      <span className="hint" aria-live="polite">
        {tone === 'idle' ? '' : t(`deviceChooser.tone.${tone}`)}
      </span>
    </>
  );
}

function HookIndicator({ handset }: { handset: HandsetState }) {
  const { t } = useTranslation();
  const state = handset.mode === 'none' || !handset.present ? 'none' : handset.offHook === true ? 'offHook' : 'onHook';
  return (
    <p className={`hook-indicator ${state}`} role="status">
      {t(`deviceChooser.hook.${state}`)}
    </p>
  );
}
