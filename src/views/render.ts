import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';

/** A full HTML document from a page component. */
export function renderDocument(page: VNode): string {
  return `<!doctype html>${renderToString(page)}`;
}

/** HTML that has been sanitised already (article bodies, comment bodies). Nothing else may be raw. */
export type SafeHtml = string & { readonly __safeHtml: true };

/** Mark sanitised HTML as safe to output. Call only on the output of a sanitiser. */
export function trustSanitized(html: string): SafeHtml {
  return html as SafeHtml;
}

/** The one place raw HTML enters a view: spread onto an element, e.g. <div {...rawHtml(body)} />. */
export function rawHtml(html: SafeHtml): { dangerouslySetInnerHTML: { __html: string } } {
  return { dangerouslySetInnerHTML: { __html: html } };
}
