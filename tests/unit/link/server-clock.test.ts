import { describe, expect, it } from 'vitest';
import { ServerClock } from '../../../src/main/link/server-clock';

/** Monotonic and wall time a test moves by hand; the kiosk's wall clock starts an hour behind the server's. */
function clocks() {
  const time = { monotonic: 10_000, wall: Date.parse('2026-11-22T07:00:00.000Z') };
  return {
    time,
    monotonic: () => time.monotonic,
    wall: () => time.wall,
    /** Lets `ms` pass on both clocks. */
    pass(ms: number) {
      time.monotonic += ms;
      time.wall += ms;
    },
  };
}
const serverNow = Date.parse('2026-11-22T08:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

describe('ServerClock', () => {
  it('runs on the kiosk’s wall clock until the first sample', () => {
    const c = clocks();
    const clock = new ServerClock(c.monotonic, c.wall);
    expect(clock.now()).toBe(c.time.wall);
    expect(clock.offsetMs()).toBeUndefined();
  });

  it('takes the server’s time from a sample, as answered half a round trip ago', () => {
    const c = clocks();
    const clock = new ServerClock(c.monotonic, c.wall);
    const sentAt = c.time.monotonic;
    c.pass(100);
    clock.sample(sentAt, iso(serverNow));
    expect(clock.now()).toBe(serverNow + 50);
    expect(clock.offsetMs()).toBe(serverNow + 50 - c.time.wall);
    c.pass(1000);
    expect(clock.now()).toBe(serverNow + 1050);
  });

  it('keeps the sample with the shortest round trip', () => {
    const c = clocks();
    const clock = new ServerClock(c.monotonic, c.wall);
    let sentAt = c.time.monotonic;
    c.pass(100);
    clock.sample(sentAt, iso(serverNow));

    // A slower answer, with the server's time written as if the first one were wrong: ignored.
    sentAt = c.time.monotonic;
    c.pass(400);
    clock.sample(sentAt, iso(serverNow + 5000));
    expect(clock.now()).toBe(serverNow + 50 + 400);

    // A quicker one wins.
    sentAt = c.time.monotonic;
    c.pass(20);
    clock.sample(sentAt, iso(serverNow + 3000));
    expect(clock.now()).toBe(serverNow + 3010);
  });

  it('ignores the kiosk’s wall clock jumping once it has a sample', () => {
    const c = clocks();
    const clock = new ServerClock(c.monotonic, c.wall);
    const sentAt = c.time.monotonic;
    c.pass(10);
    clock.sample(sentAt, iso(serverNow));
    const before = clock.now();
    const offsetBefore = clock.offsetMs();

    c.time.wall += 6 * 60 * 60_000;
    expect(clock.now()).toBe(before);
    // The offset is what the technician needs to see: how wrong the kiosk's own clock now is.
    expect(clock.offsetMs()).toBe((offsetBefore ?? 0) - 6 * 60 * 60_000);
  });

  it('replaces a stale sample even with a slower one, so drift cannot build up', () => {
    const c = clocks();
    const clock = new ServerClock(c.monotonic, c.wall, 60_000);
    let sentAt = c.time.monotonic;
    c.pass(10);
    clock.sample(sentAt, iso(serverNow));

    c.pass(30_000);
    sentAt = c.time.monotonic;
    c.pass(200);
    clock.sample(sentAt, iso(serverNow + 40_000));
    expect(clock.now()).toBe(serverNow + 5 + 30_200);

    c.pass(30_000);
    sentAt = c.time.monotonic;
    c.pass(200);
    // The best sample is now over a minute old: the slower one replaces it, with the time it brings.
    clock.sample(sentAt, iso(serverNow + 90_000));
    expect(clock.now()).toBe(serverNow + 90_100);
  });

  it('ignores an unreadable server time and an answer from before its request', () => {
    const c = clocks();
    const clock = new ServerClock(c.monotonic, c.wall);
    clock.sample(c.time.monotonic - 10, 'not a time');
    clock.sample(c.time.monotonic + 10, iso(serverNow));
    expect(clock.offsetMs()).toBeUndefined();
  });
});
