// Run by crash.test.ts, and killed by it at random moments: opens the store, then enqueues numbered
// records for ever while delivering them to the server over the control channel, as a kiosk does.
// It tells the parent what happened, one line each, written only once the step has returned:
//   ready <n>              the store is open; numbering goes on at n
//   <n>                    record n is enqueued (the acknowledgement: it must survive)
//   connected              the control channel is up
//   sending <count>        a delivery batch goes out
//   sent <stored> <dups>   the server answered it: stored now, or already stored by an earlier life
//   failed                 the batch did not get through (not connected yet, say)
import pino from 'pino';
import { openStore } from '../../../src/main/store/store';

const dir = process.argv[2];
if (dir === undefined) throw new Error('usage: crash-child.ts <data folder>');
// A pipe is written synchronously on Linux: once this returns, the parent will read the line.
const tell = (line: string): void => void process.stdout.write(`${line}\n`);

const log = pino({ level: 'silent' });
const store = openStore({ dir, log });
if (store.health().recoveredFromCorruption !== null) throw new Error('the store was found corrupt');
// Numbering goes on from what the database holds, delivered or not, so a number enqueued but never
// acknowledged is not used twice.
const newest = (['pending', 'delivered'] as const)
  .flatMap((state) => store.outbox.list(state, 1))
  .map((entry) => (entry.payload as { detail: { n: number } }).detail.n);
let n = Math.max(0, ...newest) + 1;
tell(`ready ${n}`);

// One record per turn of the event loop, so the socket and delivery run in between.
const enqueueNext = (): void => {
  store.outbox.enqueue('audit.event', {
    action: 'crash.test',
    actor: 'kiosk',
    at: new Date().toISOString(),
    detail: { n },
  });
  tell(String(n));
  n += 1;
  setImmediate(enqueueNext);
};
enqueueNext();

// Records are taken while the control channel's modules load, as a kiosk takes them while it
// connects; a life killed early is also a cheaper one, which keeps the test's many lives quick.
const [{ openControlLink }, { resolveServerIdentity }, { OutboxDelivery }, { systemTimer }, { sendOutboxOverLink }] =
  await Promise.all([
    import('../../../src/main/link/control-link'),
    import('../../../src/main/link/provisioning'),
    import('../../../src/main/store/outbox-delivery'),
    import('../../../src/main/store/timer'),
    import('../../../src/main/link/outbox-sender'),
  ]);

// The parent enrolled this kiosk before its first life; the token comes from the store.
const identity = await resolveServerIdentity(store.config, { serverUrl: undefined, enrolmentCode: undefined }, log);
if (identity === undefined) throw new Error('the kiosk is not enrolled');
const link = openControlLink(identity.serverUrl, identity.token, log);
const send = sendOutboxOverLink(link);
const delivery = new OutboxDelivery({
  outbox: store.outbox,
  send: async (records) => {
    tell(`sending ${records.length}`);
    try {
      const acks = await send(records);
      const duplicates = acks.filter((ack) => ack.status === 'duplicate').length;
      tell(`sent ${acks.length - duplicates} ${duplicates}`);
      return acks;
    } catch (error) {
      tell('failed');
      throw error;
    }
  },
  now: Date.now,
  timer: systemTimer,
  log,
});
link.onConnect(() => {
  tell('connected');
  delivery.kick();
});
delivery.start();
