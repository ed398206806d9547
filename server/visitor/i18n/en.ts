/**
 * Every word the visitor page shows, in English: the source the Spanish catalogue must match key
 * for key. Families read it on a phone, often in a hurry: short sentences, plain words.
 */
export const en = {
  title: 'Video visit',
  language: 'Language',
  join: {
    heading: 'Join your visit',
    code: 'Visit code',
    submit: 'Join visit',
    codeFormat: 'A visit code has 12 letters and digits, like ABCD-EFGH-JKLM.',
  },
  check: {
    heading: 'Check your camera and sound',
    preview: 'Your camera preview',
    starting: 'Starting your camera and microphone…',
    ready: 'Your camera and microphone are ready.',
    unavailable:
      'Your camera or microphone is not available ({{error}}). You can still join and see and hear the other side.',
    microphone: 'Microphone level',
    microphoneHint: 'Say something: the bar moves when your microphone hears you.',
    speaker: 'Play a test sound',
    speakerHint: 'You should hear a short tone. If you hear nothing, turn up the volume.',
  },
  refusal: {
    unauthenticated: 'That visit code was not found. Check it and try again.',
    visit_not_open: 'This visit is not open yet.',
    visit_over: 'This visit is over.',
    too_many_attempts: 'Too many wrong visit codes from this network. Wait a little, then try again.',
    tooManyWait: 'Too many wrong visit codes from this network. Try again in {{wait}}.',
    invalid_request: 'That visit code was not accepted.',
    internal: 'The visitation service had a problem. Try again in a minute.',
  },
  call: {
    heading: 'Visit in progress',
    connecting: 'Connecting…',
    waiting: 'Waiting for the other side to join. The visit ends at {{time}}',
    with: 'In a visit with {{name}}',
    endsAt: 'Ends at {{time}}',
    pictureFrozen: 'The picture from {{name}} stopped. Reconnecting the video… The visit ends at {{time}}',
    videoPaused:
      'Video paused: weak connection. You can still hear {{name}}; the picture comes back by itself. The visit ends at {{time}}',
    videoPausedForThem:
      'Video paused for {{name}}: weak connection on their side. They can still hear you. The visit ends at {{time}}',
    reconnecting: 'Connection lost. Reconnecting…',
    cause: {
      signalling_lost: 'The connection to the visit server was lost.',
      media_stalled: 'No picture or sound is arriving.',
      ice_disconnected: 'The media connection dropped.',
      room_reset: 'The visit server restarted the call.',
    },
    timeRemaining: 'Time remaining',
    warning_one: '{{count}} minute left in this visit.',
    warning_other: '{{count}} minutes left in this visit.',
    remoteVideo: 'Video of the person you are visiting',
    selfVideo: 'Your camera',
    controls: 'Call controls',
    mute: 'Mute',
    cameraOff: 'Camera off',
    muted: 'You are muted: {{name}} cannot hear you.',
    cameraIsOff: 'Your camera is off: {{name}} cannot see you.',
    hangUp: 'Hang up',
    quality: {
      good: 'Good connection',
      fair: 'Weak connection',
      poor: 'Poor connection',
      reconnecting: 'Reconnecting',
    },
    cameraUnavailable: 'Camera unavailable',
    remoteCameraStopped: 'The camera of {{name}} stopped working. You can still hear each other.',
    remoteMicrophoneStopped:
      'The microphone of {{name}} stopped working: you cannot hear them for now. Staff have been told.',
    remoteBothStopped: 'The camera and microphone of {{name}} stopped working. Staff have been told.',
  },
  ended: {
    heading: 'The visit has ended',
    again: 'Join another visit',
    rejoin: 'Try to join again',
    reason: {
      completed: 'The visit reached its end time.',
      hung_up_by_inmate: 'The person you were visiting hung up.',
      hung_up_by_visitor: 'You hung up.',
      ended_by_staff: 'Facility staff ended the visit.',
      ended_by_server: 'The visitation service stopped the visit.',
    },
    connectionLost:
      'The connection was lost and could not be restored. Check your internet connection, then try to join again.',
    openedElsewhere: 'This visit was opened somewhere else.',
  },
} as const;

/** The catalogue's shape, with every leaf a string: what the other languages must fill in. */
export type Catalogue = { [K in keyof typeof en]: Leaves<(typeof en)[K]> };
type Leaves<T> = T extends string ? string : { [K in keyof T]: Leaves<T[K]> };
