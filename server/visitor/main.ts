import { levelOf } from '../../src/shared/audio/level';
import { playWarningTone } from '../../src/shared/audio/warning-tone';
import { shownConnection, type ConnectionGrade } from '../../src/shared/call/connection-grade';
import { ConnectionWatch } from '../../src/shared/call/connection-watch';
import { openWithHdFallback } from '../../src/shared/call/send-plan';
import { VisitCall, type CallState } from '../../src/shared/call/visit-call';
import { WarningSchedule } from '../../src/shared/call/warning-schedule';
import { languageSchema, type Language } from '../../src/shared/contract/kiosk';
import { localeOf, preferredLanguage } from '../../src/shared/i18n/locale';
import type { HandshakeError } from '../../src/shared/protocol/handshake';
import { normaliseVisitorCode, visitorCodeSchema } from '../../src/shared/protocol/visit';
import { formatCountdown } from '../../src/shared/time/countdown';
import { inCallStatus, sentence, stoppedDevicesText, waitText } from './call-text';
import type { Key } from './i18n/words';
import { createWords } from './i18n/words';

// The page: it renders the call's state and turns clicks into calls on VisitCall; it never touches
// mediasoup itself.

/** The kiosk's default warnings: five minutes and one minute before the end. */
const warningSeconds = [300, 60];
/** How long a warning stays on screen; the time remaining stays visible after it goes. */
const warningShownMs = 15_000;
/**
 * Reconnecting this long without success ends the page's part (the visit goes on for the kiosk):
 * a visitor whose network cannot carry the call is told so in words, not left reconnecting forever.
 */
const giveUpAfterMs = 60_000;
const meterIntervalMs = 100;

const element = <T extends HTMLElement>(id: string): T => {
  const found = document.getElementById(id);
  if (found === null) throw new Error(`missing #${id}`);
  return found as T;
};

const sections = { join: element('join'), call: element('call'), ended: element('ended') };
const preview = element<HTMLVideoElement>('preview');
const self = element<HTMLVideoElement>('self');
const remote = element<HTMLVideoElement>('remote');
const codeInput = element<HTMLInputElement>('code');
const languageSelect = element<HTMLSelectElement>('language');
const joinError = element('join-error');
const deviceStatus = element('device-status');
const micLevel = element<HTMLMeterElement>('mic-level');
const speakerHint = element('speaker-hint');
const callStatus = element('call-status');
const connection = element('connection');
const connectionText = element('connection-text');
const timeLeftLine = element('time-left').parentElement as HTMLElement;
const timeLeft = element('time-left');
const warning = element('warning');
const deviceNote = element('device-note');
const selfNote = element('self-note');
const remoteOff = element('remote-off');
const muteButton = element('mute');
const cameraButton = element('camera');
const endedReason = element('ended-reason');
const rejoin = element<HTMLAnchorElement>('rejoin');

const initial = languageSchema.safeParse(new URLSearchParams(location.search).get('lang'));
let language: Language = initial.success ? initial.data : preferredLanguage(navigator.languages);
const { words: say, setLanguage } = createWords(language);

let call: VisitCall | undefined;
/** The connection's grade from the figures the call receives; null until one was measured in this stretch of the call. */
let connectionGrade: ConnectionGrade | null = null;
const connectionWatch = new ConnectionWatch({
  report: async () => call?.receiveReport(),
  // A camera the other side stopped on purpose is no frame rate to ask of the link.
  videoExpected: () => shown?.kind === 'state' && shown.state.phase === 'in_call' && !shown.state.remoteStopped.video,
  onReading: (reading) => {
    connectionGrade = reading?.grade ?? null;
    renderConnection();
  },
});
/** What the page shows now, to render again in another language. */
let shown: { kind: 'state'; state: CallState } | { kind: 'lost' } | undefined;
let deviceText: () => string = () => say('check.starting');
let reconnectingSince: number | undefined;
const warnings = new WarningSchedule(warningSeconds);
let warningText: (() => string) | undefined;
let warningTimer: ReturnType<typeof setTimeout> | undefined;
let joinErrorText: () => string = () => '';

const localStream = startPreview();

const linked = /^\/visit\/([^/]+)$/.exec(location.pathname)?.[1];
if (linked !== undefined) codeInput.value = normaliseVisitorCode(decodeURIComponent(linked));
rejoin.href = location.pathname;

languageSelect.addEventListener('change', () => {
  const chosen = languageSchema.safeParse(languageSelect.value);
  if (chosen.success) applyLanguage(chosen.data);
});
applyLanguage(language);

element<HTMLFormElement>('join-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const code = visitorCodeSchema.safeParse(normaliseVisitorCode(codeInput.value));
  if (!code.success) {
    showJoinError(() => say('join.codeFormat'));
    codeInput.focus();
    return;
  }
  showJoinError(() => '');
  void localStream.then((stream) => {
    self.srcObject = stream;
    call = new VisitCall({
      serverUrl: location.origin,
      auth: { code: code.data },
      localStream: stream,
      hangUpReason: 'hung_up_by_visitor',
      onState: render,
    });
    remote.srcObject = call.remoteStream;
    render(call.state);
    call.start();
    connectionWatch.start();
  });
});

