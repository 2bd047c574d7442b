import { Normalized, readLevel } from './persona-value.util';

/** Confidence when a stance gives none or an unreadable one. */
export const DEFAULT_STANCE_CONFIDENCE = 0.5;

/**
 * A stance confidence as 0–1 from a number, a numeric string, a percentage or a word
 * (`yüksek` ≈ 0.8, `orta` ≈ 0.5, `düşük` ≈ 0.2, also English). Never throws.
 */
export function normalizeStanceConfidence(raw: unknown): Normalized<number> {
  const warnings: string[] = [];
  const value = readLevel(raw, 'confidence', (m) => warnings.push(m), DEFAULT_STANCE_CONFIDENCE);
  return { value, warnings };
}
