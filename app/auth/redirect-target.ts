/** A frame to resolve targets against; its host is reserved (RFC 6761) and never contacted. */
const FRAME_ORIGIN = "http://portal.invalid";
/** Longer targets are not pages of ours; refusing them also keeps the Location header small. */
const MAX_TARGET_LENGTH = 2048;

/**
 * The one place that turns a user-supplied redirect target (`?weiter=`) into a path on this
 * site. The WHATWG URL parser does what browsers do (strips tabs and newlines, reads "\" as "/",
 * removes dot segments), so what it resolves to is what a browser would visit. Only a result on
 * the same origin survives, and only its path, query and fragment are returned. Leading slashes
 * are collapsed because "/..//evil.example" resolves to the path "//evil.example", which a
 * browser reads as another host when it is sent back as a Location.
 */
export function safeRedirectTarget(target: unknown, fallback = "/netzwerk"): string {
  if (typeof target !== "string" || target === "" || target.length > MAX_TARGET_LENGTH) {
    return fallback;
  }
  let resolved: URL;
  try {
    resolved = new URL(target, `${FRAME_ORIGIN}/`);
  } catch {
    return fallback;
  }
  if (resolved.origin !== FRAME_ORIGIN) return fallback;
  return `/${resolved.pathname.replace(/^\/+/, "")}${resolved.search}${resolved.hash}`;
}
