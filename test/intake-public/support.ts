import { crc32, deflateSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { signFormToken } from '../../src/modules/intake/public/index.ts';
import type { Db } from '../../src/platform/db/database.ts';

// Helpers for the public e-services' tests: valid form tokens, forms sent as urlencoded or multipart, the
// rows that must not change, and small real files.

/** A form token fetched `ageMs` ago, signed with the app's secret: old enough to pass the fill-time check. */
export function formToken(secret: string, ageMs = 10_000): string {
  return signFormToken(secret, Date.now() - ageMs);
}

export type Fields = Record<string, string | string[] | undefined>;

export interface FilePart {
  field?: string;
  name: string;
  type: string;
  content: Buffer;
}

/** A multipart/form-data body, as a browser sends it. */
export function multipartBody(fields: Fields, files: FilePart[] = []): { payload: Buffer; contentType: string } {
  const boundary = `----vaka${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    for (const v of value === undefined ? [] : Array.isArray(value) ? value : [value]) {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${v}\r\n`));
    }
  }
  for (const file of files) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'attachments'}"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`));
    chunks.push(file.content, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

export function urlencodedBody(fields: Fields): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) for (const v of value === undefined ? [] : Array.isArray(value) ? value : [value]) params.append(name, v);
  return params.toString();
}

export function postForm(
  app: FastifyInstance,
  url: string,
  fields: Fields,
  options: { files?: FilePart[]; multipart?: boolean; headers?: Record<string, string>; remoteAddress?: string } = {},
): Promise<LightMyRequestResponse> {
  const request: InjectOptions = { method: 'POST', url, headers: { accept: 'text/html', ...options.headers }, remoteAddress: options.remoteAddress };
  if (options.multipart || options.files?.length) {
    const { payload, contentType } = multipartBody(fields, options.files);
    request.payload = payload;
    request.headers = { ...request.headers, 'content-type': contentType };
  } else {
    request.payload = urlencodedBody(fields);
    request.headers = { ...request.headers, 'content-type': 'application/x-www-form-urlencoded' };
  }
  return app.inject(request);
}

/** The value of a hidden input in a page. */
export function hiddenValue(html: string, name: string): string | undefined {
  return new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1];
}

/** The fields named in the page's error summary. */
export function summaryFields(html: string): string[] {
  return [...html.matchAll(/<li data-field="([^"]+)">/g)].map((m) => m[1]);
}

/** The receipt code shown on the receipt page. */
export function receiptCodeOf(html: string): string | undefined {
  const inner = /id="receipt-code">(.*?)<\/strong>/.exec(html)?.[1];
  return inner?.replace(/<[^>]+>/g, '');
}

export const COUNTED_TABLES = ['signal', 'complaint', 'signal_attachment', 'signal_receipt', 'signal_message', 'service_feedback', 'audit_log', 'outbox_email'] as const;

/** Row counts of every table a public form writes to. */
export async function rowCounts(db: Db): Promise<Record<string, number>> {
  const selects = COUNTED_TABLES.map((t) => `(select count(*) from ${t})::int as ${t}`).join(', ');
  const { rows } = await sql<Record<string, number>>`${sql.raw(`select ${selects}`)}`.execute(db);
  return rows[0];
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A real 2×2 PNG; with `text`, it carries a tEXt chunk (metadata that must be stripped). */
export function smallPng(text?: string): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(2, 0);
  header.writeUInt32BE(2, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type: RGB
  const raw = Buffer.from([0, 255, 0, 0, 0, 255, 0, 0, 0, 0, 255, 255, 255, 255]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    ...(text ? [pngChunk('tEXt', Buffer.from(`Author\0${text}`, 'latin1'))] : []),
    pngChunk('IDAT', deflateSync(raw)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A minimal JPEG structure with an Exif (APP1) segment carrying `exifText`. */
export function smallJpeg(exifText: string): Buffer {
  const segment = (marker: number, data: Buffer) => {
    const head = Buffer.from([0xff, marker, 0, 0]);
    head.writeUInt16BE(data.length + 2, 2);
    return Buffer.concat([head, data]);
  };
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    segment(0xe0, Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1')),
    segment(0xe1, Buffer.from(`Exif\0\0${exifText}`, 'latin1')),
    segment(0xdb, Buffer.alloc(65, 1)),
    segment(0xda, Buffer.from([1, 1, 0, 0, 63, 0])),
    Buffer.from([0x12, 0x34, 0xff, 0xd9]),
  ]);
}

export const SMALL_PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n', 'latin1');

const testNumbers = readFileSync(new URL('../../reference/identity/test-personnummer.txt', import.meta.url), 'utf8').split('\n').filter(Boolean);

/** Official test personnummer (never real people), by index. */
export function testPersonnummer(index: number): string {
  return testNumbers[index % testNumbers.length];
}
