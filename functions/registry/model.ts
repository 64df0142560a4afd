// Registry items as stored. Only this folder reads and writes them.
import type { CompoundBody } from '../../shared/registry/schemas.ts';
import type { RegisterTotals } from '../../shared/registry/register.ts';

export interface StreetItem { et: 'street'; id: string; name: string; order: number }
export interface CommunityItem { et: 'community'; id: string; name: string; streetId: string; class: '强基' | '创优' | '示范' }
export interface GridItem { et: 'grid'; id: string; name: string; communityId: string; compoundIds: string[] }
export interface CompanyItem { et: 'company'; id: string; name: string; creditCode?: string }
export interface CompoundItem extends Omit<CompoundBody, 'contract'> {
  et: 'compound';
  id: string;
  streetId: string;
  contract: CompoundBody['contract'];
  rev: number;
  currentVersion: number;
  registerHash: string;
  unitCount: number;
  totalAreaHundredths: number;
  ownerHeads: number;
  updatedAt: string;
}
export interface RegisterVersionItem {
  et: 'register-version';
  compoundId: string;
  version: number;
  contentHash: string;
  rowCount: number;
  fileName: string;
  encoding: string;
  buildingsUsed: string[];
  committedAt: string;
  committedBy: string;
  totals: RegisterTotals | null;
}

export type DistrictItem = StreetItem | CommunityItem | GridItem | CompanyItem | CompoundItem;
