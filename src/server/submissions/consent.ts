/** What is stored with every submission besides the form: the consent record and why staff should look at it first. */

/** The consent record stored with a submission. */
export interface Consent {
  /** Version of the privacy notice the person agreed to. */
  readonly version: string;
  /** When they agreed (the time of submission). */
  readonly at: Date;
  /** Why staff should look at this submission before acting on it (REVIEW_REASONS); absent for most. */
  readonly review?: ReviewReason | undefined;
}

/**
 * Reasons a stored submission is flagged for staff review. `fast`: sent sooner after the
 * form appeared than MIN_FILL_MS; a robot, or a quick person with autofill. Kept, not dropped.
 */
export const REVIEW_REASONS = ['fast'] as const;
export type ReviewReason = (typeof REVIEW_REASONS)[number];
