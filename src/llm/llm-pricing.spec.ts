import { estimateCost } from './llm-pricing';

describe('estimateCost', () => {
  it('prices per 1M tokens, input and output separately', () => {
    expect(estimateCost('gpt-4o-mini', 1_000_000, 0)).toEqual({ usd: 0.15, priced: true });
    expect(estimateCost('gpt-4o-mini', 0, 1_000_000)).toEqual({ usd: 0.6, priced: true });
    expect(estimateCost('gpt-4o', 2000, 500).usd).toBeCloseTo((2000 * 2.5 + 500 * 10) / 1e6, 12);
    expect(estimateCost('gpt-4.1-mini', 1000, 1000).usd).toBeCloseTo(0.002, 12);
  });

  it('maps dated snapshots and vendor prefixes to the base model, longest name first', () => {
    expect(estimateCost('gpt-4o-mini-2024-07-18', 1_000_000, 0).usd).toBe(0.15);
    expect(estimateCost('openai/gpt-4o-mini', 1_000_000, 0).usd).toBe(0.15);
    expect(estimateCost('gpt-4o-2024-08-06', 1_000_000, 0).usd).toBe(2.5);
    expect(estimateCost('GPT-4.1-nano', 1_000_000, 0).usd).toBe(0.1);
  });

  it('flags unknown models and costs them 0', () => {
    expect(estimateCost('llama3.1:8b', 5000, 5000)).toEqual({ usd: 0, priced: false });
    // A prefix must end at a dash: "gpt-4oxyz" is not gpt-4o.
    expect(estimateCost('gpt-4oxyz', 5000, 5000).priced).toBe(false);
  });
});
