/**
 * The one "read a JSON file and validate it" step for the content files (pathway rules, the
 * plans' targets, search synonyms, regions) and the budgets. Whatever goes wrong fails with
 * an Error that names the file, and for a schema problem one line per problem naming the
 * record and field (`file: targets[2].year: message`, the registry's wording); `cause` keeps
 * the error underneath (the fs or JSON error, or the ZodError).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { z } from 'zod';
import { formatZodIssues, registryErrorMap } from './registry/errors.ts';

export interface ReadJsonOptions {
  /** The file as named in messages; default `file` as given. */
  readonly shown?: string;
  /** What the file is, for the "cannot read" message (无法读取同义词文件：…); default nothing. */
  readonly what?: string;
}

/** The JSON value in `file` (relative to the working directory); throws when it cannot be read or parsed. */
export function readJsonFile(file: string, { shown = file, what = '' }: ReadJsonOptions = {}): unknown {
  try {
    return JSON.parse(readFileSync(resolve(file), 'utf8'));
  } catch (cause) {
    throw new Error(`${shown}: 无法读取${what}：${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/** `data` validated by `schema`; throws one line per problem, each starting with `shown`. */
export function parseJson<T>(schema: z.ZodType<T>, data: unknown, shown: string): T {
  const result = schema.safeParse(data, { error: registryErrorMap });
  if (result.success) return result.data;
  const lines = formatZodIssues(result.error.issues).map((p) => `${shown}: ${p.path}: ${p.message}`);
  throw new Error(lines.join('\n'), { cause: result.error });
}

/** readJsonFile, then parseJson. */
export function readJsonWith<T>(schema: z.ZodType<T>, file: string, options: ReadJsonOptions = {}): T {
  return parseJson(schema, readJsonFile(file, options), options.shown ?? file);
}
