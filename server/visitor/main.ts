import { normaliseVisitorCode, visitorCodeSchema, type VisitEndReason } from '../../src/shared/protocol/visit';
import type { HandshakeError } from '../../src/shared/protocol/handshake';
import { VisitCall, type CallState } from '../../src/shared/call/visit-call';
import { inCallStatus, stoppedDevicesText } from './call-text';

// The page: it renders the call's state and turns clicks into calls on VisitCall; it never touches
// mediasoup itself.

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
const joinError = element('join-error');
const deviceStatus = element('device-status');
const callStatus = element('call-status');
const deviceNote = element('device-note');
const remoteOff = element('remote-off');
const endedReason = element('ended-reason');

const endReasons: Record<VisitEndReason, string> = {
  completed: 'The visit reached its end time.',
  hung_up_by_inmate: 'The person you were visiting hung up.',
  hung_up_by_visitor: 'You hung up.',
  ended_by_staff: 'Facility staff ended the visit.',
  ended_by_server: 'The visitation service stopped the visit.',
};

const refusals: Record<HandshakeError['code'], string> = {
  unauthenticated: 'That visit code was not found. Check it and try again.',
  visit_not_open: 'This visit is not open yet.',
  visit_over: 'This visit is over.',
  too_many_attempts: 'Too many wrong visit codes from this network. Wait a little, then try again.',
  invalid_request: 'That visit code was not accepted.',
  internal: 'The visitation service had a problem. Try again in a minute.',
};

let call: VisitCall | undefined;
const localStream = startPreview();

const linked = /^\/visit\/([^/]+)$/.exec(location.pathname)?.[1];
if (linked !== undefined) codeInput.value = normaliseVisitorCode(decodeURIComponent(linked));

element<HTMLFormElement>('join-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const code = visitorCodeSchema.safeParse(normaliseVisitorCode(codeInput.value));
  if (!code.success) {
    joinError.textContent = 'A visit code has 12 letters and digits, like ABCD-EFGH-JKLM.';
    codeInput.focus();
    return;
  }
  joinError.textContent = '';
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
  });
});

element('hang-up').addEventListener('click', () => void call?.hangUp());
window.addEventListener('pagehide', () => call?.close());

function refusalText({ code, retryAfterSeconds }: HandshakeError): string {
  if (code !== 'too_many_attempts' || retryAfterSeconds === undefined) return refusals[code];
  const wait =
    retryAfterSeconds < 120 ? `${retryAfterSeconds} seconds` : `${Math.ceil(retryAfterSeconds / 60)} minutes`;
  return `Too many wrong visit codes from this network. Try again in ${wait}.`;
}

async function startPreview(): Promise<MediaStream> {
  try {
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: { width: 640, height: 480 } });
    preview.srcObject = stream;
    deviceStatus.textContent = 'Your camera and microphone are ready.';
    return stream;
  } catch (error) {
    deviceStatus.textContent = `Your camera or microphone is not available (${error instanceof Error ? error.name : 'unknown'}). You can still join and see and hear the other side.`;
    return new MediaStream();
  }
}

function render(state: CallState): void {
  const show = (name: keyof typeof sections): void => {
    for (const [key, section] of Object.entries(sections)) section.hidden = key !== name;
  };
  const stopped = stoppedDevicesText(
    state.phase === 'in_call' ? state.remoteName : '',
    state.phase === 'in_call' ? state.remoteStopped : { video: false, audio: false },
  );
  remoteOff.textContent = stopped.picture;
  remoteOff.hidden = stopped.picture === '';
  remote.classList.toggle('camera-off', stopped.picture !== '');
  deviceNote.textContent = stopped.status;
  switch (state.phase) {
    case 'connecting':
      show('call');
      callStatus.textContent = 'Connecting…';
      break;
    case 'waiting':
      show('call');
      callStatus.textContent = `Waiting for the other side to join. The visit ends at ${clock(state.endsAt)}.`;
      break;
    case 'in_call':
      show('call');
      callStatus.textContent = inCallStatus(state.remoteName, state.pictureFrozen, clock(state.endsAt));
      break;
    case 'reconnecting':
      show('call');
      callStatus.textContent = 'Connection lost. Reconnecting…';
      break;
    case 'ended':
      show('ended');
      endedReason.textContent = endReasons[state.reason];
      releaseCamera();
      break;
    case 'refused':
      show('join');
      joinError.textContent = refusalText(state.refusal);
      break;
    case 'failed':
      show('ended');
      endedReason.textContent = state.message;
      releaseCamera();
      break;
  }
}

/** The call leaves the page's tracks running (a rebuild sends them again); once it is over they stop. */
function releaseCamera(): void {
  void localStream.then((stream) => stream.getTracks().forEach((track) => track.stop()));
}

function clock(iso: string): string {
  return new Date(iso).toLocaleTimeString([], { hour: 'numeric', minute: '2-digit' });
}
