import { execFileSync, spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { randomInt } from 'node:crypto';

/**
 * A test host of the project's own: a Linux network namespace joined to this one by a veth pair on
 * a private /30, so a test can cut the kiosk–server network for real (the link goes down; packets
 * are lost, not refused) and restore it. Needs root and iproute2, as CI has.
 */
export interface NetworkNamespace {
  readonly name: string;
  /** This side's address on the pair. */
  readonly hostIp: string;
  /** The namespace's address: where a server started with `spawn` listens. */
  readonly innerIp: string;
  spawn(command: string, args: readonly string[], options?: SpawnOptions): ChildProcess;
  cut(): void;
  restore(): void;
  destroy(): void;
}

const testRange = '10.213.0.0/16';

/**
 * Traffic for the test range must never leave this machine, even while a pair is down or gone:
 * a blackhole route under the pairs' own routes catches whatever they do not.
 */
function guardTestRange(): void {
  const routes = execFileSync('ip', ['route', 'show', 'type', 'blackhole'], { encoding: 'utf8' });
  if (!routes.includes(testRange)) execFileSync('ip', ['route', 'add', 'blackhole', testRange, 'metric', '4000']);
}

export function canCreateNamespaces(): boolean {
  if (process.getuid?.() !== 0) return false;
  try {
    execFileSync('ip', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export function createNetworkNamespace(): NetworkNamespace {
  const id = `${process.pid % 1000}${randomInt(100, 999)}`;
  const name = `kiosk-test-${id}`;
  const hostLink = `vk${id}`;
  const innerLink = `vs${id}`;
  // A /30 in 10.213.0.0/16 chosen at random; parallel test workers rarely collide, and a collision
  // fails loudly at `ip addr add` rather than crossing wires.
  const block = randomInt(0, 16384) * 4;
  const subnet = `10.213.${Math.floor(block / 256)}`;
  const hostIp = `${subnet}.${(block % 256) + 1}`;
  const innerIp = `${subnet}.${(block % 256) + 2}`;
  const ip = (...args: string[]): void => void execFileSync('ip', args, { stdio: 'pipe' });

  guardTestRange();
  ip('netns', 'add', name);
  try {
    ip('link', 'add', hostLink, 'type', 'veth', 'peer', 'name', innerLink);
    ip('link', 'set', innerLink, 'netns', name);
    ip('addr', 'add', `${hostIp}/30`, 'dev', hostLink);
    ip('link', 'set', hostLink, 'up');
    ip('netns', 'exec', name, 'ip', 'addr', 'add', `${innerIp}/30`, 'dev', innerLink);
    ip('netns', 'exec', name, 'ip', 'link', 'set', innerLink, 'up');
    ip('netns', 'exec', name, 'ip', 'link', 'set', 'lo', 'up');
  } catch (error) {
    execFileSync('ip', ['netns', 'del', name], { stdio: 'ignore' });
    throw error;
  }

  return {
    name,
    hostIp,
    innerIp,
    spawn: (command, args, options = {}) => spawn('ip', ['netns', 'exec', name, command, ...args], options),
    // The namespace's side goes down: this side loses carrier and drops what it sends.
    cut: () => ip('netns', 'exec', name, 'ip', 'link', 'set', innerLink, 'down'),
    restore: () => ip('netns', 'exec', name, 'ip', 'link', 'set', innerLink, 'up'),
    destroy: () => {
      execFileSync('ip', ['link', 'del', hostLink], { stdio: 'ignore' });
      execFileSync('ip', ['netns', 'del', name], { stdio: 'ignore' });
    },
  };
}
