import { parseFeed } from './feed-parser';

describe('parseFeed', () => {
  it('reads RSS 2.0 items', () => {
    const xml = `<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>
      <item><title>BIST 100 rekor kırdı</title><link>https://e.x/1</link><pubDate>Mon, 01 Jan 2030 10:00:00 GMT</pubDate></item>
      <item><title>Dolar yatay</title><link>https://e.x/2</link></item></channel></rss>`;
    expect(parseFeed(xml)).toEqual([
      {
        headline: 'BIST 100 rekor kırdı',
        url: 'https://e.x/1',
        publishedAt: 'Mon, 01 Jan 2030 10:00:00 GMT',
      },
      { headline: 'Dolar yatay', url: 'https://e.x/2', publishedAt: null },
    ]);
  });

  it('reads Atom entries, and gives nothing for other documents', () => {
    const xml = `<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>Bitcoin rallies</title>
      <link rel="alternate" href="https://e.x/btc"/><updated>2030-01-01T00:00:00Z</updated></entry></feed>`;
    expect(parseFeed(xml)).toEqual([
      { headline: 'Bitcoin rallies', url: 'https://e.x/btc', publishedAt: '2030-01-01T00:00:00Z' },
    ]);
    expect(parseFeed('<html><body>hi</body></html>')).toEqual([]);
  });
});
