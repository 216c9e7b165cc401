/** Addresses the target tracker links to: pages the finder builds. */

/** Address of a record's page (built by the finder). */
export function serviceHref(id: string): string {
  return `/services/${id}/`;
}

/** Address of a region's page (built by the finder). */
export function regionHref(code: string): string {
  return `/regions/${code}/`;
}
