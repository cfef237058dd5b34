import { PDFParse } from 'pdf-parse';
import { describe, expect, it } from 'vitest';
import { createPdfDocument, PDF_FONT, pdfText } from '../../src/platform/pdf/index.ts';

async function render(write: (doc: PDFKit.PDFDocument) => void): Promise<Buffer> {
  const doc = createPdfDocument({ size: 'A4' });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  write(doc);
  doc.end();
  return done;
}

describe('PDF documents', () => {
  it('show names and symbols beyond Latin-1 as written, in the embedded font', async () => {
    const text = 'Łukasz Güneş och Nguyễn Thị – Omsorg ≥ 2 → τ² ≈ 3 €';
    const pdf = await render((doc) => {
      doc.text(pdfText(text));
      doc.font(PDF_FONT.bold).text(pdfText('Beslut: föreläggande'));
    });
    const parser = new PDFParse({ data: new Uint8Array(pdf) });
    try {
      const shown = (await parser.getText()).text;
      expect(shown).toContain(text);
      expect(shown).toContain('Beslut: föreläggande');
    } finally {
      await parser.destroy();
    }
    expect(pdf.toString('latin1')).toContain('/FontName /');
    expect(pdf.toString('latin1')).not.toContain('/BaseFont /Helvetica');
  });
});
