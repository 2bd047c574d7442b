/**
 * Characters PostgreSQL refuses: NUL (in text and jsonb) and unpaired UTF-16 surrogates (jsonb
 * escapes them and then rejects them). Other C0 controls except tab, newline and carriage return
 * have no place in operator-entered text either. Refusing them at the edge keeps a client mistake
 * a 400 rather than a database error.
 */
const UNSAFE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function isSafeText(value: string): boolean {
  return !UNSAFE.test(value);
}
