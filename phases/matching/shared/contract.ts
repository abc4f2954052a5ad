/**
 * The wire contract of the matching server: every route's method, path, allowed roles and zod
 * schemas, in one file that both sides import. The server validates requests and answers with
 * these schemas (and publishes them as OpenAPI); the remote calls them with the SDK's
 * `useRouteQuery`/`useRouteMutation`, which build the calls from them and validate what comes back. Change a shape here and both sides
 * follow, or fail to compile. (Shapes of the core, such as `Problem`, come from the SDK.)
 *
 * This file must not import other files of the package by relative path: the server compiles it
 * with Node's resolution (which wants `.js` suffixes) and the remote bundles it with rspack's.
 */
import {
  type CourseRole,
  defineRoute,
  type HttpMethod,
  type RouteContract,
  STAFF_ROLES,
  storableText,
} from '@coursekit/phase-sdk/contract';
import { z } from 'zod';

// --- Route descriptions: defineRoute comes from the SDK, re-exported for the server's imports ---

export { defineRoute, type HttpMethod, type RouteContract };

/** Lecturers and editors (the SDK's staff roles) run the matching and manage topics; students rank. */
export const STAFF = STAFF_ROLES;
export const STUDENTS = ['student'] as const satisfies readonly CourseRole[];

const Timestamp = z.iso.datetime({ offset: true });

// --- Topics --------------------------------------------------------------------------------------

