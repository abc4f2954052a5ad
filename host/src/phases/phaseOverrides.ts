/**
 * A developer's phase overrides in the host, in plain TypeScript: the query of the sign-in's
 * overrides, and setting or clearing one. Both refresh every resolve answer before they return, so
 * that the navigation that follows opens the build the registry now resolves for this sign-in
 * (the registry decides who may override what; the host only asks and shows the answer).
 */
import type { CoreClient } from '@coursekit/phase-sdk/client';
import {
  PHASE_OVERRIDE_PARAM,
  type PhaseOverride,
  parsePhaseOverride,
} from '@coursekit/phase-sdk/contract';
import { type QueryClient, queryOptions } from '@tanstack/react-query';

export const phaseOverridesQueryKey = ['phase-overrides'] as const;

export function phaseOverridesQuery(core: CoreClient) {
  return queryOptions<PhaseOverride[]>({
    queryKey: phaseOverridesQueryKey,
    queryFn: () => core.phaseOverrides(),
  });
}

interface Services {
  core: CoreClient;
  queryClient: QueryClient;
}

async function refresh({ queryClient }: Services): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: phaseOverridesQueryKey }),
    queryClient.invalidateQueries({ queryKey: ['courses'] }),
  ]);
}

/**
 * Ask the registry to load the phase named in a `?phase-override=` value from its build; throws
 * the registry's refusal (or a usage error for a malformed value).
 *
 * @example
 * await setPhaseOverride(services, 'intro-course@http://localhost:4101/phase.json');
 */
export async function setPhaseOverride(services: Services, value: string): Promise<PhaseOverride> {
  const parsed = parsePhaseOverride(value);
  if (!parsed) {
    throw new Error(
      `"${value}" is no phase override: use ?${PHASE_OVERRIDE_PARAM}=<phase>@<URL of its phase.json>, e.g. ?${PHASE_OVERRIDE_PARAM}=intro-course@http://localhost:4101/phase.json.`,
    );
  }
  const override = await services.core.setPhaseOverride(parsed.phase, parsed.descriptorUrl);
  await refresh(services);
  return override;
}

/** Load the registered version of `phase` again. */
export async function clearPhaseOverride(services: Services, phase: string): Promise<void> {
  await services.core.clearPhaseOverride(phase);
  await refresh(services);
}
