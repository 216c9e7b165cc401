/**
 * The family's status page (/consult/status/): a post of the reference code and the last
 * four digits of the phone (never in a URL), to look a request up or to withdraw it. Posts
 * from other sites are refused, and guessing is throttled in the database (every node
 * counts together): per client address 20 tries and per code 8 tries in 15 minutes.
 */
import type { AstroGlobal } from 'astro';
import { readConsultationRef, readLastFour } from '../../schemas/consultation-form.ts';
import { formsConfig } from '../config.ts';
import { sharedDb } from '../db/connect.ts';
import { hitCounter, sweepCounters } from '../db/counters.ts';
import { clientKey } from '../rate-limit.ts';
import { clientAddress, isCrossSite, readBody } from '../request.ts';
import { peerAddress } from '../responses.ts';
import { consultationSealer } from './consultation-config.ts';
import { findForFamily, withdrawConsultation, type FamilyView } from './consultations.ts';

const WINDOW_MS = 15 * 60_000;
export const LOOKUPS_PER_CLIENT = 20;
export const LOOKUPS_PER_CODE = 8;

export type LookupOutcome =
  | { readonly kind: 'form'; readonly ref: string; readonly lastFour: string; readonly error?: 'notFound' | 'invalid' }
  | { readonly kind: 'found'; readonly view: FamilyView; readonly lastFour: string; readonly confirmError?: boolean }
  | { readonly kind: 'withdrawn'; readonly ref: string }
  | { readonly kind: 'refused'; readonly status: 400 | 403 | 413 | 415 | 429; readonly retryAfter?: number };

export async function familyLookup(Astro: Pick<AstroGlobal, 'request' | 'clientAddress'>, now = new Date()): Promise<LookupOutcome> {
  const config = formsConfig();
  const { request } = Astro;
  if (isCrossSite(request, config.siteOrigin, config.trustProxy)) return { kind: 'refused', status: 403 };
  const body = await readBody(request, 4096);
  if (!body.ok) return { kind: 'refused', status: body.status };
  const field = (name: string) => (typeof body.data[name] === 'string' ? body.data[name] : '');
  const typedRef = field('ref').slice(0, 40);
  const typedFour = field('lastFour').slice(0, 10);
  const ref = readConsultationRef(typedRef);
  const lastFour = readLastFour(typedFour);
  if (ref === undefined || lastFour === undefined) return { kind: 'form', ref: typedRef, lastFour: typedFour, error: 'invalid' };

  const db = await sharedDb();
  const client = clientKey(
    clientAddress(
      request,
      peerAddress(() => Astro.clientAddress),
      config.trustProxy,
    ),
  );
  const byClient = await hitCounter(db, 'consult-lookup', client, LOOKUPS_PER_CLIENT, WINDOW_MS);
  const byCode = await hitCounter(db, 'consult-code', ref, LOOKUPS_PER_CODE, WINDOW_MS);
  void sweepCounters(db, 'consult-', WINDOW_MS).catch(() => undefined);
  if (!byClient.allowed || !byCode.allowed)
    return { kind: 'refused', status: 429, retryAfter: Math.max(byClient.retryAfterSeconds, byCode.retryAfterSeconds) };

  const view = await findForFamily(db, consultationSealer(), ref, lastFour);
  if (view === undefined) return { kind: 'form', ref: typedRef, lastFour: '', error: 'notFound' };
  if (field('action') !== 'withdraw') return { kind: 'found', view, lastFour };
  if (field('confirm') !== 'yes') return { kind: 'found', view, lastFour, confirmError: true };
  await withdrawConsultation(db, view, now);
  return { kind: 'withdrawn', ref };
}
