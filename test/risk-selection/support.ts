import { PDFParse } from 'pdf-parse';
import type { TestApp } from '../support/app.ts';
import type { SignedIn } from '../support/staff-session.ts';

// HTTP helpers for the selection project tests: a signed-in person's GET and form POST, and reading back
// what the pages say.

export type Form = Record<string, string | string[]>;

export function httpFor(t: TestApp) {
  const get = (url: string, who: SignedIn) => t.app.inject({ method: 'GET', url, headers: who.headers });
  const post = (url: string, who: SignedIn, form: Form, csrf: string | null = who.csrfToken) => {
    const body = new URLSearchParams();
    for (const [name, value] of Object.entries(csrf === null ? form : { ...form, _csrf: csrf })) for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
    return t.app.inject({ method: 'POST', url, headers: { ...who.headers, 'content-type': 'application/x-www-form-urlencoded' }, payload: body.toString() });
  };
  /** Creates a project through the form; returns its id. */
  const createProject = async (who: SignedIn, form: Form) => {
    const response = await post('/staff/urval', who, { namn: 'Vårdcentraler i Stockholms län 2026', syfte: 'Hitta brister i samverkan och kompetens.', verksamhetsform: 'vardcentral', ...form });
    if (response.statusCode !== 303) throw new Error(`create project: ${response.statusCode} ${response.body.slice(0, 2000)}`);
    const match = /^\/staff\/urval\/(\d+)\?klart=skapat$/.exec(response.headers.location as string);
    if (!match) throw new Error(`unexpected redirect ${response.headers.location}`);
    return Number(match[1]);
  };
  return { get, post, createProject };
}

/** The candidate rows of a stage page, in order: unit id and whether the rule keeps it. */
export function candidateRows(html: string): { unitId: string; byRule: boolean }[] {
  return [...html.matchAll(/<tr class="govuk-table__row" data-unit-id="([^"]+)" data-by-rule="(true|false)"/g)].map((m) => ({ unitId: m[1], byRule: m[2] === 'true' }));
}

/** The error summary's links: field and message. */
export function errorLinks(html: string): { field: string; message: string }[] {
  const summary = /<div class="govuk-error-summary"[\s\S]*?<\/ul>/.exec(html)?.[0] ?? '';
  return [...summary.matchAll(/<a href="#([^"]+)">([^<]*)<\/a>/g)].map((m) => ({ field: m[1], message: m[2] }));
}

/** The text a PDF shows, as a PDF reader extracts it (fonts' Unicode maps included), whitespace collapsed. */
export async function pdfText(pdf: Buffer): Promise<string> {
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  try {
    return (await parser.getText()).text.replace(/\s+/g, ' ');
  } finally {
    await parser.destroy();
  }
}
