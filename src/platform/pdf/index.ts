// PDF documents (decision letters, selection memos) in DejaVu Sans, embedded: pdfkit's built-in Helvetica
// knows only WinAnsi, so a name like Łukasz, Güneş or Nguyễn came out with question marks in an official
// letter. DejaVu covers the Latin, Greek and Cyrillic scripts and common symbols (≈ ≥ → τ²); only what it
// lacks (emoji, CJK) shows as an empty box. The fonts come from the dejavu-fonts-ttf package.
// Documents are tagged (PDF/UA's structure: headings, paragraphs, tables and figures with their text in reading
// order, decoration marked as artifacts), so a screen reader can read a decision letter as well as its web page.
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

/** A tagged pdfkit document (its title shown as the window title) with the two fonts registered and the regular one chosen. */
export function createPdfDocument(options: PDFKit.PDFDocumentOptions): PDFKit.PDFDocument {
  const { regular, bold } = loadFonts();
  const doc = new PDFDocument({ pdfVersion: '1.7', tagged: true, displayTitle: true, ...options, font: undefined });
  doc.registerFont(PDF_FONT.regular, regular);
  doc.registerFont(PDF_FONT.bold, bold);
  return doc.font(PDF_FONT.regular);
}

/** Text as a PDF should get it: line ends as \n and no control characters (a form field may carry them). */
export function pdfText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '');
}

/** Structure types the documents use besides tables: a title, section headings, paragraphs. */
export type BlockType = 'H1' | 'H2' | 'H3' | 'P';

/**
 * The structure of a tagged document: one 'Document' element, and each block of content drawn inside its own
 * element in reading order. What only decorates (rules, bars whose numbers the text states) is an artifact.
 */
export class PdfStructure {
  readonly root: PDFKit.PDFStructureElement;

  constructor(private readonly doc: PDFKit.PDFDocument) {
    this.root = doc.struct('Document');
    doc.addStructure(this.root);
  }

  /** Draws a block inside a structure element of its type. */
  block(type: BlockType, draw: () => void): void {
    this.root.add(this.doc.struct(type, {}, draw));
  }

  /**
   * A bulleted list tagged as one (L, each item an LI with its label Lbl and body LBody), so a screen reader
   * says "list, 3 items" instead of reading paragraphs that begin with a bullet sign.
   */
  list(items: string[], options: { x: number; width: number }): void {
    const list = this.doc.struct('L');
    this.root.add(list);
    this.doc.list(items.map(pdfText), options.x + 12, this.doc.y, { width: options.width - 12, bulletRadius: 2, textIndent: 10, structParent: list } as PDFKit.Mixins.TextOptions);
    list.end();
    this.doc.x = options.x;
  }

  /**
   * "Sida 1 av 3" (after `before`, e.g. a diarienummer) at the foot of every page, marked as pagination artifacts (a reader of the structure skips
   * them). Needs a document created with `bufferPages: true`; call after the last content, before end().
   */
  numberPages(options: { before?: string } = {}): void {
    const { start, count } = this.doc.bufferedPageRange();
    for (let i = start; i < start + count; i++) {
      this.doc.switchToPage(i);
      const { margins, width, height } = this.doc.page;
      const bottom = margins.bottom;
      // Below the bottom margin: without lifting it pdfkit would start a new page for the text.
      margins.bottom = 0;
      this.doc.markContent('Artifact', { type: 'Pagination' });
      this.doc.font(PDF_FONT.regular).fontSize(8).fillColor('#505a5f').text(`${options.before ? `${options.before} · ` : ''}Sida ${i - start + 1} av ${count}`, margins.left, height - bottom + 16, { width: width - margins.left - margins.right, align: 'right', lineBreak: false });
      this.doc.endMarkedContent();
      margins.bottom = bottom;
    }
  }

  /** Draws what is not content: a screen reader skips it. */
  artifact(draw: () => void): void {
    this.doc.markContent('Artifact', { type: 'Layout' });
    draw();
    this.doc.endMarkedContent();
  }

  /** Table options that tag the table (Table, TR, TH and TD elements) under the document. */
  get table(): { structParent: PDFKit.PDFStructureElement } {
    return { structParent: this.root };
  }

  /** Closes the structure: call before doc.end(). */
  end(): void {
    this.root.end();
  }
}
