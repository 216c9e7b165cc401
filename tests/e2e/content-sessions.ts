/**
 * Course sessions as written in content/courses/<course>/index.mdx, read from the source so
 * a test can pick one that is open on the day it runs (the content's dates move on).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface ContentSession {
  readonly course: string;
  readonly session: string;
  readonly date: string;
  readonly open: boolean;
  readonly sample: boolean;
}

const SESSION = /- id: (\S+)\s+date: (\d{4}-\d{2}-\d{2})[\s\S]*?enrolment: (open|closed)\s+sample: (true|false)/g;

/** Every session of every course in content/courses. */
function contentSessions(): ContentSession[] {
  const dir = path.resolve(import.meta.dirname, '../../content/courses');
  const out: ContentSession[] = [];
  for (const course of readdirSync(dir)) {
    let text: string;
    try {
      text = readFileSync(path.join(dir, course, 'index.mdx'), 'utf8');
    } catch {
      continue; // not a course folder
    }
    for (const [, session = '', date = '', enrolment, sample] of text.matchAll(SESSION))
      out.push({ course, session, date, open: enrolment === 'open', sample: sample === 'true' });
  }
  return out;
}

/** The first session open for enrolment today or later that matches `where`. */
export function upcomingOpenSession(where: (s: ContentSession) => boolean = () => true): ContentSession | undefined {
  const today = new Date().toISOString().slice(0, 10);
  return contentSessions().find((s) => s.open && s.date >= today && where(s));
}
