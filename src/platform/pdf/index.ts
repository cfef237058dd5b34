// PDF documents (decision letters, selection memos) in DejaVu Sans, embedded: pdfkit's built-in Helvetica
// knows only WinAnsi, so a name like Łukasz, Güneş or Nguyễn came out with question marks in an official
// letter. DejaVu covers the Latin, Greek and Cyrillic scripts and common symbols (≈ ≥ → τ²); only what it
// lacks (emoji, CJK) shows as an empty box. The fonts come from the dejavu-fonts-ttf package.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import PDFDocument from 'pdfkit';

/** The registered names of the document's fonts. */
export const PDF_FONT = { regular: 'DejaVuSans', bold: 'DejaVuSans-Bold' } as const;

let fonts: { regular: Buffer; bold: Buffer } | undefined;

function loadFonts(): { regular: Buffer; bold: Buffer } {
  if (!fonts) {
    const dir = path.join(path.dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
    fonts = { regular: readFileSync(path.join(dir, 'DejaVuSans.ttf')), bold: readFileSync(path.join(dir, 'DejaVuSans-Bold.ttf')) };
  }
  return fonts;
}

/** A pdfkit document with the two fonts registered and the regular one chosen. */
export function createPdfDocument(options: PDFKit.PDFDocumentOptions): PDFKit.PDFDocument {
  const { regular, bold } = loadFonts();
  const doc = new PDFDocument({ ...options, font: undefined });
  doc.registerFont(PDF_FONT.regular, regular);
  doc.registerFont(PDF_FONT.bold, bold);
  return doc.font(PDF_FONT.regular);
}

/** Text as a PDF should get it: line ends as \n and no control characters (a form field may carry them). */
export function pdfText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '');
}
