import { describe, expect, it } from 'vitest';
import { decideServerUrl } from '../../../src/main/policy/server-url';

describe('which visitation server URLs the kiosk accepts', () => {
  it.each([
    'https://visits.example',
    'https://10.0.0.5:8443',
    'http://127.0.0.1:4000',
    'http://127.1.2.3',
    'http://localhost:4000',
    'http://[::1]:4000',
  ])('accepts %s', (url) => expect(decideServerUrl(url, false)).toEqual({ allow: true }));

  it.each([
    'http://visits.example',
    'http://10.213.0.2:4000',
    'http://127.0.0.1.example',
    'ws://127.0.0.1',
    'not a url',
  ])('refuses %s, saying why', (url) => {
    const decision = decideServerUrl(url, false);
    expect(decision.allow).toBe(false);
    expect(decision.allow ? '' : decision.reason).toMatch(/https|URL/);
  });

  it('allows plain http beyond loopback only when the environment says it is a test network', () => {
    expect(decideServerUrl('http://10.213.0.2:4000', true)).toEqual({ allow: true });
    expect(decideServerUrl('ftp://10.213.0.2', true).allow).toBe(false);
  });
});
