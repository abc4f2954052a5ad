/**
 * A small HTTP client of the registry for the deployment tests: signs seeded users in once (dev
 * login, as a browser through the public entry would) and calls any replica with their session.
 */
export const ADMIN = 'admin@coursekit.test';
export const LECTURER = 'lecturer@coursekit.test';
export const STUDENTS = [
  'student1@coursekit.test',
  'student2@coursekit.test',
  'student3@coursekit.test',
] as const;

export interface ResolvedCourse {
  courseId: string;
  phases: { coursePhaseId: string; title: string }[];
}

export interface CallOptions {
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export class CoursekitClient {
  private readonly cookies = new Map<string, string>();

  /** `entry` is where users sign in (nginx, or the one registry). */
  constructor(readonly entry: string) {}

  async signIn(email: string): Promise<string> {
    const known = this.cookies.get(email);
    if (known) return known;
    const response = await fetch(`${this.entry}/api/auth/dev-login`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        origin: this.entry,
        'x-coursekit-csrf': '1',
      },
      body: JSON.stringify({ email }),
    });
    if (response.status !== 200)
      throw new Error(`Sign-in as ${email} failed: ${response.status} ${await response.text()}`);
    const cookie = response.headers.getSetCookie()[0]?.split(';')[0];
    if (!cookie) throw new Error('Sign-in set no session cookie');
    this.cookies.set(email, cookie);
    return cookie;
  }

  /** Forget sessions (after a restore into another database, say). */
  forget(): void {
    this.cookies.clear();
  }

  async call(origin: string, email: string, path: string, init: CallOptions = {}) {
    return fetch(`${origin}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        cookie: await this.signIn(email),
        'x-coursekit-csrf': '1',
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...init.headers,
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  }

  async json<T>(origin: string, email: string, path: string, init?: CallOptions): Promise<T> {
    const response = await this.call(origin, email, path, init);
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  async course(origin: string): Promise<ResolvedCourse> {
    const [first] = await this.json<{ id: string }[]>(origin, LECTURER, '/api/courses');
    if (!first) throw new Error('No course: was the registry seeded?');
    const resolved = await this.json<{ phases: ResolvedCourse['phases'] }>(
      origin,
      LECTURER,
      `/api/courses/${first.id}/phases`,
    );
    return { courseId: first.id, phases: resolved.phases };
  }

  async userId(origin: string, email: string): Promise<string> {
    return (await this.json<{ user: { id: string } }>(origin, email, '/api/me')).user.id;
  }
}
