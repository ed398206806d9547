import fc from 'fast-check';

/**
 * Generated inputs for every boundary: what a buggy or hostile peer can send, built around the
 * shapes the boundary expects so that the cases reach past its first check. Each suite runs
 * `generatedRuns` cases; fast-check shrinks a failing one to the smallest input that still fails.
 */
export const generatedRuns = 1000;
/** A thousand round trips over real sockets take seconds, and more on a busy machine. */
export const generatedTimeoutMs = 120_000;

/** Names that have tripped up JavaScript code before: prototype keys, accessors, empty and huge. */
const trickyNames = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'then', '', ' '];

/** Any text, in the units that break parsers: full code-point range, graphemes, controls, ASCII. */
export const anyText: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.constantFrom(...trickyNames) },
  // Very long text, past every field limit on both sides.
  { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 70_000 }).map((length) => 'x'.repeat(length)) },
);

/** Any value JSON can carry, with tricky keys and odd numbers. */
export const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  fc.dictionary(fc.oneof(anyText, fc.constantFrom(...trickyNames)), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 5 }),
  fc.constantFrom(0, -1, 1e308, -0, Number.MAX_SAFE_INTEGER + 2, 0.5, '', null, [], {}),
  anyText,
);

/** Any JavaScript value an in-process boundary can be handed, beyond JSON (boxed values, maps, NaN). */
export const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  anyJson,
  fc.anything({ maxDepth: 2, withBoxedValues: true, withMap: true, withSet: true, withNullPrototype: true }),
  fc.constantFrom(Number.NaN, Infinity, undefined, () => 1, Symbol('s'), new Date(Number.NaN), 10n),
);

/**
 * A value near `sample`, a valid input: the sample itself, or with one field replaced by `value`,
 * dropped, or joined by a stray field. Most boundaries refuse the first wrong field, so a valid
 * base is what carries generated values into the deeper checks.
 */
export function nearby(sample: unknown, value: fc.Arbitrary<unknown> = anyJson): fc.Arbitrary<unknown> {
  if (typeof sample !== 'object' || sample === null || Array.isArray(sample)) {
    return fc.oneof(fc.constant(sample), value);
  }
  const record = sample as Record<string, unknown>;
  const keys = Object.keys(record);
  const changes: Array<fc.WeightedArbitrary<unknown>> = [
    { weight: 3, arbitrary: fc.constant(sample) },
    { weight: 1, arbitrary: fc.tuple(anyText, value).map(([key, extra]) => ({ ...record, [key]: extra })) },
    { weight: 1, arbitrary: value },
  ];
  if (keys.length > 0) {
    const key = fc.constantFrom(...keys);
    changes.push(
      { weight: 2, arbitrary: fc.tuple(key, value).map(([name, replaced]) => ({ ...record, [name]: replaced })) },
      {
        weight: 2,
        arbitrary: key.chain((name) => nearby(record[name], value).map((inner) => ({ ...record, [name]: inner }))),
      },
      {
        weight: 1,
        arbitrary: key.map((name) => Object.fromEntries(Object.entries(record).filter(([other]) => other !== name))),
      },
    );
  }
  return fc.oneof(...changes);
}

/** A name from `known` (the protocol's own), a near miss of one, or anything at all. */
export function nameOf(known: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...known) },
    fc.constantFrom(...known).map((name) => `${name} `),
    fc.constantFrom(...known).map((name) => name.toUpperCase()),
    anyText,
  );
}

/** One path segment of the kind that escapes a folder or confuses a decoder. */
const hostileSegment: fc.Arbitrary<string> = fc.oneof(
  { weight: 1, arbitrary: fc.integer({ min: 200, max: 5_000 }).map((length) => 'a'.repeat(length)) },
  {
    weight: 8,
    arbitrary: fc.constantFrom(
      '..',
      '.',
      '',
      '%2e%2e',
      '%2E%2E',
      '.%2e',
      '%2e.',
      '..%2f',
      '..%2F..%2F',
      '%2f',
      '%5c',
      '..\\..',
      '\\',
      '%00',
      '\0',
      '%',
      '%zz',
      '%E0%A4%A',
      '%C0%AE%C0%AE',
      '%252e%252e',
      'index.html',
      'index.html%00.js',
      'assets',
      'secret.txt',
      'linked.txt',
      ';',
      '?x=1',
      '#x',
      '~',
      'CON',
      'é',
      'e\u0301',
      '\u202e',
      '\ud800',
    ),
  },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
  {
    weight: 2,
    arbitrary: fc
      .string({ unit: 'binary', maxLength: 12 })
      .map((text) => encodeURIComponent(text.replace(/[\ud800-\udfff]/g, ''))),
  },
);

