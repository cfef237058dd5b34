import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobQueue } from '../../src/platform/jobs/index.ts';
import { NATIONAL_JOB } from '../../src/modules/risk/scoring/index.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { signInAs } from '../support/staff-session.ts';

/** A queue that only records what it was asked to run. */
function recordingQueue(): JobQueue & { sent: string[] } {
  const sent: string[] = [];
  return {
    kind: 'in-process', sent,
    work: async () => {}, repeat: async () => {}, stop: async () => {},
    send: async (name) => void sent.push(name),
  };
}

describe('“Beräkna nu” in the running app', () => {
  let t: TestApp;
  const queue = recordingQueue();
  beforeAll(async () => {
    t = await createTestApp('pglite', { jobs: queue });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('asks the job queue for a national run and says it has started, instead of computing in the request', async () => {
    const analyst = await signInAs(t, 'analyst');
    const response = await t.app.inject({
      method: 'POST', url: '/staff/risk/berakna',
      headers: { ...analyst.headers, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: analyst.csrfToken, tillbaka: '/staff/risk' }).toString(),
    });
    expect(response.statusCode).toBe(303);
    // The notice carries when the run was asked for, so it ends once a run has finished since.
    const location = String(response.headers.location);
    expect(location).toMatch(/^\/staff\/risk\?startad=\d+$/);
    expect(Math.abs(Number(location.split('=')[1]) - Date.now())).toBeLessThan(60_000);
    expect(queue.sent).toEqual([NATIONAL_JOB]);
    expect(await t.database.db.selectFrom('risk_run').selectAll().execute()).toEqual([]);
    const page = await t.app.inject({ method: 'GET', url: location, headers: analyst.headers });
    expect(page.body).toContain('Beräkningen för hela landet har startat');
  });
});
