import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSetupApi, type SetupApi } from '../../../src/main/provisioning/setup-api';
import { demo } from '../../../server/demo/seed';
import { connectKiosk } from '../../../server/test-support/clients';
import { startTestServer, type TestServer } from '../../../server/test-support/test-server';

describe("the kiosk's setup client against the reference server", () => {
  let server: TestServer;
  let api: SetupApi;
  let token: string;

  beforeAll(async () => {
    server = await startTestServer();
    api = createSetupApi(server.url, 2_000);
    const session = await api.signIn(demo.technician.staffNumber, demo.technician.pin);
    if (!session.ok) throw new Error(`no setup session: ${session.reason}`);
    token = session.value.token;
  });
  afterAll(() => server.dispose());

  it('lists the housing units with the setup token, and refuses without one', async () => {
    expect(await api.housingUnits(token)).toEqual({
      ok: true,
      value: [
        { id: 'b-east', name: 'B-East' },
        { id: 'b-west', name: 'B-West' },
      ],
    });
    expect(await api.housingUnits('x'.repeat(43))).toEqual({
      ok: false,
      reason: 'unauthenticated',
      retryAfterSeconds: null,
    });
  });

  it('enrols for a unit at a location, and a retry after a lost answer gives the same kiosk a working token', async () => {
    const request = { requestId: randomUUID(), housingUnitId: 'b-east', location: 'B-East dayroom 2' };
    const first = await api.enrol(token, request);
    expect(first).toMatchObject({ ok: true, value: { housingUnit: { id: 'b-east' }, location: 'B-East dayroom 2' } });
    // The kiosk died before storing the answer: it asks again with the request ID it kept.
    const again = await api.enrol(token, request);
    if (!first.ok || !again.ok) throw new Error('expected enrolments');
    expect(again.value.kioskId).toBe(first.value.kioskId);
    const kiosk = await connectKiosk(server.url, again.value);
    kiosk.socket.close();
  });

  it('says a unit that is gone is not found, and an unreachable server unreachable', async () => {
    expect(await api.enrol(token, { requestId: randomUUID(), housingUnitId: 'c-gone', location: 'Hall' })).toEqual({
      ok: false,
      reason: 'not_found',
      retryAfterSeconds: null,
    });
    expect(await createSetupApi('http://127.0.0.1:9', 1_000).housingUnits(token)).toEqual({
      ok: false,
      reason: 'unreachable',
    });
  });
});