export const Topic = z.object({
  id: z.uuid(),
  title: storableText(),
  description: storableText(),
  /** How many students it can take. */
  capacity: z.number().int(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Topic = z.infer<typeof Topic>;

export const TopicList = z.object({ topics: z.array(Topic) });
export type TopicList = z.infer<typeof TopicList>;

const TopicTitle = storableText()
  .trim()
  .min(1, 'give the topic a title')
  .max(120, 'keep the title to 120 characters');
const TopicDescription = storableText().trim().max(2000, 'keep the description to 2000 characters');
const Capacity = z
  .number({ error: 'the capacity must be a number' })
  .int('the capacity must be a whole number')
  .min(1, 'a topic needs at least 1 seat')
  .max(1000, 'a topic can have at most 1000 seats');

export const CreateTopic = z.object({
  title: TopicTitle,
  description: TopicDescription.default(''),
  capacity: Capacity,
});
export type CreateTopic = z.input<typeof CreateTopic>;

export const UpdateTopic = z
  .object({ title: TopicTitle, description: TopicDescription, capacity: Capacity })
  .partial()
  .refine(
    (patch) => Object.keys(patch).length > 0,
    'name at least one of title, description, capacity',
  );
export type UpdateTopic = z.input<typeof UpdateTopic>;

export const TopicParams = z.object({ topicId: z.uuid() });

// --- Rankings ------------------------------------------------------------------------------------

export const SaveRanking = z.object({
  /** Topic ids, best first. Topics left out count as unranked. */
  topicIds: z
    .array(z.uuid())
    .max(1000)
    .refine((ids) => new Set(ids).size === ids.length, 'list each topic once'),
  /** How lecturers see the student in results (the core's token carries no name). */
  displayName: storableText().trim().min(1, 'give a display name').max(100),
});
export type SaveRanking = z.input<typeof SaveRanking>;

export const MyRanking = z.object({
  topicIds: z.array(z.uuid()),
  /** When it was last saved; `null` if never. */
  updatedAt: Timestamp.nullable(),
});
export type MyRanking = z.infer<typeof MyRanking>;

export const StudentRanking = z.object({
  studentId: z.uuid(),
  displayName: storableText(),
  topicIds: z.array(z.uuid()),
  updatedAt: Timestamp,
});
export type StudentRanking = z.infer<typeof StudentRanking>;

export const RankingList = z.object({ rankings: z.array(StudentRanking) });
export type RankingList = z.infer<typeof RankingList>;

// --- Assignments ---------------------------------------------------------------------------------

export const Assignment = z.object({
  studentId: z.uuid(),
  displayName: storableText(),
  /** `null`: no seat was left for this student. */
  topicId: z.uuid().nullable(),
  /** The topic's title when the matching ran. */
  topicTitle: storableText().nullable(),
  /** Where the student ranked the topic (1 = first choice); `null` if unranked or unassigned. */
  rank: z.number().int().min(1).nullable(),
});
export type Assignment = z.infer<typeof Assignment>;

export const MatchingStats = z.object({
  students: z.number().int(),
  assigned: z.number().int(),
  unassigned: z.number().int(),
  totalCapacity: z.number().int(),
  firstChoice: z.number().int(),
  topThree: z.number().int(),
  /** Placed on a topic they had not ranked. */
  unranked: z.number().int(),
  averageRank: z.number().nullable(),
  rankCounts: z.array(z.object({ rank: z.number().int(), students: z.number().int() })),
});
export type MatchingStats = z.infer<typeof MatchingStats>;

export const MatchingResult = z.object({
  runAt: Timestamp,
  runBy: z.uuid(),
  /** Topics or rankings changed after this run: running again would include the changes. */
  stale: z.boolean(),
  assignments: z.array(Assignment),
  stats: MatchingStats,
});
export type MatchingResult = z.infer<typeof MatchingResult>;

export const StaffAssignments = z.object({
  view: z.literal('staff'),
  /** `null` until the matching has run. */
  result: MatchingResult.nullable(),
});

export const MyAssignment = z.object({
  view: z.literal('student'),
  /**
   * `not-run`: no matching yet; `not-included`: it ran before this student saved a ranking;
   * `assigned` or `unassigned` (no seat was left).
   */
  status: z.enum(['not-run', 'not-included', 'assigned', 'unassigned']),
  topic: z.object({ id: z.uuid(), title: storableText() }).nullable(),
  rank: z.number().int().min(1).nullable(),
  runAt: Timestamp.nullable(),
});
export type MyAssignment = z.infer<typeof MyAssignment>;

export const AssignmentsView = z.discriminatedUnion('view', [StaffAssignments, MyAssignment]);
export type AssignmentsView = z.infer<typeof AssignmentsView>;

// --- Routes --------------------------------------------------------------------------------------

export const routes = {
  listTopics: defineRoute({
    method: 'GET',
    path: '/topics',
    summary: 'The topics of the caller’s course phase, in the order they were added.',
    response: TopicList,
  }),
  createTopic: defineRoute({
    method: 'POST',
    path: '/topics',
    summary: 'Add a topic.',
    roles: STAFF,
    body: CreateTopic,
    status: 201,
    response: Topic,
  }),
  updateTopic: defineRoute({
    method: 'PATCH',
    path: '/topics/:topicId',
    summary: 'Change a topic’s title, description or capacity.',
    roles: STAFF,
    params: TopicParams,
    body: UpdateTopic,
    response: Topic,
  }),
  deleteTopic: defineRoute({
    method: 'DELETE',
    path: '/topics/:topicId',
    summary: 'Remove a topic (and it from every ranking).',
    roles: STAFF,
    params: TopicParams,
    status: 204,
  }),
  getMyRanking: defineRoute({
    method: 'GET',
    path: '/rankings/me',
    summary: 'The caller’s saved ranking.',
    roles: STUDENTS,
    response: MyRanking,
  }),
  saveMyRanking: defineRoute({
    method: 'PUT',
    path: '/rankings/me',
    summary: 'Save the caller’s ranking (replaces the previous one).',
    roles: STUDENTS,
    body: SaveRanking,
    response: MyRanking,
  }),
  listRankings: defineRoute({
    method: 'GET',
    path: '/rankings',
    summary: 'Every student’s saved ranking.',
    roles: STAFF,
    response: RankingList,
  }),
  runMatching: defineRoute({
    method: 'POST',
    path: '/assignments/run',
    summary: 'Run the matching on the current topics and rankings; replaces the previous result.',
    roles: STAFF,
    response: MatchingResult,
  }),
  getAssignments: defineRoute({
    method: 'GET',
    path: '/assignments',
    summary: 'The latest result: all of it for staff, their own assignment for a student.',
    response: AssignmentsView,
  }),
} as const;
