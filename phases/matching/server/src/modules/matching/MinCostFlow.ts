/**
 * Minimum-cost maximum flow by successive shortest paths: Dijkstra on reduced costs with Johnson
 * potentials (a first Bellman-Ford pass makes negative edge costs safe). Each round sends flow
 * along a cheapest path from source to sink until none is left, which yields a maximum flow of
 * minimum total cost. Everything is deterministic: edges are scanned in insertion order and ties
 * in the priority queue go to the lower node number, so the same network always gives the same
 * flow. A round costs O(E log V); there are at most as many rounds as units of flow.
 */

interface Edge {
  to: number;
  /** Id of the residual twin (`id ^ 1`). */
  twin: number;
  capacity: number;
  cost: number;
  flow: number;
}

export interface FlowResult {
  flow: number;
  cost: number;
}

type Entry = readonly [distance: number, node: number];
const before = (a: Entry, b: Entry) => a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);

/** A binary min-heap of [distance, node]: by distance, then by node number. */
class NodeQueue {
  private readonly heap: Entry[] = [];

  get size(): number {
    return this.heap.length;
  }

  push(entry: Entry): void {
    const heap = this.heap;
    heap.push(entry);
    for (let i = heap.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (!before(entry, heap[parent] as Entry)) break;
      heap[i] = heap[parent] as Entry;
      heap[parent] = entry;
      i = parent;
    }
  }

  pop(): Entry {
    const heap = this.heap;
    const top = heap[0] as Entry;
    const last = heap.pop() as Entry;
    if (heap.length === 0) return top;
    heap[0] = last;
    for (let i = 0; ; ) {
      let smallest = i;
      for (const child of [2 * i + 1, 2 * i + 2]) {
        if (child < heap.length && before(heap[child] as Entry, heap[smallest] as Entry)) {
          smallest = child;
        }
      }
      if (smallest === i) break;
      heap[i] = heap[smallest] as Entry;
      heap[smallest] = last;
      i = smallest;
    }
    return top;
  }
}

/**
 * @example
 * const net = new MinCostFlow(4);
 * net.addEdge(0, 1, 2, 1); net.addEdge(1, 3, 2, 1); net.addEdge(0, 2, 1, 5); net.addEdge(2, 3, 1, 0);
 * net.run(0, 3); // { flow: 3, cost: 9 }
 */
export class MinCostFlow {
  private readonly edges: Edge[] = [];
  private readonly adjacency: number[][];

  constructor(readonly nodeCount: number) {
    this.adjacency = Array.from({ length: nodeCount }, () => []);
  }

  /** Add an edge (and its residual twin); returns its id for `flowOn`. */
  addEdge(from: number, to: number, capacity: number, cost: number): number {
    if (!(from >= 0 && from < this.nodeCount && to >= 0 && to < this.nodeCount)) {
      throw new RangeError(`Bug: edge ${from} → ${to} is outside the ${this.nodeCount} nodes.`);
    }
    if (!Number.isInteger(capacity) || capacity < 0) {
      throw new RangeError(`Bug: a capacity must be a whole number ≥ 0 (got ${capacity}).`);
    }
    const id = this.edges.length;
    this.edges.push({ to, twin: id + 1, capacity, cost, flow: 0 });
    this.edges.push({ to: from, twin: id, capacity: 0, cost: -cost, flow: 0 });
    this.adjacency[from]?.push(id);
    this.adjacency[to]?.push(id + 1);
    return id;
  }

  /** The flow on an edge that `addEdge` returned, after `run`. */
  flowOn(edgeId: number): number {
    return this.edge(edgeId).flow;
  }

  /** Send as much flow as possible from `source` to `sink` at the least total cost. */
  run(source: number, sink: number): FlowResult {
    const potential = this.shortestDistances(source);
    const distance: number[] = new Array(this.nodeCount);
    const via: number[] = new Array(this.nodeCount);
    let flow = 0;
    let cost = 0;

    for (;;) {
      // Dijkstra on reduced costs (cost + potential[from] − potential[to] ≥ 0).
      distance.fill(Number.POSITIVE_INFINITY);
      via.fill(-1);
      distance[source] = 0;
      const queue = new NodeQueue();
      queue.push([0, source]);
      while (queue.size > 0) {
        const [d, node] = queue.pop();
        if (d > this.at(distance, node)) continue;
        for (const id of this.adjacency[node] ?? []) {
          const edge = this.edge(id);
          if (edge.flow >= edge.capacity) continue;
          const next = d + edge.cost + this.at(potential, node) - this.at(potential, edge.to);
          if (next < this.at(distance, edge.to)) {
            distance[edge.to] = next;
            via[edge.to] = id;
            queue.push([next, edge.to]);
          }
        }
      }
      if (!Number.isFinite(this.at(distance, sink))) break;
      for (let node = 0; node < this.nodeCount; node++) {
        const d = this.at(distance, node);
        if (Number.isFinite(d)) potential[node] = this.at(potential, node) + d;
      }

      // Push the path's bottleneck along it.
      let push = Number.POSITIVE_INFINITY;
      for (
        let node = sink;
        node !== source;
        node = this.edge(this.edge(this.at(via, node)).twin).to
      ) {
        const edge = this.edge(this.at(via, node));
        push = Math.min(push, edge.capacity - edge.flow);
      }
      for (
        let node = sink;
        node !== source;
        node = this.edge(this.edge(this.at(via, node)).twin).to
      ) {
        const edge = this.edge(this.at(via, node));
        edge.flow += push;
        this.edge(edge.twin).flow -= push;
        cost += push * edge.cost;
      }
      flow += push;
    }
    return { flow, cost };
  }

  /** Bellman-Ford distances from `source` (negative costs allowed, no negative cycles). */
  private shortestDistances(source: number): number[] {
    const distance: number[] = new Array(this.nodeCount).fill(Number.POSITIVE_INFINITY);
    distance[source] = 0;
    for (let round = 1; round < this.nodeCount; round++) {
      let changed = false;
      for (let node = 0; node < this.nodeCount; node++) {
        const d = this.at(distance, node);
        if (!Number.isFinite(d)) continue;
        for (const id of this.adjacency[node] ?? []) {
          const edge = this.edge(id);
          if (edge.flow < edge.capacity && d + edge.cost < this.at(distance, edge.to)) {
            distance[edge.to] = d + edge.cost;
            changed = true;
          }
        }
      }
      if (!changed) break;
    }
    // Nodes the source cannot reach stay unreachable, so their potential never matters.
    return distance.map((d) => (Number.isFinite(d) ? d : 0));
  }

  private edge(id: number): Edge {
    const edge = this.edges[id];
    if (!edge) throw new RangeError(`Bug: no edge ${id}.`);
    return edge;
  }

  private at(values: number[], node: number): number {
    return values[node] ?? Number.POSITIVE_INFINITY;
  }
}