/** A URL path from hostile segments, joined the way a client might: slashes, backslashes, doubled. */
export const hostilePath: fc.Arbitrary<string> = fc
  .tuple(
    fc.array(hostileSegment, { minLength: 0, maxLength: 6 }),
    fc.constantFrom('/', '/', '/', '\\', '//', '%2f'),
    fc.constantFrom('/', '', '//', '\\'),
  )
  .map(([segments, separator, lead]) => `${lead}${segments.join(separator)}`);

const uuid = '0b8e9f4c-6d3a-4c2b-9a1e-5f7d8c6b4a39';
const wellFormedToken = 'A'.repeat(43);
const isoTime = '2026-01-01T10:00:00.000Z';

/** A valid payload for every request of the renderer–main contract. */
export const contractSamples: Record<string, unknown> = {
  'app.getInfo': {},
  'kiosk.getState': {},
  'kiosk.begin': {},
  'kiosk.cancel': {},
  'kiosk.activity': {},
  'kiosk.setLanguage': { language: 'es' },
  'kiosk.setLargeText': { largeText: true },
  'session.signIn': { inmateId: '100234', pin: '2468' },
  'session.signOut': {},
  'visit.start': { visitId: 'demo-now' },
  'visit.join': { visitId: 'demo-now' },
  'visit.renewTicket': { visitId: 'demo-now' },
  'visit.media': { visitId: 'demo-now', connected: false, cause: 'media_stalled', stoppedMsAgo: 800 },
  'visit.end': { visitId: 'demo-now', reason: 'hung_up_by_inmate' },
  'devices.inventory': {
    devices: [{ kind: 'videoinput', deviceId: 'a1b2', label: 'HD Webcam (046d:0825)', groupId: 'g1' }],
  },
  'devices.track': { role: 'camera', deviceId: 'a1b2', event: 'failed', error: 'NotReadableError' },
  'staffMessage.get': {},
  'staffMessage.dismiss': { id: uuid },
  'diagnostics.reportRendererError': { message: 'boom', stack: 'at x' },
};

/** A valid payload for every outbox record type. */
export const outboxSamples: Record<string, unknown> = {
  'audit.event': { action: 'kiosk.unlocked', actor: 'kiosk', at: isoTime, detail: { reason: 'test' } },
  'device.fault': { device: 'camera', fault: 'unplugged', at: isoTime, cleared: false },
  'visit.ledger': {
    visitId: 'demo-now',
    connectedSeconds: 12.5,
    disconnectedSeconds: 1,
    drops: [{ startedAt: isoTime, endedAt: null, cause: 'media_stalled' }],
    final: false,
  },
  'call.quality': { visitId: 'demo-now', at: isoTime, roundTripMs: 20, packetLossPercent: 0.5, bitrateKbps: 900 },
};

/** A well-formed payload for every request a kiosk sends on `/kiosk` (the session is not a real one). */
export const controlSamples: Record<string, unknown> = {
  'inmate.signIn': { inmateId: '100234', pin: '0000' },
  'inmate.signOut': { session: wellFormedToken },
  'inmate.visits': { session: wellFormedToken },
  'visit.join': { session: wellFormedToken, visitId: 'demo-now' },
  'visit.resume': { visitId: 'demo-now', maxAbsentSeconds: 120 },
  'visit.end': { session: wellFormedToken, visitId: 'demo-now', reason: 'hung_up_by_inmate' },
  'outbox.deliver': {
    records: [
      { key: 'generated-0001', type: 'audit.event', createdAt: isoTime, payload: outboxSamples['audit.event'] },
    ],
  },
  'staff.signIn': { staffNumber: '7001', pin: '0000' },
  'staff.offlineCodes': {},
  'mediaCheck.open': {},
  // An officer's ID: the server refuses it, so no generated run decommissions its kiosk.
  'kiosk.decommission': { by: { staffId: 'officer-7001' }, forced: false, recordsLost: 0 },
  // An officer's ID again: no generated run moves its kiosk.
  'kiosk.housingUnits': { by: { staffId: 'officer-7001' } },
  'kiosk.move': { by: { staffId: 'officer-7001' }, housingUnitId: 'b-west', location: 'Dayroom 2' },
  'kiosk.heartbeat': {
    status: {
      appVersion: '1.0.0',
      uptimeSeconds: 5,
      screen: 'attract',
      visitId: null,
      outboxPending: 0,
      devices: {},
      service: { state: 'in_service' },
      visitState: null,
    },
  },
};

