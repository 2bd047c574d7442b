/**
 * The `--name value` and `--flag` options of a bench script. A malformed number fails at once with
 * the option's name, instead of a run that measures something else.
 */
export class BenchArgs {
  constructor(private readonly argv: readonly string[] = process.argv.slice(2)) {}

  string(name: string): string | undefined;
  string(name: string, fallback: string): string;
  string(name: string, fallback?: string): string | undefined {
    const i = this.argv.indexOf(`--${name}`);
    if (i < 0) {
      return fallback;
    }
    const value = this.argv[i + 1];
    if (value === undefined || value.startsWith('--')) {
      throw new Error(`--${name} needs a value`);
    }
    return value;
  }

  number(name: string, fallback: number): number {
    const raw = this.string(name);
    if (raw === undefined) {
      return fallback;
    }
    const value = Number(raw);
    if (!Number.isFinite(value) || value < 0) {
      throw new Error(`--${name} must be a non-negative number, got "${raw}"`);
    }
    return value;
  }

  /** A comma list of non-negative integers: `--workers 1,2,3`. */
  integers(name: string, fallback: readonly number[]): number[] {
    const raw = this.string(name);
    if (raw === undefined) {
      return [...fallback];
    }
    const values = raw.split(',').map((part) => Number(part.trim()));
    if (values.length === 0 || values.some((v) => !Number.isInteger(v) || v < 0)) {
      throw new Error(`--${name} must be a comma list of whole numbers, got "${raw}"`);
    }
    return values;
  }

  flag(name: string): boolean {
    return this.argv.includes(`--${name}`);
  }
}
