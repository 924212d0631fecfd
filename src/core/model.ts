/**
 * A tiny declarative validator: each API model is declared once with these builders. The
 * client and the webhook verifier check responses with them directly (small, fast, zod-free
 * bundles), and `@kler/sdk/schemas` turns the very same declarations into zod schemas with
 * `toZod`, so the rules users validate with can never drift from the rules the SDK applies.
 *
 * Validation never transforms: a valid value is returned as it came (unknown keys kept), which
 * is what loose zod objects do too, without copying.
 */
import type * as zod from 'zod/mini';

/**
 * The zod/mini functions the models are built with, passed in so that only `@kler/sdk/schemas`
 * ever imports zod, and only these (a whole namespace object would defeat tree-shaking).
 */
export type Zod = Pick<
  typeof zod,
  'custom' | 'optional' | 'nullable' | 'array' | 'record' | 'string' | 'refine' | 'looseObject' | 'superRefine' | 'union'
>;

/** One problem found, with the dotted path of the offending value (`pos_terminals.0.status`). */
export interface ModelIssue {
  readonly path: string;
  readonly message: string;
}

/** Where a value sits, built lazily: a path string is only made when there is an issue. */
type At = { readonly parent: At; readonly key: string | number } | undefined;

const pathOf = (at: At): string => {
  const keys: (string | number)[] = [];
  for (let node = at; node; node = node.parent) keys.unshift(node.key);
  return keys.join('.');
};

/** A declared shape of value `T`. */
export interface Model<T> {
  /** Checks `value`, pushing an issue for each problem; true when it is a valid `T`. */
  readonly test: (value: unknown, at: At, issues: ModelIssue[]) => boolean;
  /** The equivalent zod/mini schema. */
  readonly toZod: (z: Zod) => zod.ZodMiniType<T>;
  /** Present on `optional(...)`: the key may be absent from its object. */
  readonly optional?: true;
  /** Phantom: carries `T` for `Infer`. */
  readonly _type?: T;
}

/** The type a model describes. */
export type Infer<M> = M extends Model<infer T> ? T : never;

/** What to say when a check fails: fixed, or worded for the value that failed. */
export type Message = string | ((value: unknown) => string);

const say = (message: Message, value: unknown): string => (typeof message === 'string' ? message : message(value));

/** A leaf check with its message; `toZod` reuses the same predicate, so both always agree. */
export function check<T>(predicate: (value: unknown) => boolean, message: Message): Model<T> {
  return {
    test: (value, at, issues) => predicate(value) || (issues.push({ path: pathOf(at), message: say(message, value) }), false),
    toZod: (z) => z.custom<T>(predicate, { error: (issue) => say(message, issue.input) }),
  };
}

/** A string that satisfies `predicate` (a RegExp or a function). */
export function string<T extends string = string>(
  predicate: RegExp | ((value: string) => boolean),
  message: Message,
): Model<T> {
  const ok = typeof predicate === 'function' ? predicate : (value: string) => predicate.test(value);
  return check<T>((value) => typeof value === 'string' && ok(value), message);
}

/** `undefined` is accepted too, and the key may be absent from its object. */
export function optional<T>(model: Model<T>): Model<T | undefined> & { optional: true } {
  return {
    optional: true,
    test: (value, at, issues) => value === undefined || model.test(value, at, issues),
    toZod: (z) => z.optional(model.toZod(z)),
  };
}

/** `null` is accepted too. */
export function nullable<T>(model: Model<T>): Model<T | null> {
  return {
    test: (value, at, issues) => value === null || model.test(value, at, issues),
    toZod: (z) => z.nullable(model.toZod(z)),
  };
}

/** A possibly missing, possibly `null` value: how Kler sends fields that only some payments have. */
export const nullish = <T>(model: Model<T>) => optional(nullable(model));

