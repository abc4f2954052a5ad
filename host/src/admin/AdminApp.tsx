/**
 * The admin console, loaded on demand (students never download it): `/admin` for admins (courses,
 * phase catalogue, audit log, publishing rights) and `/admin/courses/:courseId/...` for admins and the course's
 * lecturers (composition, members, audit log). Each page checks who may see it; the registry
 * refuses the same people on every route.
 */
import { Route, Routes } from 'react-router';
import './admin.css';
import { NotFoundPage } from '../app/NotFoundPage';
import { AdminLayout, RequireAdmin } from './AdminLayout';
import { AdminAuditPage, CourseAuditPage, PhaseTypeAuditPage } from './audit/AuditPages';
import { CataloguePage } from './catalogue/CataloguePage';
import { CompositionPage } from './composition/CompositionPage';
import { AdminCoursesPage } from './courses/AdminCoursesPage';
import { CourseAdminLayout } from './courses/CourseAdminLayout';
import { CreateCoursePage } from './courses/CreateCoursePage';
import { MembersPage } from './members/MembersPage';
import { PublishingPage } from './publishing/PublishingPage';

export function AdminApp() {
  return (
    <Routes>
      <Route element={<AdminLayout />}>
        <Route index element={<AdminCoursesPage />} />
        <Route element={<RequireAdmin />}>
          <Route path="courses/new" element={<CreateCoursePage />} />
          <Route path="catalogue" element={<CataloguePage />} />
          <Route path="catalogue/:phaseType/audit" element={<PhaseTypeAuditPage />} />
          <Route path="audit" element={<AdminAuditPage />} />
          <Route path="publishing" element={<PublishingPage />} />
        </Route>
        <Route path="courses/:courseId" element={<CourseAdminLayout />}>
          <Route index element={<CompositionPage />} />
          <Route path="members" element={<MembersPage />} />
          <Route path="audit" element={<CourseAuditPage />} />
        </Route>
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
