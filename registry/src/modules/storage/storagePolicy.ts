/**
 * Who may read and write which storage scope, declared on the storage routes and enforced by the
 * authorization layer. The rules themselves are the contract's `storageRefusal`, the very function
 * the SDK's in-memory storage enforces in phases' unit tests, so the two cannot disagree.
 */
import { type StorageOperation, storageRefusal } from '@coursekit/phase-sdk/contract';
import type { AccessCheck } from '../../plugins/authPlugin.js';

const action = (method: string) => (method === 'GET' || method === 'HEAD' ? 'read' : 'write');

const rule =
  (operation: (context: Parameters<AccessCheck>[0]) => StorageOperation): AccessCheck =>
  (context) =>
    storageRefusal(context.access.role, operation(context));

export const courseDataAccess: AccessCheck = rule((context) => ({
  action: action(context.method),
  level: 'course',
  scope: context.params.scope === 'restricted' ? 'restricted' : 'shared',
}));

export const participantDataAccess: AccessCheck = rule((context) => ({
  action: action(context.method),
  level: 'participant',
  scope: context.params.scope === 'own' ? 'own' : 'restricted',
  self: context.params.userId?.toLowerCase() === context.user.id,
}));

export const participantListingAccess: AccessCheck = rule(() => ({
  action: 'list',
  level: 'participants',
}));
