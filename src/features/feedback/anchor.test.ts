import { describe, expect, it } from 'vitest';
import { anchorPassage, checkPosition, describePassage, findExactQuote, findFuzzy, type PassageSelector, tidyRange } from './anchor.js';
import { searchApprox } from './approx-search.js';
import { articleText } from './html-text.js';

/** The selector a reader makes by selecting `exact` (its `nth` occurrence) in `text`. */
function select(text: string, exact: string, nth = 0): PassageSelector {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(exact, at + 1);
  if (at < 0) throw new Error(`"${exact}" is not in the text`);
  return describePassage(text, at, at + exact.length);
}

/** Where the passage lands in the new text, as the text it covers. */
function follow(selector: PassageSelector, text: string) {
  const anchor = anchorPassage(text, selector);
  return (
    anchor && {
      text: text.slice(anchor.start, anchor.end),
      start: anchor.start,
      method: anchor.method,
    }
  );
}

const plan = [
  'The council met on Tuesday to discuss the bridge.',
  'Engineers say the eastern span needs six weeks of repairs before it can carry buses again.',
  'The ferry will run every twenty minutes while the bridge is closed.',
  'Residents of the old town asked for a footpath to stay open during the works.',
].join('\n');

describe('selectors', () => {
  it('describes a passage with its exact text, 32 characters of context on each side, and its position', () => {
    const s = select(plan, 'six weeks of repairs');
    expect(s.quote.exact).toBe('six weeks of repairs');
    expect(s.quote.prefix).toBe(plan.slice(s.position.start - 32, s.position.start));
    expect(s.quote.prefix).toHaveLength(32);
    expect(s.quote.suffix).toBe(' before it can carry buses again');
    expect(plan.slice(s.position.start, s.position.end)).toBe('six weeks of repairs');
  });

  it('keeps short context at the ends of the text', () => {
    const s = select(plan, 'The council');
    expect(s.quote.prefix).toBe('');
    expect(s.position.start).toBe(0);
  });
});

