import type { CommandOutcome, MediaCheckOutcome } from '../../../src/shared/protocol/console';
import type { KioskStatus } from '../../../src/shared/protocol/kiosk-status';
import type { OutOfServiceReason, StaffActionRefusal, StaffActionType } from '../../../src/shared/protocol/staff';
import type { VisitEndReason } from '../../../src/shared/protocol/visit';
import type { UpdateChannel, UpdateStatus } from '../../../src/shared/protocol/updates';
import type { MediaCheckResult } from '../../../src/shared/contract/media-check';
import type { MediaCheckRunRefusal } from '../../../src/shared/protocol/media-check-run';
type UpdatePhase = UpdateStatus['phase'];

export type Language = 'en' | 'es';

/** What a visit looks like now: the schedule's status, or its kiosk's call state once it is under way. */
export type VisitLiveState = 'scheduled' | 'open' | 'over' | NonNullable<KioskStatus['visitState']>;

const en = {
  languageName: 'English',
  otherLanguage: 'Español',
  switchLanguage: 'Cambiar a español',
  title: 'Officer console',
  signIn: {
    heading: 'Staff sign-in',
    staffNumber: 'Staff number',
    pin: 'PIN',
    submit: 'Sign in',
    signingIn: 'Signing in…',
    badCredentials: 'Unknown staff number or wrong PIN.',
    lockedOut: (minutes: number) => `Too many wrong PINs. Try again in ${minutes} min.`,
    tooMany: (minutes: number) => `Too many wrong sign-ins from this computer. Try again in ${minutes} min.`,
    notPermitted: 'The officer console is for officers.',
    invalid: 'A staff number is 3 to 12 digits and a PIN 4 to 8 digits.',
    unreachable: 'The visitation server cannot be reached. Try again.',
  },
  signedInAs: (name: string) => `Signed in as ${name}`,
  signOut: 'Sign out',
  connecting: 'Connecting…',
  disconnected: 'Connection to the server lost. Reconnecting…',
  sessionEnded: 'Your session ended. Sign in again.',
  housingUnit: (name: string) => `Housing unit ${name}`,
  unitActions: 'Whole housing unit',
  unitAction: {
    lock: 'Lock all kiosks (count or lockdown)',
    unlock: 'Unlock all kiosks',
  },
  kiosks: 'Kiosks',
  noKiosks: 'No kiosks enrolled in this unit.',
  kioskLabel: (id: string) => `Kiosk ${id}`,
  online: 'Online',
  offline: 'Offline',
  lastSeen: (when: string) => `last seen ${when}`,
  neverSeen: 'never seen',
  field: {
    connection: 'Connection',
    screen: 'Screen',
    service: 'Service',
    visit: 'Visit',
    devices: 'Devices',
    outbox: 'Outbox',
    today: 'Today',
    lastInmateError: 'Last error shown',
    version: 'Version',
    update: 'Update',
  },
  service: {
    in_service: 'In service',
    locked: 'Locked',
    out_of_service: 'Out of service',
    unknown: 'Unknown',
  },
  outOfServiceReason: {
    maintenance: 'maintenance',
    device_fault: 'device fault',
    count: 'count',
    facility_emergency: 'facility emergency',
  } satisfies Record<OutOfServiceReason, string>,
  noVisit: 'None',
  noInmateError: 'None',
  devicesNone: 'No report',
  outboxPending: (count: number) => (count === 1 ? '1 record waiting' : `${count} records waiting`),
  actions: 'Actions',
  unavailableOffline: 'Actions are unavailable while the kiosk is offline.',
  action: {
    lock: 'Lock',
    unlock: 'Unlock',
    end_visit: 'End visit',
    reset: 'Reset',
    set_out_of_service: 'Out of service',
    set_in_service: 'Back in service',
    show_message: 'Show message',
    restart_app: 'Restart app',
    reboot: 'Reboot computer',
  } satisfies Record<StaffActionType, string>,
  reasonLabel: 'Reason',
  messageLabel: 'Message to show',
  confirm: {
    kiosk: (action: string, kiosk: string) => `${action} on kiosk ${kiosk}?`,
    unit: (action: string, unit: string) => `${action} in housing unit ${unit}?`,
    visit: (visitor: string, inmate: string) => `End the visit of ${visitor} with ${inmate}?`,
    yes: 'Confirm',
    no: 'Cancel',
  },
  outcome: {
    accepted: 'accepted',
    offline: 'kiosk offline',
    failed: 'no answer from the kiosk',
    refused: (reason: string) => `refused: ${reason}`,
    error: 'the server refused the request',
  },
  refusal: {
    no_visit_in_progress: 'no visit in progress',
    other_visit_in_progress: 'another visit is in progress',
    already_locked: 'the kiosk is already locked',
    not_locked: 'the kiosk is not locked',
    already_out_of_service: 'the kiosk is already out of service',
    not_out_of_service: 'the kiosk is not out of service',
    not_permitted: 'not permitted',
    visit_in_progress: 'a visit is in progress: end it first',
    not_supported: 'this kiosk cannot do that (its host or OS session does not allow it)',
  } satisfies Record<StaffActionRefusal, string>,
  networkCheck: {
    run: 'Run network check',
    running: (kiosk: string) => `Network check running on kiosk ${kiosk}…`,
    field: 'Network check',
    never: 'not run from the console yet',
    at: (result: string, when: string) => `${result} (${when})`,
    done: (kiosk: string, result: string) => `Network check, kiosk ${kiosk}: ${result}`,
    refusal: {
      visit_in_progress: 'a visit is in progress',
      not_supported: 'this kiosk cannot run the check',
      staff_session_in_progress: 'a staff member is signed in at the kiosk',
      kiosk_in_use: 'someone is using the kiosk',
      check_in_progress: 'a check is already running',
    } satisfies Record<MediaCheckRunRefusal, string>,
  },
  updateChannel: {
    label: (unit: string) => `Update channel, housing unit ${unit}`,
    current: 'Update channel',
    name: { stable: 'Stable', pilot: 'Pilot' } satisfies Record<UpdateChannel, string>,
    change: 'Change channel',
    confirm: (unit: string, channel: string) => `Move housing unit ${unit} to the ${channel} update channel?`,
    changed: (unit: string, channel: string) => `Housing unit ${unit} now follows the ${channel} channel.`,
    notPermitted: 'Only officers may change a unit’s update channel.',
  },
  result: (action: string, kiosk: string, outcome: string) => `${action}, kiosk ${kiosk}: ${outcome}`,
  offlineCodes: {
    heading: 'Offline codes',
    explain: 'One-time codes for staff sign-in at a kiosk that cannot reach the server. Keep them like keys.',
    issue: 'Issue an offline code',
    issueReplacement: 'Issue a replacement',
    revoke: 'Revoke',
    newCode: 'New offline code',
    showOnce: 'Write it down now: it is not shown again.',
    none: 'No offline codes.',
    unused: (expires: string) => `Unused, expires ${expires}`,
    used: (kiosk: string, when: string) => `Used at kiosk ${kiosk} at ${when}: a replacement is due`,
    code: (id: string) => `Code ${id}`,
    issued: 'Offline code issued.',
    revoked: 'Offline code revoked.',
  },
  fleet: {
    heading: 'Kiosks by trouble',
    explain: 'Every kiosk of the facility, the ones that need attention first.',
    kiosk: 'Kiosk',
    unit: 'Unit',
    trouble: 'What is wrong',
    nothing: 'Nothing wrong',
    offlineSince: (when: string) => `offline since ${when}`,
    offlineNever: 'offline, never seen',
    device: (device: string, health: string) => `${device} ${health}`,
    outbox: (pending: number) => `${pending} records waiting`,
    lostMinutes: (minutes: number) => `${minutes} min lost today`,
    inmateError: (error: string, when: string) => `inmate shown “${error}” at ${when}`,
  },
  today: (visits: number, connected: number, lost: number, reconnects: number) =>
    `${visits} ${visits === 1 ? 'visit' : 'visits'}, ${connected} min connected, ${lost} min lost, ${reconnects} ${reconnects === 1 ? 'reconnect' : 'reconnects'}`,
  inmateError: {
    'sign_in.bad_credentials': 'wrong inmate ID or PIN',
    'sign_in.locked_out': 'locked out after wrong PINs',
    'sign_in.wrong_housing_unit': 'wrong housing unit',
    'sign_in.server_unavailable': 'server unavailable at sign-in',
    'sign_in.server_not_secure': 'server address not secure',
    'visits.visit_not_open': 'visit not open yet',
    'visits.visit_over': 'visit over',
    'visits.server_unavailable': 'server unavailable for the visit',
    'visits.call_failed': 'the call could not start',
    devices_unavailable: 'camera or microphone not working',
    'call.failed': 'the call broke',
  } as Record<string, string>,
  lastInmateError: (error: string, when: string) => `${error} at ${when}`,
  updatePhase: {
    idle: 'No update in progress',
    downloading: 'Downloading',
    ready: 'Downloaded, installs when the kiosk is idle',
    installing: 'Installing',
    trial: 'On trial after install',
  } satisfies Record<UpdatePhase, string>,
  updateError: {
    check_failed: 'last check failed',
    download_failed: 'download failed',
    checksum_mismatch: 'download was corrupt',
    size_mismatch: 'download was corrupt',
    install_failed: 'install failed',
    install_did_not_take: 'install did not take',
    failed_start: 'rolled back: failed to start',
    crashed_repeatedly: 'rolled back: crashed repeatedly',
  } as Record<string, string>,
  diagnostics: {
    collect: 'Collect diagnostics',
    showLast: 'Last diagnostics',
    collecting: 'Collecting diagnostics…',
    region: (kiosk: string) => `Diagnostics, kiosk ${kiosk}`,
    collectedAt: (when: string) => `Collected ${when}`,
    none: 'No diagnostics kept for this kiosk.',
    offline: 'The kiosk is offline: nothing collected.',
    failed: 'The kiosk did not send its diagnostics. Try again.',
    version: 'Version',
    runtime: 'Runtime',
    uptime: 'Uptime',
    uptimeValue: (hours: number, minutes: number) => `${hours} h ${minutes} min`,
    store: 'Store',
    storeHealthy: (schema: number) => `healthy, schema ${schema}`,
    storeProblem: 'damaged or disk full',
    disk: 'Free disk',
    diskValue: (free: string, total: string) => `${free} of ${total}`,
    unknown: 'unknown',
    outbox: 'Outbox',
    outboxValue: (pending: number, oldestMinutes: number | null) =>
      oldestMinutes === null ? `${pending} waiting` : `${pending} waiting, oldest ${oldestMinutes} min`,
    devices: 'Devices',
    mediaCheck: 'Last network check',
    mediaCheckNone: 'none reported',
    mediaCheckPassed: (path: string, roundTripMs: number | null, lossPercent: number, kbps: number) =>
      `passed over ${path.toUpperCase()}, round trip ${roundTripMs === null ? '?' : roundTripMs} ms, loss ${lossPercent} %, video ${kbps} kbit/s`,
    mediaCheckFailed: (failure: string) => `failed: ${failure.replaceAll('_', ' ')}`,
    logLines: (count: number) => `Last ${count} log lines (redacted)`,
    logUnreadable: (why: string) => `Log not read: ${why}`,
    size: (kilobytes: number) => `${kilobytes} KB`,
  },
  visits: {
    heading: 'Today’s visits',
    none: 'No visits today.',
    time: 'Time',
    visitor: 'Visitor',
    inmate: 'Inmate',
    unit: 'Unit',
    state: 'State',
    action: 'Action',
    end: 'End visit',
    ended: 'Visit ended.',
    privileged: 'legal',
  },
  visitState: {
    scheduled: 'Scheduled',
    open: 'Open, not joined',
    over: 'Over',
    waiting: 'Waiting for the other side',
    connected: 'Connected',
    reconnecting: 'Reconnecting',
  } satisfies Record<VisitLiveState, string>,
  endReason: {
    completed: 'reached its end time',
    hung_up_by_inmate: 'inmate hung up',
    hung_up_by_visitor: 'visitor hung up',
    ended_by_staff: 'ended by staff',
    ended_by_server: 'ended by the server',
  } satisfies Record<VisitEndReason, string>,
  audit: {
    heading: 'Audit (recent)',
    none: 'Nothing recorded yet.',
    when: 'When',
    who: 'Who',
    where: 'Where',
    what: 'What',
    kiosk: 'Kiosk',
    outcome: 'Outcome',
    place: { kiosk: 'kiosk', console: 'console', server: 'server' },
  },
};

