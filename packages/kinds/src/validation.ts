import { z } from 'zod';
import type { KindDefinition, KindField } from './definition.ts';

/**
 * The one set of rules for a kind's own commitment fields, built from its definition: the
 * subgraph validates writes with it, and the web app validates its forms with the same rules
 * (it receives the definition from the API). Text is trimmed; text PostgreSQL cannot store is
 * refused; lists are de-duplicated.
 */

/** PostgreSQL stores no NUL in text or JSON, nor can it encode half of a surrogate pair. */
const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function text(maxLength: number) {
  return z
    .string()
    .transform((value) => value.trim())
    .refine((value) => !value.includes('\u0000') && !loneSurrogate.test(value), 'must not contain NUL characters or unpaired surrogates')
    .refine((value) => [...value].length <= maxLength, `must be at most ${maxLength} characters`);
}

const unique = <T>(values: T[]) => [...new Set(values)];

/** Null for a field that cannot be empty (a count that defaults to 0, a list) leaves it as it is. */
const unchangedIfNull = <T extends z.ZodType>(rule: T) => rule.nullable().transform((value) => value ?? undefined);

/**
 * The rule of one field for an input value (undefined after parsing: left as it is). A required
 * text given as null or blank is refused; an optional one given blank is cleared.
 */
export function fieldRule(field: KindField): z.ZodType<unknown> {
  switch (field.type) {
    case 'text':
      return field.required
        ? z.preprocess(
            (value) => value ?? '',
            text(field.maxLength).refine((value) => value.length > 0, 'must not be empty'),
          )
        : text(field.maxLength)
            .transform((value) => (value.length === 0 ? null : value))
            .nullable();
    case 'count': {
      const count = z.number().int('must be a whole number').min(0, 'must not be negative').max(field.max, `must be at most ${field.max}`);
      return field.required ? unchangedIfNull(count) : count.nullable();
    }
    case 'texts':
      return unchangedIfNull(
        z
          .array(text(field.maxLength).refine((value) => value.length > 0, 'must not hold empty entries'))
          .max(field.maxItems, `may hold at most ${field.maxItems} entries`)
          .transform(unique),
      );
    case 'choices': {
      const values = Object.keys(field.values) as [string, ...string[]];
      return unchangedIfNull(z.array(z.enum(values)).max(values.length).transform(unique));
    }
  }
}

/** Whether a field always holds a value (lists, and text or counts marked required); the others may be null. */
export function holdsValue(field: KindField): boolean {
  return field.type === 'texts' || field.type === 'choices' || Boolean(field.required);
}

/** The value a new commitment holds in a field until its input sets it. */
export function fieldDefault(field: KindField): unknown {
  if (!holdsValue(field)) {
    return null;
  }
  return field.type === 'text' ? '' : field.type === 'count' ? 0 : [];
}

/** Validation of a kind's own input fields: every field optional (an update changes only what it gives). */
export function kindInputSchema(definition: KindDefinition) {
  return z.object(Object.fromEntries(Object.entries(definition.fields).map(([name, field]) => [name, fieldRule(field).optional()])));
}
