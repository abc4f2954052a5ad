/**
 * Just enough of kustomize to test our manifests without a cluster or the kustomize binary:
 * follows `resources` (files and folders with a kustomization.yaml) and returns every object,
 * with the overlay's `images` tags applied. Anything else in a kustomization.yaml is refused, so a
 * feature the tests cannot see is never used by accident.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  [key: string]: unknown;
  /** The file it came from, for messages. */
  source: string;
}

const SUPPORTED = new Set(['apiVersion', 'kind', 'resources', 'images', 'labels']);

export function readYamlFile(file: string): unknown[] {
  return parseAllDocuments(readFileSync(file, 'utf8')).map((doc) => {
    if (doc.errors.length) throw new Error(`${file}: ${doc.errors[0]?.message}`);
    return doc.toJS();
  });
}

/** Every object that `kustomize build dir` would emit (for the features we use). */
export function build(dir: string): K8sObject[] {
  const file = join(dir, 'kustomization.yaml');
  const [kustomization] = readYamlFile(file) as [Record<string, unknown>];
  for (const key of Object.keys(kustomization))
    if (!SUPPORTED.has(key)) throw new Error(`${file}: "${key}" is not understood by the tests`);
  const objects: K8sObject[] = [];
  for (const resource of (kustomization.resources as string[] | undefined) ?? []) {
    const path = resolve(dir, resource);
    if (!existsSync(path)) throw new Error(`${file}: resource ${resource} does not exist`);
    if (statSync(path).isDirectory()) objects.push(...build(path));
    else
      for (const doc of readYamlFile(path))
        if (doc) objects.push({ ...(doc as K8sObject), source: path });
  }
  const images = (kustomization.images as { name: string; newTag?: string }[] | undefined) ?? [];
  for (const object of objects) {
    for (const container of containersOf(object)) {
      const [name] = container.image.split(':');
      const override = images.find((image) => image.name === name);
      if (override?.newTag) container.image = `${name}:${override.newTag}`;
    }
  }
  return objects;
}

export interface Container {
  name: string;
  image: string;
  env?: {
    name: string;
    value?: string;
    valueFrom?: {
      secretKeyRef?: { name: string; key: string };
      configMapKeyRef?: { name: string; key: string };
    };
  }[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  ports?: { name?: string; containerPort: number }[];
  readinessProbe?: { httpGet?: { path: string; port: string | number } };
  livenessProbe?: { httpGet?: { path: string; port: string | number } };
  resources?: { requests?: Record<string, string> };
}

export interface PodTemplate {
  metadata: { labels: Record<string, string> };
  spec: { containers: Container[]; volumes?: { configMap?: { name: string } }[] };
}

export function podTemplateOf(object: K8sObject): PodTemplate | undefined {
  if (object.kind !== 'Deployment' && object.kind !== 'StatefulSet') return undefined;
  return (object.spec as { template: PodTemplate }).template;
}

export function containersOf(object: K8sObject): Container[] {
  return podTemplateOf(object)?.spec.containers ?? [];
}

export const DEPLOY_DIR = resolve(dirname(new URL(import.meta.url).pathname), '../..');
