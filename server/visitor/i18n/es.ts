import type { Catalogue } from './en';

/** The visitor page in Spanish, key for key with `en`. */
export const es: Catalogue = {
  title: 'Visita por video',
  language: 'Idioma',
  join: {
    heading: 'Entre a su visita',
    code: 'Código de visita',
    submit: 'Entrar a la visita',
    codeFormat: 'Un código de visita tiene 12 letras y números, como ABCD-EFGH-JKLM.',
  },
  check: {
    heading: 'Revise su cámara y el sonido',
    preview: 'Vista previa de su cámara',
    starting: 'Encendiendo su cámara y micrófono…',
    ready: 'Su cámara y su micrófono están listos.',
    unavailable:
      'Su cámara o su micrófono no están disponibles ({{error}}). Aun así puede entrar y ver y oír a la otra persona.',
    microphone: 'Nivel del micrófono',
    microphoneHint: 'Diga algo: la barra se mueve cuando el micrófono le oye.',
    speaker: 'Tocar un sonido de prueba',
    speakerHint: 'Debería oír un tono corto. Si no oye nada, suba el volumen.',
  },
  refusal: {
    unauthenticated: 'No se encontró ese código de visita. Revíselo e inténtelo de nuevo.',
    visit_not_open: 'Esta visita todavía no está abierta.',
    visit_over: 'Esta visita ya terminó.',
    too_many_attempts: 'Demasiados códigos equivocados desde esta red. Espere un poco e inténtelo de nuevo.',
    tooManyWait: 'Demasiados códigos equivocados desde esta red. Inténtelo de nuevo en {{wait}}.',
    invalid_request: 'No se aceptó ese código de visita.',
    internal: 'El servicio de visitas tuvo un problema. Inténtelo de nuevo en un minuto.',
  },
  call: {
    heading: 'Visita en curso',
    connecting: 'Conectando…',
    waiting: 'Esperando a que la otra persona entre. La visita termina a las {{time}}',
    with: 'En una visita con {{name}}',
    endsAt: 'Termina a las {{time}}',
    pictureFrozen: 'La imagen de {{name}} se detuvo. Reconectando el video… La visita termina a las {{time}}',
    videoPaused:
      'Video en pausa: conexión débil. Todavía oye a {{name}}; la imagen volverá sola. La visita termina a las {{time}}',
    videoPausedForThem:
      'Video en pausa para {{name}}: conexión débil de su lado. Todavía le oye a usted. La visita termina a las {{time}}',
    reconnecting: 'Se perdió la conexión. Reconectando…',
    cause: {
      signalling_lost: 'Se perdió la conexión con el servidor de visitas.',
      media_stalled: 'No llega imagen ni sonido.',
      ice_disconnected: 'Se cortó la conexión de audio y video.',
      room_reset: 'El servidor de visitas reinició la llamada.',
    },
    timeRemaining: 'Tiempo restante',
    warning_one: 'Queda {{count}} minuto de esta visita.',
    warning_other: 'Quedan {{count}} minutos de esta visita.',
    remoteVideo: 'Video de la persona que visita',
    selfVideo: 'Su cámara',
    controls: 'Controles de la llamada',
    mute: 'Silenciar',
    cameraOff: 'Apagar cámara',
    muted: 'Su micrófono está silenciado: {{name}} no le oye.',
    cameraIsOff: 'Su cámara está apagada: {{name}} no le ve.',
    hangUp: 'Colgar',
    quality: {
      good: 'Buena conexión',
      fair: 'Conexión débil',
      poor: 'Mala conexión',
      reconnecting: 'Reconectando',
    },
    cameraUnavailable: 'Cámara no disponible',
    remoteCameraStopped: 'La cámara de {{name}} dejó de funcionar. Todavía pueden oírse.',
    remoteMicrophoneStopped:
      'El micrófono de {{name}} dejó de funcionar: por ahora no le puede oír. El personal ya sabe.',
    remoteBothStopped: 'La cámara y el micrófono de {{name}} dejaron de funcionar. El personal ya sabe.',
  },
  ended: {
    heading: 'La visita terminó',
    again: 'Entrar a otra visita',
    rejoin: 'Intentar entrar de nuevo',
    reason: {
      completed: 'La visita llegó a su hora de fin.',
      hung_up_by_inmate: 'La persona que visitaba colgó.',
      hung_up_by_visitor: 'Usted colgó.',
      ended_by_staff: 'El personal del centro terminó la visita.',
      ended_by_server: 'El servicio de visitas detuvo la visita.',
    },
    connectionLost:
      'Se perdió la conexión y no se pudo recuperar. Revise su conexión a internet e intente entrar de nuevo.',
    openedElsewhere: 'Esta visita se abrió en otro lugar.',
  },
};
