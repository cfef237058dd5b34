// The memo as a PDF (pdfkit, in the embedded DejaVu Sans of platform/pdf). Same content as the HTML memo.
import { createPdfDocument, PDF_FONT, PdfStructure, pdfText } from '../../../platform/pdf/index.ts';
import { STAGE_TITLES, type Stage } from './decide-stage.ts';
import { followUpGroupText, liftText, METHOD_URL, methodParagraphs } from './memo-text.ts';
import { formatCount, formatMeasure, formatScore, type ProjectOverview, type StageView } from './project-overview.ts';
import { funnelText } from './pages/funnel-figure.tsx';
import { formatSwedishDateTime } from '../../../platform/dates.ts';

/**
 * Rows of a unit table in the PDF at most. Laying out a row takes about a millisecond and blocks the server
 * meanwhile: a national project's stage of 7,757 units took 26 s. The web memo lists every unit.
 */
const PDF_TABLE_ROWS = 300;

const INCLUSION: Record<string, string> = { rule: 'Enligt regeln', added: 'Tillagd för hand', removed: 'Borttagen för hand', chosen: 'Vald' };

export async function renderMemoPdf(overview: ProjectOverview, options: { printedAt: Date; publicUrl: string }): Promise<Buffer> {
  const { project } = overview;
  const memoLink = `${options.publicUrl.replace(/\/$/, '')}/staff/urval/${project.id}/memo`;
  const doc = createPdfDocument({
    size: 'A4',
    margins: { top: 50, bottom: 50, left: 50, right: 50 },
    lang: 'sv-SE',
    bufferPages: true,
    info: { Title: pdfText(`PM: ${project.title}`), Author: 'Vaka', Subject: 'Urvalsprojekt', CreationDate: options.printedAt },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const left = doc.page.margins.left;
  const structure = new PdfStructure(doc);

  const heading = (text: string, size = 14) => {
    if (doc.y > doc.page.height - doc.page.margins.bottom - 80) doc.addPage();
    doc.moveDown(0.8);
    structure.block('H2', () => doc.font(PDF_FONT.bold).fontSize(size).fillColor('#0b0c0c').text(pdfText(text), left, doc.y, { width }));
    doc.moveDown(0.3).font(PDF_FONT.regular).fontSize(10);
  };
  const paragraph = (text: string, opts: { size?: number; bold?: boolean } = {}) => {
    structure.block('P', () => doc.font(opts.bold ? PDF_FONT.bold : PDF_FONT.regular).fontSize(opts.size ?? 10).fillColor('#0b0c0c').text(pdfText(text), left, doc.y, { width }));
    doc.moveDown(0.4);
  };
  const fact = (label: string, value: string) => {
    structure.block('P', () => doc.font(PDF_FONT.bold).fontSize(10).text(pdfText(`${label}: `), left, doc.y, { width, continued: true }).font(PDF_FONT.regular).text(pdfText(value)));
    doc.moveDown(0.2);
  };
  /**
   * A table whose header row comes again at the top of each page it runs onto: the rows are cut into one
   * tagged table per page, each with its header cells. pdfkit breaks a table across pages but does not
   * repeat its header, and 300 rows run to a dozen pages.
   */
  const table = (columns: number[], header: string[], rows: string[][]) => {
    const padding = 2 * 2; // pdfkit's default cell padding, 0.25em of the 8 pt font, above and below
    const rowHeight = (cells: string[], font: string) => {
      doc.font(font).fontSize(8);
      return padding + 1 + Math.max(...cells.map((cell, i) => doc.heightOfString(pdfText(cell) || ' ', { width: columns[i] - padding })));
    };
    const headerHeight = rowHeight(header, PDF_FONT.bold);
    const bottom = () => doc.page.height - doc.page.margins.bottom;
    const draw = (pageRows: string[][]) => {
      doc.font(PDF_FONT.regular).fontSize(8).fillColor('#0b0c0c');
      doc.table({
        ...structure.table,
        position: { x: left, y: doc.y },
        columnStyles: columns,
        // scope: each header cell names its column for the cells below it (pdfkit writes /Scope and /Headers).
        data: [header.map((h) => ({ text: pdfText(h), type: 'TH' as const, scope: 'Column', font: { src: PDF_FONT.bold, size: 8 }, backgroundColor: '#f3f2f1' })), ...pageRows.map((r) => r.map((c) => pdfText(c)))],
      });
      doc.x = left;
    };
    if (doc.y + headerHeight + rowHeight(rows[0] ?? header, PDF_FONT.regular) > bottom()) doc.addPage();
    let pageRows: string[][] = [];
    let y = doc.y + headerHeight;
    for (const row of rows) {
      const height = rowHeight(row, PDF_FONT.regular);
      if (pageRows.length > 0 && y + height > bottom()) {
        draw(pageRows);
        doc.addPage();
        pageRows = [];
        y = doc.y + headerHeight;
      }
      pageRows.push(row);
      y += height;
    }
    draw(pageRows);
    doc.moveDown(0.6);
  };

  // Title and summary.
  structure.block('P', () => doc.font(PDF_FONT.regular).fontSize(10).fillColor('#505a5f').text('PM, urvalsprojekt', left, doc.y, { width }));
  structure.block('H1', () => doc.font(PDF_FONT.bold).fontSize(20).fillColor('#0b0c0c').text(pdfText(project.title), left, doc.y, { width }));
  doc.moveDown(0.3);
  paragraph(`Utskrivet ur Vaka ${formatSwedishDateTime(options.printedAt)}. Projektet skapades ${formatSwedishDateTime(project.created_at)} av ${project.created_by_name}.`, { size: 9 });

  const chosen = overview.stages.find((s) => s.stage === 3);
  heading('Sammanfattning');
  paragraph(
    chosen
      ? `Av ${formatCount(project.population_count)} verksamheter (${overview.populationText}) valdes ${formatCount(chosen.kept)} för inspektion: ${chosen.units.map((u) => u.name).join(', ')}.`
      : `Urvalet pågår. Populationen är ${formatCount(project.population_count)} verksamheter (${overview.populationText}).`,
  );
  // The funnel: one bar per level, proportional to the number of units. The text under it says the same, so
  // the drawing is an artifact (as on the web page, where the caption is what a screen reader reads).
  const top = Math.max(1, overview.funnel[0]?.count ?? 1);
  if (doc.y > doc.page.height - doc.page.margins.bottom - 30 * overview.funnel.length) doc.addPage();
  structure.artifact(() => {
    for (const level of overview.funnel) {
      const y = doc.y;
      doc.font(PDF_FONT.regular).fontSize(10).fillColor('#0b0c0c').text(pdfText(level.label), left, y + 4, { width: 190 });
      if (level.count === null) {
        doc.fillColor('#505a5f').text('ej beslutat', left + 200, y + 4);
      } else {
        const barWidth = Math.max(2, (220 * level.count) / top);
        doc.rect(left + 200, y, barWidth, 18).fill('#1d70b8');
        doc.font(PDF_FONT.bold).fillColor('#0b0c0c').text(formatCount(level.count), left + 206 + barWidth, y + 4);
      }
      doc.x = left;
      doc.y = y + 24;
    }
  });
  structure.block('P', () => doc.font(PDF_FONT.regular).fontSize(9).fillColor('#0b0c0c').text(pdfText(funnelText(overview.funnel)), left, doc.y, { width }));

  heading('Syfte');
  paragraph(project.purpose);

  heading('Population');
  for (const row of overview.populationRows) fact(row.label, row.value);
  fact('Antal verksamheter', formatCount(project.population_count));
  fact('Underlag', `Nationell riskberäkning per ${project.as_of} (körning ${project.run_id})`);

  for (const stage of [1, 2, 3] as Stage[]) {
    const view = overview.stages.find((s) => s.stage === stage);
    heading(STAGE_TITLES[stage]);
    if (!view) {
      paragraph('Inte beslutat ännu.');
      continue;
    }
    stageSection(view);
  }

  function stageSection(view: StageView) {
    if (view.criteriaLines.length > 0) {
      structure.list(view.criteriaLines, { x: left, width });
      doc.moveDown(0.4);
    }
    fact('Motivering', view.rationale);
    fact('Beslutat av', view.decidedByName);
    fact('Tidpunkt', formatSwedishDateTime(view.decidedAt));
    doc.moveDown(0.3);
    const measure = `${view.measureLabel ?? 'Mått'}${view.measureUnit ? ` (${view.measureUnit})` : ''}`;
    // The units that went on first, then those taken out by hand (with their reasons), then the rest.
    const listed = [...view.units, ...view.removed.filter((u) => u.inclusion === 'removed'), ...view.removed.filter((u) => u.inclusion !== 'removed')];
    const rows = listed.slice(0, PDF_TABLE_ROWS).map((u) => [
      String(u.position),
      [u.name, u.kommun, u.provider].filter(Boolean).join('\n'),
      view.stage === 3 ? formatScore(u.measure) : formatMeasure(u.measure),
      u.evidence.length > 0 ? u.evidence.join('\n') : 'Inget avvikande i underlaget.',
      view.stage === 3 ? (u.reason ?? '') : [INCLUSION[u.inclusion], u.reason ? `Skäl: ${u.reason}` : ''].filter(Boolean).join('\n'),
    ]);
    // The measure column fits its longest word ("indikatorunderlag") without breaking it.
    table([32, 112, 96, 161, width - 32 - 112 - 96 - 161], ['Plats', 'Verksamhet', measure, 'Underlag', view.stage === 3 ? 'Skäl' : 'Beslut'], rows);
    omitted(rows.length, listed.length);
  }

  /** Under a table cut at PDF_TABLE_ROWS: how many rows there are and where all of them are. */
  function omitted(shown: number, all: number) {
    if (shown === all) return;
    paragraph(`Tabellen visar ${formatCount(shown)} av ${formatCount(all)} verksamheter. Alla finns i PM:et på webben: ${memoLink}`, { size: 9 });
  }

  heading('Kontrollurval');
  const control = overview.control;
  if (!control) paragraph('Inget kontrollurval är draget.');
  else {
    fact('Storlek', `${formatCount(control.size)} av ${formatCount(control.frameSize)} verksamheter i ramen (populationen utom de valda)`);
    fact('Frö', String(control.seed));
    fact('Metod', control.method);
    if (control.rationale) fact('Kommentar', control.rationale);
    fact('Draget av', `${control.drawnByName}, ${formatSwedishDateTime(control.drawnAt)}`);
    doc.moveDown(0.3);
    table([40, 280, width - 320], ['Nr', 'Verksamhet', 'Kommun'], control.units.slice(0, PDF_TABLE_ROWS).map((u, i) => [String(i + 1), u.name, u.kommun]));
    omitted(Math.min(PDF_TABLE_ROWS, control.units.length), control.units.length);
  }

  if (overview.followUp) {
    const f = overview.followUp;
    heading('Uppföljning');
    paragraph(`Inspektioner sedan steg 3 beslutades (${f.since}).`);
    fact('Valda verksamheter', followUpGroupText(f.chosen));
    fact('Kontrollurvalet', f.control ? followUpGroupText(f.control) : 'Inget kontrollurval draget');
    fact('Träffsäkerhet jämfört med slumpen', liftText(f.lift));
  }

  heading('Om metoden');
  for (const p of methodParagraphs(project)) paragraph(p);
  const methodLink = `${options.publicUrl.replace(/\/$/, '')}${METHOD_URL}`;
  structure.block('P', () => doc.font(PDF_FONT.regular).fontSize(10).fillColor('#1d70b8').text(pdfText(`Riskmetoden i sin helhet: ${methodLink}`), left, doc.y, { width, link: methodLink, underline: true }));

  structure.numberPages();
  structure.end();
  doc.end();
  return done;
}
