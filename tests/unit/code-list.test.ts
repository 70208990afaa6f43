import { describe, it, expect } from 'vitest';
import { createDocument } from 'zod-openapi';
import { codeSchema } from '../../domain/codes/code-list';
import { z } from '../../domain/zod';

const schema = codeSchema(['10', '20'], '示例', '可选：10、20');
const firstMessage = (input: unknown) => schema.safeParse(input).error?.issues[0]?.message;

describe('code-list fields', () => {
  it('trim surrounding whitespace like text fields', () => {
    expect(schema.parse(' 10 ')).toBe('10');
    expect(schema.parse('\u3000\t20\n')).toBe('20');
    expect(schema.parse('10')).toBe('10');
  });

  it('still refuse unknown codes (reported trimmed), non-strings and missing values', () => {
    expect(firstMessage(' 30 ')).toBe('未知的示例代码：30（可选：10、20）');
    expect(firstMessage('1 0')).toBe('未知的示例代码：1 0（可选：10、20）');
    expect(firstMessage('')).toBe('未知的示例代码：（可选：10、20）');
    expect(firstMessage(10)).toBe('示例代码应为字符串，例如 "10"');
    expect(firstMessage(undefined)).toBe('此项为必填');
  });

  it('keep the enum in the OpenAPI document, for requests and responses', () => {
    const body = z.object({ code: schema });
    const doc = createDocument({
      openapi: '3.1.0',
      info: { title: 't', version: '1' },
      paths: {
        '/x': {
          post: {
            requestBody: { content: { 'application/json': { schema: body } } },
            responses: { '200': { description: 'ok', content: { 'application/json': { schema: body } } } },
          },
        },
      },
    });
    const post = doc.paths?.['/x']?.post as unknown as {
      requestBody: { content: Record<string, { schema: { properties: Record<string, unknown> } }> };
      responses: Record<string, { content: Record<string, { schema: { properties: Record<string, unknown> } }> }>;
    };
    const expected = { type: 'string', enum: ['10', '20'] };
    expect(post.requestBody.content['application/json']!.schema.properties.code).toEqual(expected);
    expect(post.responses['200']!.content['application/json']!.schema.properties.code).toEqual(expected);
  });
});
