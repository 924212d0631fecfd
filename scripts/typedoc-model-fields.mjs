/**
 * TypeDoc plugin: the types inferred from models (`Session`, `Transaction`…) link each property
 * to its field in the model's shape (`session_id: IdModel`), so the field's JSDoc is the
 * property's. TypeDoc would also render the field's initializer as a default value
 * (`session_id: string = IdModel`); a model field has no default, so that is dropped.
 */
import ts from 'typescript';
import { Converter, ReflectionKind } from 'typedoc';

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_CREATE_DECLARATION, (context, reflection) => {
    if (!reflection.kindOf(ReflectionKind.Property) || reflection.defaultValue === undefined) return;
    const declaration = context.getSymbolFromReflection(reflection)?.declarations?.[0];
    if (!declaration || !ts.isPropertyAssignment(declaration)) return;
    // A model field: its value is a `Model`, which carries the phantom `_type`.
    const value = context.checker.getTypeAtLocation(declaration.initializer);
    if (value.getProperty('_type')) delete reflection.defaultValue;
  });
}
