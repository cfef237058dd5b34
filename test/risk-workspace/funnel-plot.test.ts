import { describe, expect, it } from 'vitest';
import { buildFunnelPlot } from '../../src/modules/risk/workspace/charts/funnel-plot.tsx';

// The funnel plot's scale: peers far above it are not drawn as dots at a false value on the top edge.
describe('the funnel plot', () => {
  it('marks peers above the scale with arrowheads along its top edge and counts them, drawing dots only for the rest', () => {
    const model = buildFunnelPlot({
      peers: [
        { observed: 2, expected: 2, units: 60 },
        { observed: 3, expected: 2.5, units: 20 },
        { observed: 40, expected: 2, units: 1 },
      ],
      unit: { observed: 2, expected: 2 },
      tau2: 0.05,
      formLabel: 'HVB',
    });
    const top = model.y.domain()[1];
    expect(top).toBeLessThan(20);
    expect(model.clipped).toBe(1);
    const x = Math.round(model.x(2) * 10) / 10;
    expect(model.aboveDots).toBe(`M${x} ${Math.round(model.y(top) * 10) / 10 - 1}l4 6h-8z`);
    expect(model.dots.split('M')).toHaveLength(3);
  });
});
