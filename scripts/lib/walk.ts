import { readdirSync } from 'node:fs';
import path from 'node:path';

/** Every file under `dir` (recursively) whose name ends with `ext`, sorted for stable output. */
export function filesUnder(dir: string, ext: string): string[] {
  const out: string[] = [];
  const visit = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) visit(p);
      else if (entry.name.endsWith(ext)) out.push(p);
    }
  };
  visit(dir);
  return out.sort();
}
