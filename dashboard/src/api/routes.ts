import type { paths } from './schema';

/**
 * Types of every documented operation, read from the generated OpenAPI types (schema.d.ts): a
 * route is written `'GET /bots/{id}'`, and its path parameters, query, JSON body and JSON answer
 * follow from it. A path the API does not document does not compile.
 */
type Method = 'get' | 'put' | 'post' | 'patch' | 'delete';

export type Route = {
  [P in keyof paths]: {
    [M in Method]: paths[P][M] extends undefined ? never : `${Uppercase<M>} ${P & string}`;
  }[Method];
}[keyof paths];

type OperationOf<R extends Route> = R extends `${infer M} ${infer P}`
  ? P extends keyof paths
    ? Lowercase<M> extends keyof paths[P]
      ? Exclude<paths[P][Lowercase<M>], undefined>
      : never
    : never
  : never;

type JsonContent<T> = T extends { content: { 'application/json': infer B } } ? B : undefined;

/** The JSON answer of the success response (200 or 201); `undefined` for 204 and non-JSON. */
export type ResponseOf<R extends Route> =
  OperationOf<R> extends { responses: infer Res }
    ? 200 extends keyof Res
      ? JsonContent<Res[200]>
      : 201 extends keyof Res
        ? JsonContent<Res[201]>
        : undefined
    : never;

type Params<R extends Route> = OperationOf<R> extends { parameters: infer P } ? P : never;

export type PathParamsOf<R extends Route> =
  Params<R> extends { path: infer P } ? P : Record<string, never>;

export type QueryOf<R extends Route> =
  Params<R> extends { query?: infer Q } ? ([Q] extends [undefined] ? never : Q) : never;

export type BodyOf<R extends Route> =
  OperationOf<R> extends { requestBody: { content: { 'application/json': infer B } } }
    ? B
    : OperationOf<R> extends { requestBody?: { content: { 'application/json': infer B } } }
      ? B | undefined
      : never;

/** `/bots/{id}` + `{id: 3}` → `/bots/3`; a missing parameter is a programming error. */
export function fillPath(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) {
      throw new Error(`Missing path parameter ${name} for ${template}`);
    }
    return encodeURIComponent(String(value));
  });
}