/** An outbox record near a valid one: a known or unknown type, a key at or past its limits, any payload. */
export const outboxRecord: fc.Arbitrary<unknown> = fc
  .tuple(nameOf(Object.keys(outboxSamples)), fc.oneof(fc.uuid(), anyText), fc.oneof(fc.constant(isoTime), anyText))
  .chain(([type, key, createdAt]) =>
    nearby({ key, type, createdAt, payload: outboxSamples[type] ?? {} }).chain((record) =>
      typeof record === 'object' && record !== null && 'payload' in record
        ? nearby((record as { payload: unknown }).payload).map((payload) => ({ ...record, payload }))
        : fc.constant(record),
    ),
  );

/**
 * A request frame near a valid one: a channel from `samples` (or not), its payload near the sample's,
 * any id, and now and then a frame that is not a frame at all.
 */
export function requestFrame(
  samples: Record<string, unknown>,
  value: fc.Arbitrary<unknown> = anyJson,
): fc.Arbitrary<unknown> {
  const channelAndPayload = nameOf(Object.keys(samples)).chain((channel) =>
    nearby(samples[channel] ?? {}, value).map((payload) => ({ channel, payload })),
  );
  const frame = fc
    .tuple(fc.nat(), channelAndPayload)
    .map(([id, { channel, payload }]) => ({ type: 'request', id, channel, payload }));
  return fc.oneof(
    { weight: 4, arbitrary: frame },
    { weight: 2, arbitrary: frame.chain((valid) => nearby(valid, value)) },
    { weight: 1, arbitrary: value },
  );
}

/** A valid result for every request on `/kiosk`, as a server would answer it. */
export const controlResultSamples: Record<string, unknown> = {
  'inmate.signIn': {
    session: wellFormedToken,
    sessionExpiresAt: isoTime,
    inmate: { displayName: 'Marcus R.' },
    visits: [
      {
        visitId: 'demo-now',
        startsAt: isoTime,
        endsAt: isoTime,
        opensAt: isoTime,
        visitorName: 'Angela R.',
        privileged: false,
        status: 'open',
      },
    ],
  },
  'inmate.signOut': {},
  'inmate.visits': { visits: [] },
  'visit.join': {
    ticket: 't'.repeat(40),
    ticketExpiresAt: isoTime,
    visit: { visitId: 'demo-now', startsAt: isoTime, endsAt: isoTime, visitorName: 'Angela R.', privileged: false },
  },
  'visit.resume': {
    session: wellFormedToken,
    sessionExpiresAt: isoTime,
    inmate: { displayName: 'Marcus R.' },
    visits: [],
    ticket: 't'.repeat(40),
    ticketExpiresAt: isoTime,
    visit: { visitId: 'demo-now', startsAt: isoTime, endsAt: isoTime, visitorName: 'Angela R.', privileged: false },
    absentSince: isoTime,
    serverTime: isoTime,
  },
  'visit.end': { endedAt: isoTime, reason: 'hung_up_by_inmate' },
  'outbox.deliver': { acks: [{ key: 'generated-0001', status: 'stored' }] },
  'staff.signIn': {
    session: {
      token: wellFormedToken,
      expiresAt: isoTime,
      staff: { staffId: 'officer-7001', staffNumber: '7001', displayName: 'Officer Diaz', role: 'officer' },
    },
  },
  'staff.offlineCodes': {
    verifiers: [
      {
        codeId: 'code-0001',
        staffId: 'officer-7001',
        role: 'officer',
        salt: 's'.repeat(22),
        hash: 'h'.repeat(43),
        n: 131072,
        r: 8,
        p: 1,
        expiresAt: isoTime,
      },
    ],
  },
  'mediaCheck.open': {
    ticket: 't'.repeat(40),
    checkId: 'check-0001',
    closesAt: isoTime,
  },
  'kiosk.decommission': { decommissionedAt: isoTime },
  'kiosk.housingUnits': { housingUnits: [{ id: 'b-east', name: 'B-East' }], current: 'b-east' },
  'kiosk.move': { housingUnit: { id: 'b-west', name: 'B-West' }, location: 'Dayroom 2', movedAt: isoTime },
  'kiosk.heartbeat': { serverTime: isoTime },
};

