import { describe, expect, it } from 'vitest';
import { safeNext } from './login-links.js';

describe('safeNext', () => {
  it.each([
    ['/admin', '/admin'],
    ['/admin/articles?status=draft', '/admin/articles?status=draft'],
    ['//evil.example/x', null],
    ['/\\evil.example', null],
    ['https://evil.example', null],
    ['admin', null],
    ['/admin\r\nSet-Cookie: x=1', null],
    ['', null],
    [undefined, null],
    [`/${'a'.repeat(600)}`, null],
  ])('%j → %j', (next, expected) => {
    expect(safeNext(next)).toBe(expected);
  });
});
