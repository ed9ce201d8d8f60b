import { STAGE_ANNOTATION } from '../annotations';
import { inputError } from '../errors';
import type { SourcedManifest } from '../model/model';

/**
 * A deployment stage. The stage decides which findings are errors: production refuses what
 * development allows.
 */
export enum Stage {
  /** Laptops and development clusters. */
  DEVELOPMENT = 'development',
  /** Pre-production: production's rules, with the production-only refusals as warnings. */
  STAGING = 'staging',
  /** Production. */
  PRODUCTION = 'production',
}

const STAGES = Object.values(Stage) as string[];

/** Reads a stage from text, with an error that says where it came from. */
export function parseStage(value: unknown, source: string): Stage {
  if (typeof value !== 'string' || !STAGES.includes(value)) {
    throw inputError(`${source} is ${JSON.stringify(value)}; it must be one of ${STAGES.join(', ')}`);
  }
  return value as Stage;
}


/**
 * The stage an object's own annotation `cdk8s-expose/stage` declares, if any. A value that is
 * not a stage is a problem (returned as a sentence) and declares nothing.
 */
export function annotatedStage(manifest: any): { stage?: Stage; problem?: string } {
  const annotation = STAGE_ANNOTATION;
  const value = manifest?.metadata?.annotations?.[annotation];
  if (value === undefined) return {};
  if (typeof value === 'string' && STAGES.includes(value)) return { stage: value as Stage };
  return { problem: `the annotation ${annotation} is ${JSON.stringify(value)}; it must be one of ${STAGES.join(', ')} (the object is judged at the default stage)` };
}

/** One `--stage-for 'PATTERN=STAGE'` mapping: files whose path matches the glob are judged at the stage. */
export interface StageMapping {
  readonly pattern: string;
  readonly stage: Stage;
  readonly regex: RegExp;
}

/**
 * Reads `PATTERN=STAGE` (`dist/prod*.yaml=production`). In the pattern `*` matches within one
 * folder, `**` across folders and `?` one character; it is matched against the whole path as
 * given on the command line, with `/` as the separator.
 */
export function parseStageMapping(text: string, source: string): StageMapping {
  const eq = text.lastIndexOf('=');
  if (eq <= 0 || eq === text.length - 1) {
    throw inputError(`${source} ${JSON.stringify(text)} must be PATTERN=STAGE, such as 'dist/prod*.yaml=production'`);
  }
  const pattern = text.slice(0, eq);
  const stage = parseStage(text.slice(eq + 1), `${source} ${JSON.stringify(text)}: the stage`);
  let regex = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*' && pattern[i + 1] === '*') {
      i++;
      if (pattern[i + 1] === '/') {
        regex += '(?:.*/)?';
        i++;
      } else {
        regex += '.*';
      }
    } else if (c === '*') {
      regex += '[^/]*';
    } else if (c === '?') {
      regex += '[^/]';
    } else {
      regex += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
  }
  return { pattern, stage, regex: new RegExp(`^(\\./)?${regex}$`) };
}

/** The stage of the first mapping whose pattern matches the file's path. */
export function stageForPath(mappings: StageMapping[], file: string): Stage | undefined {
  const normalized = file.replace(/\\/g, '/');
  return mappings.find(m => m.regex.test(normalized))?.stage;
}

/**
 * Each object's own stage: its annotation `cdk8s-expose/stage`, else the first mapping that
 * matches its file; objects with neither are judged at the command's stage. A bad annotation is
 * an input problem.
 */
export function withObjectStages(manifests: SourcedManifest[], mappings: StageMapping[], problems: string[]): SourcedManifest[] {
  return manifests.map(sourced => {
    const { stage, problem } = annotatedStage(sourced.manifest);
    if (problem !== undefined) {
      problems.push(`${sourced.origin.file ?? '(input)'}${sourced.origin.documentIndex !== undefined ? ` document ${sourced.origin.documentIndex + 1}` : ''}: ${problem}`);
    }
    const own = stage ?? (sourced.origin.file !== undefined ? stageForPath(mappings, sourced.origin.file) : undefined);
    return own === undefined ? sourced : { manifest: sourced.manifest, origin: { ...sourced.origin, stage: own } };
  });
}
