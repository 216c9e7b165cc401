/** Rewrites the body of HTML responses; anything else passes through untouched. */
export async function rewriteHtml(response: Response, rewrite: (html: string) => string): Promise<Response> {
  if (!(response.headers.get('content-type') ?? '').startsWith('text/html') || response.body === null) return response;
  const html = await response.text();
  const headers = new Headers(response.headers);
  headers.delete('content-length');
  return new Response(rewrite(html), { status: response.status, statusText: response.statusText, headers });
}
