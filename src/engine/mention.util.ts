import { foldTurkish } from './symbols.util';

export interface Addressee {
  name: string;
  username: string | null;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Whether `text` addresses someone: "@username" (case-insensitive), or their display name as a
 * word ("Ahmet", "Ahmet'in", "AHMET" — Turkish case folding). Names shorter than 3 characters
 * only count with "@", they are too likely to be ordinary words.
 */
export function mentions(text: string, who: Addressee): boolean {
  const sample = text.slice(0, 4000);
  if (who.username && who.username.length > 0) {
    const at = new RegExp(`@${escape(who.username)}(?![A-Za-z0-9_])`, 'i');
    if (at.test(sample)) {
      return true;
    }
  }
  const name = foldTurkish(who.name.trim());
  if (name.length < 3) {
    return false;
  }
  return new RegExp(`(?<![a-z0-9_@])${escape(name)}(?![a-z0-9_])`).test(foldTurkish(sample));
}

/** Whether the text asks something: a question mark or a Turkish question particle. */
export function isQuestion(text: string): boolean {
  if (text.includes('?')) {
    return true;
  }
  return /(?<![a-z])(mi|mı|mu|mü|misin|mısın|musun|müsün|misiniz|mısınız|nedir|neden|niye|nasil|nasıl|ne zaman|ne olur|ne dersin|ne dersiniz|ne düşünüyorsun|ne düşünüyorsunuz|hangi|kaç)(?![a-zçğıöşü])/i.test(
    text.slice(0, 4000),
  );
}
