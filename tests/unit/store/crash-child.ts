// Run by crash.test.ts, and killed by it at random moments: opens the store, then enqueues numbered
// records for ever, printing each number only after enqueue has returned (the acknowledgement).
import pino from 'pino';
import { openStore } from '../../../src/main/store/store';

const dir = process.argv[2];
if (dir === undefined) throw new Error('usage: crash-child.ts <data folder>');

const store = openStore({ dir, log: pino({ level: 'silent' }) });
if (store.health().recoveredFromCorruption !== null) throw new Error('the store was found corrupt');
// Numbering goes on from what the database holds, so a number enqueued but never acknowledged is
// not used twice.
const [newest] = store.outbox.list('pending', 1);
let n = newest === undefined ? 1 : (newest.payload as { detail: { n: number } }).detail.n + 1;
process.stdout.write(`ready ${n}\n`);
for (;;) {
  store.outbox.enqueue('audit.event', {
    action: 'crash.test',
    actor: 'kiosk',
    at: new Date().toISOString(),
    detail: { n },
  });
  // A pipe is written synchronously on Linux: once this returns, the parent will read the line.
  process.stdout.write(`${n}\n`);
  n += 1;
}
