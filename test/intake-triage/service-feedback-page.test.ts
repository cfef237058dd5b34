import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { databaseKinds } from '../support/databases.ts';
import { signInAs } from '../support/staff-session.ts';

describe.each(databaseKinds)('the service feedback summary for staff on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
    await t.database.db
      .insertInto('service_feedback')
      .values([
        { service: 'tip', rating: 5, comment: 'Lätt att förstå.' },
        { service: 'tip', rating: 2, comment: null },
      ])
      .execute();
  });
  afterAll(async () => {
    await t.close();
  });

  it('shows each service with its count, mean rating and latest comments to those who triage', async () => {
    const inspector = await signInAs(t, 'inspector', 'stockholm');
    const response = await t.app.inject({ url: '/staff/synpunkter', headers: inspector.headers });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('3,5');
    expect(response.body).toContain('Lätt att förstå.');
  });

  it('is not there for someone without the right to triage', async () => {
    const analyst = await signInAs(t, 'analyst');
    const response = await t.app.inject({ url: '/staff/synpunkter', headers: analyst.headers });
    expect(response.statusCode).toBe(404);
  });
});
