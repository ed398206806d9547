import { describe, expect, it } from 'vitest';
import { isInsideRoot, resolveAppAsset } from '../../../src/main/policy/app-assets';

const root = '/opt/kiosk/renderer';

describe('app asset resolution', () => {
  it('maps app URLs to files under the renderer folder', () => {
    expect(resolveAppAsset('app://kiosk/', root)).toEqual({ allow: true, path: '/opt/kiosk/renderer/index.html' });
    expect(resolveAppAsset('app://kiosk/assets/index-1.js', root)).toEqual({
      allow: true,
      path: '/opt/kiosk/renderer/assets/index-1.js',
    });
    expect(resolveAppAsset('app://kiosk/assets/a%20b.css?v=1', root)).toEqual({
      allow: true,
      path: '/opt/kiosk/renderer/assets/a b.css',
    });
  });

  it.each([
    ['app://kiosk/assets/%2e%2e%2f%2e%2e%2fsecret', 'climbs'],
    ['app://kiosk/%00', 'forbidden character'],
    ['app://kiosk/a%5c..%5csecret', 'forbidden character'],
    ['app://kiosk/%E0%A4%A', 'malformed'],
    ['app://other/index.html', 'host other'],
    ['file:///etc/passwd', 'scheme file:'],
    ['nonsense', 'not a URL'],
  ])('refuses %s', (url, reason) => {
    const resolution = resolveAppAsset(url, root);
    expect(resolution.allow).toBe(false);
    expect(resolution.allow ? '' : resolution.reason).toContain(reason);
  });

  it('keeps dot segments that URL parsing collapses inside the root', () => {
    for (const url of ['app://kiosk/../main/index.js', 'app://kiosk/%2e%2e/main/index.js']) {
      expect(resolveAppAsset(url, root)).toEqual({ allow: true, path: '/opt/kiosk/renderer/main/index.js' });
    }
  });

  it('tells whether a real path is inside the root', () => {
    expect(isInsideRoot('/opt/kiosk/renderer/index.html', root)).toBe(true);
    expect(isInsideRoot('/opt/kiosk/renderer', root)).toBe(false);
    expect(isInsideRoot('/opt/kiosk/renderer-evil/x', root)).toBe(false);
    expect(isInsideRoot('/etc/passwd', root)).toBe(false);
  });
});
