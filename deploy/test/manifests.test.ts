/**
 * The Kubernetes manifests and the Compose file, checked without a cluster or a Docker engine:
 * every object validated against the Kubernetes OpenAPI schemas (`kubernetes-models`), and the
 * references between objects that a schema cannot see (selectors, Services, ConfigMap and Secret
 * keys, probes) checked by hand, for each overlay.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as apps from 'kubernetes-models/apps/v1';
import * as networking from 'kubernetes-models/networking.k8s.io/v1';
import * as policy from 'kubernetes-models/policy/v1';
import * as core from 'kubernetes-models/v1';
import { describe, expect, it } from 'vitest';
import {
  build,
  containersOf,
  DEPLOY_DIR,
  type K8sObject,
  podTemplateOf,
  readYamlFile,
} from './support/kustomize.js';

type Validatable = new (data: object) => { validate(): void };
const MODELS: Record<string, Validatable> = {
  'apps/v1/Deployment': apps.Deployment,
  'apps/v1/StatefulSet': apps.StatefulSet,
  'v1/Service': core.Service,
  'v1/ConfigMap': core.ConfigMap,
  'v1/Secret': core.Secret,
  'networking.k8s.io/v1/Ingress': networking.Ingress,
  'policy/v1/PodDisruptionBudget': policy.PodDisruptionBudget,
};

const OVERLAYS = ['production', 'dev'];

const matches = (selector: Record<string, string>, labels: Record<string, string>) =>
  Object.entries(selector).every(([key, value]) => labels[key] === value);

describe.each(OVERLAYS)('Kubernetes overlay %s', (overlay) => {
  const objects = build(join(DEPLOY_DIR, 'k8s/overlays', overlay));
  const named = (kind: string, name: string) =>
    objects.find((o) => o.kind === kind && o.metadata.name === name);
  const workloads = objects.filter((o) => podTemplateOf(o));

  it('holds only objects that validate against the Kubernetes schemas', () => {
    expect(objects.length).toBeGreaterThan(5);
    for (const object of objects) {
      const Model = MODELS[`${object.apiVersion}/${object.kind}`];
      if (!Model)
        throw new Error(`${object.source}: no schema for ${object.apiVersion} ${object.kind}`);
      const { source: _source, ...data } = object;
      expect(
        () => new Model(data).validate(),
        `${object.kind} ${object.metadata.name}`,
      ).not.toThrow();
    }
    const keys = objects.map((o) => `${o.kind}/${o.metadata.name}`);
    expect(new Set(keys).size, 'no object twice').toBe(keys.length);
  });

  it('runs the registry as 2+ replicas with probes, resources, a PDB and a Service', () => {
    const registry = named('Deployment', 'coursekit-registry') as K8sObject & {
      spec: { replicas: number };
    };
    expect(registry.spec.replicas).toBeGreaterThanOrEqual(2);
    const [container] = containersOf(registry);
    expect(container?.readinessProbe?.httpGet?.path).toBe('/readyz');
    expect(container?.livenessProbe?.httpGet?.path).toBe('/healthz');
    const pdb = objects.find(
      (o) => o.kind === 'PodDisruptionBudget' && o.metadata.name === 'coursekit-registry',
    );
    expect(pdb).toBeDefined();
  });

  it('gives every container probes, resource requests and a non-root user', () => {
    for (const workload of workloads) {
      const spec = podTemplateOf(workload)?.spec as {
        securityContext?: { runAsNonRoot?: boolean };
      };
      for (const container of containersOf(workload)) {
        expect(container.resources?.requests, `${workload.metadata.name} requests`).toBeDefined();
        if (workload.metadata.name === 'postgres') continue; // the database image runs as its own user
        expect(spec.securityContext?.runAsNonRoot, workload.metadata.name).toBe(true);
        expect(container.readinessProbe?.httpGet?.path, workload.metadata.name).toBe('/readyz');
        expect(container.livenessProbe?.httpGet?.path, workload.metadata.name).toBe('/healthz');
      }
    }
  });

  it('selects its own pods everywhere: Deployments, Services and PDBs', () => {
    for (const object of objects) {
      const spec = object.spec as { selector?: unknown } | undefined;
      if (!spec?.selector) continue;
      const selector =
        object.kind === 'Service'
          ? (spec.selector as Record<string, string>)
          : (spec.selector as { matchLabels: Record<string, string> }).matchLabels;
      const selected = workloads.filter((w) =>
        matches(selector, podTemplateOf(w)?.metadata.labels ?? {}),
      );
      expect(
        selected.map((w) => w.metadata.name),
        `${object.kind} ${object.metadata.name}`,
      ).toHaveLength(1);
    }
  });

  it('refers only to Services, ports, ConfigMap keys and Secret keys that exist', () => {
    const dataOf = (kind: string, name: string) => {
      const object = named(kind, name) as
        | (K8sObject & { data?: object; stringData?: object })
        | undefined;
      if (!object) throw new Error(`${kind} ${name} is referenced but not defined`);
      return { ...object.data, ...object.stringData } as Record<string, string>;
    };
    for (const workload of workloads) {
      for (const container of containersOf(workload)) {
        for (const source of container.envFrom ?? []) {
          if (source.configMapRef) dataOf('ConfigMap', source.configMapRef.name);
          if (source.secretRef) dataOf('Secret', source.secretRef.name);
        }
        for (const variable of container.env ?? []) {
          const secret = variable.valueFrom?.secretKeyRef;
          if (secret) expect(dataOf('Secret', secret.name)).toHaveProperty(secret.key);
          const config = variable.valueFrom?.configMapKeyRef;
          if (config) expect(dataOf('ConfigMap', config.name)).toHaveProperty(config.key);
        }
      }
      for (const volume of podTemplateOf(workload)?.spec.volumes ?? [])
        if (volume.configMap) dataOf('ConfigMap', volume.configMap.name);
    }
    const ingress = named('Ingress', 'coursekit') as K8sObject & {
      spec: {
        rules: {
          http: { paths: { backend: { service: { name: string; port: { name: string } } } }[] };
        }[];
      };
    };
    for (const rule of ingress.spec.rules)
      for (const { backend } of rule.http.paths) {
        const service = named('Service', backend.service.name) as K8sObject & {
          spec: { ports: { name: string }[] };
        };
        expect(service, backend.service.name).toBeDefined();
        expect(service.spec.ports.map((p) => p.name)).toContain(backend.service.port.name);
      }
    // Every database URL names the `postgres` Service the overlay provides.
    expect(named('Service', 'postgres')).toBeDefined();
  });
});

describe('Compose', () => {
  const [compose] = readYamlFile(join(DEPLOY_DIR, 'compose/compose.yaml')) as [
    {
      services: Record<
        string,
        {
          depends_on?: Record<string, { condition: string }>;
          healthcheck?: { test: string[] };
          environment?: Record<string, string>;
        }
      >;
    },
  ];
  const example = readFileSync(join(DEPLOY_DIR, 'compose/.env.example'), 'utf8');

  it('starts each service only when what it depends on is healthy', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      for (const [dependency, { condition }] of Object.entries(service.depends_on ?? {})) {
        expect(condition, `${name} → ${dependency}`).toBe('service_healthy');
        expect(
          compose.services[dependency]?.healthcheck,
          `${dependency} has a health check`,
        ).toBeDefined();
      }
    }
    expect(Object.keys(compose.services).sort()).toEqual([
      'matching',
      'nginx',
      'postgres',
      'registry',
    ]);
  });

  it('documents every variable it reads in .env.example', () => {
    const text = readFileSync(join(DEPLOY_DIR, 'compose/compose.yaml'), 'utf8');
    const used = new Set([...text.matchAll(/\$\{([A-Z_]+)/g)].map((m) => m[1]));
    for (const variable of used)
      expect(example, variable).toMatch(new RegExp(`^${variable}=`, 'm'));
  });
});

describe('Grafana dashboard', () => {
  const dashboard = JSON.parse(
    readFileSync(join(DEPLOY_DIR, 'grafana/coursekit-dashboard.json'), 'utf8'),
  ) as { panels: { title: string; targets: { expr: string }[] }[] };
  // The registry's own series, and those every Coursekit server exports (the SDK's server kit).
  const metricsSource = [
    '../registry/src/observability/registryMetrics.ts',
    '../phase-sdk/src/server/observability/metricsPlugin.ts',
  ]
    .map((path) => readFileSync(join(DEPLOY_DIR, path), 'utf8'))
    .join('\n');

  it('charts only metrics the registry exports', () => {
    const exported = new Set(
      [...metricsSource.matchAll(/name: '(coursekit_[a-z_]+)'/g)].map((m) => m[1]),
    );
    expect(exported.size).toBeGreaterThan(3);
    for (const panel of dashboard.panels)
      for (const { expr } of panel.targets)
        for (const [name] of expr.matchAll(/coursekit_[a-z_]+/g)) {
          const base = name.replace(/_(bucket|count|sum)$/, '');
          expect(exported, `${panel.title}: ${name}`).toContain(base);
        }
  });
});
