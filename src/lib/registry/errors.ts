/**
 * The registry's one error formatter (in the spirit of Starlight's
 * utils/error-map.ts): zod issues become plain-Chinese messages, and every
 * problem prints as ONE line
 *
 *   path/to/file.json: <record id>: <field.path>: <what was expected / found>
 *
 * Used by the build (load.ts), the scripts and the tests.
 */
import type { z } from 'zod';

/** One error or warning about one record. */
export interface Problem {
  /** File the record comes from (relative to the working directory), or a virtual name for imported rows. */
  readonly file: string;
  /** Record id, or NO_ID when the record has none that can be read. */
  readonly id: string;
  /** Field path like services[0].mode; ROOT_PATH for the record as a whole. */
  readonly path: string;
  /** What was expected / found. */
  readonly message: string;
  /** Field path as parts, e.g. ['services', 0, 'mode'] (for mapping to CSV columns). */
  readonly pathParts: readonly PropertyKey[];
  /** Index of the entry in the list given to validateRegistry. */
  readonly entry: number;
}

export const NO_ID = '（无编号）';
export const ROOT_PATH = '（整条记录）';

/** services[0].mode style path. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out === '' ? ROOT_PATH : out;
}

/** Line breaks inside a value are shown as ↵ so that every problem stays on one line. */
export function oneLine(text: string): string {
  return text.replace(/\r\n|\r|\n/g, '↵');
}

/** The one-line form of a problem. */
export function formatProblem(problem: Pick<Problem, 'file' | 'id' | 'path' | 'message'>): string {
  return oneLine(`${problem.file}: ${problem.id}: ${problem.path}: ${problem.message}`);
}

/** An error carrying problem lines: the message is how many there are, under `what`, then every line. */
export class ProblemsError extends Error {
  readonly problems: readonly Problem[];
  constructor(what: string, problems: readonly Problem[]) {
    super(`${what}有 ${problems.length} 处错误：\n${problems.map(formatProblem).join('\n')}`);
    this.problems = problems;
  }
}

/** Thrown by loadRegistry when the registry has errors; the message is all error lines. */
export class RegistryError extends ProblemsError {
  constructor(problems: readonly Problem[]) {
    super('登记数据', problems);
    this.name = 'RegistryError';
  }
}

const TYPE_NAMES: Record<string, string> = {
  string: '文字',
  number: '数字',
  int: '整数',
  boolean: 'true 或 false',
  array: '列表 [ … ]',
  object: '对象 { … }',
  null: 'null',
  date: '日期',
};

function short(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/** How a found value is described in messages. */
export function describeValue(value: unknown): string {
  if (value === undefined) return '没有填写';
  if (value === null) return 'null';
  if (typeof value === 'string') return value === '' ? '空文字 ""' : `文字“${short(value)}”`;
  if (typeof value === 'number') return Number.isInteger(value) ? `整数 ${value}` : `数字 ${value}`;
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `列表（${value.length} 项）`;
  if (typeof value === 'object') return '对象 { … }';
  return typeof value;
}

function formatValues(values: readonly unknown[]): string {
  return values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(' | ');
}

/**
 * zod error map giving plain-Chinese messages. Schema-level messages (the
 * `error:` options in src/schemas/) take precedence over it. Pass it to
 * safeParse: `schema.safeParse(data, { error: registryErrorMap })`.
 */
export const registryErrorMap: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined) return '缺少必填字段';
      const expected = TYPE_NAMES[issue.expected] ?? issue.expected;
      return `应为${expected}，实际是${describeValue(issue.input)}`;
    }
    case 'invalid_value':
      if (issue.input === undefined) return `缺少必填字段（可填：${formatValues(issue.values)}）`;
      return `应为以下之一：${formatValues(issue.values)}；实际是${describeValue(issue.input)}`;
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'array') return `至少需要 ${min} 项`;
      if (issue.origin === 'string') return min <= 1 ? '不能为空' : `至少 ${min} 个字`;
      return `不能小于 ${min}（实际是 ${String(issue.input)}）`;
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'array') return `最多 ${max} 项`;
      if (issue.origin === 'string') return `最多 ${max} 个字`;
      return `不能大于 ${max}（实际是 ${String(issue.input)}）`;
    }
    case 'invalid_format':
      if (issue.format === 'date') return `应为日期，格式 YYYY-MM-DD；实际是${describeValue(issue.input)}`;
      if (issue.format === 'url') return `应为完整网址；实际是${describeValue(issue.input)}`;
      return `格式不对；实际是${describeValue(issue.input)}`;
    case 'unrecognized_keys':
      return `不认识的字段：${issue.keys.join('、')}（检查拼写；规范里没有这个字段）`;
    case 'invalid_union':
      return `格式不对；实际是${describeValue(issue.input)}`;
    case 'not_multiple_of':
      return `应为 ${issue.divisor} 的倍数`;
    default:
      return undefined;
  }
};

/** A zod issue as path + message; unrecognized keys become one problem per key, with the key in the path. */
export interface FormattedIssue {
  readonly path: string;
  readonly pathParts: readonly PropertyKey[];
  readonly message: string;
}

export function formatZodIssues(issues: readonly z.core.$ZodIssue[]): FormattedIssue[] {
  const out: FormattedIssue[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const parts = [...issue.path, key];
        out.push({ path: formatPath(parts), pathParts: parts, message: '不认识的字段（检查拼写；规范里没有这个字段，请删除或改名）' });
      }
      continue;
    }
    out.push({ path: formatPath(issue.path), pathParts: issue.path, message: issue.message });
  }
  return out;
}
