/** One line of the console home's "需要处理": what waits, how many, and where to see it. */
export interface AttentionItem {
  /** e.g. 新的志愿者登记 */
  readonly label: string;
  readonly count: number;
  readonly href: string;
}
