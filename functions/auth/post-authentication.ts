// Cognito's post-authentication trigger: every staff sign-in lands in the audit trail. The
// local dev sign-in calls this same handler with the same event shape.
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { PostAuthenticationTriggerEvent } from 'aws-lambda';
import { ddb } from '../lib/clients.ts';
import { auditPut } from '../lib/audit.ts';
import { logger } from '../lib/logger.ts';

export const handler = async (event: PostAuthenticationTriggerEvent): Promise<PostAuthenticationTriggerEvent> => {
  const attrs = event.request.userAttributes;
  const sub = attrs.sub ?? event.userName;
  const scopeId = attrs['custom:scope_id'] ?? '';
  // The event carries no groups, so the entry says 'staff'; the scope and id trace the user.
  await ddb.send(new TransactWriteCommand({
    TransactItems: [auditPut({ kind: 'staff', sub, role: 'department', scopeId, name: '' }, { action: 'staff.sign-in', target: `user:${sub}`, actorRole: 'staff', after: { source: event.triggerSource, client: event.callerContext?.clientId ?? '' } })],
  }));
  logger.info('staff signed in', { sub });
  return event;
};
