import { oneSentence } from './news-brief-writer';

describe('oneSentence (the model’s answer as a one-sentence Turkish brief)', () => {
  it('keeps the first sentence, without quotes, ending with a full stop', () => {
    expect(
      oneSentence('"Bitcoin, kripto fonlarına girişlerin artmasıyla yükseldi." Ayrıntılar şöyle.'),
    ).toBe('Bitcoin, kripto fonlarına girişlerin artmasıyla yükseldi.');
    expect(oneSentence("  Fed'in faiz kararı piyasalarda bekleniyor  ")).toBe(
      "Fed'in faiz kararı piyasalarda bekleniyor.",
    );
  });

  it('does not cut at an abbreviation, and caps a long answer at a word', () => {
    expect(oneSentence('A.Ş. hisseleri güne yükselişle başladı.')).toBe(
      'A.Ş. hisseleri güne yükselişle başladı.',
    );
    const long = oneSentence(`Borsa İstanbul ${'çok '.repeat(80)}yükseldi`);
    expect(long?.length).toBeLessThanOrEqual(241);
    expect(long?.endsWith('…')).toBe(true);
  });

  it('refuses an empty or English answer (the offline brief is used instead)', () => {
    expect(oneSentence('   ')).toBeNull();
    expect(oneSentence('Bitcoin rallies as crypto inflows surge.')).toBeNull();
  });
});
