import { demoComplete } from '../../llm/demo/demo-generator';
import { GenerationRequest, GenerationResult, TextGenerator } from './text-generator';

/** The offline Turkish generator (SPEC 9.4): no key, no network, deterministic per seed. */
export class DemoTextGenerator implements TextGenerator {
  async generate(request: GenerationRequest): Promise<GenerationResult> {
    const started = Date.now();
    const text = demoComplete(request.kind, request.demo, request.seed);
    return { text, latencyMs: Date.now() - started, model: 'demo' };
  }
}
