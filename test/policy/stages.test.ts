import { SourcedManifest } from '../../src/model/model';
import { Stage, annotatedStage, parseStage, parseStageMapping, stageForPath, withObjectStages } from '../../src/policy/stages';

const withStage = (value: unknown) => ({ metadata: { annotations: { 'cdk8s-expose/stage': value } } });

describe('stages', () => {
  test('parseStage says where a bad stage came from', () => {
    expect(parseStage('staging', 'x')).toBe(Stage.STAGING);
    expect(() => parseStage('live', '--stage')).toThrow('--stage is "live"; it must be one of development, staging, production');
  });

  test('annotatedStage reads cdk8s-expose/stage; a bad value is a problem, not a stage', () => {
    expect(annotatedStage(withStage('production'))).toEqual({ stage: Stage.PRODUCTION });
    expect(annotatedStage({ metadata: {} })).toEqual({});
    expect(annotatedStage(withStage('prod'))).toEqual({ problem: 'the annotation cdk8s-expose/stage is "prod"; it must be one of development, staging, production (the object is judged at the default stage)' });
  });

  test('stage mappings: * within a folder, ** across folders, ? one character, first match wins', () => {
    const mappings = ['dist/prod*.yaml=production', 'dist/**/dev-?.yaml=development', 'dist/**=staging'].map(t => parseStageMapping(t, '--stage-for'));
    expect(stageForPath(mappings, 'dist/prod.k8s.yaml')).toBe(Stage.PRODUCTION);
    expect(stageForPath(mappings, './dist/prod-eu.yaml')).toBe(Stage.PRODUCTION);
    expect(stageForPath(mappings, 'dist/sub/prod.yaml')).toBe(Stage.STAGING);
    expect(stageForPath(mappings, 'dist/dev-a.yaml')).toBe(Stage.DEVELOPMENT);
    expect(stageForPath(mappings, 'dist\\a\\b\\dev-b.yaml')).toBe(Stage.DEVELOPMENT);
    expect(stageForPath(mappings, 'other/prod.yaml')).toBeUndefined();
    expect(stageForPath([parseStageMapping('a+b.(x).yaml=staging', 's')], 'a+b.(x).yaml')).toBe(Stage.STAGING);
  });

  test('a bad mapping says what it should look like', () => {
    expect(() => parseStageMapping('dist/prod.yaml', '--stage-for')).toThrow('--stage-for "dist/prod.yaml" must be PATTERN=STAGE, such as \'dist/prod*.yaml=production\'');
    expect(() => parseStageMapping('dist/prod.yaml=prod', '--stage-for')).toThrow('--stage-for "dist/prod.yaml=prod": the stage is "prod"; it must be one of development, staging, production');
  });

  test('withObjectStages: the annotation wins over the mapping; a bad annotation is an input problem', () => {
    const mappings = [parseStageMapping('prod.yaml=production', 's')];
    const sourced = (manifest: any, file: string): SourcedManifest => ({ manifest, origin: { file, documentIndex: 0 } });
    const problems: string[] = [];
    const out = withObjectStages([
      sourced(withStage('development'), 'prod.yaml'),
      sourced({ metadata: {} }, 'prod.yaml'),
      sourced({ metadata: {} }, 'other.yaml'),
      sourced(withStage(42), 'other.yaml'),
    ], mappings, problems);
    expect(out.map(s => s.origin.stage)).toEqual(['development', 'production', undefined, undefined]);
    expect(problems).toEqual(['other.yaml document 1: the annotation cdk8s-expose/stage is 42; it must be one of development, staging, production (the object is judged at the default stage)']);
  });
});
