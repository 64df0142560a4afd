// Single-table keys (DESIGN.md). Each entity's key composition lives here and nowhere else.
// pk/sk are the physical keys; `et` names the entity on every item.

export const DISTRICT_PK = 'DISTRICT';

export const keys = {
  street: (id: string) => ({ pk: DISTRICT_PK, sk: `STREET#${id}` }),
  community: (id: string) => ({ pk: DISTRICT_PK, sk: `COMMUNITY#${id}` }),
  compound: (id: string) => ({ pk: DISTRICT_PK, sk: `COMPOUND#${id}` }),
  grid: (id: string) => ({ pk: DISTRICT_PK, sk: `GRID#${id}` }),
  company: (id: string) => ({ pk: DISTRICT_PK, sk: `COMPANY#${id}` }),
  registerVersion: (compoundId: string, version: number) => ({
    pk: `COMPOUND#${compoundId}`,
    sk: `REGVER#${String(version).padStart(6, '0')}`,
  }),
  registerVersionPrefix: (compoundId: string) => ({ pk: `COMPOUND#${compoundId}`, skPrefix: 'REGVER#' }),
  /** Rows are staged under their content hash before the version that points at them exists. */
  registerRow: (compoundId: string, contentHash: string, building: string, unit: string) => ({
    pk: `REGROWS#${compoundId}#${contentHash}`,
    sk: `UNIT#${building}#${unit}`,
  }),
  registerRowsPk: (compoundId: string, contentHash: string) => `REGROWS#${compoundId}#${contentHash}`,
  audit: (at: string, id: string) => ({ pk: `AUDIT#${at.slice(0, 7)}`, sk: `${at}#${id}` }),
  auditMonthPk: (month: string) => `AUDIT#${month}`,
  outbox: (eventId: string) => ({ pk: `OUTBOX#${eventId}`, sk: 'EVENT' }),
} as const;

export const OUTBOX_PREFIX = 'OUTBOX#';
