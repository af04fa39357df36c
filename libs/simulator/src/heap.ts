/** Binary min-heap on (key, seq): seq breaks ties so the order is deterministic. */
interface Node<T> {
  key: number;
  seq: number;
  item: T;
}

export class MinHeap<T> {
  private readonly nodes: Node<T>[] = [];
  private seq = 0;

  get size(): number {
    return this.nodes.length;
  }

  peekKey(): number | undefined {
    return this.nodes[0]?.key;
  }

  push(key: number, item: T): void {
    const node: Node<T> = { key, seq: this.seq++, item };
    const nodes = this.nodes;
    let i = nodes.length;
    nodes.push(node);
    while (i > 0) {
      const p = (i - 1) >> 1;
      const parent = nodes[p]!;
      if (parent.key < key || (parent.key === key && parent.seq < node.seq)) break;
      nodes[i] = parent;
      i = p;
    }
    nodes[i] = node;
  }

  pop(): T | undefined {
    const nodes = this.nodes;
    const n = nodes.length;
    if (n === 0) return undefined;
    const top = nodes[0]!;
    const last = nodes.pop()!;
    const m = n - 1;
    if (m > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= m) break;
        const r = l + 1;
        let c = l;
        if (r < m && lessNode(nodes[r]!, nodes[l]!)) c = r;
        if (!lessNode(nodes[c]!, last)) break;
        nodes[i] = nodes[c]!;
        i = c;
      }
      nodes[i] = last;
    }
    return top.item;
  }
}

function lessNode<T>(a: Node<T>, b: Node<T>): boolean {
  return a.key < b.key || (a.key === b.key && a.seq < b.seq);
}
