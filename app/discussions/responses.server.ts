/**
 * "303 See Other" after a successful discussion action: the browser loads the target with GET,
 * so a reload never sends the form again. `replace` keeps the history clean when the target is
 * the page the form was on (Remix reads X-Remix-Replace for client-side navigations).
 */
export function seeOther(url: string, options: { replace?: boolean } = {}): Response {
  const headers = new Headers({ Location: url });
  if (options.replace) headers.set("X-Remix-Replace", "true");
  return new Response(null, { status: 303, headers });
}
