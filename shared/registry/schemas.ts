// One zod schema per message: the pages validate with these before sending, the manifest
// hands them to the middleware, and the tests generate bodies from them.
import * as z from 'zod';
import { keyName, name } from '../text.ts';

export const Id = z.string().regex(/^[a-z0-9][a-z0-9-]{1,47}$/, 'lowercase letters, digits and -, 2 to 48 characters');

export const CompoundParams = z.object({ compoundId: Id });

const DateOnly = z.iso.date();

export const ServiceContract = z
  .object({
    companyId: Id,
    startsOn: DateOnly,
    endsOn: DateOnly,
    /** Monthly fee in fen per m², integer to stay exact. */
    feeFenPerM2: z.number().int().min(0).max(100_000),
    /** The services the contract promises; residents rate each one's performance (合同履约). */
    serviceItems: z.array(name(2, 30)).max(30).refine((s) => new Set(s).size === s.length, 'service items must be unique').default([]),
  })
  .refine((c) => c.startsOn < c.endsOn, { message: 'endsOn must be after startsOn', path: ['endsOn'] });

export const CompoundBody = z.object({
  name: name(2, 60),
  address: name(2, 120),
  communityId: Id,
  buildings: z.array(keyName(1, 20)).min(1).max(300).refine((b) => new Set(b).size === b.length, 'building names must be unique'),
  gridIds: z.array(Id).max(20).default([]),
  contract: ServiceContract.nullable().default(null),
});
export type CompoundBody = z.infer<typeof CompoundBody>;

export const CompanyParams = z.object({ companyId: Id });
export const CompanyBody = z.object({
  name: name(4, 80),
  /** 统一社会信用代码: 18 characters, digits and capital letters without I, O, S, V, Z. */
  creditCode: z.string().regex(/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/, '18-character unified social credit code').optional(),
});
export type CompanyBody = z.infer<typeof CompanyBody>;

export const MAX_REGISTER_BYTES = 3 * 1024 * 1024;

export const RegisterImportBody = z.object({
  mode: z.enum(['dry-run', 'commit']),
  fileName: name(1, 200),
  /** The file's bytes, base64: the server decides the encoding (UTF-8 / GB18030), as Excel varies. */
  contentBase64: z
    .string()
    .max(Math.ceil(MAX_REGISTER_BYTES / 3) * 4, 'file larger than 3 MB')
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64'),
});
export type RegisterImportBody = z.infer<typeof RegisterImportBody>;

export const RegisterExportQuery = z.object({ version: z.coerce.number().int().min(1).optional() });

export const AuditQuery = z.object({
  month: z.string().regex(/^\d{4}-\d{2}$/, 'YYYY-MM').optional(),
  actor: z.string().max(100).optional(),
  target: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const Empty = z.object({}).strict();
