import * as routes from '../routes.ts';
import { httpHandler } from '../lib/http.ts';
import { communityProfile } from './community-profile.ts';

export const handler = httpHandler(routes.assessmentCommunity, async ({ params }) => communityProfile(params.communityId));
