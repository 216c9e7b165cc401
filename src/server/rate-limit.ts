/**
 * Per-client rate limits as token buckets: a client may send `limit` requests at once and
 * then one more every `windowMs / limit`. In memory, per process (the site runs as one
 * Node process); a restart forgets the counts, which is harmless for abuse control.
 */

export interface RateDecision {
  readonly allowed: boolean;
  /** Whole seconds until the next request would be allowed (0 when allowed). */
  readonly retryAfterSeconds: number;
}

interface Bucket {
  tokens: number;
  updated: number;
}

export class RateLimiter {
  readonly limit: number;
  readonly windowMs: number;
  readonly maxClients: number;
  private readonly buckets = new Map<string, Bucket>();

  /**
   * @param limit requests allowed per window (also the burst size)
   * @param windowMs window length in milliseconds
   * @param maxClients most clients tracked; the least recently seen are forgotten first
   */
  constructor(limit: number, windowMs = 60_000, maxClients = 50_000) {
    if (!(limit >= 1) || !(windowMs > 0)) throw new RangeError('RateLimiter needs limit ≥ 1 and windowMs > 0');
    this.limit = limit;
    this.windowMs = windowMs;
    this.maxClients = maxClients;
  }

  private refill(bucket: Bucket, now: number): void {
    const rate = this.limit / this.windowMs;
    bucket.tokens = Math.min(this.limit, bucket.tokens + Math.max(0, now - bucket.updated) * rate);
    bucket.updated = now;
  }

  /** Takes one request from `key`'s allowance. */
  hit(key: string, now = Date.now()): RateDecision {
    let bucket = this.buckets.get(key);
    if (bucket === undefined) {
      bucket = { tokens: this.limit, updated: now };
      this.remember(key, bucket);
    } else {
      // Re-insert so the map stays ordered by last use (oldest first).
      this.buckets.delete(key);
      this.buckets.set(key, bucket);
      this.refill(bucket, now);
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true, retryAfterSeconds: 0 };
    }
    const waitMs = (1 - bucket.tokens) / (this.limit / this.windowMs);
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
  }

  /** Whether `key` would be refused now, without using up anything. */
  peek(key: string, now = Date.now()): RateDecision {
    const bucket = this.buckets.get(key);
    if (bucket === undefined) return { allowed: true, retryAfterSeconds: 0 };
    const copy = { ...bucket };
    this.refill(copy, now);
    if (copy.tokens >= 1) return { allowed: true, retryAfterSeconds: 0 };
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - copy.tokens) / (this.limit / this.windowMs) / 1000)) };
  }

  /** Number of clients currently tracked. */
  get size(): number {
    return this.buckets.size;
  }

  private remember(key: string, bucket: Bucket): void {
    while (this.buckets.size >= this.maxClients) {
      const oldest = this.buckets.keys().next().value;
      if (oldest === undefined) break;
      this.buckets.delete(oldest);
    }
    this.buckets.set(key, bucket);
  }
}

/**
 * The key a client is counted under: its IPv4 address, or the /64 network of an IPv6
 * address (one household or phone usually holds a whole /64).
 */
export function clientKey(address: string | undefined): string {
  if (address === undefined || address === '') return 'unknown';
  const v4mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (v4mapped?.[1] !== undefined) return v4mapped[1];
  if (!address.includes(':')) return address;
  const [head = '', tail = ''] = address.toLowerCase().split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === '' ? [] : tail.split(':');
  const groups = address.includes('::')
    ? [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
