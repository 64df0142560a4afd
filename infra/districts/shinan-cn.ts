import type { DistrictConfig } from './types.ts';
import { shinan } from './shinan.ts';

// 市南区 as a real district deploys it: in AWS China (Beijing, cn-north-1), where the personal
// information a state organ handles must stay (PIPL art. 36), with staff signing in through the
// district's unified identity platform (统一身份认证) over OpenID Connect. The domain, the IAM
// certificate id, the ICP number and the issuer below are placeholders a district replaces
// with its own (README: Deploy a district in China).
export const shinanCn: DistrictConfig = {
  ...shinan,
  id: 'shinancn',
  region: 'cn-north-1',
  staffIdentity: {
    kind: 'oidc',
    issuer: 'https://id.shinan.example.cn/realms/gov',
    clientId: 'gongzhi-admin',
    claims: {
      roleClaim: 'roles',
      scopeClaim: 'gongzhi_scope',
      nameClaim: 'name',
      roles: {
        'gongzhi-district-admin': 'district_admin',
        'gongzhi-street': 'street_staff',
        'gongzhi-community': 'community_staff',
        'gongzhi-committee': 'committee',
        'gongzhi-department': 'department',
        'gongzhi-dispatcher': 'dispatcher',
      },
    },
  },
  domain: { name: 'gongzhi.shinan.example.cn', certificate: { iamServerCertificateId: 'ASCAEXAMPLEGONGZHI0001' } },
  icp: '鲁ICP备00000000号-1',
};
