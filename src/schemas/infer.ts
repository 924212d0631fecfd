import type { input, output } from 'zod/mini';

/**
 * The type a schema describes, as the SDK exports it: zod's output type without the
 * `[key: string]: unknown` index signature that loose objects add. Unknown keys are still kept
 * at run time, but an index signature would type every misspelt field as `unknown` instead of
 * an error, and make `Omit`/`keyof` of the type useless. Read a field Kler adds later with a
 * cast. Records (`by_channel`…), whose keys are all dynamic, keep theirs.
 *
 * The mapped types filter keys with `as` (never rename them), so each property stays linked to
 * its declaration in the schema's shape: editors and TypeDoc show the field's JSDoc.
 */
export type Infer<S> = Exact<output<S>>;

/** What a params schema accepts, as the SDK exports it (see `Infer`): the type of a method's argument. */
export type InferInput<S> = Exact<input<S>>;

// Primitives first: an open enum's `string & {}` is an intersection with an object type. The
// mapped types are written inline (not through an alias) so editors show the fields themselves.
type Exact<T> = T extends string | number | boolean | bigint | symbol | null | undefined
  ? T
  : T extends readonly (infer Item)[]
    ? Exact<Item>[]
    : T extends object
      ? [DeclaredKey<T>] extends [never]
        ? { [K in keyof T]: Exact<T[K]> }
        : { [K in keyof T as K extends DeclaredKey<T> ? K : never]: Exact<T[K]> }
      : T;

/** The declared (non-index) keys of `T`; `never` for a record, whose keys are all dynamic. */
type DeclaredKey<T> = keyof { [K in keyof T as string extends K ? never : number extends K ? never : K]: true };
