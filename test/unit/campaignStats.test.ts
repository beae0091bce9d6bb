import { describe, expect, it } from 'vitest';
import { normalCdf, twoProportionTest } from '../../shared/campaign';

describe('two-proportion test', () => {
  it('matches a textbook example: 60/200 vs 40/200', () => {
    const t = twoProportionTest(60, 200, 40, 200);
    expect(t.diff).toBeCloseTo(0.1, 10);
    expect(t.z).toBeCloseTo(2.3094, 3); // pooled p = 0.25, SE = sqrt(.25·.75·(2/200)) = 0.04330
    expect(t.pValue).toBeCloseTo(0.0209, 3);
    expect(t.significant).toBe(true);
    // Unpooled SE = sqrt(.3·.7/200 + .2·.8/200) = 0.04301 → CI 0.1 ± 0.0843
    expect(t.ciLow).toBeCloseTo(0.0157, 3);
    expect(t.ciHigh).toBeCloseTo(0.1843, 3);
  });
  it('calls a small difference on small samples not significant', () => {
    const t = twoProportionTest(6, 50, 4, 50);
    expect(t.significant).toBe(false);
    expect(t.ciLow).toBeLessThan(0);
    expect(t.ciHigh).toBeGreaterThan(0);
  });
  it('handles empty groups without dividing by zero', () => {
    expect(twoProportionTest(0, 0, 3, 10)).toMatchObject({ significant: false, pValue: 1 });
  });
  it('has a normal CDF that is right at known points', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 6);
    expect(normalCdf(1.96)).toBeCloseTo(0.975, 4);
    expect(normalCdf(-1.645)).toBeCloseTo(0.05, 3);
  });
});