describe('re-anchoring after an edit', () => {
  const s = select(plan, 'The ferry will run every twenty minutes');

  it('finds an unchanged passage where it was', () => {
    expect(follow(s, plan)).toEqual({
      text: 'The ferry will run every twenty minutes',
      start: s.position.start,
      method: 'exact',
    });
  });

  it('follows the passage when text is inserted before it', () => {
    const edited = `Breaking: the minister will visit on Friday.\n${plan}`;
    const found = follow(s, edited);
    expect(found?.text).toBe('The ferry will run every twenty minutes');
    expect(found?.start).toBe(s.position.start + 'Breaking: the minister will visit on Friday.\n'.length);
    expect(found?.method).toBe('exact');
  });

  it('follows the passage when text before it is deleted', () => {
    const edited = plan.replace('The council met on Tuesday to discuss the bridge.\n', '');
    expect(follow(s, edited)?.text).toBe('The ferry will run every twenty minutes');
  });

  it('follows a moved paragraph', () => {
    const lines = plan.split('\n');
    const edited = [lines[2], lines[0], lines[1], lines[3]].join('\n');
    const found = follow(s, edited);
    expect(found).toMatchObject({
      text: 'The ferry will run every twenty minutes',
      start: 0,
      method: 'exact',
    });
  });

  it('follows a passage that was itself edited, fuzzily, and covers its new wording', () => {
    const edited = plan.replace('The ferry will run every twenty minutes', 'The ferry will now run every fifteen minutes');
    const found = follow(s, edited);
    expect(found?.method).toBe('fuzzy');
    expect(found?.text).toBe('The ferry will now run every fifteen minutes');
  });

  it('follows a passage whose words were inserted into and deleted from, with the text around it changed too', () => {
    const long = select(plan, 'Engineers say the eastern span needs six weeks of repairs before it can carry buses again.');
    const edited = `Update.\n${plan.replace('Engineers say the eastern span needs six weeks of repairs', 'Engineers now say the eastern span needs seven weeks of urgent repairs')}`;
    const found = follow(long, edited);
    expect(found?.method).toBe('fuzzy');
    expect(found?.text).toBe('Engineers now say the eastern span needs seven weeks of urgent repairs before it can carry buses again.');
  });

  it('keeps whole words at the edges: a first word changed, a word added near the end', () => {
    const repairs = select(plan, 'six weeks of repairs');
    const changed = plan.replace('six weeks of repairs', 'seven weeks of repairs');
    expect(follow(repairs, changed)?.text).toBe('seven weeks of repairs');
    const added = plan.replace('weeks of repairs', 'weeks of urgent repairs');
    expect(follow(repairs, added)?.text).toBe('six weeks of urgent repairs');
  });

  it('orphans a passage that was deleted, and finds it again when it comes back', () => {
    const edited = plan.replace('The ferry will run every twenty minutes while the bridge is closed.\n', '');
    expect(follow(s, edited)).toBeNull();
    // The selector is kept as it was, so restoring the text re-anchors it.
    expect(follow(s, plan)?.method).toBe('exact');
  });

  it('orphans a passage rewritten beyond recognition rather than pinning it on other text', () => {
    const edited = plan.replace('The ferry will run every twenty minutes while the bridge is closed.', 'Boats are cancelled.');
    expect(follow(s, edited)).toBeNull();
  });

  it('picks, among duplicate phrases, the one whose context matches', () => {
    const text = 'The bridge is closed. Drivers must detour.\nOn Sunday the bridge is closed for a concert.\nThe bridge is closed, again, in May.';
    const second = select(text, 'the bridge is closed', 0);
    expect(text.slice(second.position.start - 10, second.position.start)).toBe('On Sunday ');
    // Text inserted before both: the position is wrong now, the context is not.
    const edited = `Note.\n${text}`;
    expect(follow(second, edited)?.start).toBe(edited.indexOf('On Sunday the bridge is closed') + 'On Sunday '.length);
  });

  it('picks, among duplicate phrases with equally good context, the one nearest the old position', () => {
    const text = 'yes no yes no yes no yes no yes';
    const third = describePassage(text, 14, 17);
    expect(text.slice(14, 17)).toBe('yes');
    const exact = findExactQuote(text, {
      ...third,
      quote: { exact: 'yes', prefix: '', suffix: '' },
    });
    expect(exact).toEqual({ start: 14, end: 17 });
  });

  it('re-anchors by position when only the Unicode normalisation changed there', () => {
    const nfc = 'Le café de la gare ouvre à midi.';
    const s2 = select(nfc, 'café de la gare');
    const nfd = nfc.normalize('NFD');
    expect(nfd.includes('café de la gare')).toBe(false);
    const found = anchorPassage(nfd, s2);
    expect(found?.method).toBe('position');
    expect(nfd.slice(found?.start, found?.end).normalize('NFC')).toBe('café de la gare');
  });

  it('follows a passage across a whitespace change (a paragraph split in two, spaces added)', () => {
    const text = 'First point, then the second point follows.';
    const s2 = select(text, 'then the second point');
    const split = 'Intro added.\nFirst point,\nthen the second  point follows.';
    const found = follow(s2, split);
    expect(found?.text).toBe('then the second  point');
  });
});

