import { describe, expect, it } from 'vitest';
import { renderRobots } from './robots.js';
import { site } from './test-fixtures.js';

describe('renderRobots', () => {
  it('allows everything but private and infinite paths, and points at the sitemap', () => {
    expect(renderRobots(site)).toBe(
      ['User-agent: *', 'Allow: /', 'Disallow: /admin', 'Disallow: /api/', 'Disallow: /signin', 'Disallow: /search', '', 'Sitemap: https://news.example/sitemap.xml', ''].join('\n'),
    );
  });

  it('cannot be given extra directives through the site URL', () => {
    const text = renderRobots({ ...site, url: 'https://news.example/\nDisallow: /' });
    expect(text.split('\n')).not.toContain('Disallow: /');
    expect(text).toContain('Sitemap: https://news.example/Disallow: /sitemap.xml');
  });
});
