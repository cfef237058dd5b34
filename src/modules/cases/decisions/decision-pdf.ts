// The decision letter as a PDF (pdfkit, in the embedded DejaVu Sans of platform/pdf). What it says: who
// decides, for whom, the deficiencies with their legal basis and risk area, the tool with its deadline and
// fine, how to appeal, and who decided.
import { createPdfDocument, PDF_FONT, PdfStructure, pdfText } from '../../../platform/pdf/index.ts';
import type { DecisionTool } from './labels.ts';
import { formatKronor, riskAreaLabel, SEVERITY_LABELS, TOOL_LABELS, TOOLS_WITH_REPORT } from './labels.ts';
import { formatLongDate } from '../../../platform/dates.ts';

export interface DecisionLetter {
  diarienummer: string;
  caseTitle: string;
  departmentName: string | null;
  departmentCity: string | null;
  provider: { name: string; orgnr: string | null } | null;
  unit: { name: string; street: string | null; postalCode: string | null; city: string | null } | null;
  tool: DecisionTool;
  decidedOn: string;
  reportBy: string | null;
  fineAmount: number | null;
  summary: string;
  deficiencies: { seq: number; finding: string; legalBasis: string; riskArea: string; severity: number }[];
  decidedByName: string;
  decidedByRole: string;
  /** The responsible officer, named as having taken part ("föredragande"). */
  responsibleName: string | null;
  /** Where the provider reports actions (the portal's address). */
  portalUrl: string;
}

/** The decision itself, in the words of the letter. */
export function decisionSentence(letter: Pick<DecisionLetter, 'tool' | 'reportBy' | 'fineAmount' | 'provider'>): string {
  const who = letter.provider?.name ?? 'verksamheten';
  const by = letter.reportBy ? formatLongDate(letter.reportBy) : '';
  switch (letter.tool) {
    case 'closure':
      return 'IVO avslutar ärendet utan kritik.';
    case 'criticism':
      return `IVO riktar kritik mot ${who} för de brister som anges nedan. Verksamheten ska själv rätta bristerna. Ärendet avslutas.`;
    case 'demand_actions':
      return `IVO riktar kritik mot ${who} för de brister som anges nedan och kräver att ${who} senast ${by} redovisar vilka åtgärder som har vidtagits för att rätta bristerna.`;
    case 'injunction':
      return `IVO förelägger ${who} att senast ${by} rätta de brister som anges nedan och redovisa vilka åtgärder som har vidtagits${letter.fineAmount ? `. Föreläggandet förenas med ett vite om ${formatKronor(letter.fineAmount)}` : ''}.`;
    case 'ban':
      return `IVO förbjuder ${who} att fortsätta verksamheten, på grund av de brister som anges nedan.`;
    case 'revocation':
      return `IVO återkallar tillståndet för ${who} att bedriva verksamheten, på grund av de brister som anges nedan.`;
    case 'police_report':
      return 'IVO anmäler till Polismyndigheten eller Åklagarmyndigheten att brott kan ha begåtts i verksamheten. Bristerna anges nedan.';
  }
}

export const APPEAL_PARAGRAPHS = [
  'Beslutet kan överklagas till förvaltningsrätten. Skriv överklagandet till förvaltningsrätten men skicka eller lämna det till IVO.',
  'Överklagandet måste ha kommit in till IVO inom tre veckor från den dag ni fick del av beslutet. Om det kommer in för sent kan det inte prövas.',
  'Skriv vilket beslut ni överklagar (ange diarienumret), hur ni vill att beslutet ska ändras och varför. Skicka med handlingar som stöder det ni skriver.',
  'IVO prövar först om överklagandet har kommit in i rätt tid och om beslutet ska ändras. Sedan skickar IVO överklagandet vidare till förvaltningsrätten.',
];

