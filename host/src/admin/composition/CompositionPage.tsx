/**
 * `/admin/courses/:courseId`: the course's phases in order. Reorder them by dragging their handle
 * or from the keyboard (focus the handle, Space, arrow keys, Space), show or hide each, pin a
 * version or follow the latest, edit settings through the form its schema generates, add phases
 * from the catalogue, and see what students will see. Every change names the revision on screen.
 */
import type { Composition } from '@coursekit/phase-sdk/contract';
import {
  type Announcements,
  closestCenter,
  DndContext,
  type DragEndEvent,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import {
  arrayMove,
  SortableContext,
  sortableKeyboardCoordinates,
  verticalListSortingStrategy,
} from '@dnd-kit/sortable';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { describeError } from '../../app/describeError';
import { ErrorState } from '../../app/ErrorState';
import { LoadingState } from '../../app/LoadingState';
import { catalogueQuery, compositionQuery, useAdminApi } from '../adminQueries';
import { useAdminCourse } from '../courses/CourseAdminLayout';
import { fieldErrors } from '../fieldErrors';
import { usePageTitle } from '../usePageTitle';
import { AddPhaseForm } from './AddPhaseForm';
import { ConflictNotice } from './ConflictNotice';
import { CoursePhaseRow } from './CoursePhaseRow';
import { StudentPreview } from './StudentPreview';
import { useCompositionChange } from './useCompositionChange';

export function CompositionPage() {
  const course = useAdminCourse();
  usePageTitle(`Composition · ${course.title}`);
  const api = useAdminApi();
  const queryClient = useQueryClient();
  const composition = useQuery(compositionQuery(api, course.id));
  const catalogue = useQuery(catalogueQuery(api, course.id));
  const change = useCompositionChange(course.id);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );

  if (composition.isPending || catalogue.isPending)
    return <LoadingState>Loading the composition…</LoadingState>;
  if (composition.isError || catalogue.isError) {
    return (
      <ErrorState
        title="The composition could not be loaded."
        error={composition.error ?? catalogue.error}
        onRetry={() => {
          void composition.refetch();
          void catalogue.refetch();
        }}
      />
    );
  }

  const phases = composition.data.phases;
  const titleOf = (id: string | number) => phases.find((p) => p.id === id)?.title ?? 'phase';
  const positionOf = (id: string | number | undefined) => phases.findIndex((p) => p.id === id) + 1;
  const announcements: Announcements = {
    onDragStart: ({ active }) =>
      `Picked up ${titleOf(active.id)}, at position ${positionOf(active.id)} of ${phases.length}.`,
    onDragOver: ({ active, over }) =>
      over
        ? `${titleOf(active.id)} is over position ${positionOf(over.id)} of ${phases.length}.`
        : undefined,
    onDragEnd: ({ active, over }) =>
      over
        ? `${titleOf(active.id)} dropped at position ${positionOf(over.id)} of ${phases.length}.`
        : `${titleOf(active.id)} dropped.`,
    onDragCancel: ({ active }) => `Reordering cancelled; ${titleOf(active.id)} stays where it was.`,
  };

  const move = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    const from = phases.findIndex((p) => p.id === active.id);
    const to = phases.findIndex((p) => p.id === over.id);
    if (from < 0 || to < 0) return;
    // Show the new order at once; the registry's answer (or its refusal) replaces it.
    queryClient.setQueryData<Composition>(compositionQuery(api, course.id).queryKey, (old) =>
      old
        ? {
            ...old,
            phases: arrayMove(old.phases, from, to).map((p, index) => ({ ...p, position: index })),
          }
        : old,
    );
    change.apply({
      kind: 'update',
      label: `move ${titleOf(active.id)} to position ${to + 1}`,
      coursePhaseId: String(active.id),
      patch: { position: to },
    });
  };

  const errorsFor = (coursePhaseId: string | null) =>
    change.last &&
    (change.last.kind === 'add'
      ? coursePhaseId === null
      : change.last.coursePhaseId === coursePhaseId)
      ? fieldErrors(change.error)
      : {};

  return (
    <section className="ck-page ck-composition" aria-labelledby="ck-composition-title">
      <h1 id="ck-composition-title">Composition</h1>
      {change.conflict ? (
        <ConflictNotice
          conflict={change.conflict}
          onReapply={change.reapply}
          onDiscard={change.discard}
        />
      ) : null}
      {change.error ? (
        <p role="alert" className="ck-error">
          {describeError(change.error)}
        </p>
      ) : null}
      <p role="status" className="ck-muted">
        {change.pending ? 'Saving…' : `Revision ${composition.data.revision}`}
      </p>
      <div className="ck-composition-layout">
        <div>
          {phases.length === 0 ? (
            <p className="ck-empty">This course has no phases yet: add one from the catalogue.</p>
          ) : (
            <DndContext
              sensors={sensors}
              collisionDetection={closestCenter}
              onDragEnd={move}
              accessibility={{
                announcements,
                screenReaderInstructions: {
                  draggable:
                    'To reorder, press Space or Enter, move with the arrow keys, and press Space or Enter again to drop (Escape cancels).',
                },
              }}
            >
              <SortableContext
                items={phases.map((p) => p.id)}
                strategy={verticalListSortingStrategy}
              >
                <ol className="ck-phase-rows" aria-label="Course phases, in order">
                  {phases.map((phase) => (
                    <CoursePhaseRow
                      key={phase.id}
                      phase={phase}
                      type={catalogue.data.find((t) => t.name === phase.phase)}
                      busy={change.pending}
                      configErrors={errorsFor(phase.id)}
                      onEnable={(enabled) =>
                        change.apply({
                          kind: 'update',
                          label: `${enabled ? 'show' : 'hide'} ${phase.title}`,
                          coursePhaseId: phase.id,
                          patch: { enabled },
                        })
                      }
                      onPin={(pin) =>
                        change.apply({
                          kind: 'update',
                          label: `${phase.title}: version ${pin}`,
                          coursePhaseId: phase.id,
                          patch: { pin },
                        })
                      }
                      onConfigure={(config) =>
                        change.apply({
                          kind: 'update',
                          label: `settings of ${phase.title}`,
                          coursePhaseId: phase.id,
                          patch: { config },
                        })
                      }
                    />
                  ))}
                </ol>
              </SortableContext>
            </DndContext>
          )}
          <AddPhaseForm
            catalogue={catalogue.data}
            busy={change.pending}
            errors={errorsFor(null)}
            onAdd={(phase) => change.apply({ kind: 'add', label: `add ${phase.title}`, phase })}
          />
        </div>
        <StudentPreview courseId={course.id} phases={phases} />
      </div>
    </section>
  );
}
