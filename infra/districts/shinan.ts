import type { DistrictConfig } from './types.ts';

// 市南区: 10 streets, 50 communities, 238 compounds, ~100,000 households; appeals peak at
// several thousand a day, so the default throttle leaves plenty of headroom.
export const shinan: DistrictConfig = {
  id: 'shinan',
  name: '市南区',
  city: '青岛市',
  throttle: { rate: 200, burst: 400 },
  // 青岛市物业管理条例: matters announced 15 days ahead; seats odd, 5 to 11; results posted 3 days.
  votes: { announceDays: 15, proxyCap: 3, seatsMin: 5, seatsMax: 11, resultNoticeDays: 3, termYears: 5 },
};
