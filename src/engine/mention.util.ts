import { boundedMemo } from './bounded-memo.util';
import { foldTurkish } from './symbols.util';

export interface Addressee {
  name: string;
  username: string | null;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Planning asks for every bot of the chat about each of the last messages, turn after turn: the
 * patterns per addressee and the folded texts are kept (bounded) instead of being built again.
 */
const PATTERNS_REMEMBERED = 5000;
const TEXTS_REMEMBERED = 2000;
const atPattern = boundedMemo(
  (username) => new RegExp(`@${escape(username)}(?![A-Za-z0-9_])`, 'i'),
  PATTERNS_REMEMBERED,
);
/** The folded name's pattern, or null for a name too short to count (see mentions). */
const namePattern = boundedMemo((rawName) => {
  const name = foldTurkish(rawName.trim());
  return name.length < 3 ? null : new RegExp(`(?<![a-z0-9_@])${escape(name)}(?![a-z0-9_])`);
}, PATTERNS_REMEMBERED);
const foldedSample = boundedMemo((text) => foldTurkish(text.slice(0, 4000)), TEXTS_REMEMBERED);

/**
 * Whether `text` addresses someone: "@username" (case-insensitive), or their display name as a
 * word ("Ahmet", "Ahmet'in", "AHMET" — Turkish case folding). Names shorter than 3 characters
 * only count with "@", they are too likely to be ordinary words.
 */
export function mentions(text: string, who: Addressee): boolean {
  if (
    who.username &&
    who.username.length > 0 &&
    atPattern(who.username).test(text.slice(0, 4000))
  ) {
    return true;
  }
  const name = namePattern(who.name);
  return name !== null && name.test(foldedSample(text));
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
