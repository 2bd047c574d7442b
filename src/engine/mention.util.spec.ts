import { isQuestion, mentions } from './mention.util';

describe('mentions', () => {
  const ahmet = { name: 'Ahmet', username: 'ahmet_trader' };

  it('finds @username case-insensitively and as a whole handle', () => {
    expect(mentions('@Ahmet_Trader ne dersin', ahmet)).toBe(true);
    expect(mentions('@ahmet_trader2 ne dersin', ahmet)).toBe(false);
  });

  it('finds the display name as a word with Turkish suffixes', () => {
    expect(mentions("Ahmet'in dediği doğru", ahmet)).toBe(true);
    expect(mentions('AHMET haklı', ahmet)).toBe(true);
    expect(mentions('Ahmetcan geldi', ahmet)).toBe(false);
    expect(mentions('İlker bey', { name: 'ilker', username: null })).toBe(true);
  });

  it('ignores names too short to be safe', () => {
    expect(mentions('ai ne der', { name: 'Ai', username: null })).toBe(false);
    expect(mentions('@ai ne der', { name: 'Ai', username: 'ai' })).toBe(true);
  });

  it('treats usernames with regex characters literally', () => {
    expect(mentions('@a.b', { name: 'xy', username: 'a.b' })).toBe(true);
    expect(mentions('@axb', { name: 'xy', username: 'a.b' })).toBe(false);
  });
});

describe('isQuestion', () => {
  it('sees question marks and Turkish question particles', () => {
    expect(isQuestion('ne dersiniz?')).toBe(true);
    expect(isQuestion('dolar yükselir mi')).toBe(true);
    expect(isQuestion('bu iş olur MU')).toBe(true);
    expect(isQuestion('nasıl bakıyorsunuz')).toBe(true);
    expect(isQuestion('dolar ne olur')).toBe(true);
    expect(isQuestion('bugün piyasa sakin')).toBe(false);
    expect(isQuestion('mimari güzel')).toBe(false);
  });
});
