import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { databaseKinds } from '../support/databases.ts';
import { signInAs } from '../support/staff-session.ts';

describe.each(databaseKinds)('platform on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers /healthz with the database kind', async () => {
    const response = await t.app.inject({ url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', database: kind });
  });

  it('serves an OpenAPI 3 document and browsable docs', async () => {
    const doc = await t.app.inject({ url: '/api/openapi.json' });
    expect(doc.statusCode).toBe(200);
    expect(doc.json().openapi).toMatch(/^3\./);
    const docs = await t.app.inject({ url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger');
  });

  it('answers unknown API routes with the error model and pages with Swedish HTML', async () => {
    const api = await t.app.inject({ url: '/api/v1/nothing-here' });
    expect(api.statusCode).toBe(404);
    expect(api.json()).toEqual({ error: { code: 'not_found', message: 'Sidan eller uppgiften finns inte.' } });
    const page = await t.app.inject({ url: '/nothing-here', headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(404);
    expect(page.body).toContain('<html lang="sv"');
  });

  it('compresses pages and the stylesheet when the browser asks, and leaves them whole when it does not', async () => {
    const { brotliDecompressSync, gunzipSync } = await import('node:zlib');
    const plain = await t.app.inject({ url: '/hvb', headers: { accept: 'text/html' } });
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    const brotli = await t.app.inject({ url: '/hvb', headers: { accept: 'text/html', 'accept-encoding': 'br, gzip' } });
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotli.headers.vary).toMatch(/accept-encoding/i);
    const html = brotliDecompressSync(brotli.rawPayload).toString('utf8');
    expect(html).toContain('<html lang="sv"');
    expect(brotli.rawPayload.length).toBeLessThan(html.length / 3);
    const gzip = await t.app.inject({ url: '/api/openapi.json', headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gzip.rawPayload).toString('utf8')).openapi).toMatch(/^3\./);
    const styles = /href="(\/assets\/[^"]+\.css)"/.exec(html)![1];
    const css = await t.app.inject({ url: styles, headers: { 'accept-encoding': 'gzip' } });
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-encoding']).toBe('gzip');
  });

  it('sends signed-in pages uncompressed when another site asks (BREACH), compressed when this one does', async () => {
    const analyst = await signInAs(t, 'analyst');
    const ask = (site: string) => t.app.inject({ url: '/staff', headers: { ...analyst.headers, 'accept-encoding': 'br, gzip', 'sec-fetch-site': site } });
    for (const site of ['cross-site', 'same-site']) {
      const response = await ask(site);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-encoding'], site).toBeUndefined();
      expect(response.body).toContain('<html lang="sv"');
    }
    for (const site of ['same-origin', 'none']) expect((await ask(site)).headers['content-encoding'], site).toBe('br');
    // Nobody signed in: nothing secret on the page, so it is compressed whoever asks.
    const publicPage = await t.app.inject({ url: '/hvb', headers: { accept: 'text/html', 'accept-encoding': 'br', 'sec-fetch-site': 'cross-site' } });
    expect(publicPage.headers['content-encoding']).toBe('br');
  });

  it('sets strict security headers', async () => {
    const response = await t.app.inject({ url: '/healthz' });
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
  });

  it('loads GOV.UK Frontend\'s behaviours as one module from this site, and serves no other script of the package', async () => {
    const page = await t.app.inject({ url: '/hvb' });
    expect(page.body).toContain('<script type="module" src="/assets/vaka/govuk-init.js"></script>');
    const init = await t.app.inject({ url: '/assets/vaka/govuk-init.js' });
    expect(init.statusCode).toBe(200);
    expect(init.body).toContain("from '/assets/govuk/govuk-frontend.min.js'");
    expect((await t.app.inject({ url: '/assets/govuk/govuk-frontend.min.js' })).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/assets/govuk/all.bundle.js' })).statusCode).toBe(404);
  });
});
