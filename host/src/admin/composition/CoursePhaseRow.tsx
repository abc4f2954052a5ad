/**
 * One course phase in the composition: a handle to reorder it (pointer or keyboard), whether
 * students get it, which version (latest or a pinned one, with each version's health at the
 * choice), why it is not available when it is not, and its settings.
 */

import type { CatalogueEntry, CompositionPhase, PhaseConfig } from '@coursekit/phase-sdk/contract';
import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { useState } from 'react';
import { HealthBadge } from '../catalogue/HealthBadge';
import { useShownChoice } from '../useShownChoice';
import { ConfigForm } from './ConfigForm';

const HEALTH_WORD = { ok: 'healthy', failing: 'failing', unknown: 'not probed' } as const;

export function CoursePhaseRow({
  phase,
  type,
  busy,
  configErrors,
  onEnable,
  onPin,
  onConfigure,
}: {
  phase: CompositionPhase;
  type: CatalogueEntry | undefined;
  busy: boolean;
  configErrors: Record<string, string>;
  onEnable: (enabled: boolean) => void;
  onPin: (pin: string) => void;
  onConfigure: (config: PhaseConfig) => void;
}) {
  const {
    attributes,
    listeners,
    setNodeRef,
    setActivatorNodeRef,
    transform,
    transition,
    isDragging,
  } = useSortable({ id: phase.id });
  const [configuring, setConfiguring] = useState(false);
  const [shownEnabled, chooseEnabled] = useShownChoice(phase.enabled, busy);
  const [shownPin, choosePin] = useShownChoice(phase.pin, busy);
  const versions = type?.versions ?? [];
  const resolved = versions.find((v) => v.version === phase.availability.version);
  const latest = versions.find((v) => v.status === 'active');
  const settingsId = `ck-settings-${phase.id}`;
  return (
    <li
      ref={setNodeRef}
      // Set through the DOM (CSSOM), which a strict CSP allows: only the drag offset.
      style={{ transform: CSS.Translate.toString(transform), transition }}
      className={`ck-card ck-phase-row${isDragging ? ' ck-dragging' : ''}`}
      aria-label={phase.title}
    >
      <div className="ck-phase-row-main">
        <button
          type="button"
          ref={setActivatorNodeRef}
          className="ck-drag-handle"
          aria-label={`Reorder ${phase.title}`}
          {...attributes}
          {...listeners}
        >
          <span aria-hidden="true">⠿</span>
        </button>
        <div className="ck-phase-row-title">
          <h3>{phase.title}</h3>
          <p className="ck-muted">
            {`${phase.phase} · ${phase.availability.version ? `version ${phase.availability.version}` : 'no version'}`}{' '}
            {resolved ? <HealthBadge health={resolved.health} /> : null}
          </p>
        </div>
      </div>
      {!phase.availability.available ? (
        <p className="ck-warning">{`Not available to students: ${phase.availability.reason}`}</p>
      ) : null}
      <div className="ck-phase-row-controls">
        <label className="ck-checkbox">
          <input
            type="checkbox"
            checked={shownEnabled}
            disabled={busy}
            onChange={(event) => {
              chooseEnabled(event.target.checked);
              onEnable(event.target.checked);
            }}
          />{' '}
          Shown to students
        </label>
        <label>
          Version{' '}
          <select
            value={shownPin}
            disabled={busy}
            onChange={(event) => {
              choosePin(event.target.value);
              onPin(event.target.value);
            }}
          >
            <option value="latest">
              {latest
                ? `Latest (now ${latest.version}, ${HEALTH_WORD[latest.health.status]})`
                : 'Latest (none available)'}
            </option>
            {versions.map((v) => (
              // A yanked version is never served; the registry refuses to pin it.
              <option key={v.id} value={v.version} disabled={v.status === 'yanked'}>
                {`${v.version} — ${v.status === 'active' ? HEALTH_WORD[v.health.status] : v.status}`}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="ck-secondary"
          aria-expanded={configuring}
          aria-controls={settingsId}
          onClick={() => setConfiguring(!configuring)}
        >
          {`Settings of ${phase.title}`}
        </button>
      </div>
      {configuring ? (
        <div id={settingsId}>
          <ConfigForm
            key={JSON.stringify(phase.config)}
            phaseTitle={phase.title}
            schema={resolved?.configSchema ?? null}
            config={phase.config}
            errors={configErrors}
            saving={busy}
            onSave={onConfigure}
          />
        </div>
      ) : null}
    </li>
  );
}
