import canonicalizeModule from 'canonicalize';

// The package is CommonJS whose typings declare an ES default export; under NodeNext the default import
// is the function at run time but typed as the module object, hence the cast.
const canonicalize = canonicalizeModule as unknown as (input: unknown) => string | undefined;

/** RFC 8785 (JCS) canonical JSON text of `value`. */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('value has no canonical JSON form');
  return text;
}
