import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../config';

describe('notification settings', () => {
  it('takes an smtp:// or smtps:// SMTP_URL, and none by default', () => {
    expect(parseConfig({}).SMTP_URL).toBeUndefined();
    expect(parseConfig({ SMTP_URL: '' }).SMTP_URL).toBeUndefined();
    expect(parseConfig({ SMTP_URL: 'smtps://u:p@mail.example.com:465' }).SMTP_URL).toBe('smtps://u:p@mail.example.com:465');
    expect(parseConfig({}).SMTP_FROM).toBe('网上签约 <noreply@wangqian.local>');
  });

  it('stops at boot naming SMTP_URL when it is not an SMTP address', () => {
    expect(() => parseConfig({ SMTP_URL: 'http://mail.example.com' })).toThrow(/SMTP_URL: 应为 smtp:\/\/ 或 smtps:\/\//);
  });
});