export type Strings = typeof en;

const es: Strings = {
  languageName: 'Español',
  otherLanguage: 'English',
  switchLanguage: 'Switch to English',
  title: 'Consola de oficiales',
  signIn: {
    heading: 'Acceso del personal',
    staffNumber: 'Número de empleado',
    pin: 'PIN',
    submit: 'Entrar',
    signingIn: 'Entrando…',
    badCredentials: 'Número de empleado desconocido o PIN incorrecto.',
    lockedOut: (minutes) => `Demasiados PIN incorrectos. Vuelva a intentarlo en ${minutes} min.`,
    tooMany: (minutes) => `Demasiados intentos fallidos desde este equipo. Vuelva a intentarlo en ${minutes} min.`,
    notPermitted: 'La consola de oficiales es solo para oficiales.',
    invalid: 'El número de empleado tiene de 3 a 12 dígitos y el PIN de 4 a 8.',
    unreachable: 'No se puede contactar con el servidor de visitas. Inténtelo de nuevo.',
  },
  signedInAs: (name) => `Sesión iniciada: ${name}`,
  signOut: 'Cerrar sesión',
  connecting: 'Conectando…',
  disconnected: 'Se perdió la conexión con el servidor. Reconectando…',
  sessionEnded: 'Su sesión terminó. Vuelva a entrar.',
  housingUnit: (name) => `Unidad ${name}`,
  unitActions: 'Toda la unidad',
  unitAction: {
    lock: 'Bloquear todos los quioscos (recuento o cierre)',
    unlock: 'Desbloquear todos los quioscos',
  },
  kiosks: 'Quioscos',
  noKiosks: 'No hay quioscos inscritos en esta unidad.',
  kioskLabel: (id) => `Quiosco ${id}`,
  online: 'En línea',
  offline: 'Desconectado',
  lastSeen: (when) => `visto por última vez ${when}`,
  neverSeen: 'nunca visto',
  field: {
    connection: 'Conexión',
    screen: 'Pantalla',
    service: 'Servicio',
    visit: 'Visita',
    devices: 'Dispositivos',
    outbox: 'Pendientes',
    today: 'Hoy',
    lastInmateError: 'Último error mostrado',
    version: 'Versión',
    update: 'Actualización',
  },
  service: {
    in_service: 'En servicio',
    locked: 'Bloqueado',
    out_of_service: 'Fuera de servicio',
    unknown: 'Desconocido',
  },
  outOfServiceReason: {
    maintenance: 'mantenimiento',
    device_fault: 'fallo de dispositivo',
    count: 'recuento',
    facility_emergency: 'emergencia en el centro',
  },
  noVisit: 'Ninguna',
  noInmateError: 'Ninguno',
  devicesNone: 'Sin datos',
  outboxPending: (count) => (count === 1 ? '1 registro en espera' : `${count} registros en espera`),
  actions: 'Acciones',
  unavailableOffline: 'Las acciones no están disponibles mientras el quiosco está desconectado.',
  action: {
    lock: 'Bloquear',
    unlock: 'Desbloquear',
    end_visit: 'Terminar visita',
    reset: 'Reiniciar',
    set_out_of_service: 'Fuera de servicio',
    set_in_service: 'Volver a servicio',
    show_message: 'Mostrar mensaje',
    restart_app: 'Reiniciar la aplicación',
    reboot: 'Reiniciar el equipo',
  },
  reasonLabel: 'Motivo',
  messageLabel: 'Mensaje para mostrar',
  confirm: {
    kiosk: (action, kiosk) => `¿${action} en el quiosco ${kiosk}?`,
    unit: (action, unit) => `¿${action} en la unidad ${unit}?`,
    visit: (visitor, inmate) => `¿Terminar la visita de ${visitor} con ${inmate}?`,
    yes: 'Confirmar',
    no: 'Cancelar',
  },
  outcome: {
    accepted: 'aceptado',
    offline: 'quiosco desconectado',
    failed: 'el quiosco no respondió',
    refused: (reason) => `rechazado: ${reason}`,
    error: 'el servidor rechazó la solicitud',
  },
  refusal: {
    no_visit_in_progress: 'no hay ninguna visita en curso',
    other_visit_in_progress: 'hay otra visita en curso',
    already_locked: 'el quiosco ya está bloqueado',
    not_locked: 'el quiosco no está bloqueado',
    already_out_of_service: 'el quiosco ya está fuera de servicio',
    not_out_of_service: 'el quiosco no está fuera de servicio',
    not_permitted: 'no permitido',
    visit_in_progress: 'hay una visita en curso: termínela primero',
    not_supported: 'este quiosco no puede hacerlo (su equipo o su sesión no lo permiten)',
  },
  networkCheck: {
    run: 'Comprobar la red',
    running: (kiosk) => `Comprobación de red en curso en el quiosco ${kiosk}…`,
    field: 'Comprobación de red',
    never: 'aún no se ha hecho desde la consola',
    at: (result, when) => `${result} (${when})`,
    done: (kiosk, result) => `Comprobación de red, quiosco ${kiosk}: ${result}`,
    refusal: {
      visit_in_progress: 'hay una visita en curso',
      not_supported: 'este quiosco no puede hacer la comprobación',
      staff_session_in_progress: 'hay personal con la sesión abierta en el quiosco',
      kiosk_in_use: 'alguien está usando el quiosco',
      check_in_progress: 'ya hay una comprobación en curso',
    },
  },
  updateChannel: {
    label: (unit) => `Canal de actualización, unidad ${unit}`,
    current: 'Canal de actualización',
    name: { stable: 'Estable', pilot: 'Piloto' },
    change: 'Cambiar de canal',
    confirm: (unit, channel) => `¿Pasar la unidad ${unit} al canal de actualización ${channel}?`,
    changed: (unit, channel) => `La unidad ${unit} sigue ahora el canal ${channel}.`,
    notPermitted: 'Solo los agentes pueden cambiar el canal de actualización de una unidad.',
  },
  result: (action, kiosk, outcome) => `${action}, quiosco ${kiosk}: ${outcome}`,
  offlineCodes: {
    heading: 'Códigos sin conexión',
    explain:
      'Códigos de un solo uso para que el personal entre en un quiosco sin conexión con el servidor. Guárdelos como llaves.',
    issue: 'Emitir un código sin conexión',
    issueReplacement: 'Emitir un reemplazo',
    revoke: 'Revocar',
    newCode: 'Nuevo código sin conexión',
    showOnce: 'Anótelo ahora: no se volverá a mostrar.',
    none: 'No hay códigos sin conexión.',
    unused: (expires) => `Sin usar, caduca ${expires}`,
    used: (kiosk, when) => `Usado en el quiosco ${kiosk} a las ${when}: hace falta un reemplazo`,
    code: (id) => `Código ${id}`,
    issued: 'Código sin conexión emitido.',
    revoked: 'Código sin conexión revocado.',
  },
  fleet: {
    heading: 'Quioscos por problemas',
    explain: 'Todos los quioscos del centro, primero los que necesitan atención.',
    kiosk: 'Quiosco',
    unit: 'Unidad',
    trouble: 'Qué falla',
    nothing: 'Sin problemas',
    offlineSince: (when) => `sin conexión desde las ${when}`,
    offlineNever: 'sin conexión, nunca visto',
    device: (device, health) => `${device} ${health}`,
    outbox: (pending) => `${pending} registros en espera`,
    lostMinutes: (minutes) => `${minutes} min perdidos hoy`,
    inmateError: (error, when) => `el interno vio «${error}» a las ${when}`,
  },
  today: (visits, connected, lost, reconnects) =>
    `${visits} ${visits === 1 ? 'visita' : 'visitas'}, ${connected} min conectadas, ${lost} min perdidos, ${reconnects} ${reconnects === 1 ? 'reconexión' : 'reconexiones'}`,
  inmateError: {
    'sign_in.bad_credentials': 'número de recluso o PIN incorrecto',
    'sign_in.locked_out': 'bloqueado tras PIN incorrectos',
    'sign_in.wrong_housing_unit': 'unidad equivocada',
    'sign_in.server_unavailable': 'servidor no disponible al entrar',
    'sign_in.server_not_secure': 'dirección del servidor no segura',
    'visits.visit_not_open': 'visita aún no abierta',
    'visits.visit_over': 'visita terminada',
    'visits.server_unavailable': 'servidor no disponible para la visita',
    'visits.call_failed': 'la llamada no pudo empezar',
    devices_unavailable: 'cámara o micrófono sin funcionar',
    'call.failed': 'la llamada se cortó',
  },
  lastInmateError: (error, when) => `${error} a las ${when}`,
  updatePhase: {
    idle: 'Ninguna actualización en curso',
    downloading: 'Descargando',
    ready: 'Descargada, se instala cuando el quiosco esté libre',
    installing: 'Instalando',
    trial: 'En prueba tras instalar',
  },
  updateError: {
    check_failed: 'falló la última comprobación',
    download_failed: 'falló la descarga',
    checksum_mismatch: 'la descarga estaba dañada',
    size_mismatch: 'la descarga estaba dañada',
    install_failed: 'falló la instalación',
    install_did_not_take: 'la instalación no se aplicó',
    failed_start: 'revertida: no arrancó',
    crashed_repeatedly: 'revertida: se cerró varias veces',
  },
  diagnostics: {
    collect: 'Recoger diagnóstico',
    showLast: 'Último diagnóstico',
    collecting: 'Recogiendo diagnóstico…',
    region: (kiosk) => `Diagnóstico, quiosco ${kiosk}`,
    collectedAt: (when) => `Recogido a las ${when}`,
    none: 'No hay diagnósticos guardados de este quiosco.',
    offline: 'El quiosco está sin conexión: no se recogió nada.',
    failed: 'El quiosco no envió su diagnóstico. Inténtelo de nuevo.',
    version: 'Versión',
    runtime: 'Entorno',
    uptime: 'Tiempo encendido',
    uptimeValue: (hours, minutes) => `${hours} h ${minutes} min`,
    store: 'Almacén',
    storeHealthy: (schema) => `en buen estado, esquema ${schema}`,
    storeProblem: 'dañado o disco lleno',
    disk: 'Disco libre',
    diskValue: (free, total) => `${free} de ${total}`,
    unknown: 'desconocido',
    outbox: 'Bandeja de salida',
    outboxValue: (pending, oldestMinutes) =>
      oldestMinutes === null ? `${pending} en espera` : `${pending} en espera, el más antiguo ${oldestMinutes} min`,
    devices: 'Dispositivos',
    mediaCheck: 'Última comprobación de red',
    mediaCheckNone: 'ninguna comunicada',
    mediaCheckPassed: (path, roundTripMs, lossPercent, kbps) =>
      `correcta por ${path.toUpperCase()}, ida y vuelta ${roundTripMs === null ? '?' : roundTripMs} ms, pérdida ${lossPercent} %, vídeo ${kbps} kbit/s`,
    mediaCheckFailed: (failure) => `fallida: ${failure.replaceAll('_', ' ')}`,
    logLines: (count) => `Últimas ${count} líneas del registro (censuradas)`,
    logUnreadable: (why) => `Registro no leído: ${why}`,
    size: (kilobytes) => `${kilobytes} KB`,
  },
  visits: {
    heading: 'Visitas de hoy',
    none: 'No hay visitas hoy.',
    time: 'Hora',
    visitor: 'Visitante',
    inmate: 'Interno',
    unit: 'Unidad',
    state: 'Estado',
    action: 'Acción',
    end: 'Terminar visita',
    ended: 'Visita terminada.',
    privileged: 'legal',
  },
  visitState: {
    scheduled: 'Programada',
    open: 'Abierta, sin unirse',
    over: 'Terminada',
    waiting: 'Esperando a la otra parte',
    connected: 'Conectada',
    reconnecting: 'Reconectando',
  },
  endReason: {
    completed: 'llegó a su hora de fin',
    hung_up_by_inmate: 'el interno colgó',
    hung_up_by_visitor: 'el visitante colgó',
    ended_by_staff: 'terminada por el personal',
    ended_by_server: 'terminada por el servidor',
  },
  audit: {
    heading: 'Registro de auditoría (reciente)',
    none: 'Aún no hay registros.',
    when: 'Cuándo',
    who: 'Quién',
    where: 'Dónde',
    what: 'Qué',
    kiosk: 'Quiosco',
    outcome: 'Resultado',
    place: { kiosk: 'quiosco', console: 'consola', server: 'servidor' },
  },
};

