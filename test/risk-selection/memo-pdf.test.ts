import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { renderMemoPdf } from '../../src/modules/risk/selection/memo-pdf.ts';
import type { ProjectOverview, StageUnitView } from '../../src/modules/risk/selection/project-overview.ts';
import type { ProjectRow } from '../../src/modules/risk/selection/repository.ts';
import { readPdfStructure } from '../support/pdf-structure.ts';

// A long memo: a stage of 120 units, each with a few lines of evidence, runs over many pages. Every page the
// table runs onto starts with its header row, and the tagged structure has one complete table per page.

const unit = (i: number): StageUnitView => ({
  unitId: `U${i}`, name: `Vårdcentralen nummer ${i}`, kommun: 'Stockholms kommun', provider: `Vårdbolag ${i} AB`, position: i,
  inclusion: 'rule', measure: 100 - i / 2, score: 0.5,
  evidence: i % 3 === 0 ? ['Andel som fått vård inom 90 dagar har försämrats: 55 % det senaste året mot 87 % tidigare.', 'Nationella patientenkäten har försämrats.'] : ['Andel som fått vård inom 90 dagar: 55 % mot 85 % i riket.'],
  reason: null,
});

function overview(): ProjectOverview {
  const project = {
    id: 7, title: 'Vårdcentraler i hela landet', purpose: 'Hitta brister i tillgänglighet.', population_count: 1200, as_of: '2026-11-01', run_id: 3,
    created_at: new Date('2026-11-02T09:00:00Z'), created_by_name: 'Test Analytiker',
  } as unknown as ProjectRow;
  return {
    project, populationText: 'Vårdcentraler', populationRows: [{ label: 'Verksamhetsform', value: 'Vårdcentral' }], departmentName: null,
    stages: [{
      stage: 1, title: 'Steg 1', criteriaLines: ['Rangordnat efter: Samlat indikatorunderlag.', 'De 120 högst rangordnade går vidare.'], rationale: 'Tydligast försämring.',
      decidedBy: 'a', decidedByName: 'Test Analytiker', decidedAt: new Date('2026-11-03T09:00:00Z'), candidates: 1200, kept: 120,
      measureLabel: 'Samlat indikatorunderlag', measureUnit: 'poäng', units: Array.from({ length: 120 }, (_, i) => unit(i + 1)), removed: [],
    }],
    control: null,
    funnel: [{ label: 'Population', count: 1200 }, { label: 'Steg 1', count: 120 }],
    followUp: null,
  };
}

describe('the memo PDF', () => {
  it('repeats the table header on every page the table runs onto, as one tagged table per page', async () => {
    const pdf = await renderMemoPdf(overview(), { printedAt: new Date('2026-11-04T09:00:00Z'), publicUrl: 'https://vaka.example' });
    const document = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false }).promise;
    const pagesWithRows: string[] = [];
    try {
      for (let number = 1; number <= document.numPages; number++) {
        const text = ((await (await document.getPage(number)).getTextContent()).items as { str?: string }[]).map((item) => item.str ?? '').join(' ');
        if (/Vårdcentralen nummer\s+\d+/.test(text)) pagesWithRows.push(text);
      }
    } finally {
      await document.destroy();
    }
    expect(pagesWithRows.length).toBeGreaterThan(3);
    for (const text of pagesWithRows) expect(text).toMatch(/Plats\s+Verksamhet\s+Samlat/);

    const tagged = await readPdfStructure(pdf);
    const tables = tagged.elements.filter((e) => e.role === 'Table');
    expect(tables.length).toBe(pagesWithRows.length);
    expect(tagged.elements.filter((e) => e.role === 'TH').length).toBe(5 * tables.length);
    // Every unit is there once, in order.
    const names = tagged.elements.filter((e) => e.role === 'TD' && e.text.startsWith('Vårdcentralen nummer')).map((e) => Number(/nummer (\d+)/.exec(e.text)![1]));
    expect(names).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
  });
});