/** An array whose every item is a valid `T`. */
export function array<T>(item: Model<T>, message = 'expected an array'): Model<T[]> {
  return {
    test: (value, at, issues) => {
      if (!Array.isArray(value)) return issues.push({ path: pathOf(at), message }), false;
      let ok = true;
      value.forEach((entry, index) => {
        if (!item.test(entry, { parent: at, key: index }, issues)) ok = false;
      });
      return ok;
    },
    toZod: (z) => z.array(item.toZod(z), { error: message }),
  };
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A JSON object whose keys pass `key` and whose values are valid `T` (breakdowns by channel…). */
export function record<T>(key: Model<string>, item: Model<T>, message = 'expected an object'): Model<Record<string, T>> {
  return {
    test: (value, at, issues) => {
      if (!isObject(value)) return issues.push({ path: pathOf(at), message }), false;
      let ok = true;
      for (const [name, entry] of Object.entries(value)) {
        const here = { parent: at, key: name };
        if (!key.test(name, here, issues) || !item.test(entry, here, issues)) ok = false;
      }
      return ok;
    },
    toZod: (z) => z.record(z.string().check(z.refine((name) => key.test(name, undefined, []))), item.toZod(z), { error: message }),
  };
}

/** The declared fields of an object. */
export type Shape = Record<string, Model<unknown>>;

type OptionalKeys<S extends Shape> = { [K in keyof S]: S[K] extends { optional: true } ? K : never }[keyof S];

/** The object type of a shape: optional keys marked `?`, and open to keys Kler adds later. */
export type ObjectOf<S extends Shape> = {
  [K in Exclude<keyof S, OptionalKeys<S>>]: Infer<S[K]>;
} & {
  [K in OptionalKeys<S>]?: Infer<S[K]>;
} & { [key: string]: unknown } extends infer O
  ? { [K in keyof O]: O[K] }
  : never;

/**
 * A loose object: declared fields are checked, unknown fields are kept as they are. `refine`
 * adds rules across fields; it runs only when every field is valid.
 */
export function object<S extends Shape>(
  shape: S,
  options: { message?: string; refine?: (value: ObjectOf<S>, push: (path: string, message: string) => void) => void } = {},
): Model<ObjectOf<S>> & { shape: S } {
  const message = options.message ?? 'expected an object';
  const entries = Object.entries(shape);
  return {
    shape,
    test: (value, at, issues) => {
      if (!isObject(value)) return issues.push({ path: pathOf(at), message }), false;
      let ok = true;
      for (const [name, field] of entries) {
        const here = { parent: at, key: name };
        const fieldValue = value[name];
        if (fieldValue === undefined && !field.optional) {
          issues.push({ path: pathOf(here), message: 'required' });
          ok = false;
        } else if (!field.test(fieldValue, here, issues)) ok = false;
      }
      if (ok && options.refine) {
        const before = issues.length;
        const prefix = pathOf(at);
        options.refine(value as ObjectOf<S>, (path, text) =>
          issues.push({ path: prefix && path ? `${prefix}.${path}` : prefix || path, message: text }),
        );
        ok = issues.length === before;
      }
      return ok;
    },
    toZod: (z) => {
      const fields = Object.fromEntries(entries.map(([name, field]) => [name, field.toZod(z)]));
      const schema = z.looseObject(fields, { error: message });
      const refine = options.refine;
      if (!refine) return schema as unknown as zod.ZodMiniType<ObjectOf<S>>;
      return schema.check(
        z.superRefine((value, ctx) => {
          refine(value as ObjectOf<S>, (path, text) =>
            ctx.issues.push({ code: 'custom', message: text, input: value, path: path ? path.split('.') : [] }),
          );
        }),
      ) as unknown as zod.ZodMiniType<ObjectOf<S>>;
    },
  };
}

/**
 * One of several models, chosen by `pick` from the value itself (e.g. by its `event` field), so
 * the issues reported are those of the variant the value claims to be.
 */
export function union<const M extends readonly Model<unknown>[]>(
  variants: M,
  pick: (value: unknown) => M[number],
): Model<Infer<M[number]>> {
  return {
    test: (value, at, issues) => pick(value).test(value, at, issues),
    toZod: (z) =>
      z.union(variants.map((variant) => variant.toZod(z)) as unknown as [zod.ZodMiniType, zod.ZodMiniType]) as unknown as zod.ZodMiniType<
        Infer<M[number]>
      >,
  };
}

/** The outcome of `validate`. */
export type Validation<T> = { ok: true; value: T } | { ok: false; issues: ModelIssue[] };

/** Checks `value` against `model`, collecting every issue. */
export function validate<T>(model: Model<T>, value: unknown): Validation<T> {
  const issues: ModelIssue[] = [];
  return model.test(value, undefined, issues) ? { ok: true, value: value as T } : { ok: false, issues };
}
