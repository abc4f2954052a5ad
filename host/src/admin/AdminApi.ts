/**
 * The admin console's calls to the registry, as plain TypeScript over the SDK's `CoreClient` (the
 * same client, CSRF header and problem+json errors as the rest of the host); every answer is
 * checked with the contract's schemas. Composition changes name the revision they were based on.
 */
import type { CoreClient } from '@coursekit/phase-sdk/client';
import {
  type AddMember,
  type ApiToken,
  ApiToken as ApiTokenSchema,
  type AuditPage,
  AuditPage as AuditPageSchema,
  type AuditQuery,
  type Catalogue,
  Catalogue as CatalogueSchema,
  type Composition,
  Composition as CompositionSchema,
  type Course,
  CourseMember as CourseMemberSchema,
  CoursePhase as CoursePhaseSchema,
  Course as CourseSchema,
  type CreateApiToken,
  type CreateCourse,
  type CreateCoursePhase,
  type CreatedApiToken,
  CreatedApiToken as CreatedApiTokenSchema,
  compositionTag,
  type GrantPhasePublisher,
  type MembersPage,
  MembersPage as MembersPageSchema,
  type MembersQuery,
  type PhasePublisher,
  PhasePublisher as PhasePublisherSchema,
  ProbeRun as ProbeRunSchema,
  type UpdateCourse,
  type UpdateCoursePhase,
  type UpdateMember,
} from '@coursekit/phase-sdk/contract';

/** Where an audit log is read from: the whole log, one course's or one phase type's. */
export type AuditScope =
  | { kind: 'all' }
  | { kind: 'course'; courseId: string }
  | { kind: 'phaseType'; name: string };

const id = encodeURIComponent;

function search(params: Record<string, string | number | undefined>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') query.set(key, String(value));
  }
  const text = query.toString();
  return text ? `?${text}` : '';
}

export class AdminApi {
  constructor(private readonly core: CoreClient) {}

  courses(): Promise<Course[]> {
    return this.core.courses();
  }

  createCourse(course: CreateCourse): Promise<Course> {
    return this.core.request('/api/courses', CourseSchema, { method: 'POST', json: course });
  }

  updateCourse(courseId: string, patch: UpdateCourse): Promise<Course> {
    return this.core.request(`/api/courses/${id(courseId)}`, CourseSchema, {
      method: 'PATCH',
      json: patch,
    });
  }

  members(courseId: string, query: MembersQuery): Promise<MembersPage> {
    return this.core.request(
      `/api/courses/${id(courseId)}/members${search({ ...query })}`,
      MembersPageSchema,
    );
  }

  addMember(courseId: string, member: AddMember) {
    return this.core.request(`/api/courses/${id(courseId)}/members`, CourseMemberSchema, {
      method: 'POST',
      json: member,
    });
  }

  changeRole(courseId: string, userId: string, change: UpdateMember) {
    return this.core.request(
      `/api/courses/${id(courseId)}/members/${id(userId)}`,
      CourseMemberSchema,
      { method: 'PATCH', json: change },
    );
  }

  async removeMember(courseId: string, userId: string): Promise<void> {
    await this.core.request(`/api/courses/${id(courseId)}/members/${id(userId)}`, null, {
      method: 'DELETE',
    });
  }

  composition(courseId: string): Promise<Composition> {
    return this.core.request(`/api/courses/${id(courseId)}/composition`, CompositionSchema);
  }

  /** Add a course phase; `revision` is the composition revision the change was based on. */
  addPhase(courseId: string, revision: number, phase: CreateCoursePhase) {
    return this.core.request(`/api/courses/${id(courseId)}/phases`, CoursePhaseSchema, {
      method: 'POST',
      json: phase,
      headers: { 'if-match': compositionTag(revision) },
    });
  }

  updatePhase(courseId: string, coursePhaseId: string, revision: number, patch: UpdateCoursePhase) {
    return this.core.request(
      `/api/courses/${id(courseId)}/phases/${id(coursePhaseId)}`,
      CoursePhaseSchema,
      { method: 'PATCH', json: patch, headers: { 'if-match': compositionTag(revision) } },
    );
  }

  /** The catalogue: admins read the whole one, lecturers the one of a course they compose. */
  catalogue(courseId?: string): Promise<Catalogue> {
    return this.core.request(
      courseId ? `/api/courses/${id(courseId)}/catalogue` : '/api/admin/catalogue',
      CatalogueSchema,
    );
  }

  probeHealth() {
    return this.core.request('/api/admin/health-probes', ProbeRunSchema, { method: 'POST' });
  }

  audit(scope: AuditScope, query: AuditQuery): Promise<AuditPage> {
    const path =
      scope.kind === 'course'
        ? `/api/courses/${id(scope.courseId)}/audit`
        : scope.kind === 'phaseType'
          ? `/api/phase-types/${id(scope.name)}/audit`
          : '/api/admin/audit';
    return this.core.request(`${path}${search({ ...query })}`, AuditPageSchema);
  }

  publishers(): Promise<PhasePublisher[]> {
    return this.core.request('/api/admin/phase-publishers', PhasePublisherSchema.array());
  }

  grantPublisher(grant: GrantPhasePublisher): Promise<PhasePublisher> {
    return this.core.request('/api/admin/phase-publishers', PhasePublisherSchema, {
      method: 'POST',
      json: grant,
    });
  }

  async revokePublisher(phase: string, userId: string): Promise<void> {
    await this.core.request(`/api/admin/phase-publishers/${id(phase)}/${id(userId)}`, null, {
      method: 'DELETE',
    });
  }

  apiTokens(): Promise<ApiToken[]> {
    return this.core.request('/api/admin/api-tokens', ApiTokenSchema.array());
  }

  createApiToken(token: CreateApiToken): Promise<CreatedApiToken> {
    return this.core.request('/api/admin/api-tokens', CreatedApiTokenSchema, {
      method: 'POST',
      json: token,
    });
  }

  revokeApiToken(tokenId: string): Promise<ApiToken> {
    return this.core.request(`/api/admin/api-tokens/${id(tokenId)}`, ApiTokenSchema, {
      method: 'DELETE',
    });
  }
}
