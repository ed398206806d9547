import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { parse } from 'espree';
import { describe, expect, it } from 'vitest';

const rulePath = 'resources/kiosk-session/polkit-1/50-visitation-kiosk.rules';
const source = readFileSync(rulePath, 'utf8');

type Rule = (action: { id: string }, subject: Subject) => string | null;
interface Subject {
  user: string;
  local: boolean;
  active: boolean;
  isInGroup(group: string): boolean;
}

/**
 * The rule file run the way polkitd runs it: `polkit.addRule` collects functions and the first
 * truthy answer wins (the `_runRules` and `Result` of polkitd 122's init.js, which these machines
 * cannot run without a system bus).
 */
function decide(actionId: string, subject: Partial<Subject>): string | null {
  const rules: Rule[] = [];
  const polkit = {
    Result: {
      NO: 'no',
      YES: 'yes',
      AUTH_SELF: 'auth_self',
      AUTH_SELF_KEEP: 'auth_self_keep',
      AUTH_ADMIN: 'auth_admin',
      AUTH_ADMIN_KEEP: 'auth_admin_keep',
      NOT_HANDLED: null,
    },
    addRule: (rule: Rule) => rules.push(rule),
  };
  runInNewContext(source, { polkit });
  const full: Subject = { user: 'kiosk', local: true, active: true, isInGroup: () => false, ...subject };
  for (const rule of rules) {
    const answer = rule({ id: actionId }, full);
    if (answer) return answer;
  }
  return null;
}

describe('the polkit rule that lets the kiosk reboot', () => {
  it('is ES5, the JavaScript polkitd’s Duktape runs', () => {
    expect(() => parse(source, { ecmaVersion: 5 })).not.toThrow();
  });

  it('grants the kiosk user a plain reboot, in its session or not, with other sessions open too', () => {
    for (const subject of [{}, { active: false }, { local: false, active: false }]) {
      expect(decide('org.freedesktop.login1.reboot', subject)).toBe('yes');
      expect(decide('org.freedesktop.login1.reboot-multiple-sessions', subject)).toBe('yes');
    }
  });

  it('leaves every other user, and every other action, to polkit’s defaults', () => {
    expect(decide('org.freedesktop.login1.reboot', { user: 'visitor' })).toBeNull();
    expect(decide('org.freedesktop.login1.reboot', { user: 'root' })).toBeNull();
    for (const action of [
      'org.freedesktop.login1.reboot-ignore-inhibit',
      'org.freedesktop.login1.power-off',
      'org.freedesktop.login1.suspend',
      'org.freedesktop.login1.set-reboot-to-firmware-setup',
      'org.freedesktop.systemd1.manage-units',
    ]) {
      expect(decide(action, {})).toBeNull();
    }
  });

  it('is installed by the deb with the session files and removed with them', () => {
    const postinst = readFileSync('build/deb/postinst', 'utf8');
    expect(postinst).toContain(
      'install -m 0644 "$session_dir/polkit-1/50-visitation-kiosk.rules" /etc/polkit-1/rules.d/50-visitation-kiosk.rules',
    );
    expect(readFileSync('build/deb/postrm', 'utf8')).toContain('rm -f /etc/polkit-1/rules.d/50-visitation-kiosk.rules');
    expect(readFileSync('electron-builder.yml', 'utf8')).toMatch(/depends:[\s\S]*- polkitd/);
  });
});
