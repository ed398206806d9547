import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVisitationClient } from '../../../src/main/link/visitation-client';
import { kioskSignInLimit } from '../../../server/domain/sign-in';
import { startTestServer, type TestServer } from '../../../server/test-support/test-server';
import { silentLog } from '../store/helpers';
import { connectedKiosk, type ConnectedKiosk } from './helpers';

describe('the kiosk’s sign-in over the control channel', () => {
  let server: TestServer;
  let kiosk: ConnectedKiosk;

  beforeAll(async () => {
    server = await startTestServer();
    kiosk = await connectedKiosk(server.url);
  });
  afterAll(async () => {
    kiosk.close();
    await server.dispose();
  });

  it('shows the server’s throttle of this kiosk as a lockout with its retry time', async () => {
    const now = Date.parse('2026-11-22T10:00:00Z');
    const client = createVisitationClient(kiosk.link, silentLog, () => now);
    for (let attempt = 0; attempt < kioskSignInLimit.burst; attempt++) {
      expect(await client.signIn(String(800000 + attempt), '2468')).toMatchObject({
        ok: false,
        failure: { reason: 'bad_credentials' },
      });
    }
    expect(await client.signIn('800100', '2468')).toEqual({
      ok: false,
      failure: { reason: 'locked_out', retryAt: new Date(now + kioskSignInLimit.refillMs).toISOString() },
    });
  });
});
