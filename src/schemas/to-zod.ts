import {
  array,
  custom,
  looseObject,
  nullable,
  optional,
  record,
  string,
  refine,
  superRefine,
  union,
  type ZodMiniType,
} from 'zod/mini';
import type { Message, Model, ModelNode } from '../core/model.js';

const say = (message: Message, value: unknown): string => (typeof message === 'string' ? message : message(value));

/**
 * The zod/mini schema of a model: the second interpreter of the declarations in this folder
 * (the first, `validate`, is what the SDK itself runs). Leaves reuse the model's own predicate,
 * so a value passes the zod schema exactly when it passes the SDK's check.
 */
export function toZod<T>(model: Model<T>): ZodMiniType<T> {
  return build(model) as ZodMiniType<T>;
}

function build(node: ModelNode): ZodMiniType {
  switch (node.kind) {
    case 'check':
      return custom(node.predicate, { error: (issue) => say(node.message, issue.input) });
    case 'optional':
      return optional(build(node.inner));
    case 'nullable':
      return nullable(build(node.inner));
    case 'array':
      return array(build(node.item), { error: node.message });
    case 'union':
      return union(node.variants.map(build) as [ZodMiniType, ZodMiniType]);
    case 'record': {
      const key = node.key;
      return record(
        string().check(refine((name) => (key.kind === 'check' ? key.predicate(name) : true))),
        build(node.item),
        { error: node.message },
      );
    }
    case 'object': {
      const fields = Object.fromEntries(Object.entries(node.shape).map(([name, field]) => [name, build(field)]));
      const message = node.message;
      const schema = looseObject(fields, { error: (issue) => say(message, issue.input) });
      const rule = node.refine;
      if (!rule) return schema;
      return schema.check(
        superRefine((value, ctx) => {
          rule(value as never, (path, message) =>
            ctx.issues.push({ code: 'custom', message, input: value, path: path ? path.split('.') : [] }),
          );
        }),
      );
    }
  }
}
