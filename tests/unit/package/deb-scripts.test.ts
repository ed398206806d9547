import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The deb's maintainer scripts. electron-builder fills in `${executable}` and
// `${sanitizedProductName}` in postinst and postrm (and throws on any other such name); fpm passes
// prerm as it is. Installing a deb needs a Debian root these machines do not give a test.
const templated = ['build/deb/postinst', 'build/deb/postrm'];
const scripts = [...templated, 'build/deb/prerm'];
const config = readFileSync('electron-builder.yml', 'utf8');

describe('the deb maintainer scripts', () => {
  it('are wired into the deb target', () => {
    expect(config).toMatch(/afterInstall: build\/deb\/postinst/);
    expect(config).toMatch(/afterRemove: build\/deb\/postrm/);
    expect(config).toMatch(/--before-remove=build\/deb\/prerm/);
  });

  for (const script of scripts) {
    it(`${script} is valid bash`, () => {
      const run = spawnSync('bash', ['-n', script], { encoding: 'utf8' });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
    });
  }

  for (const script of templated) {
    it(`${script} uses only the names electron-builder fills in`, () => {
      const names = [...readFileSync(script, 'utf8').matchAll(/\$\{([a-zA-Z]+)\}/g)].map((match) => match[1]);
      expect(names.length).toBeGreaterThan(0);
      expect(new Set(names)).toEqual(new Set(['executable', 'sanitizedProductName']));
    });
  }

  it('install creates the user and enables the session; purge removes them, upgrade removes nothing', () => {
    const postinst = readFileSync('build/deb/postinst', 'utf8');
    expect(postinst).toMatch(/adduser --system --group .* kiosk/s);
    expect(postinst).toMatch(/systemctl enable visitation-kiosk\.service/);
    const postrm = readFileSync('build/deb/postrm', 'utf8');
    expect(postrm).toMatch(/remove \| purge\)/);
    expect(postrm).toMatch(/if \[ "\$1" = purge \]; then[\s\S]*deluser --quiet --system --remove-home kiosk/);
    const prerm = readFileSync('build/deb/prerm', 'utf8');
    expect(prerm).toMatch(/if \[ "\$1" = remove \]/);
  });
});
