import { describe, expect, it } from 'vitest';
import { renderArticleBody } from '../articles/render-body.js';
import { articleText } from './html-text.js';

describe('{{feedback "question"}}…{{/feedback}} in article Markdown', () => {
  it('marks the passage and keeps the question, through the sanitiser', async () => {
    const { html } = await renderArticleBody(
      'The council says {{feedback "What do you think of this plan?"}}the bridge closes for *two weeks*{{/feedback}} from Monday.',
    );
    expect(html).toBe(
      '<p>The council says <mark class="feedback-prompt" data-feedback-prompt="What do you think of this plan?">the bridge closes for <em>two weeks</em></mark> from Monday.</p>',
    );
    // The question is not part of the article's text; the passage is.
    expect(articleText(html)).toBe('The council says the bridge closes for two weeks from Monday.');
  });

  it('takes a prompt without a question, escaped quotes, and several prompts in a paragraph', async () => {
    const { html } = await renderArticleBody('{{feedback}}One{{/feedback}} and {{ feedback "Is \\"two\\" <right>?" }}two{{ /feedback }}.');
    expect(html).toBe(
      '<p><mark class="feedback-prompt">One</mark> and <mark class="feedback-prompt" data-feedback-prompt="Is &quot;two&quot; &lt;right&gt;?">two</mark>.</p>',
    );
  });

  it('leaves unmatched, nested and malformed tags as text', async () => {
    const unmatched = await renderArticleBody('Open {{feedback "Q"}}but never closed.\n\nClosed {{/feedback}} without opening.');
    expect(unmatched.html).toBe('<p>Open {{feedback “Q”}}but never closed.</p>\n<p>Closed {{/feedback}} without opening.</p>');
    const nested = await renderArticleBody('{{feedback "A"}}outer {{feedback "B"}}inner{{/feedback}} rest{{/feedback}}');
    expect(nested.html).toBe('<p><mark class="feedback-prompt" data-feedback-prompt="A">outer {{feedback “B”}}inner</mark> rest{{/feedback}}</p>');
    const swallowed = await renderArticleBody('{{feedback "Q"}}code `{{/feedback}}` ends it? no. [link {{/feedback}}](/x)');
    expect(swallowed.html).toContain('<code>{{/feedback}}</code>');
    const malformed = await renderArticleBody('{{feedback unquoted}}x{{/feedback}} and {{feedbacks}}');
    expect(malformed.html).toBe('<p>{{feedback unquoted}}x{{/feedback}} and {{feedbacks}}</p>');
  });

  it('works in list items and headings, and not across blocks', async () => {
    const { html } = await renderArticleBody('## {{feedback "Fair title?"}}A bridge too far{{/feedback}}\n\n- {{feedback}}first{{/feedback}}\n- second');
    expect(html).toContain('<h2><mark class="feedback-prompt" data-feedback-prompt="Fair title?">A bridge too far</mark></h2>');
    expect(html).toContain('<li><mark class="feedback-prompt">first</mark></li>');
    const across = await renderArticleBody('{{feedback "Q"}}one paragraph\n\nanother{{/feedback}}');
    expect(across.html).not.toContain('<mark');
  });

  it('keeps a question out of attributes it could break, and strips markup from it', async () => {
    const { html } = await renderArticleBody('{{feedback "a\\" onclick=\\"alert(1)"}}x{{/feedback}}');
    expect(html).not.toMatch(/ onclick="/);
    expect(html).toContain('data-feedback-prompt="a&quot; onclick=&quot;alert(1)"');
  });
});
