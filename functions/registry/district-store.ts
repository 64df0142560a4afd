// The district's structure lives in one partition (a few thousand small items at most), so
// the whole tree is one paginated query.
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ddb, tableName } from '../lib/clients.ts';
import { DISTRICT_PK } from '../lib/keys.ts';
import type { CommunityItem, CompanyItem, CompoundItem, DistrictItem, GridItem, StreetItem } from './model.ts';

export interface District {
  streets: StreetItem[];
  communities: CommunityItem[];
  compounds: CompoundItem[];
  grids: GridItem[];
  companies: CompanyItem[];
}

export async function loadDistrict(): Promise<District> {
  const district: District = { streets: [], communities: [], compounds: [], grids: [], companies: [] };
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await ddb.send(new QueryCommand({ TableName: tableName(), KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': DISTRICT_PK }, ExclusiveStartKey }));
    for (const item of (page.Items ?? []) as DistrictItem[]) {
      if (item.et === 'street') district.streets.push(item);
      else if (item.et === 'community') district.communities.push(item);
      else if (item.et === 'compound') district.compounds.push(item);
      else if (item.et === 'grid') district.grids.push(item);
      else if (item.et === 'company') district.companies.push(item);
    }
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  district.streets.sort((a, b) => a.order - b.order);
  return district;
}