element('speaker-test').addEventListener('click', () => {
  playWarningTone();
  speakerHint.textContent = say('check.speakerHint');
});
muteButton.addEventListener('click', () => void toggleSending('audio', muteButton));
cameraButton.addEventListener('click', () => void toggleSending('video', cameraButton));
element('hang-up').addEventListener('click', () => void call?.hangUp());
window.addEventListener('pagehide', () => call?.close());
setInterval(tick, 1000);

/** Every word on the page in `next`, the static ones and whatever the call shows now. */
function applyLanguage(next: Language): void {
  language = next;
  setLanguage(next);
  languageSelect.value = next;
  document.documentElement.lang = next;
  document.title = say('title');
  for (const node of document.querySelectorAll<HTMLElement>('[data-t]'))
    node.textContent = say(node.dataset['t'] as Key);
  for (const node of document.querySelectorAll<HTMLElement>('[data-t-label]')) {
    node.setAttribute('aria-label', say(node.dataset['tLabel'] as Key));
  }
  deviceStatus.textContent = deviceText();
  joinError.textContent = joinErrorText();
  if (speakerHint.textContent !== '') speakerHint.textContent = say('check.speakerHint');
  if (warningText !== undefined) warning.textContent = warningText();
  renderSelfNote();
  if (shown?.kind === 'state') render(shown.state);
  else if (shown?.kind === 'lost') showConnectionLost();
}

function showJoinError(text: () => string): void {
  joinErrorText = text;
  joinError.textContent = text();
}

/** Mute and camera off: the track stays in the call and sends silence or black, so nothing is renegotiated. */
async function toggleSending(kind: 'audio' | 'video', button: HTMLElement): Promise<void> {
  const stream = await localStream;
  const tracks = kind === 'audio' ? stream.getAudioTracks() : stream.getVideoTracks();
  const off = button.getAttribute('aria-pressed') !== 'true';
  for (const track of tracks) track.enabled = !off;
  button.setAttribute('aria-pressed', String(off));
  self.classList.toggle('camera-off', cameraButton.getAttribute('aria-pressed') === 'true');
  renderSelfNote();
}

function renderSelfNote(): void {
  const name = shown?.kind === 'state' && shown.state.phase === 'in_call' ? shown.state.remoteName : '…';
  const notes: string[] = [];
  if (muteButton.getAttribute('aria-pressed') === 'true') notes.push(say('call.muted', { name }));
  if (cameraButton.getAttribute('aria-pressed') === 'true') notes.push(say('call.cameraIsOff', { name }));
  selfNote.textContent = notes.join(' ');
}

function refusalText({ code, retryAfterSeconds }: HandshakeError): string {
  if (code !== 'too_many_attempts' || retryAfterSeconds === undefined) return say(`refusal.${code}`);
  return say('refusal.tooManyWait', { wait: waitText(localeOf(language), retryAfterSeconds) });
}

async function startPreview(): Promise<MediaStream> {
  try {
    // 720p where the camera gives it, whatever it gives where not: a phone's camera never stops the visit.
    const stream = await openWithHdFallback((size) =>
      navigator.mediaDevices.getUserMedia({ audio: true, video: size }),
    );
    preview.srcObject = stream;
    deviceText = () => say('check.ready');
    deviceStatus.textContent = deviceText();
    meter(stream);
    return stream;
  } catch (error) {
    const name = error instanceof Error ? error.name : 'unknown';
    deviceText = () => say('check.unavailable', { error: name });
    deviceStatus.textContent = deviceText();
    return new MediaStream();
  }
}

/** The microphone meter of the device check, running while the join screen shows. */
function meter(stream: MediaStream): void {
  const track = stream.getAudioTracks()[0];
  if (track === undefined || typeof AudioContext === 'undefined') return;
  const context = new AudioContext();
  const analyser = context.createAnalyser();
  analyser.fftSize = 1024;
  const source = context.createMediaStreamSource(new MediaStream([track]));
  source.connect(analyser);
  const samples = new Float32Array(analyser.fftSize);
  const timer = setInterval(() => {
    if (sections.join.hidden || track.readyState === 'ended') {
      clearInterval(timer);
      source.disconnect();
      micLevel.value = 0;
      void context.close();
      return;
    }
    // A page opened without a touch may start its context suspended.
    if (context.state === 'suspended') void context.resume();
    analyser.getFloatTimeDomainData(samples);
    micLevel.value = levelOf(samples);
  }, meterIntervalMs);
}

