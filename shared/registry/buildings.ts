// When two building names are the same building written two ways: full-width digits, spaces,
// and the usual suffixes (1号楼, １号楼, 1 号楼, 1栋, 1幢, 1座, 1#楼). A register import offers to
// add a building it does not know; one that is only another spelling of an existing building
// is pointed at that building instead, or the compound would end up with both.

const SUFFIX = /(号楼|號樓|号|號|栋|棟|幢|座|楼|樓|#楼|#)$/u;

export function buildingCore(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '').replace(SUFFIX, '').toLowerCase();
}

/** The existing building a name is another spelling of, if any (never the name itself). */
export function similarBuilding(name: string, existing: readonly string[]): string | null {
  const core = buildingCore(name);
  if (core === '') return null;
  return existing.find((b) => b !== name && buildingCore(b) === core) ?? null;
}
