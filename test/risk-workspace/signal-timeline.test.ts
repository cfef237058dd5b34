import { describe, expect, it } from 'vitest';
import { timelineDescription, timelineSeries, type TimelineInput } from '../../src/modules/risk/workspace/charts/signal-timeline.tsx';

describe('the signal timeline in words', () => {
  it('names the month so far once, with the day it runs to', () => {
    const input: TimelineInput = {
      asOf: '2026-11-29',
      months: ['2026-09', '2026-10', '2026-11'],
      byArea: [{ month: '2026-10', area: 'medication', signals: 3 }],
      totals: [{ month: '2026-10', signals: 3 }],
    };
    const text = timelineDescription(input, timelineSeries(input));
    expect(text).toContain('Flest kom i oktober 2026 (3); i november 2026, till och med den 29, kom 0.');
  });
});
