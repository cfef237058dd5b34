import { describe, expect, it } from 'vitest';
import { msUntilDaily, startJobQueue } from '../../src/platform/jobs/index.ts';

describe('the in-process job queue (embedded database)', () => {
  it('runs a job, merges requests made while one waits, and never runs one name twice at once', async () => {
    const queue = await startJobQueue();
    let running = 0;
    let maxRunning = 0;
    let runs = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    await queue.work('job', async () => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      runs++;
      if (runs === 1) await gate;
      running--;
    });
    await queue.send('job'); // starts at once
    await queue.send('job'); // waits
    await queue.send('job'); // merged into the waiting one
    release();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await queue.stop();
    expect(runs).toBe(2);
    expect(maxRunning).toBe(1);
  });

  it('keeps running after a job fails, and reports the failure', async () => {
    const failures: string[] = [];
    const queue = await startJobQueue({ onError: (name) => failures.push(name) });
    let runs = 0;
    await queue.work('flaky', async () => {
      runs++;
      if (runs === 1) throw new Error('boom');
    });
    await queue.send('flaky');
    await new Promise((resolve) => setTimeout(resolve, 10));
    await queue.send('flaky');
    await new Promise((resolve) => setTimeout(resolve, 10));
    await queue.stop();
    expect(failures).toEqual(['flaky']);
    expect(runs).toBe(2);
  });

  it('waits for a running job when stopped, and takes no new ones', async () => {
    const queue = await startJobQueue();
    let finished = false;
    await queue.work('slow', async () => {
      await new Promise((resolve) => setTimeout(resolve, 30));
      finished = true;
    });
    await queue.send('slow');
    await queue.stop();
    expect(finished).toBe(true);
  });
});

describe('daily times in Swedish time', () => {
  it('counts to the next 02:30 in Stockholm, winter and summer', () => {
    // 01:00 UTC in January is 02:00 in Stockholm (UTC+1): 30 minutes to go.
    expect(msUntilDaily('02:30', new Date('2026-01-15T01:00:00.000Z'))).toBe(30 * 60_000);
    // 00:00 UTC in July is 02:00 in Stockholm (UTC+2).
    expect(msUntilDaily('02:30', new Date('2026-07-15T00:00:00.000Z'))).toBe(30 * 60_000);
    // Just after: the next day.
    expect(msUntilDaily('02:30', new Date('2026-01-15T01:31:00.000Z'))).toBe(24 * 3_600_000 - 60_000);
    expect(() => msUntilDaily('25:00')).toThrow(RangeError);
  });
});
