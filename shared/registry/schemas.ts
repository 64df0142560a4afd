// One zod schema per message: the pages validate with these before sending, the manifest
// hands them to the middleware, and the tests generate bodies from them. Written with zod's
// small build (`zod/mini`) so that no function bundle carries the full one.
import * as z from 'zod/mini';
import '../zod-en.ts';
import { keyName, name } from '../text.ts';

// Each schema is built through `pure`, marked free of side effects, so that a function's
// bundle leaves out (and so never builds at cold start) the schemas its own route does not
// use. esbuild honours the mark only in the file that declares it: one such line per module.
const pure = /* @__NO_SIDE_EFFECTS__ */ <T>(build: () => T): T => build();

export const Id = pure(() => z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{1,47}$/, 'lowercase letters, digits and -, 2 to 48 characters')));

export const CompoundParams = pure(() => z.object({ compoundId: Id }));

const DateOnly = pure(() => z.iso.date());

export const ServiceContract = pure(() => z
  .object({
    companyId: Id,
    startsOn: DateOnly,
    endsOn: DateOnly,
    /** Monthly fee in fen per m², integer to stay exact. */
    feeFenPerM2: z.number().check(z.int(), z.minimum(0), z.maximum(100_000)),
    /** The services the contract promises; residents rate each one's performance (合同履约). */
    serviceItems: z._default(z.array(name(2, 30)).check(z.maxLength(30), z.refine((s) => new Set(s).size === s.length, 'service items must be unique')), []),
  })
  .check(z.refine((c) => c.startsOn < c.endsOn, { message: 'endsOn must be after startsOn', path: ['endsOn'] })));

export const CompoundBody = pure(() => z.object({
  name: name(2, 60),
  address: name(2, 120),
  communityId: Id,
  buildings: z.array(keyName(1, 20)).check(z.minLength(1), z.maxLength(300), z.refine((b) => new Set(b).size === b.length, 'building names must be unique')),
  gridIds: z._default(z.array(Id).check(z.maxLength(20)), []),
  contract: z._default(z.nullable(ServiceContract), null),
  /** The revision the page edited: a page opened before someone else's change is refused instead of undoing it. */
  rev: z.optional(z.number().check(z.int(), z.minimum(1))),
}));
export type CompoundBody = z.infer<typeof CompoundBody>;

/** One building added to a compound (from a register import's report). */
export const BuildingBody = pure(() => z.object({ name: keyName(1, 20) }));
export type BuildingBody = z.infer<typeof BuildingBody>;

export const CompanyParams = pure(() => z.object({ companyId: Id }));
export const CompanyBody = pure(() => z.object({
  name: name(4, 80),
  /** 统一社会信用代码: 18 characters, digits and capital letters without I, O, S, V, Z. */
  creditCode: z.optional(z.string().check(z.regex(/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/, '18-character unified social credit code'))),
}));
export type CompanyBody = z.infer<typeof CompanyBody>;

export const MAX_REGISTER_BYTES = 3 * 1024 * 1024;

export const RegisterImportBody = pure(() => z.object({
  mode: z.enum(['dry-run', 'commit']),
  fileName: name(1, 200),
  /** The file's bytes, base64: the server decides the encoding (UTF-8 / GB18030), as Excel varies. */
  contentBase64: z.string().check(
    z.maxLength(Math.ceil(MAX_REGISTER_BYTES / 3) * 4, 'file larger than 3 MB'),
    z.regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64'),
  ),
}));
export type RegisterImportBody = z.infer<typeof RegisterImportBody>;

export const RegisterExportQuery = pure(() => z.object({ version: z.optional(z.coerce.number().check(z.int(), z.minimum(1))) }));

export const AuditQuery = pure(() => z.object({
  month: z.optional(z.string().check(z.regex(/^\d{4}-\d{2}$/, 'YYYY-MM'))),
  actor: z.optional(z.string().check(z.maxLength(100))),
  target: z.optional(z.string().check(z.maxLength(100))),
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(500)), 100),
}));

export const Empty = pure(() => z.strictObject({}));
