// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub strings contain ${} on purpose.
import type { TemplateDocument } from '../../src/index.js';
import { applySamTransform, TemplateError } from '../../src/index.js';
import { FILE, parse } from './context.js';

const SAM_HEADER = 'Transform: AWS::Serverless-2016-10-31\n';

/** Parses a template body with the SAM transform declared, and applies it. */
export function transform(yaml: string): TemplateDocument {
  return applySamTransform(parse(SAM_HEADER + yaml), FILE);
}

/** The TemplateError the SAM transform throws for a template body. */
export function transformError(yaml: string): TemplateError {
  try {
    transform(yaml);
  } catch (error) {
    if (error instanceof TemplateError) return error;
    throw error;
  }
  throw new Error('expected applySamTransform to throw');
}

/** The ARN SAM gives an AWS managed policy, in the stack's partition. */
export const partitionArn = (path: string) => ({
  'Fn::Sub': `arn:\${AWS::Partition}:iam::aws:policy/${path}`,
});

/** The header every inline SAM template starts with. */
export { SAM_HEADER };
