/** Issues phase tokens: ES256 JWTs scoped to one phase (audience), one course and one course phase. */
import { randomUUID } from 'node:crypto';
import { type CourseRole, type PhaseToken, phaseAudience } from '@coursekit/phase-sdk/contract';
import { SignJWT } from 'jose';
import type { SigningKeyService } from './SigningKeyService.js';

export interface TokenSubject {
  userId: string;
  courseId: string;
  coursePhaseId: string;
  phase: string;
  role: CourseRole;
}

export class PhaseTokenService {
  constructor(
    private readonly keys: SigningKeyService,
    private readonly issuer: string,
    private readonly ttlSeconds: number,
  ) {}

  async issue(subject: TokenSubject): Promise<PhaseToken> {
    const key = await this.keys.signingKey();
    const now = Math.floor(Date.now() / 1000);
    const exp = now + this.ttlSeconds;
    const token = await new SignJWT({
      course: subject.courseId,
      coursePhase: subject.coursePhaseId,
      role: subject.role,
    })
      .setProtectedHeader({ alg: 'ES256', kid: key.kid, typ: 'JWT' })
      .setSubject(subject.userId)
      .setAudience(phaseAudience(subject.phase))
      .setIssuer(this.issuer)
      .setIssuedAt(now)
      .setNotBefore(now)
      .setExpirationTime(exp)
      .setJti(randomUUID())
      .sign(key.privateKey);
    return { token, expiresAt: new Date(exp * 1000).toISOString() };
  }
}
