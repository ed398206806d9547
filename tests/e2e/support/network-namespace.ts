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
  /**
   * Limits the pair to `bitsPerSecond` each way, as a real access link does: what goes out of this
   * side and what comes back from the namespace. Replaces any earlier limit, so a test can step it.
   */
  shape(bitsPerSecond: number): void;
  /** Both directions at the pair's own speed again; a no-op when not shaped. */
  unshape(): void;
  /**
   * A second namespace with a link of its own straight into this one, never shaped or cut: for a
   * browser that must reach the server here without sharing the pair with this side (the visitor's
   * phone is not on the kiosk's link). Removed with this namespace.
   */
  openSideDoor(): SideDoor;
  destroy(): void;
}

export interface SideDoor {
  /** The namespace to run a process in (`ip netns exec <name> …`). */
  readonly name: string;
  /** Its address, from which it reaches the namespace's `innerIp`. */
  readonly ip: string;
}

/** An Ethernet frame of a full-sized IP packet, the unit a veth's queue counts in. */
const fullFrameBytes = 1514;

/**
 * A token bucket (`tbf`: this kernel has it and `htb`, not `netem`) whose numbers mimic an access
 * link rather than a switch port:
 * - burst: 10 ms of the rate, so a keyframe is paced out as a real link would pace it rather than let
 *   through at line speed, but never under two full frames, so one packet is never held back for
 *   want of tokens at the lowest rates (at 150 kbit/s 10 ms is 187 bytes).
 * - queue: 100 ms of the rate on top of the burst, a home or cellular uplink's buffer on the order
 *   it really is: WebRTC's delay-based estimator sees the queue grow and backs off before loss, as
 *   it would in the field. At least four full frames, so the lowest rates still queue a keyframe's
 *   first packets instead of dropping all but one.
 */
export function tokenBucket(bitsPerSecond: number): { rate: string; burst: string; limit: string } {
  if (!Number.isInteger(bitsPerSecond) || bitsPerSecond < 8000)
    throw new Error(`a shaped link needs a whole rate of at least 8000 bit/s, not ${bitsPerSecond}`);
  const bytesPerSecond = bitsPerSecond / 8;
  const burst = Math.max(2 * fullFrameBytes, Math.ceil(bytesPerSecond * 0.01));
  const queue = Math.max(4 * fullFrameBytes, Math.ceil(bytesPerSecond * 0.1));
  return { rate: `${bitsPerSecond}bit`, burst: `${burst}b`, limit: `${burst + queue}b` };
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

/** Both addresses of a /30 in the test range chosen at random. */
function randomPair(): [string, string] {
  const block = randomInt(0, 16384) * 4;
  const subnet = `10.213.${Math.floor(block / 256)}`;
  return [`${subnet}.${(block % 256) + 1}`, `${subnet}.${(block % 256) + 2}`];
}

export function createNetworkNamespace(): NetworkNamespace {
  const id = `${process.pid % 1000}${randomInt(100, 999)}`;
  const name = `kiosk-test-${id}`;
  const hostLink = `vk${id}`;
  const innerLink = `vs${id}`;
  // A /30 in 10.213.0.0/16 chosen at random; parallel test workers rarely collide, and a collision
  // fails loudly at `ip addr add` rather than crossing wires.
  const [hostIp, innerIp] = randomPair();
  const ip = (...args: string[]): void => void execFileSync('ip', args, { stdio: 'pipe' });
  const tc = (...args: string[]): void => void execFileSync('tc', args, { stdio: 'pipe' });
  const doors: string[] = [];
  // The pair's two ends: this one, and the namespace's, which `tc -n` reaches.
  const ends = [
    { at: [], device: hostLink },
    { at: ['-n', name], device: innerLink },
  ];

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
    // Each end shapes what it sends: a device's root qdisc holds its egress only.
    shape: (bitsPerSecond) => {
      const { rate, burst, limit } = tokenBucket(bitsPerSecond);
      const bucket = ['tbf', 'rate', rate, 'burst', burst, 'limit', limit];
      for (const end of ends) tc(...end.at, 'qdisc', 'replace', 'dev', end.device, 'root', ...bucket);
    },
    unshape: () => {
      for (const end of ends) {
        const shown = execFileSync('tc', [...end.at, 'qdisc', 'show', 'dev', end.device, 'root'], { encoding: 'utf8' });
        // Deleting the default qdisc is an error, so only a bucket of ours is deleted.
        if (shown.includes('qdisc tbf')) tc(...end.at, 'qdisc', 'del', 'dev', end.device, 'root');
      }
    },
    openSideDoor: () => {
      const doorName = `kiosk-door-${id}-${doors.length}`;
      const [doorIp, serverEnd] = randomPair();
      const doorLink = `vd${id}${doors.length}`;
      const serverLink = `vn${id}${doors.length}`;
      ip('netns', 'add', doorName);
      doors.push(doorName);
      ip('-n', doorName, 'link', 'add', doorLink, 'type', 'veth', 'peer', 'name', serverLink, 'netns', name);
      ip('-n', doorName, 'addr', 'add', `${doorIp}/30`, 'dev', doorLink);
      ip('-n', doorName, 'link', 'set', doorLink, 'up');
      ip('-n', doorName, 'link', 'set', 'lo', 'up');
      ip('-n', name, 'addr', 'add', `${serverEnd}/30`, 'dev', serverLink);
      ip('-n', name, 'link', 'set', serverLink, 'up');
      // The server listens on its address on the main pair; the door reaches it through its own link.
      ip('-n', doorName, 'route', 'add', `${innerIp}/32`, 'dev', doorLink);
      return { name: doorName, ip: doorIp };
    },
    destroy: () => {
      execFileSync('ip', ['link', 'del', hostLink], { stdio: 'ignore' });
      execFileSync('ip', ['netns', 'del', name], { stdio: 'ignore' });
      for (const door of doors) execFileSync('ip', ['netns', 'del', door], { stdio: 'ignore' });
    },
  };
}
