// Files of case documents: PDF, PNG, JPEG, Word (DOCX) and plain text, recognised by their content — the first
// bytes and the file's structure — never by the name or the type the browser claims. Documents are records, so
// their bytes are kept as they came (the SHA-256 is of exactly those bytes).
import type { FieldError } from '../../../platform/errors.ts';

export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

export const DOCUMENT_FILE_KINDS = {
  'application/pdf': 'PDF',
  'image/png': 'PNG-bild',
  'image/jpeg': 'JPEG-bild',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word-dokument (DOCX)',
  'text/plain; charset=utf-8': 'Textfil',
} as const;
export type DocumentMediaType = keyof typeof DOCUMENT_FILE_KINDS;

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const ZIP_LOCAL_HEADER = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const ZIP_END_OF_DIRECTORY = Buffer.from([0x50, 0x4b, 0x05, 0x06]);

const tail = (content: Buffer, bytes: number) => content.subarray(Math.max(0, content.length - bytes));

function isPdf(content: Buffer): boolean {
  return content.length >= 8 && /^%PDF-[12]\.\d/.test(content.subarray(0, 8).toString('latin1')) && tail(content, 1024).toString('latin1').includes('%%EOF');
}

function isPng(content: Buffer): boolean {
  return content.length >= 20 && content.subarray(0, 8).equals(PNG_SIGNATURE) && content.subarray(12, 16).toString('latin1') === 'IHDR';
}

function isJpeg(content: Buffer): boolean {
  return content.length >= 4 && content[0] === 0xff && content[1] === 0xd8 && content[2] === 0xff && tail(content, 1024).includes(Buffer.from([0xff, 0xd9]));
}

/** A Word document: a whole ZIP archive (end-of-directory record within its last 64 KB) holding word/document.xml. */
function isDocx(content: Buffer): boolean {
  if (content.length < 100 || !content.subarray(0, 4).equals(ZIP_LOCAL_HEADER)) return false;
  if (!tail(content, 65_557).includes(ZIP_END_OF_DIRECTORY)) return false;
  return content.includes('[Content_Types].xml', 0, 'latin1') && content.includes('word/document.xml', 0, 'latin1');
}

/**
 * Plain text: valid UTF-8 without NUL or other control characters than tab, line breaks and form feed, and not
 * the beginning of a PDF that is cut off (which would otherwise pass for text).
 */
function isPlainText(content: Buffer): boolean {
  if (content.subarray(0, 5).toString('latin1') === '%PDF-') return false;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    return false;
  }
  return !/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text);
}

/** The media type the content really has, or undefined when it is none of the kinds taken. */
export function sniffDocumentType(content: Buffer): DocumentMediaType | undefined {
  if (isPdf(content)) return 'application/pdf';
  if (isPng(content)) return 'image/png';
  if (isJpeg(content)) return 'image/jpeg';
  if (isDocx(content)) return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  if (isPlainText(content)) return 'text/plain; charset=utf-8';
  return undefined;
}

/** A file as it came in a form: what the browser named it, its bytes, and whether it went over the limit. */
export interface UploadedDocumentFile {
  filename: string;
  content: Buffer;
  tooLarge: boolean;
}

export interface CheckedDocumentFile {
  filename: string;
  mediaType: DocumentMediaType;
  content: Buffer;
}

/** A file name safe to keep and to send back: no path, no control characters, at most 200 characters. */
export function cleanFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base.replace(/[\u0000-\u001f\u007f"]/g, '').trim().slice(0, 200);
  return cleaned || 'handling';
}

/** Checks an uploaded file; an error names the field. */
export function checkDocumentFile(file: UploadedDocumentFile | undefined, field: string, required: boolean): CheckedDocumentFile | FieldError | undefined {
  if (!file) return required ? { field, message: 'Välj en fil att ladda upp' } : undefined;
  if (file.tooLarge) return { field, message: `Filen är större än ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB. Dela upp den eller komprimera den.` };
  if (file.content.length === 0) return { field, message: 'Filen är tom' };
  const mediaType = sniffDocumentType(file.content);
  if (!mediaType) return { field, message: 'Filen måste vara en PDF, en PNG- eller JPEG-bild, ett Word-dokument (DOCX) eller en textfil' };
  return { filename: cleanFilename(file.filename), mediaType, content: file.content };
}

export const isFieldError = (value: unknown): value is FieldError => !!value && typeof value === 'object' && 'message' in value && 'field' in value;
