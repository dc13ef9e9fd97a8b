import type { ScalarTag, Tags } from 'yaml';

const BOOL = 'tag:yaml.org,2002:bool';
const INT = 'tag:yaml.org,2002:int';
const FLOAT = 'tag:yaml.org,2002:float';

/**
 * YAML 1.1 types CloudFormation does not support: they stay plain strings, so `Version: 2012-10-17`
 * is the string IAM expects rather than a Date. Sexagesimal numbers (`12:30` → 750) go the same way.
 */
const UNSUPPORTED_TYPES = new Set([
  'tag:yaml.org,2002:timestamp',
  'tag:yaml.org,2002:binary',
  'tag:yaml.org,2002:omap',
  'tag:yaml.org,2002:pairs',
  'tag:yaml.org,2002:set',
  'tag:yaml.org,2002:merge',
]);

/**
 * Booleans as PyYAML (and so the AWS CLI, SAM CLI and cfn-lint) reads YAML 1.1: without the single
 * letters `y`/`n`, which the `yaml` package would otherwise turn a key like `n:` into `false`.
 */
const cfnTrue: ScalarTag = {
  identify: (value) => value === true,
  default: true,
  tag: BOOL,
  test: /^(?:[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/,
  resolve: () => true,
};

const cfnFalse: ScalarTag = {
  identify: (value) => value === false,
  default: true,
  tag: BOOL,
  test: /^(?:[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/,
  resolve: () => false,
};

/**
 * Decimal integers without a leading zero, as PyYAML: `012345678901` (an account id) stays a string
 * instead of silently losing its zero.
 */
const cfnDecimal: ScalarTag = {
  identify: (value) => typeof value === 'number' && Number.isInteger(value),
  default: true,
  tag: INT,
  test: /^[-+]?(?:0|[1-9][0-9_]*)$/,
  resolve: (source) => Number(source.replace(/_/g, '')),
};

type TagEntry = Exclude<Tags[number], string>;

function isTimeFormat(tag: TagEntry): boolean {
  return 'format' in tag && tag.format === 'TIME';
}

function isReplaced(tag: TagEntry): boolean {
  if (tag.tag === BOOL) return true;
  // The plain decimal int is the only int tag without a format (BIN, OCT, HEX, TIME have one).
  return tag.tag === INT && !('format' in tag && tag.format !== undefined);
}

/**
 * The YAML 1.1 tag set CloudFormation templates are written against, for the `customTags` option of
 * the `yaml` package with `schema: 'yaml-1.1'`.
 */
export function cloudFormationYamlTags(defaults: Tags): Tags {
  const kept = defaults.filter(
    (tag) =>
      typeof tag === 'string' || (!UNSUPPORTED_TYPES.has(tag.tag) && !isTimeFormat(tag) && !isReplaced(tag)),
  );
  // Order matters: the first matching test wins, so the replacements go before floats.
  const floatIndex = kept.findIndex((tag) => typeof tag !== 'string' && tag.tag === FLOAT);
  const at = floatIndex === -1 ? kept.length : floatIndex;
  return [...kept.slice(0, at), cfnTrue, cfnFalse, cfnDecimal, ...kept.slice(at)];
}
