/**
 * A tiny declarative model of each API shape. Each model is declared once, as data, and put to
 * two uses: `validate` here, which the client and the webhook verifier use (small, fast, zod-free
 * bundles), and `toZod` in `@kler/sdk/schemas`, which turns the very same declarations into zod
 * schemas, so the rules users validate with never drift from the SDK's.
 *
 * Each node carries its own `test`, written in its builder: a bundle then holds the checks of the
 * node kinds it declares and no others (the webhook verifier declares no arrays or records).
 *
 * Validation never transforms: a valid value is returned as it came (unknown keys kept, an own
 * `__proto__` key dropped), which is what loose zod objects do too, without copying.
 */

/** What to say when a check fails: fixed, or worded for the value that failed. */
export type Message = string | ((value: unknown) => string);

/** A declared shape of value `T` (a node of the declaration; `T` is carried for `Infer`). */
export type Model<T> = ModelNode & {
  /** Phantom (never set): carries the type this model describes, for `Infer`. */
  readonly _type?: {
    /** The type this model describes. */
    readonly type: T;
  };
};

/**
 * The node kinds a declaration is made of; see the builders below.
 *
 * Not exported by an entry point (typedoc.json `intentionallyNotExported`): only `validate` and
 * `toZod` read nodes, and no public API hands a user a model.
 */
export type ModelNode = (
  | { readonly kind: 'check'; readonly predicate: (value: unknown) => boolean; readonly message: Message }
  | { readonly kind: 'optional' | 'nullable'; readonly inner: ModelNode }
  | { readonly kind: 'array'; readonly item: ModelNode; readonly message: string }
  | { readonly kind: 'record'; readonly key: ModelNode; readonly item: ModelNode; readonly message: string }
  | {
      readonly kind: 'object';
      readonly shape: Shape;
      readonly message: Message;
      readonly refine?: ((value: never, push: (path: string, message: string) => void) => void) | undefined;
    }
  | { readonly kind: 'union'; readonly variants: readonly ModelNode[]; readonly pick: (value: unknown) => ModelNode }
) & {
  /** Checks a value against this node, as `validate` runs it; `toZod` reads the rest. */
  readonly test: Test;
};

/**
 * Checks `value`, pushing an issue for each problem with a path relative to `value`; true when
 * it is valid. Parents prefix their key onto a failed child's issues, so the success path
 * allocates nothing (this runs on every response and every webhook).
 */
type Test = (value: unknown, issues: ModelIssue[]) => boolean;

/**
 * The type a model describes. `| undefined` in the pattern: the emitted declarations spell the
 * optional phantom as `_type?: … | undefined`, which a consumer compiling with
 * `exactOptionalPropertyTypes` would otherwise not match (every model type became `never`).
 */
export type Infer<M> = M extends { readonly _type?: { readonly type: infer T } | undefined } ? T : never;

/** A leaf: any value `predicate` accepts. */
/* @__NO_SIDE_EFFECTS__ */
export function check<T>(predicate: (value: unknown) => boolean, message: Message): Model<T> {
  return { kind: 'check', predicate, message, test: (value, issues) => predicate(value) || fail(issues, message, value) };
}

/** A string that satisfies `predicate` (a RegExp or a function). */
/* @__NO_SIDE_EFFECTS__ */
export function string<T extends string = string>(
  predicate: RegExp | ((value: string) => boolean),
  message: Message,
): Model<T> {
  const ok = typeof predicate === 'function' ? predicate : (value: string) => predicate.test(value);
  return check<T>((value) => typeof value === 'string' && ok(value), message);
}

/** `undefined` is accepted too, and the key may be absent from its object. */
/* @__NO_SIDE_EFFECTS__ */
export function optional<T>(inner: Model<T>): Model<T | undefined> & { kind: 'optional' } {
  return { kind: 'optional', inner, test: (value, issues) => value === undefined || inner.test(value, issues) };
}

/** `null` is accepted too. */
/* @__NO_SIDE_EFFECTS__ */
export function nullable<T>(inner: Model<T>): Model<T | null> {
  return { kind: 'nullable', inner, test: (value, issues) => value === null || inner.test(value, issues) };
}

/** A possibly missing, possibly `null` value: how Kler sends fields that only some payments have. */
/* @__NO_SIDE_EFFECTS__ */
export function nullish<T>(inner: Model<T>): Model<T | null | undefined> & { kind: 'optional' } {
  return optional(nullable(inner));
}

/** An array whose every item is a valid `T`. */
/* @__NO_SIDE_EFFECTS__ */
export function array<T>(item: Model<T>, message = 'expected an array'): Model<T[]> {
  const test: Test = (value, issues) => {
    if (!Array.isArray(value)) return fail(issues, message, value);
    let ok = true;
    for (let index = 0; index < value.length; index++) {
      if (!within(index, item, value[index], issues)) ok = false;
    }
    return ok;
  };
  return { kind: 'array', item, message, test };
}

/** A JSON object whose keys pass `key` and whose values are valid `T` (breakdowns by channel…). */
/* @__NO_SIDE_EFFECTS__ */
export function record<T>(key: Model<string>, item: Model<T>, message = 'expected an object'): Model<Record<string, T>> {
  const test: Test = (value, issues) => {
    if (!isObject(value)) return fail(issues, message, value);
    let ok = true;
    for (const name in value) {
      if (!within(name, key, name, issues) || !within(name, item, value[name], issues)) ok = false;
    }
    return ok;
  };
  return { kind: 'record', key, item, message, test };
}

/** The declared fields of an object. */
export type Shape = Readonly<Record<string, ModelNode>>;