describe('Unicode', () => {
  it('keeps emoji, combining marks and right-to-left text whole', () => {
    const text = 'Crowds cheered 👩🏽‍🚒 as crews arrived. Ré́sumé. مرحبا بالعالم. שלום עולם.';
    for (const exact of ['👩🏽‍🚒 as crews', 'Ré́sumé', 'مرحبا بالعالم', 'שלום עולם']) {
      const s = select(text, exact);
      expect(follow(s, `Intro.\n${text}`)?.text).toBe(exact);
    }
  });

  it('grows a range that cuts a character in two to the whole character', () => {
    const text = 'a 👩🏽‍🚒 b e\u0301 c';
    const emoji = text.indexOf('👩');
    expect(tidyRange(text, emoji + 1, emoji + 3)).toEqual({
      start: emoji,
      end: emoji + '👩🏽‍🚒'.length,
    });
    const e = text.indexOf('e\u0301');
    expect(tidyRange(text, e, e + 1)).toEqual({ start: e, end: e + 2 });
  });

  it('follows an edited right-to-left passage', () => {
    const text = 'הגשר ייסגר לשבועיים לצורך תיקונים דחופים בגשר המזרחי.';
    const s = select(text, 'הגשר ייסגר לשבועיים לצורך תיקונים');
    const edited = `עדכון.\n${text.replace('לשבועיים', 'לשלושה שבועות')}`;
    expect(follow(s, edited)?.text).toBe('הגשר ייסגר לשלושה שבועות לצורך תיקונים');
  });

  it('follows a passage with emoji after the emoji changed', () => {
    const text = 'The crowd 🎉 cheered the crews at the bridge.';
    const s = select(text, 'The crowd 🎉 cheered the crews');
    const found = follow(s, text.replace('🎉', '🎊'));
    expect(found?.text).toBe('The crowd 🎊 cheered the crews');
  });
});

describe('the steps on their own', () => {
  it('checks the position only when the quote is still there', () => {
    const s = select(plan, 'six weeks');
    expect(checkPosition(plan, s)).toEqual(s.position);
    expect(checkPosition(plan.replace('six weeks', 'ten weeks'), s)).toBeNull();
  });

  it('never matches very short quotes fuzzily, and short ones only with context', () => {
    const text = 'one two three four five';
    expect(findFuzzy(text, describePassage(text, 4, 7))).toBeNull(); // 'two': exact or nothing
    expect(findFuzzy('xxx twa yyy', describePassage(text, 4, 7))).toBeNull();
    const s = describePassage(text, 4, 13); // 'two three'
    expect(findFuzzy('one twoo three four five', s)).not.toBeNull();
    expect(findFuzzy('zzz twoo three qqqq', s)).toBeNull();
  });

  it('searches approximately with a long pattern (several 32-bit blocks)', () => {
    const pattern = 'The ferry will run every twenty minutes while the bridge is closed, and buses will wait.';
    const text = `${'filler text '.repeat(50)}The ferry will run every 20 minutes while the bridge is shut, and buses will wait.${' more'.repeat(20)}`;
    const [best] = searchApprox(text, pattern, 20);
    expect(text.slice(best?.start, best?.end)).toBe('The ferry will run every 20 minutes while the bridge is shut, and buses will wait.');
  });

  it('anchors in a long article, with a long quote, fuzzily', () => {
    const paragraphs = Array.from(
      { length: 400 },
      (_, i) => `Paragraph ${i} tells of the ${i % 7 === 0 ? 'river' : 'road'} and the people who use it every day, morning and night, in ${1900 + i}.`,
    );
    const long = paragraphs.slice(200, 206).join('\n');
    const text = paragraphs.join('\n');
    const s = select(text, long);
    const edited = text.replace('Paragraph 202', 'Paragraph two hundred and two').replace('Paragraph 10 ', 'Paragraph ten ');
    const found = follow(s, edited);
    expect(found?.method).toBe('fuzzy');
    expect(found?.text.startsWith('Paragraph 200 tells')).toBe(true);
    expect(found?.text.endsWith('in 2105.')).toBe(true);
  });
});

describe('on rendered article text', () => {
  it('anchors over the text of the rendered HTML, across inline elements', () => {
    const before = articleText('<p>The <em>ferry</em> will run <a href="/f">every twenty</a> minutes.</p>\n<p>Buses wait.</p>');
    expect(before).toBe('The ferry will run every twenty minutes.\nBuses wait.');
    const s = select(before, 'ferry will run every twenty');
    const after = articleText('<h2>Update</h2>\n<ul>\n<li>Buses wait.</li>\n</ul>\n<p>The <strong>ferry</strong>   will run\nevery twenty minutes.</p>');
    expect(follow(s, after)?.text).toBe('ferry will run every twenty');
  });
});
