import { XMLParser } from 'fast-xml-parser';

export interface FeedItem {
  headline: string;
  url: string | null;
  publishedAt: string | null;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  // No entity expansion: a feed cannot blow up memory with nested entities.
  processEntities: false,
  textNodeName: '#text',
});

function list(value: unknown): unknown[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

function text(value: unknown): string | null {
  if (typeof value === 'string' || typeof value === 'number') {
    return String(value).trim();
  }
  if (value && typeof value === 'object' && '#text' in value) {
    return text((value as Record<string, unknown>)['#text']);
  }
  return null;
}

function atomLink(value: unknown): string | null {
  const links = list(value) as Record<string, unknown>[];
  const link = links.find((l) => !l['@rel'] || l['@rel'] === 'alternate') ?? links[0];
  return typeof link?.['@href'] === 'string' ? link['@href'] : text(link);
}

/** The items of an RSS 2.0 or Atom feed (anything else gives none). */
export function parseFeed(xml: string, max = 30): FeedItem[] {
  const doc = parser.parse(xml) as Record<string, Record<string, unknown> | undefined>;
  const rssItems = list(doc.rss?.channel && (doc.rss.channel as Record<string, unknown>).item);
  const items: FeedItem[] =
    rssItems.length > 0
      ? (rssItems as Record<string, unknown>[]).map((i) => ({
          headline: text(i.title) ?? '',
          url: text(i.link),
          publishedAt: text(i.pubDate),
        }))
      : (list(doc.feed?.entry) as Record<string, unknown>[]).map((e) => ({
          headline: text(e.title) ?? '',
          url: atomLink(e.link),
          publishedAt: text(e.updated) ?? text(e.published),
        }));
  return items.filter((i) => i.headline !== '').slice(0, max);
}
