import { BLOCK_KIT_LIMITS } from './limits.js';

/** Lines packed into section texts, and how many of the lines fitted. */
export interface PackedLines {
  readonly sections: string[];
  readonly shown: number;
}

/**
 * Packs lines, in order, into section texts of at most 3000 characters, stopping when `maxSections` or the text
 * `budget` would be exceeded. A line longer than a section on its own is skipped (callers cap their lines).
 */
export function packLines(lines: readonly string[], budget: number, maxSections: number): PackedLines {
  const sections: string[] = [];
  let current = '';
  let left = budget;
  let shown = 0;
  for (const line of lines) {
    const added = current === '' ? line.length : line.length + 1;
    if (added > left || line.length > BLOCK_KIT_LIMITS.sectionText) break;
    if (current !== '' && current.length + added > BLOCK_KIT_LIMITS.sectionText) {
      if (sections.length + 1 >= maxSections) break;
      sections.push(current);
      current = line;
      left -= line.length;
    } else {
      current = current === '' ? line : `${current}\n${line}`;
      left -= added;
    }
    shown += 1;
  }
  if (current !== '') sections.push(current);
  return { sections, shown };
}
