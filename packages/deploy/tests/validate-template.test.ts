import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FindingCode, formatFinding, validateTemplate } from '../src/index.js';

const fixture = (name: string): string =>
  fileURLToPath(new URL(`./fixtures/validate/${name}`, import.meta.url));

describe('validateTemplate', () => {
  it('passes a SAM template that follows every rule, Globals and parameter defaults included', async () => {
    // Prepare
    const file = fixture('valid.yaml');

    // Act
    const findings = await validateTemplate(file);

    // Assess
    expect(findings.map(formatFinding)).toEqual([]);
  });

  it.each([
    ['unknown-type.yaml', FindingCode.UNKNOWN_RESOURCE_TYPE, 'Jobs', 'Type', 'did you mean AWS::SQS::Queue?'],
    [
      'unknown-property.yaml',
      FindingCode.UNKNOWN_PROPERTY,
      'Jobs',
      'Properties.VisiblityTimeout',
      'did you mean VisibilityTimeout?',
    ],
    [
      'unknown-nested-property.yaml',
      FindingCode.UNKNOWN_PROPERTY,
      'Worker',
      'Properties.Events.Queue.Properties.BatchSzie',
      'did you mean BatchSize?',
    ],
    [
      'missing-property.yaml',
      FindingCode.MISSING_PROPERTY,
      'AllowApi',
      'Properties.Principal',
      'requires Principal',
    ],
    [
      'wrong-type.yaml',
      FindingCode.WRONG_TYPE,
      'Jobs',
      'Properties.DelaySeconds',
      'expects an integer, got a list',
    ],
    [
      'no-timeout.yaml',
      FindingCode.TIMEOUT_NOT_EXPLICIT,
      'Worker',
      'Properties.Timeout',
      'no explicit Timeout',
    ],
    [
      'queue-visibility.yaml',
      FindingCode.QUEUE_VISIBILITY_TOO_SHORT,
      'Jobs',
      'Properties.VisibilityTimeout',
      'at least 180 s',
    ],
    [
      'api-timeout.yaml',
      FindingCode.API_TIMEOUT_TOO_LONG,
      'Report',
      'Properties.Timeout',
      'answers 504 after 29 s',
    ],
    [
      'vpc-unbounded.yaml',
      FindingCode.VPC_CONCURRENCY_UNBOUNDED,
      'Query',
      'Properties.ReservedConcurrentExecutions',
      'run out of network interfaces',
    ],
    [
      'vpc-budget.yaml',
      FindingCode.VPC_ENI_BUDGET_EXCEEDED,
      'Write',
      'Properties.ReservedConcurrentExecutions',
      '300 executions at once, over the network-interface budget of 250',
    ],
    [
      'deprecated-runtime.yaml',
      FindingCode.RUNTIME_DEPRECATED,
      'Old',
      'Properties.Runtime',
      'nodejs20.x is deprecated',
    ],
    [
      'listener-loop/template.yaml',
      FindingCode.LISTENER_LOOP,
      'ItemCreatedListener',
      'Properties.Event',
      'its function OnItem posts itemCreated',
    ],
  ])('reports %s as %s, naming the resource and property', async (name, code, resource, property, says) => {
    // Prepare
    const file = fixture(name);

    // Act
    const findings = await validateTemplate(file, { displayName: name });

    // Assess
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ code, file: name, resource, property });
    expect(formatFinding(findings[0]!)).toContain(says);
    expect(formatFinding(findings[0]!)).toMatch(new RegExp(`^${name}: resource ${resource}, property `));
  });

  it('judges SAM required properties after merging Globals, and a type mismatch inside Globals', async () => {
    // Prepare
    const file = fixture('vpc-budget.yaml');

    // Act
    const findings = await validateTemplate(file, { vpcConcurrencyBudget: 300 });

    // Assess
    expect(findings).toEqual([]);
  });

  it('knows SAM event and destination properties the SAM specification lags behind, and still catches a misspelling', async () => {
    // Prepare
    const file = fixture('sam-newer-properties.yaml');

    // Act
    const findings = await validateTemplate(file);

    // Assess
    expect(findings.map((finding) => [finding.code, finding.property])).toEqual([
      [FindingCode.UNKNOWN_PROPERTY, 'Properties.Events.Feed.Properties.FunctionResponseType'],
    ]);
  });

  it('reports an unreadable template as one finding instead of throwing', async () => {
    // Prepare
    const file = fixture('does-not-exist.yaml');

    // Act
    const findings = await validateTemplate(file, { displayName: 'does-not-exist.yaml' });

    // Assess
    expect(findings).toMatchObject([{ code: FindingCode.TEMPLATE_MALFORMED, file: 'does-not-exist.yaml' }]);
  });
});

describe('the listener loop check', () => {
  it('reads code, not comments: a posted event shown in a TSDoc example or a comment is no loop', async () => {
    const findings = await validateTemplate(fixture('listener-documented/template.yaml'), {
      displayName: 'listener-documented/template.yaml',
    });
    expect(findings.filter((finding) => finding.code === FindingCode.LISTENER_LOOP)).toEqual([]);
  });
});