function render(state: CallState): void {
  if (shown?.kind !== 'state' || shown.state.phase !== state.phase) {
    // A reconnect, a wait for the other side: the figures from before say nothing of what comes next.
    connectionWatch.reset();
    connectionGrade = null;
  }
  if (state.phase === 'ended' || state.phase === 'failed') connectionWatch.stop();
  shown = { kind: 'state', state };
  renderConnection();
  reconnectingSince = state.phase === 'reconnecting' ? (reconnectingSince ?? Date.now()) : undefined;
  const show = (name: keyof typeof sections): void => {
    for (const [key, section] of Object.entries(sections)) section.hidden = key !== name;
  };
  const inCall = state.phase === 'in_call';
  const stopped = stoppedDevicesText(
    say,
    inCall ? state.remoteName : '',
    inCall ? state.remoteStopped : { video: false, audio: false },
  );
  remoteOff.textContent = stopped.picture;
  remoteOff.hidden = stopped.picture === '';
  remote.classList.toggle('camera-off', stopped.picture !== '');
  deviceNote.textContent = stopped.status;
  renderSelfNote();
  switch (state.phase) {
    case 'connecting':
      show('call');
      callStatus.textContent = say('call.connecting');
      break;
    case 'waiting':
      show('call');
      callStatus.textContent = sentence(say('call.waiting', { time: clock(state.endsAt) }));
      break;
    case 'in_call':
      show('call');
      remote.classList.toggle('stale', state.videoPaused.receiving);
      callStatus.textContent = inCallStatus(
        say,
        state.remoteName,
        { frozen: state.pictureFrozen, paused: state.videoPaused },
        clock(state.endsAt),
      );
      break;
    case 'reconnecting':
      show('call');
      callStatus.textContent = `${say('call.reconnecting')} ${say(`call.cause.${state.cause}`)}`;
      break;
    case 'ended':
      show('ended');
      endedReason.textContent = say(`ended.reason.${state.reason}`);
      releaseCamera();
      break;
    case 'refused':
      show('join');
      showJoinError(() => refusalText(state.refusal));
      break;
    case 'failed':
      show('ended');
      endedReason.textContent = state.message === 'left' ? '' : say('ended.openedElsewhere');
      releaseCamera();
      break;
  }
  tick();
}

/** Bars and a word; a grade is a status read out as it changes, reconnecting is the call status line's to say. */
function renderConnection(): void {
  const phase = shown?.kind === 'state' ? shown.state.phase : 'ended';
  const indicator = shownConnection(phase, connectionGrade);
  connection.hidden = indicator === null;
  if (indicator === null) return;
  connection.className = `connection ${indicator}`;
  if (indicator === 'reconnecting') connection.removeAttribute('role');
  else connection.setAttribute('role', 'status');
  const lit = { good: 3, fair: 2, poor: 1, reconnecting: 0 }[indicator];
  connection
    .querySelectorAll('.connection-bars span')
    .forEach((bar, index) => bar.classList.toggle('lit', index < lit));
  connectionText.textContent = say(`call.quality.${indicator}`);
}

/** Once a second: the time remaining, the end-of-visit warnings, and giving up a reconnect that does not come. */
function tick(): void {
  const state = shown?.kind === 'state' ? shown.state : undefined;
  const endsAt = state?.phase === 'in_call' || state?.phase === 'waiting' ? Date.parse(state.endsAt) : undefined;
  timeLeftLine.hidden = endsAt === undefined;
  if (endsAt !== undefined) {
    const leftMs = endsAt - Date.now();
    timeLeft.textContent = formatCountdown(leftMs);
    // Says the minutes actually left: a visit joined late is warned once, with its own time.
    if (warnings.due(leftMs) !== undefined) showWarning(Math.max(1, Math.ceil(leftMs / 60_000)));
  }
  if (reconnectingSince !== undefined && Date.now() - reconnectingSince > giveUpAfterMs) {
    reconnectingSince = undefined;
    call?.close();
    showConnectionLost();
  }
}

function showWarning(minutes: number): void {
  warningText = () => say('call.warning', { count: minutes });
  warning.textContent = warningText();
  warning.hidden = false;
  playWarningTone();
  clearTimeout(warningTimer);
  warningTimer = setTimeout(() => {
    warning.hidden = true;
    warningText = undefined;
  }, warningShownMs);
}

function showConnectionLost(): void {
  shown = { kind: 'lost' };
  connectionWatch.stop();
  for (const [key, section] of Object.entries(sections)) section.hidden = key !== 'ended';
  endedReason.textContent = say('ended.connectionLost');
  rejoin.hidden = false;
  releaseCamera();
}

/** The call leaves the page's tracks running (a rebuild sends them again); once it is over they stop. */
function releaseCamera(): void {
  void localStream.then((stream) => stream.getTracks().forEach((track) => track.stop()));
}

function clock(iso: string): string {
  return new Date(iso).toLocaleTimeString(localeOf(language), { hour: 'numeric', minute: '2-digit' });
}
