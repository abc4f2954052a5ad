/** The audit log pages: the whole log (admins), a course's and a phase type's. */
import { Link, useParams } from 'react-router';
import { useAdminCourse } from '../courses/CourseAdminLayout';
import { usePageTitle } from '../usePageTitle';
import { AuditLog } from './AuditLog';

export function AdminAuditPage() {
  usePageTitle('Audit log');
  return (
    <section className="ck-page" aria-labelledby="ck-audit-title">
      <h1 id="ck-audit-title">Audit log</h1>
      <AuditLog scope={{ kind: 'all' }} />
    </section>
  );
}

export function CourseAuditPage() {
  const course = useAdminCourse();
  usePageTitle(`Audit log · ${course.title}`);
  return (
    <section className="ck-page" aria-labelledby="ck-audit-title">
      <h1 id="ck-audit-title">Audit log</h1>
      <AuditLog scope={{ kind: 'course', courseId: course.id }} />
    </section>
  );
}

export function PhaseTypeAuditPage() {
  const { phaseType = '' } = useParams();
  usePageTitle(`Audit log · ${phaseType}`);
  return (
    <section className="ck-page" aria-labelledby="ck-audit-title">
      <p className="ck-muted">
        <Link to="/admin/catalogue">Phase catalogue</Link>
      </p>
      <h1 id="ck-audit-title">{`Audit log of ${phaseType}`}</h1>
      <AuditLog scope={{ kind: 'phaseType', name: phaseType }} />
    </section>
  );
}