export const strings: Record<Language, Strings> = { en, es };

/** A command's result in words, in the officer's language. */
export function outcomeText(t: Strings, outcome: CommandOutcome): string {
  switch (outcome.status) {
    case 'accepted':
      return t.outcome.accepted;
    case 'offline':
      return t.outcome.offline;
    case 'failed':
      return t.outcome.failed;
    case 'refused':
      return t.outcome.refused(t.refusal[outcome.reason ?? 'not_permitted']);
  }
}

/** A kiosk's code for an error it showed an inmate, in words; the code itself when this page does not know it. */
export function inmateErrorText(t: Strings, code: string): string {
  return t.inmateError[code] ?? code;
}

/** A kiosk's update state in words: the phase, the version it concerns, and what last went wrong. */
export function updateText(t: Strings, update: UpdateStatus): string {
  const target = update.target === null ? '' : `${update.target}: `;
  const error = update.lastError === null ? '' : ` (${t.updateError[update.lastError] ?? update.lastError})`;
  return `${target}${t.updatePhase[update.phase]}${error}`;
}

/** A network check's figures (ICE path, round trip, loss, bitrate), or what failed. */
export function mediaCheckText(t: Strings, check: MediaCheckResult): string {
  return check.ok
    ? t.diagnostics.mediaCheckPassed(check.path, check.roundTripMs, check.packetLossPercent, check.videoBitrateKbps)
    : t.diagnostics.mediaCheckFailed(check.failure);
}

/** What became of a network check the console asked for, in words. */
export function mediaCheckOutcomeText(t: Strings, outcome: MediaCheckOutcome): string {
  switch (outcome.status) {
    case 'checked':
      return mediaCheckText(t, outcome.result);
    case 'offline':
      return t.outcome.offline;
    case 'failed':
      return t.outcome.failed;
    case 'refused':
      return t.outcome.refused(t.networkCheck.refusal[outcome.reason]);
  }
}
