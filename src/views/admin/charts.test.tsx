import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { Chart, yScale } from './charts.js';

describe('yScale', () => {
  it.each([
    [[0, 0, 0], 4, [0, 1, 2, 3, 4]],
    [[3, 1], 3, [0, 1, 2, 3]],
    [[7], 8, [0, 2, 4, 6, 8]],
    [[95, 12], 100, [0, 50, 100]],
    [[60, 12], 60, [0, 20, 40, 60]],
    [[1234], 1500, [0, 500, 1000, 1500]],
    [[0.3, 0.1], 0.3, [0, 0.1, 0.2, 0.3]],
  ])('%j → top %d', (values, top, ticks) => {
    expect(yScale(values)).toEqual({ top, ticks });
  });
});

describe('Chart', () => {
  const data = [
    { label: 'May 1, 2026', tick: '1', value: 2 },
    { label: 'May 2, 2026', tick: '2', value: 0 },
    { label: 'May 3, 2026', tick: '3', value: 5 },
  ];
  const props = { id: 'c', title: 'Per day', summary: '7 in 3 days.', columns: { label: 'Day', value: 'Count' }, data };

  it('is a named image with a description and a table of the same numbers', () => {
    const html = renderToString(<Chart {...props} kind="bar" />);
    expect(html).toContain('role="img" aria-label="Per day" aria-describedby="c-desc"');
    expect(html).toContain('<title id="c-title">Per day</title><desc id="c-desc">7 in 3 days.</desc>');
    expect(html).toContain('<caption>Per day</caption>');
    expect(html).toContain('<th scope="row">May 3, 2026</th><td>5</td>');
    expect(html.match(/<rect /g)).toHaveLength(3);
    expect(html).toContain('<title>May 1, 2026: 2</title>');
  });

  it('draws a line with a labelled goal', () => {
    const html = renderToString(<Chart {...props} kind="line" goal={{ value: 10, label: 'Goal: 10' }} format={(n) => `$${n}`} />);
    expect(html).toMatch(/<path d="M[\d.]+,[\d.]+ L[\d.]+,[\d.]+ L[\d.]+,[\d.]+" fill="none"/);
    expect(html.match(/<circle /g)).toHaveLength(3);
    expect(html).toContain('Goal: 10');
    expect(html).toContain('<td>$5</td>');
    expect(html).toContain('>$10</text>');
  });

  it('escapes labels like any other text', () => {
    const html = renderToString(<Chart {...props} kind="bar" title={'<script>x</script>'} />);
    expect(html).not.toContain('<script>');
  });
});
