import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../../src/main/policy/content-security-policy';

describe('content security policy', () => {
  it('allows no inline or evaluated script and no framing', () => {
    const csp = contentSecurityPolicy(undefined);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("connect-src 'self';");
  });

  it('lets the page reach only its provisioned server, over HTTP and WebSocket', () => {
    expect(contentSecurityPolicy('https://visits.facility.example:8443/')).toContain(
      "connect-src 'self' https://visits.facility.example:8443 wss://visits.facility.example:8443;",
    );
    expect(contentSecurityPolicy('http://127.0.0.1:4000')).toContain(
      "connect-src 'self' http://127.0.0.1:4000 ws://127.0.0.1:4000;",
    );
  });
});
