import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, type TestApp } from '../support/app.ts';
import { databaseKinds } from '../support/databases.ts';
import { signInAs } from '../support/staff-session.ts';

/** Just enough of a browser for app.inject: follows redirects and keeps cookies (paths ignored). */
class Browser {
  readonly cookies = new Map<string, string>();
  constructor(private readonly t: TestApp) {}

  private keep(response: LightMyRequestResponse) {
    for (const c of response.cookies) {
      if (c.maxAge === 0 || (c.expires && c.expires.getTime() < Date.now()) || c.value === '') this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
  }

  async request(method: 'GET' | 'POST', url: string, form?: Record<string, string>) {
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
    this.keep(response);
    return response;
  }

  /** GETs (or POSTs) and follows redirects until a page answers; returns it and the URLs passed. */
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
}

describe.each(databaseKinds)('staff sign-in through the development identity provider on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(async () => {
    await t.close();
  });

  it('publishes OpenID discovery for the dev issuer', async () => {
    const response = await t.app.inject({ url: '/dev-idp/.well-known/openid-configuration', headers: { host: new URL(t.config.publicUrl).host } });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.issuer).toBe(`${t.config.publicUrl}/dev-idp`);
    expect(body.authorization_endpoint).toBe(`${t.config.publicUrl}/dev-idp/auth`);
    expect(body.code_challenge_methods_supported).toEqual(['S256']);
  });

  it('sends a signed-out visitor of /staff to sign in, and back to /staff after picking a demo user', async () => {
    const browser = new Browser(t);
    const { response: picker, visited } = await browser.follow('GET', '/staff');
    expect(visited[1]).toBe(`${t.config.publicUrl}/auth/login?returnTo=%2Fstaff`);
    const authorize = new URL(visited[2]);
    expect(authorize.pathname).toBe('/dev-idp/auth');
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('state')).toBeTruthy();
    expect(authorize.searchParams.get('nonce')).toBeTruthy();
    expect(picker.statusCode).toBe(200);
    expect(picker.body).toContain('demo-identitetsleverantör');
    expect(picker.body).toContain('Inspektör, avdelning Stockholm');

    const action = /<form method="post" action="([^"]+)" novalidate>/.exec(picker.body)![1];
    const { response: start, visited: back } = await browser.follow('POST', action, { account: 'demo-inspektor-stockholm' });
    expect(back.some((u) => u.includes('/auth/callback?code='))).toBe(true);
    expect(back[back.length - 1]).toBe(`${t.config.publicUrl}/staff`);
    expect(browser.cookies.has('vaka_session')).toBe(true);
    expect(start.statusCode).toBe(200);
    expect(start.body).toContain('Sara Nyström');

    const session = await t.database.db.selectFrom('staff_session').selectAll().where('subject', '=', 'demo-inspektor-stockholm').executeTakeFirstOrThrow();
    expect(session.roles).toEqual(['inspector']);
    expect(session.department).toBe('stockholm');
    expect(session.id_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(session.id_hash).not.toBe(browser.cookies.get('vaka_session'));
    const hours = (new Date(session.expires_at).getTime() - new Date(session.created_at).getTime()) / 3600_000;
    expect(hours).toBe(8);

    const signIn = await t.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'staff.sign_in').execute();
    expect(signIn.map((r) => r.actor)).toContain('staff:demo-inspektor-stockholm');

    // The staff directory row (there since start, from the demo list) now records the sign-in, as of the session.
    const member = await t.database.db.selectFrom('staff_member').selectAll().where('subject', '=', 'demo-inspektor-stockholm').executeTakeFirstOrThrow();
    expect(member).toMatchObject({ name: 'Sara Nyström', email: 'demo-inspektor-stockholm@demo.vaka.invalid', roles: ['inspector'], department: 'stockholm', active: true });
    expect(member.last_seen_at?.getTime()).toBe(new Date(session.created_at).getTime());
  });

  it('sets the session cookie httpOnly, SameSite=Lax, path /', async () => {
    const browser = new Browser(t);
    const { response: picker } = await browser.follow('GET', '/auth/login');
    const action = /<form method="post" action="([^"]+)" novalidate>/.exec(picker.body)![1];
    const finish = await browser.request('POST', action, { account: 'demo-analytiker' });
    let response = finish;
    let location = String(response.headers.location);
    while (!location.includes('/auth/callback')) {
      response = await browser.request('GET', location);
      location = String(response.headers.location);
    }
    const callback = await browser.request('GET', location);
    const cookie = callback.cookies.find((c) => c.name === 'vaka_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/', maxAge: 8 * 3600 });
    expect(callback.headers.location).toBe('/staff');
  });

  it('refuses a callback without the login cookie, and one with a forged state', async () => {
    const bare = await t.app.inject({ url: '/auth/callback?code=x&state=y', headers: { accept: 'text/html' } });
    expect(bare.statusCode).toBe(400);
    expect(bare.body).toContain('Inloggningen gick inte att slutföra');

    const sessions = async () => (await t.database.db.selectFrom('staff_session').select('id_hash').execute()).length;
    const before = await sessions();
    const browser = new Browser(t);
    const login = await browser.request('GET', '/auth/login');
    const state = new URL(String(login.headers.location)).searchParams.get('state');
    const forged = await browser.request('GET', `/auth/callback?code=abc&state=${state}x&iss=${encodeURIComponent(`${t.config.publicUrl}/dev-idp`)}`);
    expect(forged.statusCode).toBe(400);
    expect(browser.cookies.has('vaka_session')).toBe(false);
    expect(await sessions()).toBe(before);
  });

  it('comes back signed out, with a Swedish explanation, when the person cancels at the provider', async () => {
    const browser = new Browser(t);
    const { response: picker } = await browser.follow('GET', '/staff');
    const abort = /<form method="post" action="([^"]+\/abort)">/.exec(picker.body)![1];
    const { response, visited } = await browser.follow('POST', abort);
    expect(visited.some((u) => u.includes('/auth/callback?error=access_denied'))).toBe(true);
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Inloggningen gick inte att slutföra');
    expect(browser.cookies.has('vaka_session')).toBe(false);
  });

  it('shows its own page for an unknown or expired interaction', async () => {
    const response = await t.app.inject({ url: '/dev-idp/interaction/nope', headers: { accept: 'text/html' } });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Inloggningen har gått ut');
  });

  it('keeps only same-site relative return addresses', async () => {
    for (const [returnTo, expected] of [
      ['/staff/units/U1', '/staff/units/U1'],
      ['https://evil.example/', '/staff'],
      ['//evil.example/', '/staff'],
      ['/\\evil.example', '/staff'],
    ]) {
      const response = await t.app.inject({ url: `/auth/login?returnTo=${encodeURIComponent(returnTo)}` });
      expect(response.statusCode).toBe(302);
      const cookie = response.cookies.find((c) => c.name === 'vaka_login')!;
      const value = t.app.unsignCookie(cookie.value).value!;
      expect(JSON.parse(value).returnTo).toBe(expected);
    }
  });

  it('masks the CSRF token afresh in every page, and each masked copy is the session\'s token', async () => {
    const who = await signInAs(t, 'analyst');
    const tokenIn = async () => {
      const page = await t.app.inject({ url: '/staff', headers: who.headers });
      expect(page.statusCode).toBe(200);
      return /name="_csrf" value="([^"]+)"/.exec(page.body)![1];
    };
    const [first, second] = [await tokenIn(), await tokenIn()];
    // The session's token never appears as it is, and no two pages carry the same copy (BREACH).
    expect(first).not.toBe(second);
    expect(first).not.toContain(who.csrfToken);
    expect(first).toHaveLength(86);

    // A copy from an earlier page is still accepted; a tampered one, or one of another session, is not.
    const other = await signInAs(t, 'analyst');
    const otherPage = await t.app.inject({ url: '/staff', headers: other.headers });
    const othersToken = /name="_csrf" value="([^"]+)"/.exec(otherPage.body)![1];
    const tampered = `${first.slice(0, 10)}${first[10] === 'A' ? 'B' : 'A'}${first.slice(11)}`;
    for (const wrong of [tampered, othersToken, first.slice(0, 43), `${first}x`, 'x'.repeat(86)]) {
      const refused = await t.app.inject({ method: 'POST', url: '/auth/logout', headers: who.headers, payload: { _csrf: wrong } });
      expect(refused.statusCode).toBe(400);
    }
    const response = await t.app.inject({ method: 'POST', url: '/auth/logout', headers: who.headers, payload: { _csrf: first } });
    expect(response.statusCode).toBe(303);
    expect(await t.database.db.selectFrom('staff_session').select('subject').where('subject', '=', who.subject).execute()).toHaveLength(0);
  });

  it('gives back what was typed when a form is refused for being signed out or failing the security check, to the site\'s own pages only', async () => {
    const note = 'Ingår i inspektionen i december; kommunen har redan fått en begäran om yttrande.';
    const form = (extra: Record<string, string>) => new URLSearchParams({ status: 'done', outcome: 'known', note, seen: 'in_progress', ...extra }).toString();
    const post = (headers: Record<string, string>, extra: Record<string, string> = {}) =>
      t.app.inject({ method: 'POST', url: '/staff/riskalarm/1/status', headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', ...headers }, payload: form(extra) });
    // Signed out (the session ran out while the note was written): told to sign in again, and given the note back.
    const signedOut = await post({ 'sec-fetch-site': 'same-origin' });
    expect(signedOut.statusCode).toBe(401);
    expect(signedOut.body).toContain('Det du skrev');
    expect(signedOut.body).toContain(`>${note}</textarea>`);
    expect(signedOut.body).toContain('href="/staff">Logga in igen');
    expect(signedOut.headers['cache-control']).toBe('no-store');
    // Signed in, but the page's security check failed: the same.
    const who = await signInAs(t, 'inspector', 'stockholm');
    const failedCheck = await post({ cookie: who.cookie, 'sec-fetch-site': 'same-origin' }, { _csrf: 'wrong' });
    expect(failedCheck.statusCode).toBe(400);
    expect(failedCheck.body).toContain(`>${note}</textarea>`);
    expect(failedCheck.headers['cache-control']).toBe('no-store');
    // Sent from another site, or by a browser that does not say where from: nothing given back, so no other site
    // can make a page of ours show text it chose.
    for (const site of [{ 'sec-fetch-site': 'cross-site' }, {}] as Record<string, string>[]) {
      const response = await post({ cookie: who.cookie, ...site }, { _csrf: 'wrong' });
      expect(response.statusCode).toBe(400);
      expect(response.body).not.toContain('Det du skrev');
      expect(response.body).not.toContain(note);
    }
  });

  it('signs out with the CSRF token: the session row is gone', async () => {
    const who = await signInAs(t, 'analyst');
    const refused = await t.app.inject({ method: 'POST', url: '/auth/logout', headers: who.headers, payload: {} });
    expect(refused.statusCode).toBe(400);
    expect(await t.database.db.selectFrom('staff_session').select('subject').where('subject', '=', who.subject).execute()).toHaveLength(1);

    const response = await t.app.inject({ method: 'POST', url: '/auth/logout', headers: who.headers, payload: { _csrf: who.csrfToken } });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/');
    expect(await t.database.db.selectFrom('staff_session').select('subject').where('subject', '=', who.subject).execute()).toHaveLength(0);
    const after = await t.app.inject({ url: '/staff', headers: who.headers });
    expect(after.statusCode).toBe(302);
  });
});
