// When two building names are the same building written two ways: full-width digits, spaces,
// and the usual suffixes (1号楼, １号楼, 1 号楼, 1栋, 1幢, 1座, 1#楼). A register import offers to
// add a building it does not know; one that is only another spelling of an existing building
// is pointed at that building instead, or the compound would end up with both.

/** Traditional forms of the suffix characters, as their simplified ones. */
const TRADITIONAL: Record<string, string> = { 號: '号', 樓: '楼', 棟: '栋' };
/** The whole run of suffix characters (号楼, 幢楼, #楼, 栋 …), not only its last one. */
const SUFFIX = /[号楼栋幢座#]+$/u;

export function buildingCore(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/[號樓棟]/gu, (c) => TRADITIONAL[c]!)
    .replace(/\s+/g, '')
    .replace(SUFFIX, '')
    // 01 and 1 are one building number.
    .replace(/(^|\D)0+(?=\d)/g, '$1')
    .toLowerCase();
}

/** The existing building a name is another spelling of, if any (never the name itself). */
export function similarBuilding(name: string, existing: readonly string[]): string | null {
  const core = buildingCore(name);
  if (core === '') return null;
  return existing.find((b) => b !== name && buildingCore(b) === core) ?? null;
}