export async function renderDecisionPdf(letter: DecisionLetter, options: { createdAt?: Date } = {}): Promise<Buffer> {
  const doc = createPdfDocument({
    size: 'A4',
    margins: { top: 50, bottom: 60, left: 60, right: 60 },
    lang: 'sv-SE',
    bufferPages: true,
    info: {
      Title: pdfText(`Beslut ${letter.diarienummer}`),
      Author: 'Inspektionen för vård och omsorg',
      Subject: pdfText(TOOL_LABELS[letter.tool]),
      CreationDate: options.createdAt ?? new Date(`${letter.decidedOn}T12:00:00Z`),
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const left = doc.page.margins.left;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const ensureRoom = (points: number) => {
    if (doc.y > doc.page.height - doc.page.margins.bottom - points) doc.addPage();
  };
  const structure = new PdfStructure(doc);
  const heading = (text: string) => {
    ensureRoom(70);
    doc.moveDown(0.8);
    structure.block('H2', () => doc.font(PDF_FONT.bold).fontSize(12).fillColor('#0b0c0c').text(pdfText(text), left, doc.y, { width }));
    doc.moveDown(0.3);
  };
  const paragraph = (text: string, size = 10) => {
    structure.block('P', () => doc.font(PDF_FONT.regular).fontSize(size).fillColor('#0b0c0c').text(pdfText(text), left, doc.y, { width }));
    doc.moveDown(0.4);
  };
  const fact = (label: string, value: string) => {
    structure.block('P', () => doc.font(PDF_FONT.bold).fontSize(10).fillColor('#0b0c0c').text(pdfText(`${label}: `), left, doc.y, { width, continued: true }).font(PDF_FONT.regular).text(pdfText(value)));
    doc.moveDown(0.15);
  };

  // Letterhead: the authority on the left, the document and its number on the right (read in that order).
  const top = doc.y;
  structure.block('P', () => doc.font(PDF_FONT.bold).fontSize(13).fillColor('#0b0c0c').text('Inspektionen för vård och omsorg', left, top, { width: width * 0.6 }));
  doc.font(PDF_FONT.regular).fontSize(9).fillColor('#505a5f');
  if (letter.departmentName) structure.block('P', () => doc.text(pdfText(letter.departmentName + (letter.departmentCity ? `, ${letter.departmentCity}` : '')), left, doc.y, { width: width * 0.6 }));
  const headerBottom = doc.y;
  structure.block('P', () => {
    doc.font(PDF_FONT.bold).fontSize(13).fillColor('#0b0c0c').text('BESLUT', left + width * 0.62, top, { width: width * 0.38 });
    doc.font(PDF_FONT.regular).fontSize(10).text(pdfText(formatLongDate(letter.decidedOn)), left + width * 0.62, doc.y, { width: width * 0.38 });
    doc.text(pdfText(`Dnr ${letter.diarienummer}`), left + width * 0.62, doc.y, { width: width * 0.38 });
  });
  doc.y = Math.max(doc.y, headerBottom) + 12;
  structure.artifact(() => doc.moveTo(left, doc.y).lineTo(left + width, doc.y).lineWidth(0.5).strokeColor('#b1b4b6').stroke());
  doc.moveDown(1);

  // Organisationsnummer and postcodes as they are written (556677-8899, 111 22).
  const orgnr = (value: string) => (/^\d{10}$/.test(value) ? `${value.slice(0, 6)}-${value.slice(6)}` : value);
  const postcode = (value: string | null) => (value && /^\d{5}$/.test(value) ? `${value.slice(0, 3)} ${value.slice(3)}` : value);
  if (letter.provider) fact('Vårdgivare eller huvudman', `${letter.provider.name}${letter.provider.orgnr ? ` (org.nr ${orgnr(letter.provider.orgnr)})` : ''}`);
  if (letter.unit) {
    const address = [letter.unit.street, [postcode(letter.unit.postalCode), letter.unit.city].filter(Boolean).join(' ')].filter(Boolean).join(', ');
    fact('Verksamhet', `${letter.unit.name}${address ? `, ${address}` : ''}`);
  }
  fact('Ärende', letter.caseTitle);

  doc.moveDown(0.5);
  structure.block('H1', () => doc.font(PDF_FONT.bold).fontSize(16).fillColor('#0b0c0c').text(pdfText(`Beslut: ${TOOL_LABELS[letter.tool]}`), left, doc.y, { width }));
  doc.moveDown(0.4);
  paragraph(decisionSentence(letter), 11);

  heading('Sammanfattning');
  paragraph(letter.summary);

  if (letter.deficiencies.length > 0) {
    heading(letter.deficiencies.length === 1 ? 'Brist som IVO har funnit' : 'Brister som IVO har funnit');
    for (const d of letter.deficiencies) {
      ensureRoom(60);
      structure.block('H3', () => doc.font(PDF_FONT.bold).fontSize(10).fillColor('#0b0c0c').text(pdfText(`Brist ${d.seq}`), left, doc.y, { width }));
      paragraph(d.finding);
      fact('Lagrum', d.legalBasis);
      fact('Riskområde', riskAreaLabel(d.riskArea));
      fact('Allvarlighet', SEVERITY_LABELS[d.severity] ?? String(d.severity));
      doc.moveDown(0.5);
    }
  }

  if (TOOLS_WITH_REPORT.includes(letter.tool) && letter.reportBy) {
    heading('Redovisning av åtgärder');
    paragraph(
      `Redovisningen ska ha kommit in till IVO senast ${formatLongDate(letter.reportBy)}. Redovisa för varje brist vilken åtgärd ni har vidtagit, vem som ansvarar för den, när den genomfördes och hur ni vet att den fungerar. Lämna redovisningen i IVO:s e-tjänst för verksamheter: ${letter.portalUrl}`,
    );
    if (letter.tool === 'injunction' && letter.fineAmount) {
      paragraph(`Om föreläggandet inte följs kan IVO ansöka hos förvaltningsrätten om att vitet på ${formatKronor(letter.fineAmount)} ska dömas ut.`);
    }
  }

  heading('Hur man överklagar');
  for (const p of APPEAL_PARAGRAPHS) paragraph(p);

  heading('Beslutat av');
  paragraph(`Beslutet har fattats av ${letter.decidedByName}, ${letter.decidedByRole.toLocaleLowerCase('sv')}.${letter.responsibleName ? ` I den slutliga handläggningen har även ${letter.responsibleName}, inspektör, deltagit.` : ''}`);

  structure.numberPages({ before: `Dnr ${letter.diarienummer}` });
  structure.end();
  doc.end();
  return done;
}
