import { describe, expect, it } from 'vitest';
import { children, only, parseXml } from './test-xml.js';

const DECL = '<?xml version="1.0" encoding="utf-8"?>';

describe('the test XML reader', () => {
  it('decodes text, attributes and CDATA', () => {
    const root = parseXml(`${DECL}<a x:y="1 &amp; 2" xmlns:x="urn:x"><b>&lt;&#x41;&#66;&apos;</b><b><![CDATA[<p>]]]]><![CDATA[>]]></b></a>`);
    expect(root.attributes['x:y']).toBe('1 & 2');
    expect(children(root, 'b').map((b) => b.text)).toEqual(['<AB\'', '<p>]]>']);
    expect(() => only(root, 'b')).toThrow();
  });

  it.each([
    ['no declaration', '<a/>'],
    ['mismatched tags', `${DECL}<a><b></a></b>`],
    ['unclosed root', `${DECL}<a><b/>`],
    ['bare ampersand', `${DECL}<a>x & y</a>`],
    ['unknown entity', `${DECL}<a>&nbsp;</a>`],
    ['bare < in attribute', `${DECL}<a t="<"/>`],
    ['unquoted attribute', `${DECL}<a t=1/>`],
    ['duplicate attribute', `${DECL}<a t="1" t="2"/>`],
    [']]> in text', `${DECL}<a>]]></a>`],
    ['control character', `${DECL}<a>\u0001</a>`],
    ['undeclared prefix', `${DECL}<a><dc:creator>x</dc:creator></a>`],
    ['two roots', `${DECL}<a/><b/>`],
  ])('rejects %s', (_case, xml) => {
    expect(() => parseXml(xml)).toThrow();
  });
});
