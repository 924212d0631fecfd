/**
 * TypeDoc plugin: the types inferred from the zod schemas (`Session`, `Transaction`…) link each
 * property to its field in the schema's shape (`session_id: IdSchema`), so the field's JSDoc is
 * the property's. TypeDoc would also render the field's initializer as a default value
 * (`session_id: string = IdSchema`); a schema field has no default, so that is dropped.
 */
import ts from 'typescript';
import { Converter, ReflectionKind } from 'typedoc';

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_CREATE_DECLARATION, (context, reflection) => {
    if (!reflection.kindOf(ReflectionKind.Property) || reflection.defaultValue === undefined) return;
    const declaration = context.getSymbolFromReflection(reflection)?.declarations?.[0];
    if (!declaration || !ts.isPropertyAssignment(declaration)) return;
    // A schema field: its value is a zod schema, which carries `_zod`.
    const value = context.checker.getTypeAtLocation(declaration.initializer);
    if (value.getProperty('_zod')) delete reflection.defaultValue;
  });
}
