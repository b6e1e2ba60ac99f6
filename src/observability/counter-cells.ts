import type { Registry } from 'prom-client';
import { Counter } from './prom.js';

/** One label combination of a counter; the hot path only adds to `count`. */
interface Cell {
  readonly labels: Readonly<Record<string, string>>;
  count: number;
  reported: number;
}

/** Beyond this many values of one label, new values are counted as `other`: a series per value must stay bounded. */
const MAX_VALUES_PER_LABEL = 32;
const OTHER = 'other';

/** A counter of up to three labels whose increment is a few map lookups and an addition. */
export interface CellCounter {
  inc(a: string, b?: string, c?: string): void;
}

/**
 * A Prometheus counter whose increments are plain additions on pre-bound cells (nested maps by label value);
 * prom-client only learns the totals when scraped. prom-client's own `inc(labels)` hashes the label object on
 * every call, which is too much for the `/quota` hot path.
 */
export function cellCounter(registry: Registry, name: string, help: string, labelNames: readonly string[]) {
  const cells: Cell[] = [];
  const root = new Map<string, unknown>();
  const depth = labelNames.length;

  new Counter({
    name,
    help,
    labelNames: [...labelNames],
    registers: [registry],
    collect() {
      for (const cell of cells) {
        if (cell.count === cell.reported) continue;
        this.inc(cell.labels, cell.count - cell.reported);
        cell.reported = cell.count;
      }
    },
  });

  function create(values: readonly string[]): Cell {
    const labels: Record<string, string> = {};
    labelNames.forEach((label, i) => {
      labels[label] = values[i] ?? '';
    });
    const cell: Cell = { labels: Object.freeze(labels), count: 0, reported: 0 };
    cells.push(cell);
    return cell;
  }

  /** Walks (and grows) the nested maps to the cell of these values; a full level sends new values to `other`. */
  function cellFor(values: readonly string[]): Cell {
    let level = root;
    const used: string[] = [];
    for (let i = 0; i < depth; i++) {
      let value = values[i] ?? '';
      if (!level.has(value) && level.size >= MAX_VALUES_PER_LABEL) value = OTHER;
      used.push(value);
      const last = i === depth - 1;
      let next = level.get(value);
      if (next === undefined) {
        next = last ? create(used) : new Map<string, unknown>();
        level.set(value, next);
      }
      if (last) return next as Cell;
      level = next as Map<string, unknown>;
    }
    throw new Error(`${name} has no labels`);
  }

  const counter: CellCounter = {
    inc(a, b = '', c = '') {
      // The common case (a cell seen before) allocates nothing: three map reads and an addition.
      const first = root.get(a);
      if (depth === 1 && first !== undefined) {
        (first as Cell).count += 1;
        return;
      }
      const second = first instanceof Map ? first.get(b) : undefined;
      if (depth === 2 && second !== undefined) {
        (second as Cell).count += 1;
        return;
      }
      const third = second instanceof Map ? second.get(c) : undefined;
      if (depth === 3 && third !== undefined) {
        (third as Cell).count += 1;
        return;
      }
      cellFor([a, b, c]).count += 1;
    },
  };
  return counter;
}
