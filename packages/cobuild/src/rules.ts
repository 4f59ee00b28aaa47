import { z } from 'zod';

/**
 * The rules of 三张清单's inputs: one schema each, used by the partner subgraphs and the
 * alliance to refuse bad input and by the web pages to show the same errors before sending.
 * Free of GraphQL decorators, so the web app can import it.
 */

/** The six co-building measures (六联); the same values as the GraphQL enum `Category`. */
export const categories = ['THEORY_STUDY', 'ORGANIZATION', 'WORK_LINKAGE', 'PERFORMANCE', 'SHARED_RESPONSIBILITY', 'INTEGRITY'] as const;

/** What kind of help a need asks for or a resource offers. */
export const helpKinds = ['PEOPLE', 'EXPERTISE', 'EQUIPMENT', 'VENUE', 'FUNDS'] as const;
export type HelpKind = (typeof helpKinds)[number];

export const limits = {
  title: 200,
  description: 4000,
  tags: 10,
  tag: 30,
  place: 100,
  help: 5,
  unit: 20,
  conditions: 1000,
  proposal: 2000,
  note: 1000,
  comment: 2000,
  reason: 500,
} as const;

/** Text without control characters (a NUL byte would be refused by PostgreSQL, a tab or newline is fine). */
const plainText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: `must be at most ${max} characters` })
    // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
    .refine((value) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(value), { message: 'must not contain control characters' });

const requiredText = (max: number) => plainText(max).refine((value) => value.length > 0, { message: 'must not be empty' });

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date YYYY-MM-DD' })
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), {
    message: 'must be a real date',
  });

/** One kind of help with its amount: `{ kind: 'FUNDS', amount: 30000, unit: '元' }`, `{ kind: 'PEOPLE', amount: 10, unit: '人' }`. */
export const helpAmount = z.object({
  kind: z.enum(helpKinds),
  amount: z.number().finite().positive({ message: 'must be more than 0' }).max(1e12).nullish(),
  unit: plainText(limits.unit).nullish(),
});
export type HelpAmount = z.infer<typeof helpAmount>;

const tags = z
  .array(requiredText(limits.tag))
  .max(limits.tags, { message: `at most ${limits.tags} tags` })
  .transform((values) => [...new Set(values)]);

const helpList = z
  .array(helpAmount)
  .max(limits.help, { message: `at most ${limits.help} kinds of help` })
  .refine((list) => new Set(list.map((item) => item.kind)).size === list.length, { message: 'names each kind of help once' });

/** A need (需求清单): what a partner asks the alliance for. */
export const needInput = z.object({
  title: requiredText(limits.title),
  description: plainText(limits.description).nullish(),
  category: z.enum(categories),
  tags: tags.default([]),
  place: plainText(limits.place).nullish(),
  wantedBy: isoDate.nullish(),
  help: helpList.min(1, { message: 'names at least one kind of help' }),
});
export type NeedInput = z.infer<typeof needInput>;

/** A resource (资源清单): what a partner can offer the alliance. */
export const resourceInput = z
  .object({
    title: requiredText(limits.title),
    description: plainText(limits.description).nullish(),
    category: z.enum(categories),
    tags: tags.default([]),
    place: plainText(limits.place).nullish(),
    availableFrom: isoDate.nullish(),
    availableUntil: isoDate.nullish(),
    offers: helpList.min(1, { message: 'names at least one kind of help' }),
    conditions: plainText(limits.conditions).nullish(),
  })
  .refine((value) => !value.availableFrom || !value.availableUntil || value.availableFrom <= value.availableUntil, {
    message: 'must not end before it starts',
    path: ['availableUntil'],
  });
export type ResourceInput = z.infer<typeof resourceInput>;

/** A claim (认领 / 领办) of a need, optionally with one of the claimant's own resources. */
export const claimInput = z.object({
  needId: z.string().uuid({ message: 'must be an id' }),
  resourceId: z.string().uuid({ message: 'must be an id' }).nullish(),
  proposal: requiredText(limits.proposal),
});
export type ClaimInput = z.infer<typeof claimInput>;

/** The needing partner's evaluation (评价) of a delivered project, before it is closed (销号). */
export const evaluationInput = z.object({
  satisfaction: z
    .number()
    .int({ message: 'must be a whole number' })
    .min(1, { message: 'must be 1 to 5' })
    .max(5, { message: 'must be 1 to 5' }),
  comment: requiredText(limits.comment),
});
export type EvaluationInput = z.infer<typeof evaluationInput>;

/** Days an unclaimed published need waits before it goes to the claim hall (领办大厅). */
export const claimHallDays = z.number().int().min(1, { message: 'must be 1 to 365' }).max(365, { message: 'must be 1 to 365' });
export const defaultClaimHallDays = 14;

/** The first problem of a failed parse as `{ field, message }` (field: the dotted path, or 'input'). */
export function firstProblem(error: z.ZodError): { field: string; message: string } {
  const issue = error.issues[0];
  return { field: issue?.path.length ? issue.path.join('.') : 'input', message: issue?.message ?? 'is not valid' };
}
