import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addVisit, seededDatabase } from '../test-support/fixtures';
import { manualClock } from '../test-support/manual-clock';
import { createMediaFlowLog } from './media-flow-log';

const second = 1000;

describe('the media flow log', () => {
  const clock = manualClock();
  let fixture: Awaited<ReturnType<typeof seededDatabase>>;
  let visitId: string;

  beforeEach(async () => {
    fixture = await seededDatabase(clock);
    visitId = addVisit(fixture.db, { startsAt: clock.now(), endsAt: clock.now() + 30 * 60 * second }).visitId;
  });
  afterEach(() => fixture.dispose());

  it('adds up the stretches of a visit, an open one up to when it was last seen flowing', () => {
    const log = createMediaFlowLog(fixture.db);
    const t = clock.now();
    const first = log.begin(visitId, t);
    first.seen(t + 5 * second);
    first.end(t + 10 * second);
    expect(log.flowing(visitId)).toBe(false);
    const second_ = log.begin(visitId, t + 12 * second);
    second_.seen(t + 14_500);
    expect(log.flowing(visitId)).toBe(true);
    expect(log.connectedSeconds(visitId)).toBe(12.5);
    expect(log.connectedSeconds('demo-now')).toBe(0);
    second_.end(t + 15 * second);
    second_.seen(t + 99 * second);
    expect(log.connectedSeconds(visitId)).toBe(13);
  });

  it('after a crash, closes what was left open where it was last seen, at the next start', () => {
    const t = clock.now();
    // The process dies: nobody ends the stretch.
    createMediaFlowLog(fixture.db)
      .begin(visitId, t)
      .seen(t + 7 * second);

    const afterRestart = createMediaFlowLog(fixture.db);
    expect(afterRestart.closeInterrupted()).toBe(1);
    expect(afterRestart.closeInterrupted()).toBe(0);
    expect(afterRestart.flowing(visitId)).toBe(false);
    expect(afterRestart.connectedSeconds(visitId)).toBe(7);
  });
});
