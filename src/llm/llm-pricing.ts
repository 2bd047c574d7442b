/** USD per 1M tokens. */
interface ModelPrice {
  input: number;
  output: number;
}

/**
 * List prices of common OpenAI models (USD per 1M tokens, standard tier, as published in 2025).
 * Only an estimate for the dashboard and the daily budget; update when prices change. Models not
 * listed (local Ollama/vLLM models, other vendors) cost 0 and are flagged as unpriced.
 */
const PRICES: Readonly<Record<string, ModelPrice>> = {
  'gpt-4o-mini': { input: 0.15, output: 0.6 },
  'gpt-4o': { input: 2.5, output: 10 },
  'gpt-4.1': { input: 2, output: 8 },
  'gpt-4.1-mini': { input: 0.4, output: 1.6 },
  'gpt-4.1-nano': { input: 0.1, output: 0.4 },
  'gpt-5': { input: 1.25, output: 10 },
  'gpt-5-mini': { input: 0.25, output: 2 },
  'gpt-5-nano': { input: 0.05, output: 0.4 },
  'o4-mini': { input: 1.1, output: 4.4 },
  'o3-mini': { input: 1.1, output: 4.4 },
  'gpt-4-turbo': { input: 10, output: 30 },
  'gpt-3.5-turbo': { input: 0.5, output: 1.5 },
};

export interface CostEstimate {
  usd: number;
  /** False when the model is not in the price table (usd is then 0). */
  priced: boolean;
}

/**
 * The price entry for a model name as endpoints report it: dated snapshots
 * ("gpt-4o-mini-2024-07-18") and vendor-prefixed names ("openai/gpt-4o-mini", OpenRouter) map to
 * the base model; the longest matching name wins, so gpt-4o-mini is not priced as gpt-4o.
 */
function priceOf(model: string): ModelPrice | undefined {
  const name = model.toLowerCase().split('/').pop() ?? '';
  let best: string | undefined;
  for (const known of Object.keys(PRICES)) {
    const matches = name === known || name.startsWith(`${known}-`);
    if (matches && (best === undefined || known.length > best.length)) {
      best = known;
    }
  }
  return best === undefined ? undefined : PRICES[best];
}

/** Estimated cost of one call. */
export function estimateCost(
  model: string,
  promptTokens: number,
  completionTokens: number,
): CostEstimate {
  const price = priceOf(model);
  if (!price) {
    return { usd: 0, priced: false };
  }
  return {
    usd: (promptTokens * price.input + completionTokens * price.output) / 1_000_000,
    priced: true,
  };
}