type OptionalKeys<S extends Shape> = { [K in keyof S]: S[K] extends { kind: 'optional' } ? K : never }[keyof S];

/**
 * The object type of a shape: optional keys marked `?`. Keys Kler adds later are kept at run
 * time but not typed: an index signature would type every misspelt field as `unknown` instead
 * of an error, and make `Omit`/`keyof` of the type useless. Read a new field with a cast.
 *
 * Both halves map over `keyof S` and only filter keys with `as` (never rename them), so each
 * property stays linked to its declaration in the shape: editors and TypeDoc show the JSDoc
 * written in `object({...})` on the inferred type's properties (`Session['status']` and so on).
 */
export type ObjectOf<S extends Shape> = {
  [K in keyof S as K extends OptionalKeys<S> ? never : K]: Infer<S[K]>;
} & {
  [K in keyof S as K extends OptionalKeys<S> ? K : never]?: Infer<S[K]>;
} extends infer O
  ? { [K in keyof O]: O[K] }
  : never;

/**
 * A loose object: declared fields are checked, unknown fields are kept as they are. Rules across
 * fields are added with `refine`.
 */
/* @__NO_SIDE_EFFECTS__ */
export function object<S extends Shape>(
  shape: S,
  options: { message?: Message } = {},
): Model<ObjectOf<S>> & { kind: 'object'; shape: S } {
  const { message = 'expected an object' } = options;
  // Arrays, not `for…in` over the shape: this loop is the hot path of every parse.
  const names = Object.keys(shape);
  const fields = names.map((name) => shape[name]!);
  const test: Test = (value, issues) => {
    if (!isObject(value)) return fail(issues, message, value);
    // As zod does: an own `__proto__` key (JSON.parse makes one) is dropped, so copying the
    // value with Object.assign can never replace the target's prototype.
    if (Object.hasOwn(value, '__proto__')) delete value['__proto__'];
    let ok = true;
    for (let index = 0; index < names.length; index++) {
      const name = names[index]!;
      const field = fields[index]!;
      const fieldValue = value[name];
      if (fieldValue === undefined && field.kind !== 'optional') {
        issues.push({ path: name, message: 'required' });
        ok = false;
      } else if (!within(name, field, fieldValue, issues)) ok = false;
    }
    return ok;
  };
  return { kind: 'object', shape, message, test };
}

/**
 * An object model with rules across its fields (`ends_at` after `starts_at`…), checked only once
 * every field is valid. `push` reports a problem at a dotted path inside the object.
 */
/* @__NO_SIDE_EFFECTS__ */
export function refine<M extends Model<unknown> & { kind: 'object' }>(
  base: M,
  rule: (value: Infer<M>, push: (path: string, message: string) => void) => void,
): M {
  const test: Test = (value, issues) => {
    if (!base.test(value, issues)) return false;
    const before = issues.length;
    rule(value as Infer<M>, (path, message) => issues.push({ path, message }));
    return issues.length === before;
  };
  return { ...base, refine: rule, test };
}

/**
 * An object model with more fields than `base`, or some of them replaced (as zod's `.extend`).
 * Keeps `base`'s message; not its `refine` rule, which was written for the smaller shape.
 */
/* @__NO_SIDE_EFFECTS__ */
export function extend<S extends Shape, E extends Shape>(
  base: { readonly shape: S; readonly message: Message },
  fields: E,
): Model<ObjectOf<Extended<S, E>>> & { kind: 'object'; shape: Extended<S, E> } {
  return object({ ...base.shape, ...fields } as Extended<S, E>, { message: base.message });
}

/** The fields of `S` that `E` does not replace, then `E`'s (`S` may carry `Shape`'s index signature). */
type Extended<S extends Shape, E extends Shape> = {
  [K in keyof S as string extends K ? never : K extends keyof E ? never : K]: S[K];
} & E;

/**
 * One of several models, chosen by `pick` from the value itself (e.g. by its `event` field), so
 * the issues reported are those of the variant the value claims to be.
 */
/* @__NO_SIDE_EFFECTS__ */
export function union<const M extends readonly ModelNode[]>(variants: M, pick: (value: unknown) => M[number]): Model<Infer<M[number]>> {
  return { kind: 'union', variants, pick, test: (value, issues) => pick(value).test(value, issues) };
}

/** One problem found, with the dotted path of the offending value (`pos_terminals.0.status`). */
export interface ModelIssue {
  /** Dotted path of the value, empty for the root. */
  readonly path: string;
  /** What was expected; `required` for a missing field. */
  readonly message: string;
}

/** Tests a child value; when it fails, prefixes `key` onto the paths of the issues it added. */
function within(key: string | number, node: ModelNode, value: unknown, issues: ModelIssue[]): boolean {
  const before = issues.length;
  if (node.test(value, issues)) return true;
  for (let index = before; index < issues.length; index++) {
    const { path, message } = issues[index]!;
    issues[index] = { path: path === '' ? String(key) : `${key}.${path}`, message };
  }
  return false;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Records that the value failed with `message`; returns `false` for the caller to pass on. */
function fail(issues: ModelIssue[], message: Message, value: unknown): false {
  issues.push({ path: '', message: typeof message === 'string' ? message : message(value) });
  return false;
}

/** The outcome of `validate`. */
export type Validation<T> = { ok: true; value: T } | { ok: false; issues: ModelIssue[] };

/** Checks `value` against `model`, collecting every issue. */
export function validate<T>(model: Model<T>, value: unknown): Validation<T> {
  const issues: ModelIssue[] = [];
  return model.test(value, issues) ? { ok: true, value: value as T } : { ok: false, issues };
}