/** A diagnostics bundle as a kiosk sends it and the server keeps it. */
export const diagnosticsBundleSample = {
  collectedAt: isoTime,
  appVersion: '1.2.3',
  runtime: {
    host: 'electron',
    node: '22.12.0',
    electron: '39.0.0',
    chrome: '142.0.0.0',
    platform: 'linux',
    arch: 'x64',
  },
  uptimeSeconds: 3600,
  screen: 'attract',
  service: { state: 'in_service' },
  store: {
    path: '/var/lib/visitation-kiosk/kiosk.db',
    schemaVersion: 2,
    recoveredFromCorruption: null,
    corruptionDetected: false,
    diskFull: false,
    diskFullSince: null,
  },
  disk: { freeBytes: 1e10, totalBytes: 3e10 },
  outbox: { pending: 2, rejected: 0, oldestPendingAt: isoTime, oldestPendingAgeSeconds: 90, lastDeliveredAt: null },
  devices: { camera: 'ok', hook: 'missing' },
  log: { lines: ['{"level":30,"msg":"kiosk started"}'], unreadable: null },
};

/** A valid request for every request on `/console`. */
export const consoleSamples: Record<string, unknown> = {
  'console.snapshot': {},
  'kiosk.command': { kioskId: 'kiosk-0001', action: { type: 'lock' } },
  'kiosk.collectDiagnostics': { kioskId: 'kiosk-0001' },
  'kiosk.runMediaCheck': { kioskId: 'kiosk-0001' },
  'housingUnit.setUpdateChannel': { housingUnitId: 'b-east', channel: 'pilot' },
  'kiosk.diagnostics': { kioskId: 'kiosk-0001' },
  'housingUnit.command': { housingUnitId: 'b-east', action: { type: 'set_out_of_service', reason: 'count' } },
  'visit.end': { visitId: 'demo-later' },
  'offlineCode.issue': { housingUnitId: 'b-east' },
  'offlineCode.revoke': { codeId: 'code-0001' },
  'console.signOut': {},
};

/** A valid result for every request on `/console`, as a server would answer it. */
export const consoleResultSamples: Record<string, unknown> = {
  'console.snapshot': {
    staff: { staffId: 'officer-7001', staffNumber: '7001', displayName: 'Officer Diaz', role: 'officer' },
    serverTime: isoTime,
    housingUnits: [
      {
        id: 'b-east',
        name: 'B-East',
        updateChannel: 'stable',
        kiosks: [
          {
            kioskId: 'kiosk-0001',
            housingUnitId: 'b-east',
            location: null,
            online: false,
            lastSeenAt: null,
            status: null,
            lastMediaCheck: null,
          },
        ],
        offlineCodes: [],
      },
    ],
    visits: [],
    audit: [],
  },
  'kiosk.command': { outcome: { kioskId: 'kiosk-0001', status: 'refused', reason: 'already_locked' } },
  'kiosk.collectDiagnostics': {
    outcome: {
      status: 'collected',
      diagnostics: {
        id: '7d1f2c4e-8b3a-4c5d-9e6f-0a1b2c3d4e5f',
        kioskId: 'kiosk-0001',
        requestedBy: 'officer-7001',
        requestedAt: isoTime,
        receivedAt: isoTime,
        sizeBytes: 900,
        bundle: diagnosticsBundleSample,
      },
    },
  },
  'kiosk.diagnostics': { diagnostics: null },
  'kiosk.runMediaCheck': { outcome: { status: 'refused', reason: 'kiosk_in_use' } },
  'housingUnit.setUpdateChannel': { channel: 'pilot', changed: true },
  'housingUnit.command': { results: [{ kioskId: 'kiosk-0001', status: 'offline' }] },
  'visit.end': { endedAt: isoTime, reason: 'ended_by_staff' },
  'offlineCode.issue': { codeId: 'code-0001', code: 'ABCDE-FGHIJ-KLMNO-PQRS2', expiresAt: isoTime },
  'offlineCode.revoke': {},
  'console.signOut': {},
};

/** An acknowledgement near a valid answer or a valid refusal, or one that is neither. */
export function answerNear(result: unknown, codes: readonly string[]): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 3, arbitrary: nearby(result).chain((inner) => nearby({ ok: true, result: inner })) },
    {
      weight: 2,
      arbitrary: fc
        .record({ code: nameOf(codes), message: fc.oneof(fc.constant('refused'), anyText) })
        .chain((error) => nearby({ ok: false, error })),
    },
    { weight: 1, arbitrary: anyJson },
  );
}
