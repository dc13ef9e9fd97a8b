import type { TemplateValue } from '../types.js';
import type { Scope } from './scope.js';
import { argumentList, asString } from './values.js';

/**
 * `Fn::Cidr`: `[ipBlock, count, cidrBits]` → `count` consecutive IPv4 subnets of `/ (32 - cidrBits)`
 * carved from the start of `ipBlock`. IPv6 blocks are not supported.
 */
export function cidr(arg: TemplateValue, scope: Scope): string[] {
  const [blockArg, countArg, bitsArg] = argumentList(
    arg,
    scope,
    'Fn::Cidr',
    '[ipBlock, count, cidrBits]',
    [3],
  ) as [TemplateValue, TemplateValue, TemplateValue];
  const block = asString(scope.resolve(blockArg), scope, 'the Fn::Cidr ipBlock');
  const count = Number(asString(scope.resolve(countArg), scope, 'the Fn::Cidr count'));
  const bits = Number(asString(scope.resolve(bitsArg), scope, 'the Fn::Cidr cidrBits'));
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(block.trim());
  const octets = match?.slice(1, 5).map(Number) ?? [];
  const prefix = Number(match?.[5]);
  if (match === null || octets.some((octet) => octet > 255) || prefix > 32) {
    return scope.fail('INVALID_INTRINSIC', `Fn::Cidr supports IPv4 blocks like 10.0.0.0/16, got '${block}'`);
  }
  const subnetPrefix = 32 - bits;
  if (!Number.isInteger(bits) || bits < 0 || subnetPrefix < prefix) {
    return scope.fail('INVALID_INTRINSIC', `Fn::Cidr cidrBits ${bits} does not fit in ${block}`);
  }
  const available = 2 ** (subnetPrefix - prefix);
  if (!Number.isInteger(count) || count < 1 || count > 256 || count > available) {
    return scope.fail(
      'INVALID_INTRINSIC',
      `Fn::Cidr count must be 1 to ${Math.min(256, available)}, got ${count}`,
    );
  }
  const base = octets.reduce((address, octet) => address * 256 + octet, 0);
  const size = 2 ** bits;
  const network = base - (base % 2 ** (32 - prefix));
  return Array.from(
    { length: count },
    (_, index) => `${formatAddress(network + index * size)}/${subnetPrefix}`,
  );
}

function formatAddress(address: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(address / 2 ** shift) % 256).join('.');
}
