import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRegister } from '../../src/modules/demo/build-register.ts';
import { toDay } from '../../src/modules/demo/dates.ts';
import { DEMO_USERS } from '../../src/platform/auth/index.ts';
import { resolveOrganisations } from '../../src/platform/auth/relying-party.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { databaseKinds } from '../support/databases.ts';
import { buildProvider, buildUnit } from '../support/factories.ts';

/** Just enough of a browser for app.inject: follows redirects and keeps cookies (paths ignored). */
class Browser {
  readonly cookies = new Map<string, string>();
  constructor(private readonly t: TestApp) {}

  async request(method: 'GET' | 'POST', url: string, form?: Record<string, string>): Promise<LightMyRequestResponse> {
    const target = new URL(url, this.t.config.publicUrl);
    const response = await this.t.app.inject({
      method,
      url: `${target.pathname}${target.search}`,
      headers: {
        host: target.host,
        accept: 'text/html',
        cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      payload: form ? new URLSearchParams(form).toString() : undefined,
    });
    for (const c of response.cookies) {
      if (c.maxAge === 0 || c.value === '') this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return response;
  }

  async follow(method: 'GET' | 'POST', url: string, form?: Record<string, string>) {
    const visited: string[] = [url];
    let response = await this.request(method, url, form);
    while ([301, 302, 303, 307].includes(response.statusCode)) {
      const next = new URL(String(response.headers.location), new URL(visited[visited.length - 1], this.t.config.publicUrl)).href;
      visited.push(next);
      if (visited.length > 15) throw new Error(`redirect loop: ${visited.join(' → ')}`);
      response = await this.request('GET', next);
    }
    return { response, visited };
  }

  /** From a page that needs sign-in, through the demo identity provider as `account`, back again. */
  async signIn(path: string, account: string) {
    const { response: picker } = await this.follow('GET', path);
    const action = /<form method="post" action="([^"]+)" novalidate>/.exec(picker.body)![1];
    return this.follow('POST', action, { account });
  }
}

describe('the demo representatives', () => {
  it('each represent an organisation that every demo world has, whatever its seed and size', () => {
    for (const seed of [1, 7]) {
      const { providers } = buildRegister(seed, 700, toDay('2026-10-31'));
      for (const user of DEMO_USERS.filter((u) => u.organisations)) {
        for (const claim of user.organisations!) {
          const matches = providers.filter((p) => ('orgnr' in claim ? p.orgnr === claim.orgnr : p.name === claim.name && p.kind === claim.kind));
          expect(matches, `${user.subject} in a world of seed ${seed}`).toHaveLength(1);
        }
      }
    }
  });
});

describe.each(databaseKinds)('provider representatives signing in through the development identity provider on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists the demo representatives apart from staff, each mapped to an organisation of the demo world', async () => {
    const representatives = DEMO_USERS.filter((u) => u.roles.includes('provider_representative'));
    expect(representatives.map((u) => u.organisations)).toEqual([
      [{ name: 'Region Stockholm', kind: 'region' }],
      [{ name: 'Vägvisaren Ungdomsvård AB', kind: 'company' }],
      [{ name: 'Umeå kommun', kind: 'kommun' }],
    ]);
    expect(DEMO_USERS.filter((u) => u.organisations && u.roles.some((r) => r !== 'provider_representative'))).toEqual([]);
    const picker = (await new Browser(t).follow('GET', '/provider')).response;
    expect(picker.body).toContain('Företrädare för vårdgivare och huvudmän');
    expect(picker.body).toContain('Socialtjänsten, Umeå kommun');
  });

  it('maps the kommun officer to the kommun by name and kind, lands on /provider and keeps the organisation in the session', async () => {
    const umea = await buildProvider(t.database.db, { name: 'Umeå kommun', kind: 'kommun', orgnr: '2120002627' });
    // A company of the same name is not the kommun.
    await buildProvider(t.database.db, { name: 'Umeå kommun', kind: 'company' });
    await buildUnit(t.database.db, { provider_id: umea.id, name: 'Hemtjänsten Teg', form: 'hemtjanst', kommun: '2480', postal_code: '90326', city: 'Umeå' });
    const browser = new Browser(t);
    const { response, visited } = await browser.signIn('/provider', 'demo-foretradare-kommun');
    expect(visited[visited.length - 1]).toBe(`${t.config.publicUrl}/provider`);
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Amira Said');
    expect(response.body).toContain('Umeå kommun');
    expect(response.body).toContain('Rapportera ej verkställda beslut');
    expect(response.body).toContain('Gör en anmälan enligt lex Sarah');

    const session = await t.database.db.selectFrom('staff_session').select(['roles']).where('subject', '=', 'demo-foretradare-kommun').executeTakeFirstOrThrow();
    expect(session.roles).toEqual(['provider_representative', `org:${umea.id}`]);
    const audit = await t.database.db.selectFrom('audit_log').select('details').where('action', '=', 'provider.sign_in').where('actor', '=', 'provider:demo-foretradare-kommun').executeTakeFirstOrThrow();
    expect(audit.details).toMatchObject({ roles: ['provider_representative'], organisations: [umea.id] });
    // Staff pages are not theirs.
    expect((await browser.request('GET', '/staff')).statusCode).toBe(404);
  });

  it('sends a representative who signed in from elsewhere to /provider, and one without an organisation in the register to a page saying so', async () => {
    const browser = new Browser(t);
    const { response, visited } = await browser.signIn('/auth/login', 'demo-foretradare-hvb');
    expect(visited[visited.length - 1]).toBe(`${t.config.publicUrl}/provider`);
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('inte kopplat till någon vårdgivare eller huvudman');
  });

  it('resolves an organisations claim by organisationsnummer too, ignoring what matches nothing', async () => {
    const region = await buildProvider(t.database.db, { name: 'Region Testholm', kind: 'region', orgnr: '2321000016' });
    expect(await resolveOrganisations(t.database.db, [{ orgnr: '232100-0016' }, { orgnr: '5599999999' }, { name: 'Finns inte', kind: 'region' }, 'skräp', null])).toEqual([region.id]);
    expect(await resolveOrganisations(t.database.db, 'inte en lista')).toEqual([]);
  });

  it('does not let a staff member into /provider after signing in', async () => {
    const browser = new Browser(t);
    await browser.signIn('/staff', 'demo-inspektor-stockholm');
    expect((await browser.request('GET', '/provider')).statusCode).toBe(404);
  });
});
