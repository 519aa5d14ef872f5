// JSON Pointer (RFC 6901): "" is the whole document, "/a/0/b~1c" reads a → [0] → "b/c".

/** Why a pointer cannot be read, or undefined when it is well formed. */
export function pointerProblem(pointer: string): string | undefined {
  if (pointer !== '' && !pointer.startsWith('/')) return 'is not a JSON Pointer: it is "" or starts with "/"';
  if (/~(?![01])/.test(pointer)) return 'is not a JSON Pointer: "~" must be followed by 0 or 1 ("~0" is "~", "~1" is "/")';
  return undefined;
}

/** The pointer's reference tokens, unescaped (~1 before ~0, as the RFC says). */
function referenceTokens(pointer: string): string[] {
  return pointer === ''
    ? []
    : pointer
        .slice(1)
        .split('/')
        .map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'));
}

const ARRAY_INDEX = /^(0|[1-9]\d*)$/;

/** The value the pointer names in `document`, or undefined when it names nothing (or is malformed). */
export function resolvePointer(document: unknown, pointer: string): unknown {
  if (pointerProblem(pointer) !== undefined) return undefined;
  let current: unknown = document;
  for (const token of referenceTokens(pointer)) {
    if (Array.isArray(current)) {
      if (!ARRAY_INDEX.test(token)) return undefined;
      current = current[Number(token)];
    } else if (typeof current === 'object' && current !== null && Object.hasOwn(current, token)) {
      current = (current as Record<string, unknown>)[token];
    } else {
      return undefined;
    }
  }
  return current;
}
