import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseJson, readJsonFile, readJsonWith } from '../../src/lib/read-json.ts';
import { thrown } from './thrown.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'read-json-'));
const file = (name: string, text: string): string => {
  const full = path.join(dir, name);
  writeFileSync(full, text);
  return full;
};
const schema = z.strictObject({ targets: z.array(z.strictObject({ id: z.string(), year: z.number() })) });

describe('read-json', () => {
  it('reads and validates', () => {
    const ok = file('ok.json', '{"targets":[{"id":"a","year":2025}]}');
    expect(readJsonWith(schema, ok)).toEqual({ targets: [{ id: 'a', year: 2025 }] });
  });

  it('names the file when it is missing or not JSON, and keeps the cause', () => {
    const missing = thrown(() => readJsonFile(path.join(dir, 'none.json'), { shown: 'content/none.json', what: '区划文件' }));
    expect(missing.message).toMatch(/^content\/none\.json: 无法读取区划文件：.*ENOENT/);
    expect(missing.cause).toBeInstanceOf(Error);
    const broken = thrown(() => readJsonFile(file('broken.json', '{"targets": ['), { shown: 'broken.json' }));
    expect(broken.message).toMatch(/^broken\.json: 无法读取：/);
    expect(broken.cause).toBeInstanceOf(SyntaxError);
  });

  it('names file, record and field, one line per problem, in the registry wording', () => {
    const error = thrown(() =>
      parseJson(
        schema,
        {
          targets: [
            { id: 'a', year: 2025 },
            { id: 'b', year: '2030', note: 1 },
          ],
        },
        'f.json',
      ),
    );
    expect(error.message.split('\n')).toEqual([
      expect.stringMatching(/^f\.json: targets\[1\]\.year: /),
      expect.stringMatching(/^f\.json: targets\[1\]\.note: 不认识的字段/),
    ]);
    expect(error.cause).toBeInstanceOf(z.ZodError);
  });
});
