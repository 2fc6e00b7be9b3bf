import { describe, expect, it } from 'vitest';
import type { AppContext } from '../../context.js';
import { notificationHeaders } from './send-notifications.js';

const ctx = {} as AppContext;

describe('notification email headers', () => {
  it('announces one-click unsubscribe (RFC 8058) with an https link', () => {
    const headers = notificationHeaders(ctx, 'https://news.example/notifications/unsubscribe/abc', 'news.example');
    expect(headers['List-Unsubscribe']).toBe('<https://news.example/notifications/unsubscribe/abc>');
    expect(headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect(headers['List-Id']).toBe('<notifications.news.example>');
  });

  it('keeps the unsubscribe link but not List-Unsubscribe-Post when PUBLIC_URL is not https (RFC 8058 requires https)', () => {
    const headers = notificationHeaders(ctx, 'http://localhost:3000/notifications/unsubscribe/abc', 'localhost');
    expect(headers['List-Unsubscribe']).toBe('<http://localhost:3000/notifications/unsubscribe/abc>');
    expect('List-Unsubscribe-Post' in headers).toBe(false);
    expect(headers['Auto-Submitted']).toBe('auto-generated');
  });
});
