import { describe, expect, it } from 'vitest';
import { decideDownload, decideNavigation, decideNewWindow, describeUrl } from '../../../src/main/policy/navigation';

describe('navigation policy', () => {
  it('allows only the app entry, with or without a fragment', () => {
    expect(decideNavigation('app://kiosk/index.html')).toEqual({ allow: true });
    expect(decideNavigation('app://kiosk/index.html#/visits')).toEqual({ allow: true });
  });

  it.each([
    ['https://example.com/', 'away from the app'],
    ['file:///etc/passwd', 'away from the app'],
    ['javascript:alert(1)', 'away from the app'],
    ['data:text/html,<h1>x</h1>', 'away from the app'],
    ['chrome://settings', 'away from the app'],
    ['app://other/index.html', 'away from the app'],
    ['app://kiosk/other.html', 'within the app'],
    ['app://kiosk/index.html?next=x', 'within the app'],
    ['not a url', 'away from the app'],
  ])('refuses %s (%s)', (url, why) => {
    const decision = decideNavigation(url);
    expect(decision.allow).toBe(false);
    expect(decision.allow ? '' : decision.reason).toContain(why);
  });

  it('refuses every new window and download, naming only scheme, host and path', () => {
    expect(decideNewWindow('app://kiosk/index.html')).toMatchObject({ allow: false });
    const decision = decideDownload('https://files.example/report.pdf?token=secret');
    expect(decision).toEqual({ allow: false, reason: 'downloads are refused: https://files.example/report.pdf' });
    expect(describeUrl('::')).toBe('(not a URL)');
  });
});
