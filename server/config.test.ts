import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

describe('server configuration', () => {
  it('defaults to loopback for both signalling and media', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ host: '127.0.0.1', port: 4000, tls: undefined, logLevel: 'info' });
    expect(config.media).toMatchObject({
      listenIp: '127.0.0.1',
      announcedIp: undefined,
      workers: undefined,
      ticketTtlMs: 120_000,
    });
  });

  it('seeds the demo only when asked, by variable or flag', () => {
    expect(loadConfig({}).demo).toBe(false);
    expect(loadConfig({ VISITATION_DEMO: '0' }, ['--demo']).demo).toBe(true);
    expect(loadConfig({ VISITATION_DEMO: '1' }).demo).toBe(true);
  });

  it('reads the environment', () => {
    const config = loadConfig({
      VISITATION_PORT: '0',
      VISITATION_MEDIA_LISTEN_IP: '0.0.0.0',
      VISITATION_MEDIA_ANNOUNCED_IP: '203.0.113.7',
      VISITATION_TLS_CERT: '/etc/cert.pem',
      VISITATION_TLS_KEY: '/etc/key.pem',
      VISITATION_DATA_DIR: '/var/lib/visitation',
      VISITATION_LOG_LEVEL: 'debug',
      VISITATION_MEDIA_TICKET_SECONDS: '30',
    });
    expect(config).toMatchObject({
      port: 0,
      tls: { certFile: '/etc/cert.pem', keyFile: '/etc/key.pem' },
      dataDir: '/var/lib/visitation',
      logLevel: 'debug',
      media: { listenIp: '0.0.0.0', announcedIp: '203.0.113.7', ticketTtlMs: 30_000 },
    });
  });

  it.each([
    [{ VISITATION_PORT: 'http' }, 'VISITATION_PORT'],
    [{ VISITATION_MEDIA_LISTEN_IP: 'localhost' }, 'VISITATION_MEDIA_LISTEN_IP'],
    [{ VISITATION_TLS_CERT: '/etc/cert.pem' }, 'VISITATION_TLS_KEY'],
    [{ VISITATION_MEDIA_MIN_PORT: '50000', VISITATION_MEDIA_MAX_PORT: '40000' }, 'VISITATION_MEDIA_MIN_PORT'],
    [{ VISITATION_LOG_LEVEL: 'loud' }, 'VISITATION_LOG_LEVEL'],
    [{ VISITATION_DEMO: 'yes' }, 'VISITATION_DEMO'],
    [{ VISITATION_MEDIA_TICKET_SECONDS: '5' }, 'VISITATION_MEDIA_TICKET_SECONDS'],
  ])('refuses %o, naming the variable', (env, name) => {
    expect(() => loadConfig(env)).toThrow(name);
  });
});
