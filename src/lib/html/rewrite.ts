/**
 * Rewrites the body of HTML responses; anything else passes through untouched. `rewrite` may
 * also change the response's headers (they are a copy).
 */
export async function rewriteHtml(response: Response, rewrite: (html: string, headers: Headers) => string): Promise<Response> {
  if (!(response.headers.get('content-type') ?? '').startsWith('text/html') || response.body === null) return response;
  const html = await response.text();
  const headers = new Headers(response.headers);
  headers.delete('content-length');
  return new Response(rewrite(html, headers), { status: response.status, statusText: response.statusText, headers });
}
